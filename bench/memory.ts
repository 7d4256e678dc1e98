// Memory benchmark (issue 22): the server's resident memory (RSS) after start on the shipped
// catalogue, and after 10,000 questions. The server runs as it runs in production, in a process of
// its own (`node dist/cli/main.js serve`, so `npm run build` first; without a current build it runs
// from source under tsx, whose compiler adds some 40 MB, and says so), with Slack against a fake Web
// API on 127.0.0.1 and a SQLite file; this process sends signed app mentions, one conversation each.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appMentionEvent, FAKE_BOT_USER_ID, signedHeaders, startFakeSlackApi } from '../test/fakes/slack-api.js';

const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 10_000);
const CONCURRENCY = 20;
const SIGNING_SECRET = 'bench-memory-secret';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const IDLE_TARGET_MB = 150;

const ASKED = [
  'Darf ich Zoom mit Bürgern nutzen?',
  'May I use Microsoft Teams for a confidential call?',
  'Ist WhatsApp für Elterngespräche erlaubt?',
  'Welche Videokonferenzsysteme sind freigegeben?',
  'Can I share patient files via Dropbox?',
  'Darf ich Quackmail für Elternbriefe nutzen?',
  'Zoom oder Webex für die Schwangerschaftsberatung?',
  'Wie ist das Wetter?',
  'Is Slack ok for internal notes?',
  'Darf ich ChatGPT für Bescheide verwenden?',
];

/** The newest modification time under `dir` (the sources a build is compared with). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return t;
}

function currentBuild(): boolean {
  const entry = path.join(root, 'dist', 'cli', 'main.js');
  if (!existsSync(entry)) return false;
  const built = statSync(entry).mtimeMs;
  return ['src', 'server', 'adapters', 'cli'].every((d) => newest(path.join(root, d)) <= built + 1000);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start within 2 minutes');
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  if (process.platform !== 'linux') {
    console.log('memory: skipped (reads the RSS from /proc, Linux only)');
    return;
  }
  const built = currentBuild();
  const slack = await startFakeSlackApi({ record: false });
  const port = await freePort();
  const db = path.join(tmpdir(), `compliance-bot-bench-memory-${process.pid}.sqlite`);
  const args = built ? [path.join(root, 'dist', 'cli', 'main.js'), 'serve'] : ['--import', 'tsx', path.join(root, 'cli', 'main.ts'), 'serve'];
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SLACK_BOT_TOKEN: 'xoxb-bench-memory',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    STORAGE_URL: `sqlite:${db}`,
  };
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  try {
    const t0 = performance.now();
    await waitForHealth(url, child);
    const startMs = performance.now() - t0;
    await settle(2000);
    const idle = rssMb(child.pid as number);
    let sent = 0;
    let failed = 0;
    const loop = async () => {
      while (sent < QUESTIONS) {
        const i = sent++;
        const request = appMentionEvent({ text: `<@${FAKE_BOT_USER_ID}> ${ASKED[i % ASKED.length]}`, channel: `C${i % 500}`, user: `U${i % 2000}` });
        const res = await fetch(`${url}/slack/events`, { method: 'POST', headers: signedHeaders(SIGNING_SECRET, request), body: request.body });
        await res.arrayBuffer();
        if (res.status !== 200) failed++;
      }
    };
    const loadStart = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, loop));
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const until = Date.now() + 60_000;
    while (slack.countOf('chat.postMessage') < QUESTIONS - failed && Date.now() < until) await settle(100);
    await settle(2000);
    const after = rssMb(child.pid as number);
    console.log(`memory: the server (${built ? 'dist/, as `npm start` runs it' : 'from source under tsx: run `npm run build` for production figures'}), shipped catalogue, Slack on, SQLite`);
    console.log(`  RSS after start: ${idle.toFixed(0)} MB (target < ${IDLE_TARGET_MB} MB)   started in ${startMs.toFixed(0)} ms`);
    console.log(`  RSS after ${QUESTIONS} questions: ${after.toFixed(0)} MB   (${slack.countOf('chat.postMessage')} answers posted, ${failed} not 200)`);
    // The events' rate through this process, a check that what saves memory at start costs no speed
    // under load (the Slack bench runs the server inside its own process, not as `serve`).
    console.log(`  acked ${QUESTIONS} events in ${loadSeconds.toFixed(1)} s (${(QUESTIONS / loadSeconds).toFixed(0)} req/s at concurrency ${CONCURRENCY})`);
    console.log(`  machine load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await slack.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  }
}

await main();
