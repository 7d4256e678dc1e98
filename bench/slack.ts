// Slack benchmark (issue 3): how much does our Slack path cost compared with a bare Bolt app?
// The main thread runs the two servers under test; a worker thread plays Slack (the fake Web API on
// 127.0.0.1 and the load), so the load's own CPU does not count against either server:
//   ours: the real server (server/index.ts startServer) with the Slack adapter and the shipped
//         knowledge base; every mention is answered with the engine and Block Kit after the ack.
//   bare: a Bolt App with an ExpressReceiver and Bolt's defaults that answers each mention with
//         a fixed text (the reference of the issue's targets).
//   bare-same: the bare app again, posting our rendered answer through our Web API transport
//         (adapters/slack/transport.ts): the difference to ours is the work our server adds.
// Signed app_mention requests are fired at concurrency 50 for BENCH_SECONDS (default 20) at each,
// over node:http with a keep-alive agent; we report requests/s and the p99 latency up to the HTTP
// ack, and the ratios ours/bare. The seconds are cut into BENCH_ROUNDS (default 5) slices that take
// turns (ours, bare, bare-same, then bare, bare-same, ours, …): on a machine shared with other work
// a burst of load then falls on every target alike instead of on whichever ran at that moment.
// BENCH_TARGETS=ours (a comma-separated list) fires at those only, e.g. to profile the server with
// `node --cpu-prof --import tsx bench/slack.ts`; the ratios need ours and bare.
import http from 'node:http';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { App, ExpressReceiver, LogLevel, type webApi } from '@slack/bolt';
import { pino } from 'pino';
import { startServer } from '../server/index.js';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { defaultKnowledgeDir, loadConfig } from '../src/config.js';
import { messageFields, renderAnswerBlocks } from '../adapters/slack/render.js';
import { createSlackTransport } from '../adapters/slack/transport.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { createEngine } from '../src/engine/engine.js';
import { appMentionEvent, FAKE_BOT_USER_ID, signedHeaders, startFakeSlackApi, type FakeSlackApi } from '../test/fakes/slack-api.js';

const CONCURRENCY = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGETS = (process.env.BENCH_TARGETS ?? 'ours,bare,bare-same').split(',').map((t) => t.trim());
const SIGNING_SECRET = 'bench-signing-secret';
const QUESTION = `<@${FAKE_BOT_USER_ID}> Darf ich Zoom mit Bürgern nutzen?`;

interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** One slice of load at one target: the latency of every request, in ms. */
interface Slice {
  errors: number;
  seconds: number;
  latencies: Float64Array;
}

// ---- The worker: Slack's side (fake Web API + load) ----

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function post(agent: http.Agent, url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Fires signed app mentions at `eventsUrl` from CONCURRENCY loops for `seconds`. */
async function fire(eventsUrl: string, seconds: number): Promise<Slice> {
  const url = new URL(eventsUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const request = appMentionEvent({ text: QUESTION, channel: 'C0BENCH' });
      const headers = signedHeaders(SIGNING_SECRET, request);
      const t0 = performance.now();
      let status = 0;
      try {
        status = await post(agent, url, request.body, headers);
      } catch {
        status = 0;
      }
      if (count === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[count++] = performance.now() - t0;
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { errors, seconds: elapsed, latencies: latencies.slice(0, count) };
}

/** The slices of one target taken together. */
function summarize(slices: Slice[]): LoadResult {
  const requests = slices.reduce((n, s) => n + s.latencies.length, 0);
  const all = new Float64Array(requests);
  let at = 0;
  for (const s of slices) {
    all.set(s.latencies, at);
    at += s.latencies.length;
  }
  all.sort();
  const seconds = slices.reduce((n, s) => n + s.seconds, 0);
  const errors = slices.reduce((n, s) => n + s.errors, 0);
  return { requests, errors, seconds, perSecond: requests / seconds, p50: percentile(all, 50), p99: percentile(all, 99) };
}

/** Waits until `expected` answers arrived, or no new one for `quietMs`, or `timeoutMs` passed. */
async function drain(slack: FakeSlackApi, expected: number, quietMs: number, timeoutMs: number): Promise<number> {
  const until = performance.now() + timeoutMs;
  let last = -1;
  let lastChange = performance.now();
  for (;;) {
    const now = slack.countOf('chat.postMessage');
    if (now !== last) {
      last = now;
      lastChange = performance.now();
    }
    if (now >= expected || performance.now() - lastChange >= quietMs || performance.now() >= until) return now;
    await new Promise((r) => setTimeout(r, 20));
  }
}

type CommandBody =
  | { cmd: 'fire'; eventsUrl: string; seconds: number }
  | { cmd: 'drain'; expected: number; quietMs: number; timeoutMs: number }
  | { cmd: 'reset' }
  | { cmd: 'close' };
type Command = CommandBody & { id: number };

async function workerMain(): Promise<void> {
  const port = parentPort as NonNullable<typeof parentPort>;
  const slack = await startFakeSlackApi({ record: false });
  port.postMessage({ ready: true, apiUrl: slack.apiUrl });
  port.on('message', async (c: Command) => {
    try {
      let result: unknown;
      if (c.cmd === 'fire') result = await fire(c.eventsUrl, c.seconds);
      else if (c.cmd === 'drain') result = await drain(slack, c.expected, c.quietMs, c.timeoutMs);
      else if (c.cmd === 'reset') slack.reset();
      else await slack.close();
      port.postMessage({ id: c.id, result });
      if (c.cmd === 'close') port.close();
    } catch (err) {
      port.postMessage({ id: c.id, error: String(err) });
    }
  });
}

// ---- The main thread: the servers under test ----

interface Target {
  name: string;
  eventsUrl: string;
  close(): Promise<void>;
}

async function startOurs(apiUrl: string): Promise<Target> {
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      KNOWLEDGE_DIR: defaultKnowledgeDir(),
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: 'xoxb-bench-ours',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: apiUrl,
      STORAGE_URL: process.env.BENCH_STORAGE_URL ?? `sqlite:${path.join(tmpdir(), `compliance-bot-bench-${process.pid}.sqlite`)}`,
    },
    { envFile: false },
  );
  const handle = await startServer(config, { logger: pino({ level: 'warn' }) });
  return { name: 'ours', eventsUrl: `${handle.url}/slack/events`, close: () => handle.close() };
}

/**
 * The bare app again, posting the message our server posts (Block Kit and text fallback, rendered
 * once, blocks serialized once) through our Web API transport: what is left between it and ours is
 * the work our server does per question (routing, dedupe, engine, usage counts, metrics).
 */
async function startBareSame(apiUrl: string): Promise<Target> {
  const answer = createEngine(await loadKnowledgeBase(defaultKnowledgeDir())).answer(QUESTION.replace(/<@[^>]+>\s*/, ''));
  const transport = createSlackTransport({ timeoutMs: 10_000 });
  const target = await startBare(apiUrl, messageFields(renderAnswerBlocks(answer)), 'bare-same', transport.fetch);
  return { ...target, close: () => target.close().then(() => transport.close()) };
}

async function startBare(
  apiUrl: string,
  message: { text: string; blocks?: unknown[] } = { text: 'A fixed answer.' },
  name = 'bare',
  fetch?: webApi.FetchFunction,
): Promise<Target> {
  const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, logLevel: LogLevel.ERROR });
  const app = new App({
    token: 'xoxb-bench-bare',
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: apiUrl, ...(fetch ? { fetch } : {}) },
    deferInitialization: true,
  });
  app.event('app_mention', async ({ event, client }) => {
    await client.chat.postMessage({ channel: event.channel, thread_ts: event.ts, ...message } as never);
  });
  await app.init();
  const server = await receiver.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as { port: number };
  return {
    name,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    close: async () => {
      server.closeAllConnections();
      await receiver.stop();
    },
  };
}

/** The worker thread playing Slack, driven by request/response messages. */
async function startSlackWorker(): Promise<{ apiUrl: string; call<T>(command: CommandBody): Promise<T>; stop(): Promise<void> }> {
  // Compiled, the worker runs this file directly. Run as .ts (node --import tsx), it registers tsx
  // first: on Node 20 a worker does not get the loader hooks that --import installed here.
  const self = import.meta.url;
  const worker = self.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(self)}); })`,
        { eval: true },
      )
    : new Worker(new URL(self));
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const apiUrl = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { apiUrl: string }) => resolve(m.apiUrl));
  });
  const failAll = (why: Error) => {
    for (const p of pending.values()) p.reject(why);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the Slack worker exited with code ${code}`)));
  worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m.result);
  });
  const call = <T>(command: CommandBody): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...command, id });
    });
  return {
    apiUrl,
    call,
    async stop() {
      worker.removeAllListeners('exit');
      await call({ cmd: 'close' });
      await worker.terminate();
    },
  };
}

const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(' ');

function line(label: string, r: LoadResult, answered: number): string {
  return (
    `  ${label.padEnd(42)} ${r.perSecond.toFixed(0).padStart(6)} requests/s   p99 ${r.p99.toFixed(2).padStart(7)} ms   ` +
    `p50 ${r.p50.toFixed(2)} ms   (${r.requests} requests in ${r.seconds.toFixed(1)} s, ${r.errors} not 200, ${answered} answers posted)`
  );
}

async function main(): Promise<void> {
  if (!(SECONDS > 0)) throw new Error(`BENCH_SECONDS must be a positive number of seconds (got "${process.env.BENCH_SECONDS}")`);
  if (!(Number.isInteger(ROUNDS) && ROUNDS > 0)) throw new Error(`BENCH_ROUNDS must be a positive whole number (got "${process.env.BENCH_ROUNDS}")`);
  const warmUp = Math.min(2, SECONDS / 4);
  const slack = await startSlackWorker();
  const starters: Record<string, () => Promise<Target>> = {
    ours: () => startOurs(slack.apiUrl),
    bare: () => startBare(slack.apiUrl),
    'bare-same': () => startBareSame(slack.apiUrl),
  };
  const unknown = TARGETS.filter((t) => !(t in starters));
  if (unknown.length > 0 || TARGETS.length === 0) throw new Error(`BENCH_TARGETS: unknown target(s) ${unknown.join(', ')} (known: ${Object.keys(starters).join(', ')})`);
  const targets: Target[] = [];
  for (const name of TARGETS) targets.push(await (starters[name] as () => Promise<Target>)());
  console.log(
    `slack: signed app_mention requests, concurrency ${CONCURRENCY}, ${SECONDS} s per target in ${ROUNDS} alternating slices (after a ${warmUp} s warm-up each)`,
  );
  const loadBefore = loadAverage();
  const slices = new Map<string, Slice[]>(targets.map((t) => [t.name, []]));
  const answered = new Map<string, number>(targets.map((t) => [t.name, 0]));
  /** Fires one slice at `target`; the answers still in flight arrive before the next slice starts. */
  const run = async (target: Target, seconds: number, record: boolean) => {
    const slice = await slack.call<Slice>({ cmd: 'fire', eventsUrl: target.eventsUrl, seconds });
    const expected = record ? slice.latencies.length - slice.errors : Number.MAX_SAFE_INTEGER;
    const posted = await slack.call<number>({ cmd: 'drain', expected, quietMs: record ? 2000 : 300, timeoutMs: record ? 30_000 : 10_000 });
    await slack.call({ cmd: 'reset' });
    if (!record) return;
    slices.get(target.name)?.push(slice);
    answered.set(target.name, (answered.get(target.name) ?? 0) + posted);
  };
  try {
    for (const target of targets) await run(target, warmUp, false);
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < targets.length; i++) await run(targets[(round + i) % targets.length] as Target, SECONDS / ROUNDS, true);
    }
  } finally {
    for (const target of targets) await target.close();
    await slack.stop();
  }
  console.log(`  machine: ${availableParallelism()} cores; load average ${loadBefore} before, ${loadAverage()} after (1, 5, 15 min)`);
  const results = new Map([...slices].map(([name, s]) => [name, summarize(s)]));
  const labels: Record<string, string> = {
    ours: 'ours (server + Slack adapter + engine):',
    bare: 'bare Bolt (ExpressReceiver, fixed text):',
    'bare-same': 'bare Bolt, our answer and transport:',
  };
  for (const [name, r] of results) console.log(line(labels[name] ?? name, r, answered.get(name) ?? 0));
  const o = results.get('ours');
  const b = results.get('bare');
  const bs = results.get('bare-same');
  if (o && b) {
    console.log(`  ratio throughput ours/bare: ${(o.perSecond / b.perSecond).toFixed(2)}   (target >= 1.00)`);
    console.log(`  ratio p99 latency ours/bare: ${(o.p99 / b.p99).toFixed(2)}   (target <= 1.20)`);
  }
  if (o && bs) {
    console.log(`  ratio throughput ours/bare-same (our own work per question): ${(o.perSecond / bs.perSecond).toFixed(2)}`);
    console.log(`  ratio p99 latency ours/bare-same: ${(o.p99 / bs.p99).toFixed(2)}`);
  }
}

if (isMainThread) {
  main().catch((err) => {
    console.error('slack bench failed:', err);
    process.exit(1);
  });
} else {
  workerMain().catch((err) => {
    console.error('slack bench worker failed:', err);
    process.exit(1);
  });
}
