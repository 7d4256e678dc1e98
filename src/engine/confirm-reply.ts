// A typed (or clicked) answer to a confirm question, in the same conversation: "ja", "ja,
// vertraulich", "nein, nichts davon", "yes", "no, none of that". It takes over the previous
// question's tools and situation and resolves the question: yes states the situations it names
// (or, named none, all that were asked: stricter when in doubt), so the tool is not allowed; no rules
// out every situation asked about, so the tool is conditional. The yes/no words are data
// (lexicon/chat-phrases.yaml, confirm_yes / confirm_no).
import type { FollowUpAssumption } from '../model/answer.js';
import { phraseList } from '../text/chat-phrases.js';
import { tokenize } from '../text/normalize.js';
import type { PreviousQuestion } from './follow-up.js';
import type { Understanding } from './understand.js';

let lists: { yes: string[][]; no: string[][] } | undefined;

function replyWords(): { yes: string[][]; no: string[][] } {
  const words = (name: 'confirm_yes' | 'confirm_no') =>
    phraseList(name)
      .map((p) => tokenize(p).map((t) => t.norm))
      .filter((p) => p.length > 0)
      .sort((a, b) => b.length - a.length);
  return (lists ??= { yes: words('confirm_yes'), no: words('confirm_no') });
}

/** "yes" or "no" when the reply starts with one of the words (the longest phrase wins), else null. */
export function replyKind(question: string): 'yes' | 'no' | null {
  const norms = tokenize(question).map((t) => t.norm);
  const starts = (p: readonly string[]) => p.every((w, k) => norms[k] === w);
  const { yes, no } = replyWords();
  const y = yes.find(starts)?.length ?? 0;
  const n = no.find(starts)?.length ?? 0;
  if (y === 0 && n === 0) return null;
  return n >= y ? 'no' : 'yes';
}

export interface ResolvedReply {
  understanding: Understanding;
  assumed: FollowUpAssumption;
}

/** The reply resolved against the previous question's confirm, or null when it is no such reply. */
export function resolveConfirmReply(read: Understanding, question: string, previous: PreviousQuestion | undefined): ResolvedReply | null {
  const asked = previous?.ask ?? [];
  if (!previous || asked.length === 0 || typeof question !== 'string') return null;
  // A reply names no other tool: "ja, aber mit Teams" is a question of its own.
  if (read.toolIds.some((id) => !previous.toolIds.includes(id)) || read.unknownTool !== null) return null;
  const kind = replyKind(question);
  if (kind === null) return null;
  const stated = read.contexts.filter((c) => asked.includes(c));
  const yes = kind === 'yes' ? (stated.length > 0 ? stated : asked) : [];
  const contexts = [...new Set([...previous.contexts, ...read.contexts.filter((c) => kind === 'yes' || !asked.includes(c)), ...yes])];
  const negatedContexts = kind === 'no' ? [...new Set([...read.negatedContexts, ...asked])] : read.negatedContexts.filter((c) => !contexts.includes(c));
  const contextSources: Record<string, 'question' | 'previous' | 'model'> = { ...read.contextSources };
  for (const c of previous.contexts) if (!read.contexts.includes(c)) contextSources[c] = 'previous';
  const understanding: Understanding = {
    ...read,
    toolIds: [...previous.toolIds],
    category: previous.toolIds.length === 0 ? previous.category : null,
    unknownTool: null,
    contexts,
    negatedContexts,
    contextSources,
    confirmReply: kind,
    unexplained: [],
  };
  const toolNames = previous.toolIds.map((id, k) => previous.toolNames?.[k] ?? id);
  return { understanding, assumed: { toolIds: [...previous.toolIds], toolNames, contexts: previous.contexts.filter((c) => !read.contexts.includes(c)), category: understanding.category } };
}
