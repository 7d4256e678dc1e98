// A set of strings on a key-value store, split into a fixed number of buckets by hash. Adding one
// member rewrites one small bucket (about n/64 members) instead of one big list, and listing all
// members is one getMany of the bucket keys: 10,000 subscribers of a tool stay cheap both ways.
import { createHash } from 'node:crypto';
import type { Namespace } from './backend.js';
import { KeyedMutex } from './lock.js';

export const BUCKETS = 64;

function bucketOf(member: string): number {
  return createHash('sha1').update(member).digest().readUInt16BE(0) % BUCKETS;
}

export class ShardedSet {
  readonly #ns: Namespace<string[]>;
  readonly #mutex: KeyedMutex;

  constructor(ns: Namespace<string[]>) {
    this.#ns = ns;
    this.#mutex = new KeyedMutex(ns.locks);
  }

  #key(set: string, bucket: number): string {
    return `${set}#${bucket}`;
  }

  /** Adds `member`; true if it was not there before. */
  add(set: string, member: string): Promise<boolean> {
    const key = this.#key(set, bucketOf(member));
    return this.#mutex.run(key, async () => {
      const members = (await this.#ns.get(key)) ?? [];
      if (members.includes(member)) return false;
      members.push(member);
      await this.#ns.set(key, members);
      return true;
    });
  }

  /** Adds many members with one write per touched bucket (imports, benchmarks). Returns how many were new. */
  async addMany(set: string, members: Iterable<string>): Promise<number> {
    const byBucket = new Map<number, string[]>();
    for (const m of members) {
      const b = bucketOf(m);
      const list = byBucket.get(b);
      if (list) list.push(m);
      else byBucket.set(b, [m]);
    }
    let added = 0;
    await Promise.all(
      [...byBucket].map(([b, adds]) => {
        const key = this.#key(set, b);
        return this.#mutex.run(key, async () => {
          const current = new Set((await this.#ns.get(key)) ?? []);
          const before = current.size;
          for (const m of adds) current.add(m);
          if (current.size === before) return;
          added += current.size - before;
          await this.#ns.set(key, [...current]);
        });
      }),
    );
    return added;
  }

  /** Removes `member`; true if it was there. */
  remove(set: string, member: string): Promise<boolean> {
    const key = this.#key(set, bucketOf(member));
    return this.#mutex.run(key, async () => {
      const members = (await this.#ns.get(key)) ?? [];
      const i = members.indexOf(member);
      if (i < 0) return false;
      members.splice(i, 1);
      if (members.length === 0) await this.#ns.delete(key);
      else await this.#ns.set(key, members);
      return true;
    });
  }

  async has(set: string, member: string): Promise<boolean> {
    return ((await this.#ns.get(this.#key(set, bucketOf(member)))) ?? []).includes(member);
  }

  async members(set: string): Promise<string[]> {
    const keys = Array.from({ length: BUCKETS }, (_, b) => this.#key(set, b));
    const buckets = await this.#ns.getMany(keys);
    return buckets.flatMap((b) => b ?? []);
  }
}
