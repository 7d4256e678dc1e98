// The phrase book's `kb` section through the real parts: a knowledge folder with one problem of
// every kind the loader finds (schema types and values, unknown fields, cross-file references,
// the folder's layout, YAML syntax, refused files) and one with every warning, read by the real
// loader and shown with formatIssue/formatWarning, by `compliance-bot kb validate` as a child
// process under a German and an English LANG, and in admin replies (a refused chat edit through the
// real admin service on a SQLite file, the message about a broken hand edit). Each problem shows
// up in the reader's language, and German output has no English phrase or function word (and
// the reverse). The GNU `file:line:column:` prefix and the field paths stay as in the file.
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { describeReloadError } from '../src/admin/format.js';
import { createChatCommands, type ChatUser } from '../src/chat/commands.js';
import { ComplianceCore } from '../src/core.js';
import { KnowledgeBaseError } from '../src/errors.js';
import { formatIssue } from '../src/model/file-issue.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { Language } from '../src/model/language.js';
import { formatWarning, kbWarnings } from '../src/kb/warnings.js';
import { PHRASES } from '../src/phrases/index.js';
import type { KbPhrases } from '../src/phrases/kb-types.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';
import { leaks, withoutKnowledgeFormat } from './helpers/phrase-tells.js';
import { toolYaml } from './helpers/kb.js';
import { cliOutput } from './helpers/cli-process.js';
import { chatAdminService } from './helpers/chat-admin.js';

const LOCALE: Record<Language, string> = { de: 'de_DE.UTF-8', en: 'en_GB.UTF-8' };
const other = (lang: Language): Language => (lang === 'de' ? 'en' : 'de');
const MAX_FILE_BYTES = 64 * 1024;
const silent = pino({ level: 'silent' });

/** One problem of every kind, file by file (organization.yaml is removed: "missing"). */
const BROKEN: Record<string, string | Uint8Array> = {
  'extra.yaml': 'x: 1\n',
  'tools/Bad_Name.yaml': toolYaml('Badly Named', 'approved'),
  'tools/types.yaml': [
    'name: 5',
    'aliases: just-one',
    'status: maybe',
    'summary: 7',
    'updated: 2021-02-30',
    'category: Video Calls',
    'colour: blue',
    'decision_expected: { not_before: soon }',
    'sources:',
    '  - title: ""',
    '    url: not a link',
    'alternatives: [types, quackmail]',
    'restrictions:',
    '  - id: only-inside',
    '    text: {}',
    '    forbidden_contexts: [mars]',
    '',
  ].join('\n'),
  'tools/restricted.yaml': toolYaml('Restricted Tool', 'restricted'),
  'tools/approved.yaml': toolYaml('Approved Tool', 'approved', 'restrictions:\n  - { id: twice, text: x }\n  - { id: twice, text: y }\n'),
  'tools/namesake.yaml': toolYaml('Zoom', 'approved'),
  'tools/tab.yaml': 'name: Tabby\nsummary:\n\tde: Text\n',
  'tools/quote.yaml': 'name: "Quoty\nstatus: approved\n',
  'tools/docs.yaml': `${toolYaml('Docy', 'approved')}---\nname: Other\n`,
  'tools/loop.yaml': `${toolYaml('Loopy', 'approved')}aliases: &a [x, *a]\n`,
  'tools/anchor.yaml': `${toolYaml('Anchy', 'approved')}summary: *text\n`,
  'tools/big.yaml': `${toolYaml('Big', 'approved')}# ${'x'.repeat(MAX_FILE_BYTES)}\n`,
  'tools/latin1.yaml': Buffer.from('name: Caf\xe9\n', 'latin1'),
  'tools/bell.yaml': 'name: Bell\u0007\n',
  'tools/utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name: Wide\n', 'utf16le')]),
};

/** A valid tool with every warning of `kb validate`. */
const WARNED = [
  'name: Warny',
  'status: prohibited',
  'summary:',
  '  de: Das Tool ist im Einsatz.',
  '  en: The tool is in use.',
  'decision:',
  '  status: approved',
  '  text: { de: Freigabe durch die Leitung., en: Approved by the head of office. }',
  'decision_expected: not before 2021-Q3',
  'assessed_contexts: [mars]',
  'updated: 2024-01-01',
  '',
].join('\n');

/** The text before the first placeholder of a phrase: where a list of known ids follows, say. */
const head = (text: string): string => text.split('\u0001')[0] as string;

/** What each problem must read like, from the phrase book of the reader's language. */
const EXPECTED_PROBLEMS: Record<string, (p: KbPhrases) => string> = {
  'unexpected file': (p) => p.unexpectedFile('organization.yaml, contexts.yaml, categories.yaml', 'tools/<id>.yaml'),
  'missing file': (p) => p.missingFile('organization.yaml'),
  'file name': (p) => p.toolFileName,
  'wrong type (text)': (p) => `name: ${p.wrongType(p.type.string, p.type.number)}`,
  'wrong type (list)': (p) => `aliases: ${p.wrongType(p.type.array, p.type.string)}`,
  'enum value': (p) => `status: ${p.oneOf('approved, restricted, pending, prohibited')}`,
  'text or languages': (p) => `summary: ${p.textOrLanguages}`,
  date: (p) => `updated: ${p.date}`,
  id: (p) => `category: ${p.id}`,
  'unknown category': (p) => `category: ${head(p.unknownCategory('Video Calls', '\u0001'))}`,
  'unknown field': (p) => `colour: ${p.unknownField('colour')}`,
  'not empty': (p) => `sources[0].title: ${p.notEmpty}`,
  url: (p) => `sources[0].url: ${p.url}`,
  'own alternative': (p) => `alternatives[0]: ${p.ownAlternative}`,
  'unknown tool': (p) => `alternatives[1]: ${p.unknownTool('quackmail', 'tools/quackmail.yaml')}`,
  'de or en': (p) => `restrictions[0].text: ${p.deOrEn}`,
  'unknown context': (p) => `restrictions[0].forbidden_contexts[0]: ${head(p.unknownContext('mars', '\u0001'))}`,
  'restricted without restriction': (p) => p.restrictedNeedsRestriction,
  'approved with restrictions': (p) => p.approvedHasNoRestrictions,
  'restriction id twice': (p) => p.restrictionTwice('twice'),
  'name taken': (p) => head(p.nameTaken('Zoom', '\u0001')),
  'YAML tab': (p) => p.yamlSyntax(p.yaml.tabIndent),
  'YAML open quote': (p) => p.yamlSyntax(p.yaml.streamEndInDoubleQuote),
  'YAML two documents': (p) => p.yamlOneDocument,
  'YAML alias loop': (p) => p.yamlAliasLoop,
  'YAML alias without anchor': (p) => p.yamlAliasNoAnchor('text'),
  'too large': (p) => head(p.tooLarge('\u0001', '')),
  'not UTF-8': (p) => p.notUtf8('0xE9', 1, 10),
  'control character': (p) => p.controlCharacter('U+0007', 1, 11),
  'byte-order mark': (p) => p.byteOrderMark('UTF-16 (little-endian)'),
};

const EXPECTED_WARNINGS: Record<string, (p: KbPhrases) => string> = {
  'free-text decision_expected': (p) => `${p.warning}: ${p.freeTextDecisionExpected}${p.hereNotBefore('2021-Q3')}`,
  'summary for another status': (p) => p.summaryMismatch('im Einsatz', 'prohibited'),
  'decision for another status': (p) => p.decisionForOtherStatus('approved', 'prohibited'),
  'unknown assessed context': (p) => `(assessed_contexts.0): ${p.warning}: ${head(p.unknownContext('mars', '\u0001'))}`,
};


/** The reader's language only: no phrase of the other language's book, none of its function words. */
function assertOnly(lang: Language, text: string, what: string): void {
  const found = leaks(withoutKnowledgeFormat(text), other(lang));
  assert.deepEqual(found.tells, [], `${what}: ${text}`);
  assert.equal(found.word, undefined, `${what}: "${found.word}" in\n${text}`);
}

function assertReads(lang: Language, text: string, expected: Record<string, (p: KbPhrases) => string>, what: string): void {
  for (const [kind, phrase] of Object.entries(expected)) assert.ok(text.includes(phrase(PHRASES[lang].kb)), `${what}, ${kind}: "${phrase(PHRASES[lang].kb)}" not in\n${text}`);
}

describe('knowledge-base problems in the reader\'s language', () => {
  let broken: KbCopy;
  let warned: KbCopy;
  let storage: Storage;
  let loadError: KnowledgeBaseError;

  before(async () => {
    broken = await copyKnowledge();
    await rm(path.join(broken.dir, 'organization.yaml'));
    for (const [file, content] of Object.entries(BROKEN)) await writeFile(path.join(broken.dir, file), content);
    warned = await copyKnowledge();
    await writeFile(warned.tool('warny'), WARNED);
    const err = await loadKnowledgeBase(broken.dir, { limits: { maxFileBytes: MAX_FILE_BYTES, maxTotalBytes: 64 * 1024 * 1024 } }).catch((e: unknown) => e);
    assert.ok(err instanceof KnowledgeBaseError, String(err));
    loadError = err;
    storage = await openStorage({ sqlitePath: path.join(path.dirname(warned.dir), 'kb-phrases.sqlite') });
  });
  after(async () => {
    await storage.close();
    await broken.cleanup();
    await warned.cleanup();
  });

  for (const lang of ['de', 'en'] as const) {
    describe(lang, () => {
      it('the loader\'s issues, shown with formatIssue, name every problem in the language, file:line:column first', () => {
        const text = loadError.issues.map((i) => formatIssue(i, lang)).join('\n');
        assertReads(lang, text, EXPECTED_PROBLEMS, 'formatIssue');
        assertOnly(lang, text, 'formatIssue');
        assert.match(text, /^tools\/types\.yaml:3:9: status: /m);
      });

      it('the loader\'s warnings, shown with formatWarning, are in the language', async () => {
        const text = kbWarnings(await loadKnowledgeBase(warned.dir)).map((w) => formatWarning(w, lang)).join('\n');
        assertReads(lang, text, EXPECTED_WARNINGS, 'formatWarning');
        assertOnly(lang, text, 'formatWarning');
      });

      it(`\`kb validate\` under LANG=${LOCALE[lang]} lists every problem and warning in the language`, async () => {
        const errors = await cliOutput(['kb', 'validate', broken.dir], { LANG: LOCALE[lang], KB_MAX_FILE_BYTES: String(MAX_FILE_BYTES) });
        assert.ok(errors.startsWith(PHRASES[lang].cli.kbErrors(broken.dir, loadError.issues.length)), errors);
        assertReads(lang, errors, EXPECTED_PROBLEMS, 'kb validate');
        assertOnly(lang, errors, 'kb validate');
        const warnings = await cliOutput(['kb', 'validate', warned.dir], { LANG: LOCALE[lang] });
        assertReads(lang, warnings, EXPECTED_WARNINGS, 'kb validate (warnings)');
        assertOnly(lang, warnings, 'kb validate (warnings)');
      });

      it('admin replies: a refused edit and a broken hand edit name the problems in the admin\'s language', async () => {
        const core = new ComplianceCore(await loadKnowledgeBase(warned.dir));
        const admin = chatAdminService({ kbDir: warned.dir, storage, core });
        const dm = { platform: 'slack' as const, conversationId: 'D-UANNA', userId: 'UANNA' };
        const anna: ChatUser = { platform: 'slack', key: 'slack:UANNA', adminId: 'slack:UANNA', personal: dm, conversation: dm, language: lang };
        const typed = lang === 'de' ? 'Nur auf dem Mars.' : 'Only on Mars.';
        const refused = (await createChatCommands({ core, storage, admin, logger: silent }).handle(`admin restriction add zoom mars-only forbid=mars ${typed}`, anna))?.text ?? '';
        assert.ok(refused.startsWith(PHRASES[lang].admin.invalidChange), refused);
        assertReads(lang, refused, { 'unknown context': (p) => `.forbidden_contexts[0]: ${head(p.unknownContext('mars', '\u0001'))}` }, 'refused edit');
        assertOnly(lang, refused, 'refused edit');

        const reload = describeReloadError(loadError, lang);
        assert.ok(reload.startsWith(PHRASES[lang].admin.reloadFailed), reload);
        assert.match(reload, /^• \S+\.yaml(:\d+)*: /m);
        assertOnly(lang, reload, 'broken hand edit');
      });
    });
  }

  it('the logs keep English: the error\'s own message is the English text', () => {
    assertReads('en', loadError.message, { 'unknown field': EXPECTED_PROBLEMS['unknown field']!, 'YAML tab': EXPECTED_PROBLEMS['YAML tab']! }, 'log message');
    assertOnly('en', loadError.message, 'log message');
  });
});
