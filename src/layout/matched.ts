// Which name of a tool a question used, when it is another product's name listed as an alias
// ("Teams" under Microsoft 365): the answer then says that this entry covers it. Derived from the
// question text and the entry's aliases (the engine's matcher does not report the alias it used).
import type { ToolEntry } from '../kb/schema.js';
import { tokenize, type Token } from '../text/normalize.js';

const words = (text: string) => tokenize(text).map((t) => t.norm);

/** A token of the alias that the name lacks (prefixes count as the same word: lizenziert/lizenzierte). */
function inName(token: string, name: readonly string[]): boolean {
  return name.some((n) => n.startsWith(token) || token.startsWith(n));
}

function findRun(tokens: readonly Token[], run: readonly string[]): number {
  outer: for (let i = 0; i + run.length <= tokens.length; i++) {
    for (let j = 0; j < run.length; j++) if (tokens[i + j]?.norm !== run[j]) continue outer;
    return i;
  }
  return -1;
}

interface Names {
  name: string[];
  /** Aliases as folded words, longest first, each marked whether it names another product. */
  aliases: { words: string[]; product: boolean }[];
}

// Folded once per entry (an answer costs a few token comparisons, not a tokenisation per alias).
const cache = new WeakMap<object, Names>();

function namesOf(tool: Pick<ToolEntry, 'name' | 'aliases'>): Names {
  let n = cache.get(tool);
  if (!n) {
    const name = words(tool.name);
    const aliases = tool.aliases
      .map(words)
      .filter((a) => a.length > 0)
      .sort((a, b) => b.length - a.length)
      // A variant of the name (all its words, or no word of its own) is not another product.
      .map((a) => ({ words: a, product: !(name.every((w) => a.includes(w)) || !a.some((w) => /^\p{L}{4,}$/u.test(w) && !inName(w, name))) }));
    cache.set(tool, (n = { name, aliases }));
  }
  return n;
}

/** The alias as written in the question, when it names another product; undefined otherwise. */
export function matchedAlias(tool: Pick<ToolEntry, 'name' | 'aliases'>, question: string, tokens?: readonly Token[]): string | undefined {
  const names = namesOf(tool);
  if (!names.aliases.some((a) => a.product)) return undefined;
  tokens ??= tokenize(question);
  const name = names.name;
  if (name.length > 0 && findRun(tokens, name) >= 0) return undefined;
  for (const { words: alias, product } of names.aliases) {
    const at = findRun(tokens, alias);
    if (at < 0) continue;
    if (!product) return undefined;
    const first = tokens[at] as Token;
    const last = tokens[at + alias.length - 1] as Token;
    return question.slice(first.start, last.start + last.raw.length);
  }
  return undefined;
}
