// Generates lexicon/semantic/de-not-plain.txt, the German "compound traps": words the Ding dictionary
// has as a whole (its headwords and their forms, scripts/semantic/german-forms.ts) that the bridge
// does not find plain (they are not in de-neutral.txt), although every part of their compound split
// (the spelling dictionaries', text/lexicon.ts compoundParts) is a plain or neutral word. "Hausarbeit"
// splits into "Haus" + "Arbeit", both plain, but the dictionary has it as housework and as a term paper,
// and the bridge leaves it unexplained: the engine reads such a word as a whole, not by its parts
// (engine/account.ts isNeutral, engine/semantic-contexts.ts). Only words whose parts would all be plain
// are listed: the others are not read as plain by their parts anyway.
// Run after ding-bridge.ts (it reads de-neutral.txt as shipped) and after a change of
// lexicon/neutral-words.yaml: node --import tsx scripts/semantic/compound-traps.ts [path of the dictionary]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { neutralAsWritten, neutralByParts } from '../../src/engine/account.js';
import { plainByParts } from '../../src/engine/semantic-contexts.js';
import { lexicon } from '../../src/text/lexicon.js';
import { fold } from '../../src/text/normalize.js';
import { isPlainThing } from '../../src/text/semantic-lexicon.js';
import { parse } from 'yaml';
import { BridgeRules } from '../../src/text/semantic-rules.js';
import { BRIDGE_RULES_FILE, DING_FILE, readEnglish, readHeadword } from './ding-bridge.js';
import { parseDing } from './ding.js';
import { formsOf } from './german-forms.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DE_NOT_PLAIN_FILE = 'lexicon/semantic/de-not-plain.txt';

// The engine reads a word by its parts from six letters (engine/account.ts isNeutral).
const MIN_LENGTH = 6;

/**
 * The forms of the headwords the bridge reads and does not find plain: it knows enough of their
 * translations (bridge-de.yaml, min_known_translations) and not all of them are plain ("Hausarbeit":
 * housework, thesis, assignment), or they are under a context. A headword none of whose translations
 * WordNet knows ("Kaffeebohne": coffee bean) is not judged, and is still read by its parts.
 */
function notPlainForms(dingText: string): Set<string> {
  const rules = BridgeRules.parse(parse(readFileSync(path.join(ROOT, BRIDGE_RULES_FILE), 'utf8')));
  const en = readEnglish();
  const translations = new Map<string, Set<string>>();
  const forms = new Map<string, Set<string>>();
  for (const e of parseDing(dingText)) {
    for (const w of e.words) {
      const t = translations.get(w.word) ?? translations.set(w.word, new Set()).get(w.word);
      for (const x of e.english) t?.add(x);
      const f = forms.get(w.word) ?? forms.set(w.word, new Set()).get(w.word);
      for (const x of formsOf(w)) f?.add(x);
    }
  }
  const out = new Set<string>();
  for (const [word, t] of translations) {
    const known = [...t].filter((x) => en.known.has(x));
    if (known.length < rules.min_known_translations || readHeadword(known, en, rules) === 'plain') continue;
    for (const f of forms.get(word) ?? []) out.add(f);
  }
  return out;
}

/** The forms of the dictionary's headwords that are compound traps, sorted as JavaScript compares strings. */
export function compoundTraps(dingText: string): string[] {
  const lx = lexicon();
  const forms = notPlainForms(dingText);
  const out: string[] = [];
  for (const f of forms) {
    if (f.length < MIN_LENGTH || !/^[a-zäöüß]+$/.test(f) || isPlainThing(f, 'de')) continue;
    const byNeutralParts = !neutralAsWritten(fold(f)) && neutralByParts(f, lx);
    if (byNeutralParts || plainByParts(f, lx)) out.push(f);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The file's text: its header and the words. */
export function compoundTrapsFile(dingText: string): string {
  const lines = [
    '# German compound traps of compliance-bot: words the dictionary has as a whole (headwords and their forms) that',
    '# are not plain things (de-neutral.txt), though every part of their compound split is plain: they are not read',
    '# by their parts. Generated: do not edit by hand.',
    '# Source: the German–English dictionary of the Ding project (TU Chemnitz), Debian package trans-de-en,',
    '# de-neutral.txt beside this one and lexicon/neutral-words.yaml.',
    '# Licence: GPL-2.0-or-later (the dictionary) and the WordNet licence; see lexicon/semantic/LICENSE-ding.txt.',
    '# Regenerate (after scripts/semantic/ding-bridge.ts): node --import tsx scripts/semantic/compound-traps.ts',
    ...compoundTraps(dingText),
  ];
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const source = process.argv[2] ?? DING_FILE;
  if (!existsSync(source)) {
    console.error(`${source} is missing: install the Debian package trans-de-en (apt-get install trans-de-en), or give the dictionary's path.`);
    process.exit(2);
  }
  const text = compoundTrapsFile(readFileSync(source, 'utf8'));
  writeFileSync(path.join(ROOT, DE_NOT_PLAIN_FILE), text);
  console.log(JSON.stringify({ traps: text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length }));
}
