// The money words a topic lends to a base's own financial context (lexicon/topics.yaml `semantic:
// money`, src/engine/topics.ts): generated from WordNet and the Ding dictionary
// (scripts/semantic/topic-words.ts), read as written and at the end of a German compound, never by
// stem or at a compound's start. Through the real engine, on a small catalogue made here; the files
// are regenerated and compared.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DE_MONEY_FILE, EN_MONEY_FILE, generateMoneyWords } from '../scripts/semantic/topic-words.js';
import { createEngine } from '../src/engine/engine.js';
import { lentWords, parseTopics, semanticWords, topics, withTopicTerms } from '../src/engine/topics.js';
import { LexiconError } from '../src/errors.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';
import { DING_PATH, describeNeeding } from './helpers/services.js';

const kb = kbFromFiles({
  'organization.yaml': ORG_EN,
  // An own context with the few synonyms an author writes; none of the words asked below.
  'contexts.yaml': `- id: financial_data
  label: { de: Finanzdaten, en: financial data }
  synonyms: { de: [iban, kontodaten], en: [iban, bank details] }
- id: recipes
  label: { de: Rezepte, en: recipes }
  synonyms: { de: [rezept], en: [recipe] }
`,
  'tools/polly.yaml': toolYaml('Polly', 'restricted', 'category: survey\nrestrictions:\n  - id: r\n    text: { de: Keine Finanzdaten., en: No financial data. }\n    forbidden_contexts: [financial_data]\n'),
});
const engine = createEngine(kb);
const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

describe('money words lent to an own financial context', () => {
  it('loads the generated lists through the topic, and only a context about money gets them', () => {
    const money = topics().find((t) => t.name === 'financial data');
    assert.equal(money?.semantic, 'money');
    assert.ok(semanticWords('money', 'en').some((w) => w.word === 'arrears'));
    assert.ok(semanticWords('money', 'de').some((w) => w.word === 'haushaltsplan'));
    const items = withTopicTerms(kb.contexts);
    const lent = lentWords(items.get('financial_data')!);
    assert.ok(lent?.has('arrears') && lent.has('zahlungsrückstände'));
    assert.equal(lentWords(items.get('recipes')!), undefined);
    // Without the generated words (the misspelling index): the hand terms only.
    assert.ok(!withTopicTerms(kb.contexts, topics(), false).get('financial_data')?.synonyms.en.includes('arrears'));
    assert.throws(() => parseTopics('topics: [{name: x, recognise: [a], semantic: 3, terms: {de: [a], en: [b]}}]\n'), LexiconError);
  });

  for (const q of [
    'Can I put the list of customers in arrears into Polly?',
    'Can I put the arrears list into Polly?',
    'Darf ich die Liste der Zahlungsrückstände in Polly hochladen?',
    'Darf ich den Entwurf des Haushaltsplans in Polly abfragen?',
    'Can I survey the team about the budget in Polly?',
    'Darf ich die Mahngebühren in Polly sammeln?',
  ]) {
    it(`a money word states the own context: ${q}`, () => {
      const a = ask(q);
      assert.ok(a.contexts.includes('financial_data'), a.text);
      assert.equal(a.verdict, 'not_allowed');
    });
  }

  for (const q of [
    'Darf ich Fotos vom Kassenhäuschen am Freibad in Polly zeigen?',
    'Dürfen wir in Polly nach der Steuerung der Pumpen fragen?',
    'Can Polly help me save time on the weekly survey?',
    'Is the premium plan of Polly allowed for a lunch poll?',
  ]) {
    it(`a plain word, a stem or a compound's start does not: ${q}`, () => {
      assert.ok(!ask(q).contexts.includes('financial_data'));
    });
  }
});

await describeNeeding(['ding'], 'regenerating the money words', () => {
  it('from WordNet and the dictionary gives exactly the committed files', () => {
    const out = generateMoneyWords(readFileSync(DING_PATH, 'utf8'));
    assert.equal(out.en, readFileSync(new URL(`../${EN_MONEY_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/topic-words.ts');
    assert.equal(out.de, readFileSync(new URL(`../${DE_MONEY_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/topic-words.ts');
  });
});
