// Which local services a suite needs, and what to do when one is not there. On a fresh machine
// `npm test` skips the suites whose service it cannot reach, naming the reason and the command that
// enables them; they are counted as skipped in the summary. CI sets REQUIRE_ALL_SUITES=1, where a
// missing service fails the run instead of skipping.
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, test } from 'node:test';

export type Service = 'redis' | 'postgres' | 'chromium' | 'ding';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** The Ding German–English dictionary, from which the German semantic files are made (scripts/semantic/ding-bridge.ts). */
export const DING_PATH = '/usr/share/trans/de-en';

const HOW: Record<Service, string> = {
  redis: 'Redis on 127.0.0.1:6379 (start it: redis-server --daemonize yes --port 6379 --save "")',
  postgres: 'PostgreSQL on 127.0.0.1:5432 with trust auth and a database "test" (see .ci/run)',
  chromium: `Debian's Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`,
  ding: `the Ding German–English dictionary at ${DING_PATH} (apt-get install trans-de-en)`,
};

/** Whether something accepts TCP connections on 127.0.0.1:port (within a second). */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const probes = new Map<Service, Promise<boolean>>();

// SERVICES_UNAVAILABLE=redis,postgres,chromium,ding treats those as missing (to see what a fresh machine does).
const forcedMissing = new Set((process.env.SERVICES_UNAVAILABLE ?? '').split(',').map((s) => s.trim()));

function available(service: Service): Promise<boolean> {
  if (forcedMissing.has(service)) return Promise.resolve(false);
  let probe = probes.get(service);
  if (!probe) {
    probe =
      service === 'chromium' ? Promise.resolve(existsSync(CHROMIUM_PATH)) : service === 'ding' ? Promise.resolve(existsSync(DING_PATH)) : portAnswers(service === 'redis' ? 6379 : 5432);
    probes.set(service, probe);
  }
  return probe;
}

export const requireAll = process.env.REQUIRE_ALL_SUITES === '1';

/**
 * The skip reason for a test or suite needing these services, or false when they all answer.
 * Under REQUIRE_ALL_SUITES=1 it never skips: the tests run and fail on the missing service, and a
 * test naming it fails too.
 */
export async function skipUnless(...services: Service[]): Promise<string | false> {
  const missing: Service[] = [];
  for (const s of services) if (!(await available(s))) missing.push(s);
  if (missing.length === 0) return false;
  const reason = `needs ${missing.map((s) => HOW[s]).join(' and ')}`;
  if (requireAll) {
    test(`required service missing: ${missing.join(', ')}`, () => {
      throw new Error(`REQUIRE_ALL_SUITES=1 and this suite ${reason}`);
    });
    return false;
  }
  return reason;
}

/**
 * describe() for a suite that needs services: when one is missing the suite is replaced by one
 * skipped test with the reason (a skipped describe would count no test as skipped in the summary).
 */
export async function describeNeeding(services: readonly Service[], name: string, fn: () => void): Promise<void> {
  const skip = await skipUnless(...services);
  if (skip) test(name, { skip }, () => {});
  else describe(name, fn);
}
