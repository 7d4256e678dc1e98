// Detects whether a question is German or English. Staff questions are short ("Zoom mit Bürgern?"),
// where statistical detectors guess wildly, so function words decide first, then words found in
// only one language's dictionary, and tinyld (restricted to de/en) only breaks a tie on longer
// text; the organisation's default language is the last resort.
import { createRequire } from 'node:module';
import type { detectAll as DetectAll } from 'tinyld';
import type { Language } from '../kb/schema.js';
import { lexicon } from './lexicon.js';
import type { Token } from './normalize.js';

// Folded forms (see fold()): "dürfen" -> "durfen", "für" -> "fur".
const DE = new Set(
  'ich wir man darf durfen darfst konnen kann konnte soll sollen mussen muss ist sind der die das den dem des ein eine einen einem einer und oder nicht kein keine keinen keiner mit fur bei zum zur von vom nutzen benutzen verwenden einsetzen erlaubt zulassig freigegeben zugelassen welche welcher welches wie was wann warum gesprache gesprach unsere unserem unseren mein meine meinem uber auch noch schon nur als wenn dass im in auf aus'.split(
    ' ',
  ),
);
const EN = new Set(
  'i we may can could should must is are am the a an and or not no with for at to of use using used allowed permitted approved which what how when why our my about also only if that this in on from it its do does any'.split(
    ' ',
  ),
);
// Words that look the same in both languages carry no signal.
const BOTH = new Set(['in', 'an', 'am', 'so', 'was', 'man', 'will', 'war']);

// tinyld holds n-gram tables of 60 languages (about 8 MB of heap, 20 MB of RSS) and decides only
// the rare question that neither function words nor dictionaries place: loaded on the first such
// question (synchronously, through its CommonJS build), not with every process.
let tinyld: typeof DetectAll | undefined;
function detectAll(...args: Parameters<typeof DetectAll>): ReturnType<typeof DetectAll> {
  tinyld ??= (createRequire(import.meta.url)('tinyld') as { detectAll: typeof DetectAll }).detectAll;
  return tinyld(...args);
}

/** `isName`: tokens that belong to names (tools), which the dictionaries must not vote on. */
export function detectLanguage(tokens: readonly Token[], text: string, fallback: Language, isName: (t: Token) => boolean = () => false): Language {
  let de = 0;
  let en = 0;
  for (const t of tokens) {
    if (BOTH.has(t.norm)) continue;
    if (DE.has(t.norm)) de++;
    if (EN.has(t.norm)) en++;
    if (/[äöüß]/i.test(t.raw)) de += 2;
  }
  if (de !== en) return de > en ? 'de' : 'en';
  // No function words decide ("Zoom Elterngespräch?", "Zoom patient call?"): words of only one
  // language's dictionary do.
  const lx = lexicon();
  for (const t of tokens) {
    if (t.raw.length < 3 || !/\p{L}/u.test(t.raw) || isName(t)) continue;
    const inDe = lx.isCommon(t.raw, 'de');
    const inEn = lx.isCommon(t.raw, 'en');
    if (inDe && !inEn) de++;
    if (inEn && !inDe) en++;
  }
  if (de !== en) return de > en ? 'de' : 'en';
  if (text.length >= 20) {
    const best = detectAll(text, { only: ['de', 'en'] })[0];
    if (best && (best.lang === 'de' || best.lang === 'en')) return best.lang;
  }
  return fallback;
}
