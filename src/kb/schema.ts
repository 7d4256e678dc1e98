// The knowledge-base format (docs/knowledge-format.md) as zod schemas: the one source of the
// knowledge-base types. Every object is strict, so a misspelt field is an error, not ignored.
import { z } from 'zod';
import { schemaError, schemaPhrases } from './schema-messages.js';
import { LANGUAGES, type Language } from '../model/language.js';
import { ASSESSMENT_STEPS, STEP_STATES, TOOL_STATUSES } from '../model/status.js';

/** True for a real calendar date written YYYY-MM-DD (2021-02-30 is rejected). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
}

// YAML 1.2 (the `yaml` package's default) reads 2021-03-26 as a string; a Date can still arrive
// from a YAML 1.1 document, so accept both and keep the string form.
export const IsoDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.string().refine(isIsoDate, schemaError((p) => p.date)),
);

const NonEmpty = z.string().trim().min(1, schemaError((p) => p.notEmpty));

export const LocalizedText = z.union([
  NonEmpty,
  // One optional text per language of the model (src/model/language.ts), at least one of them.
  z
    .strictObject(Object.fromEntries(LANGUAGES.map((lang) => [lang, NonEmpty.optional()])) as Record<Language, z.ZodOptional<typeof NonEmpty>>)
    .refine((t) => LANGUAGES.some((lang) => t[lang] !== undefined), schemaError((p) => p.deOrEn)),
]);
export type LocalizedText = z.infer<typeof LocalizedText>;

const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, schemaError((p) => p.id));

/**
 * A link of the knowledge base (a source, a contact): https:, http: or mailto: only. Anything else
 * (javascript:, data:, file: …) would reach answers and the API as a link: `kb validate` refuses it.
 */
export const LINK_PROTOCOLS = /^(https?|mailto)$/;
const LinkUrl = z.url({ protocol: LINK_PROTOCOLS, ...schemaError((p) => p.url) });

export const Contact = z.strictObject({
  name: LocalizedText.optional(),
  text: LocalizedText.optional(),
  email: z.email(schemaError((p) => p.email)).optional(),
  url: LinkUrl.optional(),
  phone: z.string().optional(),
});
export type Contact = z.infer<typeof Contact>;

export const Organization = z.strictObject({
  name: NonEmpty,
  default_language: z.enum(LANGUAGES).default('de'),
  contacts: z.record(z.string(), Contact).default({}),
});
export type Organization = z.infer<typeof Organization>;

const Synonyms = z.strictObject({
  de: z.array(NonEmpty).default([]),
  en: z.array(NonEmpty).default([]),
});

/** An entry of contexts.yaml or categories.yaml; `label` may be left out when `id` extends a built-in. */
export const Vocabulary = z.strictObject({
  id: Id,
  label: LocalizedText.optional(),
  synonyms: Synonyms.default({ de: [], en: [] }),
});
export type VocabularyEntry = z.infer<typeof Vocabulary>;
export const VocabularyFile = z.array(Vocabulary);

export const Restriction = z.strictObject({
  id: Id,
  text: LocalizedText,
  forbidden_contexts: z.array(Id).default([]),
});
export type Restriction = z.infer<typeof Restriction>;

export const AssessmentEntry = z.strictObject({
  state: z.enum(STEP_STATES),
  date: IsoDate.optional(),
  note: LocalizedText.optional(),
});
export type AssessmentEntry = z.infer<typeof AssessmentEntry>;

export const Source = z.strictObject({
  title: NonEmpty,
  date: IsoDate.optional(),
  url: LinkUrl.optional(),
});
export type Source = z.infer<typeof Source>;

// decision_expected: a date (2021-10-01), a quarter (2021-Q3), `{ not_before: <date or quarter> }`
// or `{ de, en }` text. Older free text ("not before 2021-Q3") is still read; `kb validate` warns.
export const QUARTER = /^(\d{4})-Q([1-4])$/;
const yamlScalarToText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? String(v) : v);
const When = z.preprocess(
  yamlScalarToText,
  z.string().refine((v) => isIsoDate(v) || QUARTER.test(v), schemaError((p) => p.when)),
);
const FreeText = z.preprocess(yamlScalarToText, NonEmpty);
export const DecisionExpected = z.union([
  z.strictObject({ not_before: When }),
  // One optional text per language of the model (src/model/language.ts), at least one of them.
  z
    .strictObject(Object.fromEntries(LANGUAGES.map((lang) => [lang, NonEmpty.optional()])) as Record<Language, z.ZodOptional<typeof NonEmpty>>)
    .refine((t) => LANGUAGES.some((lang) => t[lang] !== undefined), schemaError((p) => p.deOrEn)),
  FreeText,
]);
export type DecisionExpected = z.infer<typeof DecisionExpected>;

/** The decision behind the current status (an admin's note and source): shown first in answers. */
export const Decision = z.strictObject({
  /** The status this decision is about; an answer shows it only while the tool has that status. */
  status: z.enum(TOOL_STATUSES).optional(),
  text: LocalizedText,
  date: IsoDate.optional(),
  source: Source.optional(),
});
export type Decision = z.infer<typeof Decision>;

export const Tool = z
  .strictObject({
    name: NonEmpty,
    vendor: z.string().optional(),
    category: Id.optional(),
    aliases: z.array(NonEmpty).default([]),
    status: z.enum(TOOL_STATUSES),
    summary: LocalizedText.optional(),
    restrictions: z.array(Restriction).default([]),
    /** Contexts the assessment covered and allowed without a restriction (so an answer need not flag them). */
    assessed_contexts: z.array(Id).default([]),
    assessment: z.partialRecord(z.enum(ASSESSMENT_STEPS), AssessmentEntry).default({}),
    decision: Decision.optional(),
    decision_expected: DecisionExpected.optional(),
    alternatives: z.array(Id).default([]),
    sources: z.array(Source).default([]),
    updated: IsoDate,
    review_due: IsoDate.optional(),
  })
  .superRefine((tool, ctx) => {
    if (tool.status === 'restricted' && tool.restrictions.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['restrictions'], message: schemaPhrases().restrictedNeedsRestriction });
    }
    if (tool.status === 'approved' && tool.restrictions.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['restrictions'],
        message: schemaPhrases().approvedHasNoRestrictions,
      });
    }
    const seen = new Set<string>();
    tool.restrictions.forEach((r, i) => {
      if (seen.has(r.id)) {
        ctx.addIssue({ code: 'custom', path: ['restrictions', i, 'id'], message: schemaPhrases().restrictionTwice(r.id) });
      }
      seen.add(r.id);
    });
  });
export type ToolInput = z.input<typeof Tool>;
export type ToolEntry = z.infer<typeof Tool> & { id: string };
