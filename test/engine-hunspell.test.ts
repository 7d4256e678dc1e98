// The hunspell reader on a small dictionary made here: suffixes with strip and condition, prefixes,
// both together, bound forms, names against common words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HunspellDictionary } from '../src/text/hunspell.js';

const AFF = `SET UTF-8
NEEDAFFIX h
ONLYINCOMPOUND o
FORBIDDENWORD d

SFX S Y 1
SFX S   0     s     .

SFX Y Y 2
SFX Y   y     ies   [^aeiou]y
SFX Y   0     s     [aeiou]y

SFX E Y 1
SFX E   0     n/x   .

PFX U Y 1
PFX U   0     un    .
`;

const DIC = `8
report/S
city/Y
day/Y
Anna/S
Frage/Em
frage/oh
known/U
happy/US
`;

const dict = new HunspellDictionary(AFF, DIC, { capitalisedIsCommon: (flags) => flags.includes('m') });

describe('hunspell reader', () => {
  it('finds stems and suffixed forms, with strip and condition', () => {
    assert.ok(dict.lookup('report'));
    assert.ok(dict.lookup('reports'));
    assert.ok(dict.lookup('cities'));
    assert.ok(dict.lookup('days'));
    assert.equal(dict.lookup('citys'), null);
    assert.equal(dict.lookup('daies'), null);
    assert.equal(dict.lookup('reportx'), null);
  });

  it('finds prefixed forms and a prefix with a suffix', () => {
    assert.ok(dict.lookup('unknown'));
    assert.ok(dict.lookup('unhappys'));
    assert.equal(dict.lookup('unreport'), null);
  });

  it('tells names from common words', () => {
    assert.equal(dict.lookup('anna')?.common, false);
    assert.equal(dict.lookup('annas')?.common, false);
    assert.equal(dict.lookup('frage')?.common, true);
    assert.equal(dict.lookup('fragen')?.common, true);
  });

  it('keeps bound forms (compound parts) out unless asked for', () => {
    // "frage/oh" only stands inside compounds; "Frage/Em" is the word itself, so "frage" is found.
    const onlyBound = new HunspellDictionary(AFF, '1\nwelt/oh\n', { capitalisedIsCommon: () => false });
    assert.equal(onlyBound.lookup('welt'), null);
    assert.equal(onlyBound.lookup('welt', true)?.bound, true);
  });
});
