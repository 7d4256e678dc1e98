// A throw-away copy of the shipped knowledge/ folder, so tests can change files freely.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHIPPED_KB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');

export interface KbCopy {
  dir: string;
  tool(id: string): string;
  cleanup(): Promise<void>;
  /** Every file name in the folder and tools/ (to spot left-over temporary files). */
  allFiles(): Promise<string[]>;
}

export async function copyKnowledge(): Promise<KbCopy> {
  const root = await mkdtemp(path.join(tmpdir(), 'cb-admin-'));
  const dir = path.join(root, 'knowledge');
  await cp(SHIPPED_KB, dir, { recursive: true });
  return {
    dir,
    tool: (id) => path.join(dir, 'tools', `${id}.yaml`),
    cleanup: () => rm(root, { recursive: true, force: true }),
    allFiles: async () => [...(await readdir(dir)), ...(await readdir(path.join(dir, 'tools'))).map((n) => `tools/${n}`)],
  };
}
