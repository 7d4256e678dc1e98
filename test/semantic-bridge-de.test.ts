// The German semantic files (lexicon/semantic/de.tsv, de-neutral.txt) are made from the English ones
// through the Ding German–English dictionary (scripts/semantic/ding-bridge.ts): the parser reads the
// dictionary's line format, the forms cover what a message writes, a headword is read by the weight
// of its translations, regenerating gives the committed files, and the engine uses them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DE_NEUTRAL_FILE, DE_SUBSET_FILE, DE_WORDS_FILE, generateBridge, readHeadword } from '../scripts/semantic/ding-bridge.js';
import { parseDingLine } from '../scripts/semantic/ding.js';
import { formsOf, separablePrefix } from '../scripts/semantic/german-forms.js';
import { createEngine } from '../src/engine/engine.js';
import { isGermanWord, isPlainThing, semanticEntry } from '../src/text/semantic-lexicon.js';
import { oneRestrictionKb } from './helpers/kb.js';
import { DING_PATH, describeNeeding } from './helpers/services.js';

describe('the Ding dictionary format', () => {
  it('reads one-word headwords with their kind and the forms aligned with them, and one-word translations', () => {
    const entry = parseDingLine('Kiste {f}; Truhe {f} | Kisten {pl}; Truhen {pl} | eine volle Kiste :: box; chest; storage box | boxes; chests | a full box');
    assert.deepEqual(entry, {
      words: [
        { word: 'kiste', kind: 'noun', forms: ['kisten'] },
        { word: 'truhe', kind: 'noun', forms: ['truhen'] },
      ],
      english: ['box', 'chest'],
    });
  });

  it('strips object placeholders, prepositions before them and "to", and keeps a separable verb’s finite part', () => {
    const entry = parseDingLine('auf etw. umsteigen {vi} | umsteigend | umgestiegen | steigt um :: to switch sth. | switching | switched | switches');
    assert.deepEqual(entry?.words, [{ word: 'umsteigen', kind: 'verb', forms: ['umsteigend', 'umgestiegen', 'steigt'] }]);
    assert.deepEqual(entry?.english, ['switch']);
  });

  it('takes no example sentence for a tense, and no plural two letters shorter than its singular', () => {
    const verb = parseDingLine('etw. anfordern {vt} [adm.] | anfordernd | angefordert | Fotos der Gegenstände können angefordert werden. :: to request sth. | requesting | requested | Photographs of the items are available on request.');
    assert.deepEqual(verb?.words, [{ word: 'anfordern', kind: 'verb', forms: ['anfordernd', 'angefordert'] }]);
    const noun = parseDingLine('Fotograf {m}; Fotografin {f} | Foto {pl}; Fotografinnen {pl} :: photographer | photographers');
    assert.deepEqual(noun?.words, [
      { word: 'fotograf', kind: 'noun', forms: [] },
      { word: 'fotografin', kind: 'noun', forms: ['fotografinnen'] },
    ]);
    assert.deepEqual(parseDingLine('Visum {n} | Visa {pl} :: visa | visas')?.words, [{ word: 'visum', kind: 'noun', forms: ['visa'] }]);
  });

  it('skips comments and phrases without a one-word headword; keeps a headword without a one-word translation', () => {
    assert.equal(parseDingLine('# Version :: test'), null);
    assert.equal(parseDingLine('eine Sache auf die lange Bank schieben :: to put sth. off'), null);
    assert.deepEqual(parseDingLine('Kiste {f} :: wooden storage box'), { words: [{ word: 'kiste', kind: 'noun', forms: [] }], english: [] });
  });
});

describe('German forms', () => {
  it('finds the separable prefix from the participle, and not where there is none', () => {
    assert.equal(separablePrefix('umsteigen', 'umgestiegen'), 'um');
    assert.equal(separablePrefix('bestellen', 'bestellt'), null);
  });

  it('adds plural, case and tense endings, and the infinitive with "zu"', () => {
    const noun = formsOf({ word: 'kiste', kind: 'noun', forms: ['kisten'] });
    for (const f of ['kiste', 'kisten', 'kistes']) assert.ok(noun.includes(f), f);
    for (const f of ['kisteen', 'kistees', 'kistenn']) assert.ok(!noun.includes(f), `no ${f}`);
    for (const f of ['bahn', 'bahnen', 'bahns']) assert.ok(formsOf({ word: 'bahn', kind: 'noun', forms: ['bahnen'] }).includes(f), f);
    const kind = formsOf({ word: 'kind', kind: 'noun', forms: ['kinder'] });
    for (const f of ['kinder', 'kindern', 'kindes']) assert.ok(kind.includes(f), f);
    for (const f of ['kinderen', 'kinderes', 'kinders', 'kistenen']) assert.ok(!kind.includes(f) && !noun.includes(f), `no ${f}`);
    const verb = formsOf({ word: 'umsteigen', kind: 'verb', forms: ['umsteigend', 'umgestiegen', 'steigt'] });
    for (const f of ['umsteigen', 'umzusteigen', 'steigt', 'umgestiegene']) assert.ok(verb.includes(f), f);
    const adjective = formsOf({ word: 'blau', kind: 'adj', forms: [] });
    for (const f of ['blau', 'blaue', 'blauen']) assert.ok(adjective.includes(f), f);
  });
});

describe('reading a headword by its translations', () => {
  const english = {
    known: new Set(['box', 'chest', 'coffer', 'patient', 'invalid', 'flu', 'grippe', 'remark']),
    plain: new Set(['box', 'chest', 'coffer']),
    contexts: new Map([
      ['flu', ['special_categories']],
      ['grippe', ['special_categories']],
    ]),
    personal: new Set(['patient', 'invalid']),
    tagged: new Map([
      ['box', 40],
      ['remark', 30],
    ]),
  };
  const rules = { min_length: 4, min_known_translations: 1, min_share_under_context: 0.5, min_share_plain: 0.5, min_share_plain_adjective: 1, max_share_personal: 0.2, max_count_share_personal: 1 };

  it('is plain when most of its weight is plain things and none is a person', () => {
    assert.equal(readHeadword(['box', 'coffer', 'unheard'], english, rules), 'plain');
    assert.equal(readHeadword(['box', 'patient'], english, rules), 'plain', 'a rare person sense weighs little against a common thing');
    assert.equal(readHeadword(['coffer', 'patient', 'invalid'], english, rules), null);
    assert.equal(readHeadword(['coffer', 'remark'], english, rules), null, 'the common sense is no plain thing');
  });

  it('is plain as an adjective or adverb only when every translation WordNet knows is plain', () => {
    assert.equal(readHeadword(['box', 'remark'], english, rules), 'plain', 'a noun: the 41 of "box" outweigh the 31 of "remark"');
    assert.equal(readHeadword(['box', 'remark'], english, rules, true), null);
    assert.equal(readHeadword(['box', 'coffer', 'unheard'], english, rules, true), 'plain', 'an unknown translation does not count');
  });

  it('is not plain when most of its translations, counted one each, are people, however much a common plain one weighs', () => {
    const schuld = ['box', 'patient', 'invalid'];
    assert.equal(readHeadword(schuld, english, rules), 'plain', 'weighed only: the 40 tags of "box" win');
    assert.equal(readHeadword(schuld, english, { ...rules, max_count_share_personal: 0.6 }), null);
    assert.equal(readHeadword(['box', 'patient'], english, { ...rules, max_count_share_personal: 0.6 }), 'plain', 'one of two is below the share');
  });

  it('is under the contexts of its translations when they weigh enough, else neither', () => {
    assert.deepEqual(readHeadword(['flu', 'grippe'], english, rules), { contexts: ['special_categories'], via: 'flu,grippe' });
    assert.equal(readHeadword(['flu', 'box'], english, rules), null);
    assert.equal(readHeadword(['unheard'], english, rules), null, 'no translation WordNet knows');
  });
});

describe('the shipped German files', () => {
  it('hold plain things and words under contexts, in every form', () => {
    for (const w of ['nachmittag', 'Nachmittage']) assert.equal(isPlainThing(w, 'de'), true, w);
    for (const w of ['Patient', 'Kinder', 'Grippe', 'Krankheit']) assert.equal(isPlainThing(w, 'de'), false, w);
    // Plain through English words a rare sense no longer keeps out ("water", "lecture"), or forms no slip of the dictionary shares.
    for (const w of ['Wasser', 'Vorlesung', 'Vorlesungen', 'Foto', 'Fotos']) assert.equal(isPlainThing(w, 'de'), true, w);
    for (const w of ['Schuld', 'Wahn', 'Schwangerschaft', 'Schulden', 'Kirche', 'Verbrechen', 'Flüchtling', 'Diagnose', 'Therapie', 'Verhaftung', 'Gehalt', 'Gefängnis', 'Vertrag']) assert.equal(isPlainThing(w, 'de'), false, w);
    // Adjectives and adverbs: plain through English ones WordNet relates to plain nouns ("weekly": week), declined too.
    for (const w of ['wöchentlich', 'monatlich', 'stündlich', 'stündliche', 'lesbar', 'lesbare', 'identisch']) assert.equal(isPlainThing(w, 'de'), true, w);
    const sensitive = ['süchtig', 'unfruchtbar', 'verwitwet', 'fromm', 'schwanger', 'krank', 'behindert', 'schwul', 'muslimisch', 'katholisch', 'jüdisch', 'politisch', 'kriminell', 'schuldig', 'betrunken', 'obdachlos', 'minderjährig', 'vertraulich', 'geheim', 'heimlich', 'privat', 'persönlich', 'medizinisch', 'psychisch', 'sexuell', 'ethnisch', 'arbeitslos', 'insolvent', 'zahlungsunfähig', 'illegal', 'tödlich', 'einheimisch', 'patriotisch', 'schwachsinnig'];
    for (const w of sensitive) assert.equal(isPlainThing(w, 'de'), false, w);
    const ids = new Set(['special_categories', 'vulnerable_persons', 'citizens', 'confidential', 'personal_data', 'external']);
    assert.ok(semanticEntry('Dermatose', 'de', ids)?.contexts.includes('special_categories'));
  });

  it('hold everyday verbs in their forms, and no verb of an accusation, a crime, pay, care, an inquiry, a vote or an illness', () => {
    // "versprechen": promise, plain now that an expectation is no belief (neutral-en.yaml, never_under_except).
    for (const w of ['versprechen', 'versprochen', 'verspreche', 'Versprechung']) assert.equal(isPlainThing(w, 'de'), true, w);
    // Through English verbs kept out by their nouns (derived_nouns): accuse, kidnap, evict, amputate, remunerate, pay out, apply (applicant).
    for (const w of ['beschuldigen', 'anschuldigen', 'kidnappen', 'verschleppen', 'exmittieren', 'amputieren', 'entlohnen', 'auszahlen', 'bewerben', 'beworben', 'einbürgern', 'wiederwählen']) {
      assert.equal(isPlainThing(w, 'de'), false, w);
    }
    // Never plain, before or after: nursing, examining, dismissing, choosing by vote, treating, praying, vaccinating, paying, watching, recording, filming, finding out, warning.
    for (const w of ['pflegen', 'untersuchen', 'untersucht', 'entlassen', 'wählen', 'behandeln', 'beten', 'impfen', 'bezahlen', 'überwachen', 'aufzeichnen', 'filmen', 'ermitteln', 'abmahnen']) {
      assert.equal(isPlainThing(w, 'de'), false, w);
    }
  });

  it('know German nouns the spelling dictionaries lack, and no product or person names', () => {
    for (const w of ['Freibad', 'Landrat', 'Neubau', 'Nachmittag']) assert.equal(isGermanWord(w), true, w);
    for (const w of ['Calendly', 'Mentimeter', 'Kessler', 'Bianchi']) assert.equal(isGermanWord(w), false, w);
  });
});

describe('the engine and the German files', () => {
  const engine = createEngine(oneRestrictionKb({ id: 'no-health', de: 'Keine Gesundheitsdaten.', en: 'No health data.', context: 'special_categories' }));
  const ask = (q: string) => engine.answer(q, { now: new Date('2024-06-01') });

  it('needs no asking for a German plain thing, also in a compound of plain things', () => {
    const a = ask('Darf ich Quux am Nachmittag nutzen?');
    assert.equal(a.verdict, 'conditional', JSON.stringify(a.evidence));
    assert.equal(ask('Darf ich Quux für den Nachmittagskaffee nutzen?').verdict === 'confirm', false);
  });

  it('needs no asking for an everyday verb in its participle ("versprochen"), and still asks for a verb of an accusation', () => {
    assert.equal(ask('Darf ich Quux für die Schulung nutzen? Nichts Heikles, versprochen.').verdict, 'conditional');
    const a = ask('Darf ich Quux für die Schulung nutzen? Er wird beschuldigt.');
    assert.equal(a.verdict, 'confirm', JSON.stringify(a.unexplained));
  });

  it('needs no asking for an everyday adjective or adverb ("wöchentlich"), and still asks for one of a state of a person ("verwitwete")', () => {
    const a = ask('Darf ich Quux wöchentlich für die Besprechung nutzen?');
    assert.equal(a.verdict, 'conditional', JSON.stringify(a.unexplained));
    const b = ask('Darf ich Quux für die verwitwete Besprechung nutzen?');
    assert.equal(b.verdict, 'confirm', JSON.stringify(b.unexplained));
  });

  it('asks about a German noun the spelling dictionaries lack instead of taking it for a name', () => {
    const a = ask('Darf ich Quux im Freibad nutzen?');
    assert.equal(a.verdict, 'confirm', JSON.stringify(a.evidence));
  });

  it('reads a German word the lists lack by its translations: a skin disease is health data', () => {
    const a = ask('Darf ich Quux für ein Gespräch über eine Dermatose nutzen?');
    assert.equal(a.verdict, 'not_allowed', JSON.stringify(a.evidence));
  });
});

await describeNeeding(['ding'], 'regenerating the German files', () => {
  it('from the dictionary and the English files gives exactly the committed files', () => {
    const out = generateBridge(readFileSync(DING_PATH, 'utf8'));
    assert.equal(out.subset, readFileSync(new URL(`../${DE_SUBSET_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/ding-bridge.ts');
    assert.equal(out.neutral, readFileSync(new URL(`../${DE_NEUTRAL_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/ding-bridge.ts');
    assert.equal(out.words, readFileSync(new URL(`../${DE_WORDS_FILE}`, import.meta.url), 'utf8'), 'run: node --import tsx scripts/semantic/ding-bridge.ts');
  });
});
