// Hostile files in the knowledge folder (issue 12, "Knowledge folder"): named pipes, links to
// /dev/zero or out of the folder, folders named *.yaml, alias bombs, Latin-1, UTF-16, oversized
// files. Through the real CLI (`kb validate`, `ask --kb`, `serve --kb`) and a real server in a child
// process, so that a blocked event loop or a crash shows as a request that times out, not as a test
// that hangs with it. Timeouts here detect hangs; they are not speed assertions.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Resolved here: the children run in a scratch directory (no .env), where a bare `--import tsx` is not found.
const tsx = import.meta.resolve('tsx');
const CLI_TIMEOUT_MS = 60_000;
/** A request that takes longer than this counts as "the server stopped answering". */
const REQUEST_TIMEOUT_MS = 3_000;

function child(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', tsx, path.join(root, 'cli/main.ts'), ...args], {
    cwd: mkdtempSync(path.join(tmpdir(), 'cb-cwd-')),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      STORAGE_URL: `sqlite:${path.join(tmpdir(), `cb-hostile-${process.pid}-${Math.random().toString(36).slice(2)}.sqlite`)}`,
      ...env,
    },
  });
}

/** Runs a CLI command to its end; one that does not end within CLI_TIMEOUT_MS fails the test as a hang. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const c = child(args, env);
    c.stdin.end();
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      c.kill('SIGKILL');
      reject(new Error(`compliance-bot ${args.join(' ')} did not finish within ${CLI_TIMEOUT_MS} ms (a hang)\n${stderr}`));
    }, CLI_TIMEOUT_MS);
    c.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const STACK_TRACE = /\n\s+at .*[(\s]\S+:\d+:\d+\)?/;

/** A valid tool file: if a hostile variant of it were read, the base would gain a tool. */
const validTool = (name: string) => `name: ${name}\nstatus: approved\nsummary: Ein Test.\nupdated: 2024-01-01\n`;

const ALIAS_BOMB = [
  validTool('Bomb').trimEnd(),
  'x1: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'abcdefg'.split('').map((a, i) => `x${i + 2}: &${String.fromCharCode(a.charCodeAt(0) + 1)} [${Array(9).fill(`*${a}`).join(',')}]`),
  `x9: [${Array(9).fill('*h').join(',')}]`,
  '',
].join('\n');

interface Hostile {
  /** File name under tools/. */
  file: string;
  /** The reason expected after `tools/<file>…:`. */
  reason: RegExp;
  /** Creates it in `dir` (the knowledge folder); `outside` is a scratch folder outside it. */
  make(dir: string, outside: string): void;
}

const HOSTILE: Hostile[] = [
  { file: 'fifo.yaml', reason: /is a named pipe \(FIFO\), not a regular file/, make: (d) => execFileSync('mkfifo', [path.join(d, 'tools/fifo.yaml')]) },
  {
    file: 'zero.yaml',
    reason: /is a symbolic link to \/dev\/zero, outside the knowledge folder/,
    make: (d) => symlinkSync('/dev/zero', path.join(d, 'tools/zero.yaml')),
  },
  {
    file: 'outside.yaml',
    reason: /is a symbolic link to .*outside-tool\.yaml, outside the knowledge folder/,
    make: (d, outside) => {
      writeFileSync(path.join(outside, 'outside-tool.yaml'), validTool('Outsider'));
      symlinkSync(path.join(outside, 'outside-tool.yaml'), path.join(d, 'tools/outside.yaml'));
    },
  },
  {
    file: 'folder.yaml',
    reason: /is a folder, not a file/,
    make: (d) => {
      mkdirSync(path.join(d, 'tools/folder.yaml'));
      writeFileSync(path.join(d, 'tools/folder.yaml/inner.yaml'), validTool('Inner'));
    },
  },
  { file: 'bomb.yaml', reason: /YAML: the aliases expand too much/, make: (d) => writeFileSync(path.join(d, 'tools/bomb.yaml'), ALIAS_BOMB) },
  {
    file: 'latin1.yaml',
    reason: /not UTF-8 \(byte 0xE9 at line 1, column 10; .*save it as UTF-8/,
    make: (d) => writeFileSync(path.join(d, 'tools/latin1.yaml'), Buffer.from(validTool('Café Tool'), 'latin1')),
  },
  {
    file: 'utf16.yaml',
    reason: /is UTF-16 \(little-endian\).*save it as UTF-8/,
    make: (d) => writeFileSync(path.join(d, 'tools/utf16.yaml'), Buffer.from(`\ufeff${validTool('Wide Tool')}`, 'utf16le')),
  },
  {
    file: 'huge.yaml',
    reason: /is 2 MiB, more than the limit of 1 MiB per file \(KB_MAX_FILE_BYTES\)/,
    make: (d) => {
      const head = validTool('Huge Tool');
      writeFileSync(path.join(d, 'tools/huge.yaml'), `${head}# ${'x'.repeat(2 * 1024 * 1024 - head.length - 3)}\n`);
    },
  },
];

function remove(dir: string, h: Hostile): void {
  rmSync(path.join(dir, 'tools', h.file), { recursive: true, force: true });
}

describe('kb validate, ask --kb and serve --kb with hostile files', () => {
  let kb: KbCopy;
  let outside: string;
  let socket: Server;
  let validate: { code: number | null; stdout: string; stderr: string };

  before(async () => {
    kb = await copyKnowledge();
    outside = await mkdtemp(path.join(tmpdir(), 'cb-outside-'));
    for (const h of HOSTILE) h.make(kb.dir, outside);
    socket = createServer();
    await new Promise<void>((resolve) => socket.listen(path.join(kb.dir, 'tools/socket.yaml'), resolve));
    symlinkSync('missing.yaml', path.join(kb.dir, 'tools/dangling.yaml'));
    writeFileSync(path.join(kb.dir, 'tools/utf16-no-bom.yaml'), Buffer.from(validTool('Wide'), 'utf16le'));
    // With umlauts (0xFC 0x00 is no UTF-8) it was taken for Latin-1; big-endian too.
    writeFileSync(path.join(kb.dir, 'tools/utf16-umlaut.yaml'), Buffer.from(validTool('Prüfwerkzeug für Bürger'), 'utf16le'));
    writeFileSync(path.join(kb.dir, 'tools/utf16-be.yaml'), Buffer.from(validTool('Wide BE'), 'utf16le').swap16());
    writeFileSync(path.join(kb.dir, 'tools/javascript-url.yaml'), validTool('Script Link').replace(/\nupdated:/, '\nsources:\n  - { title: Link, url: "javascript:alert(1)" }\nupdated:'));
    writeFileSync(path.join(kb.dir, 'tools/data-url.yaml'), validTool('Data Link').replace(/\nupdated:/, '\nsources:\n  - { title: Link, url: "data:text/html,<script>alert(1)</script>" }\nupdated:'));
    validate = await cli(['kb', 'validate', kb.dir]);
  });
  after(async () => {
    await new Promise((resolve) => socket.close(resolve));
    await Promise.all([kb.cleanup(), rm(outside, { recursive: true, force: true })]);
  });

  it('kb validate exits 1, lists each refused file with its reason, and prints no stack trace', () => {
    assert.equal(validate.code, 1, validate.stderr);
    assert.match(validate.stderr, new RegExp(`${HOSTILE.length + 7} errors`));
    assert.doesNotMatch(validate.stderr, STACK_TRACE);
    // Nothing of the link's target is quoted (it is not read).
    assert.doesNotMatch(validate.stderr, /Outsider|unknown field/);
  });

  for (const h of HOSTILE) {
    it(`kb validate names tools/${h.file}: ${h.reason.source}`, () => {
      const line = validate.stderr.split('\n').find((l) => l.startsWith(`tools/${h.file}`));
      assert.ok(line, `no error for tools/${h.file} in:\n${validate.stderr}`);
      assert.match(line, h.reason);
    });
  }

  it('kb validate names a socket, a dangling link and UTF-16 without a byte-order mark', () => {
    assert.match(validate.stderr, /^tools\/socket\.yaml: is a socket, not a regular file/m);
    assert.match(validate.stderr, /^tools\/dangling\.yaml: is a symbolic link to a missing file/m);
    assert.match(validate.stderr, /^tools\/utf16-no-bom\.yaml: is UTF-16 \(little-endian\) without a byte-order mark \(every other byte is zero\): save it as UTF-8/m);
    assert.match(validate.stderr, /^tools\/utf16-umlaut\.yaml: is UTF-16 \(little-endian\) without a byte-order mark/m);
    assert.match(validate.stderr, /^tools\/utf16-be\.yaml: is UTF-16 \(big-endian\) without a byte-order mark/m);
    assert.doesNotMatch(validate.stderr, /^tools\/utf16[^\n]*Latin-1/m);
  });

  it('kb validate refuses source links other than http(s) and mailto', () => {
    assert.match(validate.stderr, /^tools\/javascript-url\.yaml:\d+:\d+: sources\[0\]\.url: must be a web address with https:\/\/ or http:\/\/, or a mailto: link/m);
    assert.match(validate.stderr, /^tools\/data-url\.yaml:\d+:\d+: sources\[0\]\.url: must be a web address/m);
  });

  it('ask --kb exits 1 naming the file, without hanging on a named pipe', async () => {
    const dir = await copyKnowledge();
    try {
      HOSTILE[0]?.make(dir.dir, outside);
      const r = await cli(['ask', '--kb', dir.dir, 'Darf ich Zoom nutzen?']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^tools\/fifo\.yaml: is a named pipe/m);
      assert.doesNotMatch(r.stderr, STACK_TRACE);
      assert.equal(r.stdout, '', 'no answer from a refused knowledge base');
    } finally {
      await dir.cleanup();
    }
  });

  it('serve --kb exits 1 with a clear message when the folder holds a hostile file at start', async () => {
    const dir = await copyKnowledge();
    try {
      symlinkSync('/dev/zero', dir.tool('zero'));
      const r = await cli(['serve', '--port', '0', '--kb', dir.dir], { LOG_LEVEL: 'silent' });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /The knowledge base in .* has 1 error/);
      assert.match(r.stderr, /tools\/zero\.yaml: is a symbolic link to \/dev\/zero, outside the knowledge folder/);
      assert.doesNotMatch(r.stderr, STACK_TRACE);
    } finally {
      await dir.cleanup();
    }
  });
});

describe('reading rules that keep ordinary folders working', () => {
  it('a UTF-8 byte-order mark is fine; a link to a file inside the folder is followed', async () => {
    const kb = await copyKnowledge();
    try {
      await writeFile(kb.tool('bom-tool'), `\ufeff${validTool('Bom Tool')}`);
      await mkdir(path.join(kb.dir, 'drafts'));
      await writeFile(path.join(kb.dir, 'drafts', 'linked.yaml'), validTool('Linked Tool'));
      symlinkSync('../drafts/linked.yaml', kb.tool('linked'));
      const r = await cli(['kb', 'validate', kb.dir]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /valid – 5 tools/);
      const a = await cli(['ask', '--kb', kb.dir, '--json', 'Darf ich Linked Tool nutzen?']);
      assert.equal((JSON.parse(a.stdout) as { verdict: string }).verdict, 'allowed');
    } finally {
      await kb.cleanup();
    }
  });

  it('KB_MAX_FILE_BYTES and KB_MAX_TOTAL_BYTES set the limits; a malformed value is named', async () => {
    const kb = await copyKnowledge();
    try {
      const small = await cli(['kb', 'validate', kb.dir], { KB_MAX_FILE_BYTES: '2KiB' });
      assert.equal(small.code, 1, small.stderr);
      assert.match(small.stderr, /^tools\/zoom\.yaml: is \d+(\.\d)? KiB, more than the limit of 2 KiB per file \(KB_MAX_FILE_BYTES\)/m);
      assert.doesNotMatch(small.stderr, /microsoft-365\.yaml/, 'files under the limit are read');

      const total = await cli(['kb', 'validate', kb.dir], { KB_MAX_TOTAL_BYTES: '4096' });
      assert.equal(total.code, 1, total.stderr);
      assert.match(total.stderr, /the YAML files add up to more than the limit of 4 KiB \(KB_MAX_TOTAL_BYTES\)/);

      // A malformed variable is a configuration error: exit code 2, as for every command.
      const bad = await cli(['kb', 'validate', kb.dir], { KB_MAX_FILE_BYTES: 'lots' });
      assert.equal(bad.code, 2, bad.stderr);
      assert.match(bad.stderr, /KB_MAX_FILE_BYTES: expected a size in bytes .* \(got "lots"\)/);
      assert.doesNotMatch(bad.stderr, STACK_TRACE);

      const serve = await cli(['serve', '--port', '0', '--kb', kb.dir], { KB_MAX_TOTAL_BYTES: '-1' });
      assert.equal(serve.code, 2, serve.stderr);
      assert.match(serve.stderr, /KB_MAX_TOTAL_BYTES: expected a size in bytes/);
    } finally {
      await kb.cleanup();
    }
  });
});

describe('a file swapped for a named pipe after it was listed as a file', () => {
  it('is opened without waiting and refused (checked on the open descriptor)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cb-swap-'));
    try {
      const fifo = path.join(dir, 'swapped.yaml');
      execFileSync('mkfifo', [fifo]);
      // readBounded is what runs after the listing said "regular file"; a child process, so a
      // blocking open shows as a timeout here instead of hanging the test runner.
      const script = `import { readBounded } from ${JSON.stringify(path.join(root, 'src/kb/read-files.ts'))}; console.log(JSON.stringify(readBounded(process.argv[1], 1024)));`;
      const out = await new Promise<string>((resolve, reject) => {
        const c = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', script, fifo], { cwd: root });
        let stdout = '';
        c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        const timer = setTimeout(() => {
          c.kill('SIGKILL');
          reject(new Error('opening the named pipe blocked'));
        }, CLI_TIMEOUT_MS);
        c.on('close', () => {
          clearTimeout(timer);
          resolve(stdout);
        });
      });
      assert.equal((JSON.parse(out) as { problem: { message: string } }).problem.message, 'is a named pipe (FIFO), not a regular file: remove it');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an admin edit with a hostile file in the folder', () => {
  it('is refused with the file named; nothing is written', async () => {
    const { applyKbChange } = await import('../src/kb/edit.js');
    const { KnowledgeBaseError } = await import('../src/errors.js');
    const kb = await copyKnowledge();
    try {
      execFileSync('mkfifo', [kb.tool('fifo')]);
      symlinkSync('/dev/zero', kb.tool('zero'));
      const before = await readFile(kb.tool('zoom'), 'utf8');
      await assert.rejects(applyKbChange(kb.dir, { kind: 'status', toolId: 'zoom', status: 'prohibited' }), (err: unknown) => {
        assert.ok(err instanceof KnowledgeBaseError);
        assert.deepEqual(
          err.issues.map((i) => i.file),
          ['tools/fifo.yaml', 'tools/zero.yaml'],
        );
        return true;
      });
      assert.equal(await readFile(kb.tool('zoom'), 'utf8'), before);
    } finally {
      await kb.cleanup();
    }
  });
});

describe('loadKnowledgeBaseInWorker (what the watcher of a running server uses)', () => {
  it('a load past its deadline is a knowledge-base error; the next load starts a new worker and works', async () => {
    const { loadKnowledgeBaseInWorker } = await import('../src/kb/read-in-worker.js');
    const { KnowledgeBaseError } = await import('../src/errors.js');
    const kb = await copyKnowledge();
    try {
      await assert.rejects(loadKnowledgeBaseInWorker(kb.dir, { timeoutMs: 1 }), (err: unknown) => {
        assert.ok(err instanceof KnowledgeBaseError);
        assert.match(err.issues[0]?.message ?? '', /took longer than 1 ms and was stopped/);
        return true;
      });
      // Loaded by a worker, not by the fallback in this thread (which would warn).
      const warnings: string[] = [];
      const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
      const loaded = await loadKnowledgeBaseInWorker(kb.dir, { logger });
      assert.deepEqual(warnings, []);
      assert.equal(loaded.tools.size, 3);
      assert.ok(loaded.tools instanceof Map);
      execFileSync('mkfifo', [kb.tool('fifo')]);
      await assert.rejects(loadKnowledgeBaseInWorker(kb.dir), (err: unknown) => {
        assert.ok(err instanceof KnowledgeBaseError);
        assert.deepEqual(
          err.issues.map((i) => i.file),
          ['tools/fifo.yaml'],
        );
        return true;
      });
    } finally {
      await kb.cleanup();
    }
  });
});

interface LogLine {
  msg?: string;
  problems?: string[];
  url?: string;
}

describe('a running server with hostile files added to its folder', () => {
  let kb: KbCopy;
  let outside: string;
  let server: ChildProcessWithoutNullStreams;
  let url: string;
  const logs: LogLine[] = [];
  let stderr = '';

  const waitFor = async <T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined) return v;
      if (Date.now() > until) assert.fail(`timed out waiting for ${what}; stderr:\n${stderr}`);
      await sleep(50);
    }
  };

  const healthz = async (): Promise<{ version: string; tools: number }> => {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    assert.equal(res.status, 200);
    return ((await res.json()) as { knowledgeBase: { version: string; tools: number } }).knowledgeBase;
  };
  const ask = async (question: string): Promise<string> => {
    const res = await fetch(`${url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    assert.equal(res.status, 200);
    return ((await res.json()) as { verdict: string }).verdict;
  };

  before(async () => {
    kb = await copyKnowledge();
    outside = await mkdtemp(path.join(tmpdir(), 'cb-outside-'));
    server = child(['serve', '--port', '0', '--kb', kb.dir], { LOG_LEVEL: 'info' });
    let pending = '';
    server.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) if (l.startsWith('{')) logs.push(JSON.parse(l) as LogLine);
    });
    server.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    url = await waitFor('the server to listen', () => logs.find((l) => l.url)?.url, 60_000);
  });
  after(async () => {
    server.kill('SIGKILL');
    await Promise.all([kb.cleanup(), rm(outside, { recursive: true, force: true })]);
  });

  it('keeps answering /healthz and /api/ask with the last valid base, and logs each refused file', async () => {
    // A valid hand edit first: the base answering from now on is the last valid one.
    const start = await healthz();
    await writeFile(kb.tool('zoom'), (await readFile(kb.tool('zoom'), 'utf8')).replace('status: restricted', 'status: prohibited'));
    let lastValid: { version: string; tools: number } | undefined;
    const until = Date.now() + 30_000;
    while (!lastValid && Date.now() < until) {
      const h = await healthz();
      if (h.version !== start.version) lastValid = h;
      else await sleep(100);
    }
    assert.ok(lastValid, 'the valid hand edit was loaded');
    const valid = lastValid;
    assert.equal(await ask('Darf ich Zoom mit Bürgern nutzen?'), 'not_allowed');

    // Throughout, /healthz is polled: every request must be answered within REQUEST_TIMEOUT_MS.
    const failures: string[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        try {
          const h = await healthz();
          if (h.version !== valid.version) failures.push(`version changed to ${h.version} (${h.tools} tools)`);
        } catch (err) {
          failures.push(`/healthz: ${(err as Error).message}`);
        }
        await sleep(100);
      }
    })();

    try {
      for (const h of HOSTILE) {
        const seen = logs.length;
        h.make(kb.dir, outside);
        const line = await waitFor(`the reload error naming tools/${h.file}`, () =>
          logs.slice(seen).find((l) => /reload failed/.test(l.msg ?? '') && l.problems?.some((p) => p.startsWith(`tools/${h.file}`))),
        );
        const problem = line.problems?.find((p) => p.startsWith(`tools/${h.file}`)) ?? '';
        assert.match(problem, h.reason, `tools/${h.file}`);
        assert.deepEqual(await healthz(), valid, `after tools/${h.file}: the last valid base keeps answering`);
        assert.equal(await ask('Darf ich Zoom mit Bürgern nutzen?'), 'not_allowed', `after tools/${h.file}`);
        remove(kb.dir, h);
      }
    } finally {
      polling = false;
      await poller;
    }
    assert.deepEqual(failures, []);
    assert.equal(server.exitCode, null, 'the server is still running');
    assert.doesNotMatch(stderr, STACK_TRACE);
  });
});
