// The JSON Schemas of the MCP tools' input and output (as zod, which the SDK turns into JSON Schema
// for `tools/list` and checks every result against). The answer's schema is the `ask --json`
// contract (src/answer.ts AnswerJson), so an assistant receives exactly what the CLI prints.
import { z } from 'zod';
import { VERDICTS } from '../model/answer.js';
import { LANGUAGES } from '../model/language.js';
import { TOOL_STATUSES } from '../model/status.js';

const ToolVerdict = z.enum(['allowed', 'conditional', 'not_allowed', 'pending']);
const Status = z.enum(TOOL_STATUSES);
const Source = z.object({ title: z.string(), date: z.string().nullable(), url: z.string().optional() });
const Localized = z.union([z.string(), z.object({ de: z.string().optional(), en: z.string().optional() })]);

export const askInput = {
  question: z.string().min(1).max(4000).describe('The question as a member of staff would ask it, e.g. "Darf ich Zoom mit Bürgern nutzen?"'),
  language: z.enum(LANGUAGES).optional().describe('Language of the answer (de or en); detected from the question when left out'),
};

/** The `ask --json` object. */
export const answerOutput = {
  question: z.string(),
  language: z.enum(LANGUAGES),
  verdict: z.enum(VERDICTS).describe('allowed | conditional | not_allowed | pending | unknown (not in the catalogue) | unclear (no tool recognised) | list'),
  tools: z.array(
    z.object({ id: z.string(), name: z.string(), status: Status, verdict: ToolVerdict, conditions: z.array(z.string()), reasons: z.array(z.string()) }),
  ),
  contexts: z.array(z.string()),
  category: z.string().nullable(),
  unknownTool: z.string().nullable(),
  text: z.string(),
  sources: z.array(Source),
  evidence: z.array(z.object({ id: z.string(), label: z.string(), words: z.array(z.string()), source: z.string() })).optional(),
  assumed: z.looseObject({}).optional(),
};

export const getToolInput = {
  tool: z.string().min(1).max(200).describe('The tool\'s id, name or an alias, e.g. "zoom" or "Microsoft Teams"'),
};

/** A tool entry as in its YAML file (docs/knowledge-format.md), with its id. */
const ToolEntryOutput = z.looseObject({
  id: z.string(),
  name: z.string(),
  vendor: z.string().optional(),
  category: z.string().optional(),
  aliases: z.array(z.string()),
  status: Status,
  summary: Localized.optional(),
  restrictions: z.array(z.object({ id: z.string(), text: Localized, forbidden_contexts: z.array(z.string()) })),
  assessed_contexts: z.array(z.string()),
  assessment: z.record(z.string(), z.looseObject({ state: z.string() })),
  decision_expected: z.unknown().optional(),
  alternatives: z.array(z.string()),
  sources: z.array(z.object({ title: z.string(), date: z.string().optional(), url: z.string().optional() })),
  updated: z.string(),
  review_due: z.string().optional(),
});

export const getToolOutput = {
  found: z.boolean(),
  tool: ToolEntryOutput.nullable().describe('The entry; null when no tool has this id, name or alias'),
  suggestions: z.array(z.string()).describe('Names of similar tools when none was found'),
};

export const listToolsInput = {
  category: z.string().max(100).optional().describe('Only tools of this category id (see the categories in the answer)'),
  status: Status.optional().describe('Only tools with this status'),
};

const ToolSummary = z.object({ id: z.string(), name: z.string(), category: z.string().nullable(), status: Status, vendor: z.string().nullable() });

export const listToolsOutput = {
  tools: z.array(ToolSummary),
  categories: z.array(z.object({ id: z.string(), label: z.string() })).describe('Every category of the catalogue'),
};

export const listPendingOutput = {
  tools: z.array(
    ToolSummary.extend({
      decisionExpected: z.string().nullable().describe('When a decision is expected, in words; null if not recorded'),
      steps: z.array(z.object({ step: z.string(), state: z.string() })).describe('The assessment steps recorded so far'),
    }),
  ),
};
