// Language as data: every language of the model has one registry entry (dictionaries, stemmer,
// detector code, lexicon key), a phrase book, and its lists in the lexicon files; the function
// words that tell short questions apart are read from lexicon/function-words.yaml through the
// one lexicon loader and its schema.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../src/config.js';
import { LexiconError } from '../src/errors.js';
import { LANGUAGES } from '../src/model/language.js';
import { PHRASES } from '../src/phrases/index.js';
import { detectLanguage, FunctionWordsFile } from '../src/text/language.js';
import { parseLexicon } from '../src/text/lexicon-file.js';
import { LANGUAGE_REGISTRY } from '../src/text/languages.js';
import { tokenize } from '../src/text/normalize.js';

const require = createRequire(import.meta.url);
const shipped = readFileSync(path.join(packageRoot(), 'lexicon', 'function-words.yaml'), 'utf8');

test('every language has a registry entry whose dictionaries are installed and whose stemmer stems', () => {
  for (const lang of LANGUAGES) {
    const entry = LANGUAGE_REGISTRY[lang];
    assert.ok(entry, `${lang}: no registry entry`);
    assert.equal(entry.lexiconKey, lang);
    assert.ok(entry.dictionaries.length > 0, `${lang}: no dictionary`);
    // The lexicon reads index.aff and index.dic beside the package's entry point.
    for (const d of entry.dictionaries) assert.ok(existsSync(path.join(path.dirname(require.resolve(d.package)), 'index.dic')), `${d.package} is not installed`);
    assert.equal(typeof entry.stem('questions'), 'string');
    assert.ok(PHRASES[lang], `${lang}: no phrase book`);
  }
  assert.deepEqual(Object.keys(LANGUAGE_REGISTRY).sort(), [...LANGUAGES].sort());
});

test('lexicon/function-words.yaml has a list for every language and decides short questions', () => {
  const file = parseLexicon(shipped, 'function-words.yaml', FunctionWordsFile);
  for (const lang of LANGUAGES) assert.ok(file.languages[lang].length > 10, `${lang}: too few function words`);
  const detect = (q: string) => detectLanguage(tokenize(q), q, 'en');
  assert.equal(detect('Darf ich Zoom mit Bürgern nutzen?'), 'de');
  assert.equal(detect('May we use Zoom with citizens?'), 'en');
});

test('a function-words file without a language, or with a stray one, is a LexiconError naming the field', () => {
  const withoutEnglish = shipped.replace(/^ {2}en: .*\n/m, '');
  const withFrench = shipped.replace(/^both:/m, '  fr: [le, la]\nboth:');
  for (const [text, field] of [
    [withoutEnglish, 'languages.en'],
    [withFrench, 'languages'],
  ] as const) {
    assert.notEqual(text, shipped);
    assert.throws(
      () => parseLexicon(text, 'function-words.yaml', FunctionWordsFile),
      (err: unknown) => err instanceof LexiconError && err.file === 'lexicon/function-words.yaml' && err.issues.some((i) => i.path.join('.') === field),
    );
  }
});
