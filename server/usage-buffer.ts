// Usage counts are written in batches, once a second: the recorder then merges the increments of
// one counter into one read and one write, so counting costs next to nothing per answer. A crash
// loses at most the last second's counts (statistics, not records anyone relies on).
import type { Answer } from '../src/model/answer.js';
import type { Platform } from '../src/model/platform.js';
import type { Logger } from '../src/logger.js';
import type { UsageRecorder } from '../src/usage/index.js';

export interface UsageBuffer {
  add(answer: Answer, platform: Platform, clientKey?: string): void;
  flush(): Promise<void>;
}

export function bufferUsage(usage: UsageRecorder, logger: Logger): UsageBuffer {
  // The core hands out the same Answer object for a question asked again: count those together.
  // Client keys are kept (in memory, until the flush) only for unknown tools: each client counts once a day.
  let pending = new Map<Answer, Map<Platform, { times: number; clients: string[] }>>();
  let timer: NodeJS.Timeout | undefined;
  const flush = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    const work: Promise<void>[] = [];
    for (const [answer, platforms] of batch) {
      for (const [platform, { times, clients }] of platforms) work.push(usage.recordAnswer(answer, platform, times, clients));
    }
    const results = await Promise.allSettled(work);
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) logger.warn({ failed }, 'usage not recorded');
  };
  return {
    add(answer, platform, clientKey) {
      let platforms = pending.get(answer);
      if (!platforms) pending.set(answer, (platforms = new Map()));
      let entry = platforms.get(platform);
      if (!entry) platforms.set(platform, (entry = { times: 0, clients: [] }));
      entry.times++;
      if (clientKey !== undefined && answer.unknownTool !== null) entry.clients.push(clientKey);
      timer ??= setTimeout(() => void flush(), 1_000).unref();
    },
    flush,
  };
}
