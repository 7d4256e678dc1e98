import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { postJson, waitForOutput } from './helpers/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Resolved here: the child runs in a scratch directory, where a bare `--import tsx` is not found.
const tsx = import.meta.resolve('tsx');

function run(script: string, args: string[] = [], env: Record<string, string> = {}) {
  // Only what the test means: no PORT, Slack or Teams settings leak in from the developer's shell.
  const base = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'test',
    STORAGE_URL: `sqlite:${path.join(tmpdir(), `compliance-bot-shutdown-${process.pid}.sqlite`)}`,
  };
  return spawn(process.execPath, ['--import', tsx, path.join(root, script), ...args], {
    cwd: mkdtempSync(path.join(tmpdir(), 'cb-cwd-')),
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('graceful shutdown (child process)', () => {
  it('on SIGTERM: refuses new connections, finishes the request in flight, exits 0', async () => {
    const child = run('test/helpers/serve-slow.ts', [], { SLOW_MS: '1500' });
    const exited = once(child, 'exit');
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      const out = await waitForOutput(child.stdout, (t) => /listening (\S+)/.exec(t));
      const url = (/listening (\S+)/.exec(out) as RegExpExecArray)[1] as string;
      const started = Date.now();
      const inFlight = postJson(`${url}/api/ask`, { question: 'Darf ich Zoom nutzen?' });
      await waitForOutput(child.stdout, (t) => t.includes('ask-started'));

      child.kill('SIGTERM');
      await waitForOutput(child.stderr, (t) => t.includes('shutting down'));
      await assert.rejects(fetch(`${url}/healthz`), 'a new connection is refused');

      const res = await inFlight;
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { question: string }).question, 'Darf ich Zoom nutzen?');
      assert.ok(Date.now() - started >= 1400, 'the answer came after the slow core finished');
      const [code, signal] = await exited;
      assert.equal(signal, null);
      assert.equal(code, 0, stderr);
      assert.match(stderr, /"msg":"stopped"/);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('compliance-bot serve', () => {
  it('a broken knowledge base: exits 1 with the KnowledgeBaseError message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cb-kb-'));
    mkdirSync(path.join(dir, 'tools'));
    writeFileSync(path.join(dir, 'organization.yaml'), 'name: Test\n');
    writeFileSync(path.join(dir, 'tools', 'zoom.yaml'), 'name: Zoom\nstatus: restricted\nupdated: 2021-03-26\n');
    const child = run('test/helpers/serve-cli.ts', ['serve', '--port', '0', '--kb', dir], { LOG_LEVEL: 'silent' });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const [code] = await once(child, 'exit');
    assert.equal(code, 1);
    assert.match(stderr, /The knowledge base in .* has 1 error/);
    assert.match(stderr, /tools\/zoom\.yaml:\d+:\d+: restrictions: a restricted tool needs at least one restriction/);
  });

  it('a malformed variable: exits 2 naming it', async () => {
    const child = run('test/helpers/serve-cli.ts', ['serve'], { PORT: 'eighty' });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(stderr, /PORT: expected a port number from 0 to 65535 \(got "eighty"\)/);
  });

  it('--port and --kb override the environment; SIGINT stops it with exit 0', async () => {
    const child = run('test/helpers/serve-cli.ts', ['serve', '--port', '0', '--kb', path.join(root, 'knowledge')], {
      PORT: '1',
      KNOWLEDGE_DIR: '/does/not/exist',
    });
    const exited = once(child, 'exit');
    try {
      const out = await waitForOutput(child.stdout, (t) => /"url":"(http:[^"]+)"/.exec(t));
      const url = (/"url":"(http:[^"]+)"/.exec(out) as RegExpExecArray)[1] as string;
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(!url.endsWith(':1'), 'PORT=1 was overridden by --port 0');
      assert.ok(out.includes(`"dir":"${path.join(root, 'knowledge')}"`), out);
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      child.kill('SIGINT');
      const [code] = await exited;
      assert.equal(code, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
