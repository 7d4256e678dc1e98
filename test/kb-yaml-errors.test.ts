// Every YAML failure is a knowledge-base error with file, line and column (issue 13, item 2),
// through the real CLI: one broken file per kind in a copy of the shipped folder, one
// `kb validate` run, one assertion per kind. Never an uncaught exception or a stack trace.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = 60_000;

/** Runs the CLI; a run that does not end within TIMEOUT_MS is killed and fails the test (a hang). */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, KNOWLEDGE_DIR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`compliance-bot ${args.join(' ')} did not finish within ${TIMEOUT_MS} ms (a hang)\n${stderr}`));
    }, TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const VALID_REST = 'status: approved\nsummary: Text\nupdated: 2024-01-01\n';

// file name → [content, the exact line expected in the output]
const CASES: Record<string, [string, string]> = {
  'a tab as indentation': [
    'name: Tabby\nstatus: approved\nsummary:\n\tde: Text\nupdated: 2024-01-01\n',
    'tools/tab.yaml:4:1: YAML syntax: tab characters must not be used in indentation',
  ],
  'a key indented too far': [
    'name: Indy\nstatus: approved\nsummary:\n  de: Text\n   en: Text\nupdated: 2024-01-01\n',
    'tools/indent.yaml:5:6: YAML syntax: bad indentation of a mapping entry',
  ],
  'a key after a value, indented': [`name: Keyy\n${VALID_REST}  indented: x\n`, 'tools/badkey.yaml:5:11: YAML syntax: bad indentation of a mapping entry'],
  'a duplicate key': ['name: Dupy\nstatus: approved\nsummary: Text\nstatus: prohibited\nupdated: 2024-01-01\n', 'tools/dup.yaml:4:1: YAML syntax: duplicated mapping key'],
  'an unclosed quote': [`name: "Quoty\n${VALID_REST}`, 'tools/quote.yaml:5:1: YAML syntax: unexpected end of the stream within a double quoted scalar'],
  'an unclosed flow list': [`name: Flowy\naliases: [a, b\n${VALID_REST}`, 'tools/flow.yaml:3:1: YAML syntax: missed comma between flow collection entries'],
  'an alias without its anchor': [
    'name: Anchy\nstatus: approved\nsummary: *text\nupdated: 2024-01-01\n',
    'tools/alias.yaml:3:10: YAML syntax: the alias *text has no anchor &text before it',
  ],
  'two documents in one file': [`name: Docy\n${VALID_REST}---\nname: Other\n`, 'tools/docs.yaml:5:1: YAML syntax: a knowledge file holds one YAML document'],
  'a list item among keys': [`name: Mixy\n${VALID_REST}- item\n`, 'tools/mixed.yaml:5:1: YAML syntax: end of the stream or a document separator is expected'],
  'an alias bomb ("billion laughs")': [
    [
      'name: Bomby',
      VALID_REST.trimEnd(),
      'x1: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'x2: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'x3: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'x4: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'x5: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'x6: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'x7: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'x8: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
      'x9: [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
      '',
    ].join('\n'),
    'tools/bomb.yaml:6:9: YAML: the aliases expand too much',
  ],
  'an alias inside its own anchor (a loop)': [
    `name: Loopy\n${VALID_REST}aliases: &a [x, *a]\n`,
    'tools/loop.yaml:5:17: YAML: an alias refers to the list or map it is part of (a loop)',
  ],
  'a schema error (the column of the value)': [`name: Schemy\nstatus: maybe\nsummary: Text\nupdated: 2024-01-01\n`, 'tools/schema.yaml:2:9: status: must be one of'],
};
const FILES: Record<string, string> = {
  'a tab as indentation': 'tab',
  'a key indented too far': 'indent',
  'a key after a value, indented': 'badkey',
  'a duplicate key': 'dup',
  'an unclosed quote': 'quote',
  'an unclosed flow list': 'flow',
  'an alias without its anchor': 'alias',
  'two documents in one file': 'docs',
  'a list item among keys': 'mixed',
  'an alias bomb ("billion laughs")': 'bomb',
  'an alias inside its own anchor (a loop)': 'loop',
  'a schema error (the column of the value)': 'schema',
};

describe('kb validate: YAML errors with file, line and column', () => {
  let kb: KbCopy;
  let result: { code: number | null; stdout: string; stderr: string };

  before(async () => {
    kb = await copyKnowledge();
    for (const [kind, [content]] of Object.entries(CASES)) await writeFile(kb.tool(FILES[kind] as string), content);
    // Anchors and aliases used sparingly stay allowed.
    await writeFile(kb.tool('anchors-ok'), 'name: Anchored\nstatus: approved\nsummary: &s Shared text\nupdated: 2024-01-01\nsources:\n  - title: *s\n');
    result = await cli(['kb', 'validate', kb.dir]);
  });
  after(() => kb.cleanup());

  it('exits 1 with every error, and no stack trace', () => {
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /: \d+ errors\n/);
    assert.doesNotMatch(result.stderr, /\n\s+at .*\(.*:\d+:\d+\)/, 'no stack trace');
    assert.doesNotMatch(result.stderr, /anchors-ok\.yaml/, 'a file with a used anchor is valid');
  });

  for (const [kind, [, expected]] of Object.entries(CASES)) {
    it(`${kind}: ${expected}`, () => {
      const line = result.stderr.split('\n').find((l) => l.startsWith(`tools/${FILES[kind]}.yaml`));
      assert.ok(line, `no error for tools/${FILES[kind]}.yaml in:\n${result.stderr}`);
      assert.ok(line.startsWith(expected), `expected "${expected}…", got "${line}"`);
    });
  }

  it('a file nested too deeply is an error of that file, not a crash', async () => {
    const dir = await copyKnowledge();
    try {
      await writeFile(dir.tool('deep'), `name: Deep\n${VALID_REST}notes: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
      const r = await cli(['kb', 'validate', dir.dir]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^tools\/deep\.yaml: YAML: nested too deeply to be read$/m);
      assert.doesNotMatch(r.stderr, /RangeError|Maximum call stack/);
    } finally {
      await dir.cleanup();
    }
  });
});
