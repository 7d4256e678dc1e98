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

/** The alias as written in the question, when it names another product; undefined otherwise. */
export function matchedAlias(tool: Pick<ToolEntry, 'name' | 'aliases'>, question: string, tokens: readonly Token[] = tokenize(question)): string | undefined {
  const name = words(tool.name);
  if (name.length > 0 && findRun(tokens, name) >= 0) return undefined;
  const aliases = tool.aliases.map(words).sort((a, b) => b.length - a.length);
  for (const alias of aliases) {
    if (alias.length === 0) continue;
    const at = findRun(tokens, alias);
    if (at < 0) continue;
    // A variant of the name (all its words, or no word of its own) is not another product.
    const variant = name.every((n) => alias.includes(n)) || !alias.some((a) => /^\p{L}{4,}$/u.test(a) && !inName(a, name));
    if (variant) return undefined;
    const first = tokens[at] as Token;
    const last = tokens[at + alias.length - 1] as Token;
    return question.slice(first.start, last.start + last.raw.length);
  }
  return undefined;
}
