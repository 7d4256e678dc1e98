// Where the knowledge base is: --kb, else KNOWLEDGE_DIR, else the folder shipped with the package.
import path from 'node:path';
import { defaultKnowledgeDir } from '../src/config.js';

export function knowledgeDir(option?: string): string {
  // An empty KNOWLEDGE_DIR counts as unset.
  return path.resolve(option || process.env.KNOWLEDGE_DIR || defaultKnowledgeDir());
}
