// Builds knowledge bases in memory for tests: any catalogue, not only the shipped one.
import { parseKnowledgeBase } from '../../src/kb/load.js';
import type { KnowledgeBase } from '../../src/kb/model.js';

export function kbFromFiles(files: Record<string, string>): KnowledgeBase {
  return parseKnowledgeBase(new Map(Object.entries(files)), '/in-memory');
}

export const ORG_EN = 'name: Example Agency\ndefault_language: en\ncontacts:\n  requests: { text: "Ask the IT desk", email: it@example.org }\n';

/** A tool file from a few fields; `extra` is appended as YAML. */
export function toolYaml(name: string, status: string, extra = ''): string {
  return `name: ${name}\nstatus: ${status}\nupdated: 2024-01-15\n${extra}`;
}
