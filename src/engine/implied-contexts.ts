// Contexts implied by others (lexicon/implied-contexts.yaml): special categories of personal data
// are personal data. Applied after everything else found the question's contexts, so an implied
// context is never missing whatever stated the implying one (a word, an age, a follow-up, the model).
// Parsed through the compiled cache (lexicon-data.ts): YAML once per change of the file.
import { parseYaml as parse } from '../text/lexicon-data.js';
import { LexiconError } from '../errors.js';
import { lexiconFile } from '../text/lexicon-file.js';
import type { KbIndex } from './kb-index.js';
import type { Understanding } from './understand.js';
import { findMinors } from './ages.js';
import { variantOfPrevious } from './name-variants.js';
import { tokenize } from '../text/normalize.js';
import type { PreviousQuestion } from './follow-up.js';

export function parseImpliedContexts(text: string, file = 'lexicon/implied-contexts.yaml'): ReadonlyMap<string, readonly string[]> {
  const data = parse(text) as { implies?: unknown } | null;
  const implies = data?.implies;
  if (typeof implies !== 'object' || implies === null || Array.isArray(implies)) throw new LexiconError(file, 'no "implies" mapping: expected "implies:" mapping a context id to a list of context ids');
  const out = new Map<string, string[]>();
  for (const [from, to] of Object.entries(implies)) {
    if (!Array.isArray(to) || to.some((x) => typeof x !== 'string' || x === '')) throw new LexiconError(file, `"${from}" must map to a list of ids`);
    out.set(from, to as string[]);
  }
  return out;
}

/** lexicon/implied-contexts.yaml, read on first use. */
export const impliedContexts: () => ReadonlyMap<string, readonly string[]> = lexiconFile('implied-contexts.yaml', parseImpliedContexts);

/** The understanding with every implied context added (transitively), where the base defines it. */
export function withImpliedContexts(index: KbIndex, u: Understanding, rules = impliedContexts()): Understanding {
  const contexts = [...u.contexts];
  const contextWords = { ...u.contextWords };
  const contextSources = u.contextSources ? { ...u.contextSources } : undefined;
  let changed = false;
  for (let k = 0; k < contexts.length; k++) {
    const from = contexts[k] as string;
    for (const to of rules.get(from) ?? []) {
      if (contexts.includes(to) || !index.kb.contexts.has(to)) continue;
      contexts.push(to);
      contextWords[to] = [...(contextWords[from] ?? [])];
      if (contextSources?.[from]) contextSources[to] = contextSources[from];
      changed = true;
    }
  }
  const negated = ruledOutByImplication(index, contexts, u.negatedContexts.filter((c) => !contexts.includes(c)), rules);
  if (!changed && negated.length === u.negatedContexts.length) return u;
  return { ...u, contexts, negatedContexts: negated, contextWords, ...(contextSources ? { contextSources } : {}) };
}

/**
 * The negated contexts with those an implication rules out too: what implies a ruled-out context
 * is ruled out with it ("keine personenbezogenen Daten" leaves no room for health data).
 */
function ruledOutByImplication(index: KbIndex, stated: readonly string[], negated: string[], rules: ReadonlyMap<string, readonly string[]>): string[] {
  const out = [...negated];
  for (let added = true; added; ) {
    added = false;
    for (const [from, to] of rules) {
      if (out.includes(from) || stated.includes(from) || !index.kb.contexts.has(from)) continue;
      if (to.some((t) => out.includes(t))) {
        out.push(from);
        added = true;
      }
    }
  }
  return out;
}

/** The understanding with the context of a stated minor ("eine 15-jährige Bewerberin") added, or negated. */
export function withStatedAges(index: KbIndex, u: Understanding, question: string): Understanding {
  const minor = findMinors(question);
  if (!minor || !index.kb.contexts.has(minor.context)) return u;
  if (minor.negated) {
    if (u.contexts.includes(minor.context) || u.negatedContexts.includes(minor.context)) return u;
    return { ...u, negatedContexts: [...u.negatedContexts, minor.context] };
  }
  const contextWords = { ...u.contextWords };
  contextWords[minor.context] = [...new Set([...(contextWords[minor.context] ?? []), ...minor.words])];
  const contexts = u.contexts.includes(minor.context) ? u.contexts : [...u.contexts, minor.context];
  return { ...u, contexts, negatedContexts: u.negatedContexts.filter((c) => c !== minor.context), contextWords };
}

/**
 * A follow-up naming no tool but a variant of the previous one ("und die lizenzierte Version?"
 * after Zoom) is about that variant (name-variants.ts); the words it took for an unknown tool go.
 */
export function withVariantOfPrevious(index: KbIndex, u: Understanding, question: string, previous: PreviousQuestion | undefined): Understanding {
  if (!previous || previous.toolIds.length === 0 || u.toolIds.length > 0) return u;
  const toolId = variantOfPrevious(index, tokenize(question).map((t) => t.norm), previous.toolIds);
  if (toolId === null) return u;
  return { ...u, toolIds: [toolId], unknownTool: null };
}
