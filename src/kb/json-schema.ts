// JSON Schemas of the knowledge-base files, generated from the same zod schemas that validate them,
// for editors (yaml-language-server) and for `compliance-bot kb schema`.
import { z } from 'zod';
import { Organization, Tool, VocabularyFile } from './schema.js';

export type SchemaName = 'tool' | 'organization' | 'vocabulary';

const SCHEMAS = { tool: Tool, organization: Organization, vocabulary: VocabularyFile } as const;
const TITLES: Record<SchemaName, string> = {
  tool: 'compliance-bot tool entry (knowledge/tools/<id>.yaml)',
  organization: 'compliance-bot organization (knowledge/organization.yaml)',
  vocabulary: 'compliance-bot contexts.yaml / categories.yaml',
};

export function jsonSchema(name: SchemaName): Record<string, unknown> {
  // `io: 'input'`: what an author writes (defaults make fields optional), not what the loader returns.
  const schema = z.toJSONSchema(SCHEMAS[name], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: TITLES[name] };
}
