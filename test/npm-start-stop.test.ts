// `npm start` in the background, stopped by the PID of npm (as a person or a service manager does):
// the server must stop too and free its port. npm runs the script in a child shell; the server
// follows its parent's death (serve --exit-with-parent, cli/parent-watch.ts). Real npm, the
// package's own start script; only `node dist/…` becomes the TypeScript source, so no build is needed.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const work = mkdtempSync(path.join(tmpdir(), 'npm-start-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A package whose start script is the real one, run from the sources. */
function startScriptPackage(): string {
  const script = pkg.scripts.start ?? '';
  assert.ok(script.includes('dist/cli/main.js'), `the start script runs dist/cli/main.js: ${script}`);
  const fromSource = script.replace('dist/cli/main.js', `--import ${import.meta.resolve('tsx')} ${path.join(root, 'cli', 'main.ts')}`);
  writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'npm-start-check', private: true, scripts: { start: fromSource } }));
  return work;
}

function urlOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL logged within 60 s:\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /"url":"(http:[^"]+)"/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${out}`)));
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('npm start, stopped by the PID of npm', () => {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`kill -${signal.slice(3)} <npm's PID> stops the server and frees the port`, async () => {
      const cwd = startScriptPackage();
      // Its own process group, so that the clean-up below reaches a server left behind.
      const npm = spawn('npm', ['start', '--silent'], {
        cwd,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', KNOWLEDGE_DIR: path.join(root, 'knowledge'), LOG_LEVEL: 'info' },
      });
      try {
        const url = await urlOf(npm);
        const port = Number(new URL(url).port);
        assert.equal((await fetch(`${url}/healthz`)).status, 200);
        assert.equal(await portIsFree(port), false, 'the server holds the port while it runs');

        process.kill(npm.pid as number, signal);
        let free = false;
        for (let i = 0; i < 100 && !free; i++) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          free = await portIsFree(port);
        }
        assert.equal(free, true, `port ${port} is free within 20 s of stopping npm`);
      } finally {
        try {
          process.kill(-(npm.pid as number), 'SIGKILL');
        } catch {
          // the group is gone: nothing was left behind
        }
      }
    });
  }
});
