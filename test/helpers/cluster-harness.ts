// Several real bot processes on 127.0.0.1 against the real Redis, for the multi-instance tests and
// bench: a throw-away copy of the knowledge folder shared by all instances, a key prefix of their
// own in Redis (deleted at the end), the fake Slack Web API and the fake Bot Connector, and
// optionally a TCP proxy between the instances and Redis that the test can cut and restore.
//
//   const c = await startClusterFixture();
//   const [a, b] = await c.start(2);
//   await c.slackDm(a, 'Darf ich Zoom nutzen?');
//   ...
//   await c.cleanup();
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { startFakeConnector, type FakeConnector } from '../fakes/bot-connector.js';
import { directMessageEvent, postSigned, startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.js';
import { copyKnowledge, type KbCopy } from './admin-kb-copy.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = path.join(ROOT, 'test/helpers/cluster-server.ts');
export const SIGNING_SECRET = 'cluster-test-signing-secret';
export const ADMIN_USER = 'UADMIN';
const REDIS_PORT = 6379;

export interface Instance {
  url: string;
  instanceId: string;
  process: ChildProcess;
  /** Everything the instance wrote to stderr (its JSON log). */
  log(): string;
  /** True once the process has exited. */
  exited(): boolean;
  /** SIGKILL: no shutdown, jobs in flight are left to the others. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit (graceful shutdown). */
  stop(): Promise<void>;
}

/** A TCP proxy in front of Redis: `cut()` drops every connection and refuses new ones until `restore()`. */
export interface RedisProxy {
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startRedisProxy(redisPort = REDIS_PORT): Promise<RedisProxy> {
  const sockets = new Set<Socket>();
  let open = true;
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(redisPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      open = true;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ClusterFixtureOptions {
  /** Put a cuttable proxy between the instances and Redis. */
  proxy?: boolean;
  /** Record every fake Slack call (default true). */
  recordSlack?: boolean;
  /** Another Redis server than the one on 6379 (e.g. one the test stops with SIGSTOP). */
  redisPort?: number;
}

export interface ClusterFixture {
  prefix: string;
  /** The STORAGE_URL the instances use (through the proxy, if any). */
  storageUrl: string;
  kb: KbCopy;
  slack: FakeSlackApi;
  connector: FakeConnector;
  proxy: RedisProxy | undefined;
  instances: Instance[];
  /** Starts `n` instances in parallel; `env` adds to or overrides their environment. */
  start(n: number, env?: Record<string, string>): Promise<Instance[]>;
  /** A storage on the same Redis and prefix, straight (not through the proxy), for seeding and checking. */
  storage(): Promise<Storage>;
  /** A DM to the bot from `user`, signed like Slack, posted to `instance`; returns the HTTP status. */
  slackDm(instance: Instance, text: string, options?: { user?: string; eventId?: string }): Promise<number>;
  cleanup(): Promise<void>;
}

/**
 * Defaults that make a test fast: short job locks (crash takeover; long enough that a busy CI
 * machine does not take a live instance's job for a dead one), frequent version checks, quick retries.
 */
export const FAST_CLUSTER_ENV: Record<string, string> = {
  CLUSTER_JOB_LOCK_MS: '3000',
  CLUSTER_VERSION_CHECK_MS: '1000',
  CLUSTER_NOTIFY_BACKOFF_MS: '200',
  CLUSTER_NOTIFY_PER_SECOND: '2000',
};

export async function startClusterFixture(options: ClusterFixtureOptions = {}): Promise<ClusterFixture> {
  const prefix = `ct-${randomUUID().slice(0, 8)}-`;
  const kb = await copyKnowledge();
  const slack = await startFakeSlackApi({ record: options.recordSlack ?? true });
  const connector = await startFakeConnector();
  const redisPort = options.redisPort ?? REDIS_PORT;
  const proxy = options.proxy ? await startRedisProxy(redisPort) : undefined;
  const storageUrl = `redis://127.0.0.1:${proxy?.port ?? redisPort}/0?prefix=${prefix}`;
  const instances: Instance[] = [];
  const storages: Storage[] = [];

  const baseEnv = (): Record<string, string> => {
    const env: Record<string, string> = {};
    // A clean environment: nothing of the test runner's (NODE_TEST_CONTEXT …) reaches the bot.
    for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[k] !== undefined) env[k] = process.env[k] as string;
    return {
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      KNOWLEDGE_DIR: kb.dir,
      STORAGE_URL: storageUrl,
      SLACK_BOT_TOKEN: 'xoxb-cluster-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ENABLED: 'true',
      ADMINS: `slack:${ADMIN_USER}`,
      ...FAST_CLUSTER_ENV,
    };
  };

  async function startOne(env: Record<string, string>): Promise<Instance> {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { cwd: ROOT, env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    let exited = false;
    const exit = once(child, 'exit').then(() => {
      exited = true;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const ready = await new Promise<{ url: string; instanceId: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`instance did not start within 60 s; stderr:\n${stderr}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const m = /listening (\S+) (\S+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve({ url: m[1] as string, instanceId: m[2] as string });
        }
      });
      void exit.then(() => {
        clearTimeout(timer);
        reject(new Error(`instance exited before listening; stderr:\n${stderr}`));
      });
    });
    const instance: Instance = {
      ...ready,
      process: child,
      log: () => stderr,
      exited: () => exited,
      async kill() {
        if (exited) return;
        child.kill('SIGKILL');
        await exit;
      },
      async stop() {
        if (exited) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exit;
        clearTimeout(timer);
      },
    };
    instances.push(instance);
    return instance;
  }

  return {
    prefix,
    storageUrl,
    kb,
    slack,
    connector,
    proxy,
    instances,
    start: (n, env = {}) => Promise.all(Array.from({ length: n }, () => startOne(env))),
    async storage() {
      const s = await openStorage({ url: `redis://127.0.0.1:${redisPort}/0?prefix=${prefix}` });
      storages.push(s);
      return s;
    },
    async slackDm(instance, text, opts = {}) {
      const user = opts.user ?? 'UASKER';
      const request = directMessageEvent({ text, user, channel: `D${user}`, ...(opts.eventId ? { event_id: opts.eventId } : {}) });
      return (await postSigned(`${instance.url}/slack/events`, SIGNING_SECRET, request)).status;
    },
    async cleanup() {
      proxy?.restore();
      await Promise.allSettled(instances.map((i) => i.stop()));
      await Promise.allSettled(storages.map((s) => s.close()));
      await deleteKeys(prefix, redisPort);
      await proxy?.close();
      await slack.close();
      await connector.close();
      await kb.cleanup();
    },
  };
}

/** Deletes every Redis key under `prefix` (the instances' storage, queues, locks and versions). */
export async function deleteKeys(prefix: string, port = REDIS_PORT): Promise<number> {
  const redis = new Redis(port, '127.0.0.1', { lazyConnect: true });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return deleted;
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs` with `what`. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: () => string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** chat.postMessage calls per channel, for counting deliveries. */
export function postsByChannel(slack: FakeSlackApi, filter: (channel: string) => boolean = () => true): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of slack.callsOf('chat.postMessage')) {
    const channel = String(call.body.channel);
    if (filter(channel)) counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
}
