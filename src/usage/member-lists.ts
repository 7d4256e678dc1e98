// Lists of the keys a counter namespace holds (tool ids, unknown names, categories, question days):
// the key-value store cannot enumerate keys, so the report reads the list and then all counters
// with one getMany. A list is written only when a member is new; which members this process has
// already seen is cached, so the steady state costs no list read per answer.
import type { SerialUpdater } from './serial-updates.js';

export type AddResult = 'added' | 'present' | 'full';

export class MemberLists {
  readonly #lists: SerialUpdater<string[]>;
  readonly #seen = new Set<string>();

  constructor(lists: SerialUpdater<string[]>) {
    this.#lists = lists;
  }

  /**
   * Adds `member` to `list` unless already there or the list holds `max` members. `recheck`: read
   * the list even if this process saw the member before (another process may have removed it).
   */
  async add(list: string, member: string, max = Infinity, recheck = false): Promise<AddResult> {
    const seenKey = `${list}\n${member}`;
    if (!recheck && this.#seen.has(seenKey)) return 'present';
    let result = 'present' as AddResult;
    await this.#lists.update(list, (current = []) => {
      if (current.includes(member)) {
        result = 'present';
        return current;
      }
      if (current.length >= max) {
        result = 'full';
        return current;
      }
      result = 'added';
      return [...current, member];
    });
    if (result !== 'full') this.#seen.add(seenKey);
    return result;
  }

  async members(list: string): Promise<string[]> {
    return (await this.#lists.kv.get(list)) ?? [];
  }

  async remove(list: string, members: readonly string[]): Promise<void> {
    if (members.length === 0) return;
    const gone = new Set(members);
    for (const m of members) this.#seen.delete(`${list}\n${m}`);
    await this.#lists.update(list, (current) => {
      if (!current || !current.some((m) => gone.has(m))) return current;
      return current.filter((m) => !gone.has(m));
    });
  }
}
