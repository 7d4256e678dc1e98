// Keeps every instance on the same knowledge base. The instance that applied a change stores its
// version under `<prefix>cluster:kb-version` and publishes it on `<prefix>cluster:kb`; the others
// reload their knowledge folder - which must be the same folder (a shared volume) or hold the same
// files - and swap the new base in. The message carries the version only, never file contents: the
// folder stays the one source of truth, edited in one place.
//
// A message missed while Redis was unreachable is made up for by comparing with the stored
// version on reconnect and every `checkEveryMs`. A network volume may show a new file a moment
// late: the reload is retried for a few seconds until the folder shows the announced version.
import { KnowledgeBaseError } from '../errors.js';
import { loadKnowledgeBase } from '../kb/load.js';
import type { KnowledgeBase } from '../kb/model.js';
import type { Logger } from '../logger.js';
import type { ClusterRedis } from './redis.js';

export interface KbSyncOptions {
  redis: ClusterRedis;
  instanceId: string;
  knowledgeDir: string;
  /** The base this instance answers from. */
  current(): KnowledgeBase;
  /** Swaps a base loaded after another instance's change into this instance. */
  apply(kb: KnowledgeBase): void;
  logger: Logger;
  /** Delays between reload attempts until the folder shows an announced version (default 0.1 … 3.2 s, about 6 s in all). */
  retryDelaysMs?: readonly number[];
}

export interface KbSync {
  /** Tells the other instances that this one now answers from `version`. Throws when Redis is unreachable. */
  announce(version: string): Promise<void>;
  /** Compares with the cluster's version now and reloads when it differs. Never throws. */
  check(): Promise<void>;
  close(): Promise<void>;
}

interface Announcement {
  version: string;
  from: string;
}

const DEFAULT_RETRY_DELAYS_MS = [100, 200, 400, 800, 1_600, 3_200];

export const kbChannel = (prefix: string): string => `${prefix}cluster:kb`;
export const kbVersionKey = (prefix: string): string => `${prefix}cluster:kb-version`;

export async function startKbSync(options: KbSyncOptions): Promise<KbSync> {
  const { redis, instanceId, knowledgeDir, logger } = options;
  const channel = kbChannel(redis.prefix);
  const versionKey = kbVersionKey(redis.prefix);
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let closed = false;
  let running: Promise<void> | undefined;
  let wanted: string | undefined;
  let warnedFor: string | undefined;

  /** Reloads the folder until it shows `target` (or gives up after the retries) and applies what it finds. */
  async function catchUp(target: string): Promise<void> {
    let loaded: KnowledgeBase | undefined;
    for (let attempt = 0; attempt <= delays.length && !closed; attempt++) {
      if (attempt > 0) {
        // A newer announcement arrived meanwhile: stop waiting for this one, the next round loads that.
        if (wanted !== undefined) break;
        await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
      }
      if (options.current().version === target) return; // meanwhile applied (our own watcher, say)
      try {
        loaded = await loadKnowledgeBase(knowledgeDir);
      } catch (err) {
        // Half-way through a git pull, say: try again; the last good base keeps answering.
        if (!(err instanceof KnowledgeBaseError)) throw err;
        loaded = undefined;
        continue;
      }
      if (loaded.version === target) break;
    }
    if (closed || !loaded || loaded.version === options.current().version) {
      const gaveUp = !closed && wanted === undefined && options.current().version !== target;
      if (gaveUp && warnedFor !== target) {
        warnedFor = target;
        logger.warn(
          { announced: target, here: options.current().version },
          'another instance answers from a knowledge base this instance\'s folder does not show: do all instances share the knowledge folder?',
        );
      }
      return;
    }
    options.apply(loaded);
    logger.info({ version: loaded.version, tools: loaded.tools.size, announced: target }, 'knowledge base reloaded after a change on another instance');
  }

  /** One catch-up at a time; a newer announcement during one is handled right after it. */
  function request(target: string): Promise<void> {
    wanted = target;
    if (running) return running;
    running = (async () => {
      try {
        while (wanted !== undefined && !closed) {
          const next = wanted;
          wanted = undefined;
          await catchUp(next);
        }
      } catch (err) {
        logger.error({ error: { type: (err as Error).name, message: (err as Error).message } }, 'knowledge base reload after another instance\'s change failed');
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  redis.subscriber.on('message', (ch: string, text: string) => {
    if (ch !== channel || closed) return;
    let message: Announcement;
    try {
      message = JSON.parse(text) as Announcement;
    } catch {
      return;
    }
    if (message.from === instanceId || typeof message.version !== 'string') return;
    if (message.version !== options.current().version) void request(message.version);
  });
  await redis.subscriber.subscribe(channel);

  return {
    async announce(version) {
      const message: Announcement = { version, from: instanceId };
      await redis.command.set(versionKey, version);
      await redis.command.publish(channel, JSON.stringify(message));
    },
    async check() {
      if (closed) return;
      try {
        const version = await redis.command.get(versionKey);
        if (version !== null && version !== options.current().version) await request(version);
      } catch {
        // Redis unreachable: checked again on reconnect.
      }
    },
    async close() {
      closed = true;
      await redis.subscriber.unsubscribe(channel).catch(() => undefined);
      await running;
    },
  };
}
