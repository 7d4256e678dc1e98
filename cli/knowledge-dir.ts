// Where the knowledge base is: --kb, else the configuration's (KNOWLEDGE_DIR, else the folder shipped with the package).
import path from 'node:path';
import type { Config } from '../src/config.js';

export function knowledgeDir(config: Pick<Config, 'knowledgeDir'>, option?: string): string {
  return option ? path.resolve(option) : config.knowledgeDir;
}
