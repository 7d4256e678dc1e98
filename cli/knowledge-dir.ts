// Where the knowledge base is: --kb, else KNOWLEDGE_DIR, else the folder shipped with the package.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: two levels above this file both as cli/*.ts and as dist/cli/*.js. */
export function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '../..') : path.resolve(here, '..');
}

export function knowledgeDir(option?: string): string {
  // An empty KNOWLEDGE_DIR counts as unset.
  return path.resolve(option || process.env.KNOWLEDGE_DIR || path.join(packageRoot(), 'knowledge'));
}
