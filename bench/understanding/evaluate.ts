// Runs the labelled set through the real path an adapter takes — normalizeChat, then
// ComplianceCore.ask with one conversation per dialogue — and scores every answer against the
// verdict derived from its labels.
import type { Answer } from '../../src/model/answer.js';
import { ComplianceCore } from '../../src/core.js';
import { loadKnowledgeBase } from '../../src/kb/load.js';
import type { KnowledgeBase } from '../../src/kb/model.js';
import { normalizeChat } from '../../src/text/chat.js';
import { KB_DIRS, loadLabelledSet, type KbName, type LabelledMessage } from './set.js';
import { loadFreshSets, type FreshMessage } from './fresh.js';
import { expectedAnswer, isFalseApproval, type Expected } from './truth.js';

export interface Got {
  verdict: string;
  tools: { id: string; verdict: string }[];
  unknownTool: string | null;
  category: string | null;
  contexts: string[];
}

export interface MessageResult<K extends string = KbName> {
  message: LabelledMessage<K>;
  /** The core's answer, as an adapter would render it. */
  answer: Answer;
  expected: Expected;
  got: Got;
  correct: boolean;
  /** What did not match (empty when correct). */
  mismatches: string[];
  /** One line per tool the answer approves where the truth does not. */
  falseApprovals: string[];
}

export interface Evaluation {
  results: MessageResult[];
  kbs: Record<KbName, KnowledgeBase>;
}

export async function loadKnowledgeBases(): Promise<Record<KbName, KnowledgeBase>> {
  return { shipped: await loadKnowledgeBase(KB_DIRS.shipped), catalog: await loadKnowledgeBase(KB_DIRS.catalog) };
}

export function gotOf(a: Pick<Answer, 'verdict' | 'tools' | 'unknownTool' | 'category' | 'contexts'>): Got {
  return {
    verdict: a.verdict,
    tools: a.tools.map((t) => ({ id: t.id, verdict: t.verdict })),
    unknownTool: a.unknownTool,
    category: a.category,
    contexts: a.contexts,
  };
}

/** Compares one answer with the expectation; the rules of the bench's "correct" and "false approval". */
export function score(expected: Expected, got: Got): { mismatches: string[]; falseApprovals: string[] } {
  const mismatches: string[] = [];
  if (got.verdict !== expected.verdict) mismatches.push(`verdict ${got.verdict} ≠ ${expected.verdict}`);
  const want = [...expected.tools.keys()].sort();
  const have = [...new Set(got.tools.map((t) => t.id))].sort();
  if (want.join(',') !== have.join(',')) mismatches.push(`tools [${have.join(', ')}] ≠ [${want.join(', ')}]`);
  const norm = (s: string | null) => (s ?? '').trim().toLowerCase();
  if (norm(got.unknownTool) !== norm(expected.unknownTool)) {
    mismatches.push(`unknownTool ${JSON.stringify(got.unknownTool)} ≠ ${JSON.stringify(expected.unknownTool)}`);
  }
  if (expected.category !== null && got.category !== expected.category) {
    mismatches.push(`category ${JSON.stringify(got.category)} ≠ ${JSON.stringify(expected.category)}`);
  }
  const falseApprovals: string[] = [];
  for (const t of got.tools) {
    const truth = expected.tools.get(t.id);
    if (isFalseApproval(t.verdict, truth)) falseApprovals.push(`${t.id}: answered ${t.verdict}, truth ${truth ?? `not in question (${expected.verdict})`}`);
  }
  return { mismatches, falseApprovals };
}

export interface EvaluateOptions {
  messages?: LabelledMessage[];
  kbs?: Record<KbName, KnowledgeBase>;
}

export async function evaluateUnderstanding(options: EvaluateOptions = {}): Promise<Evaluation> {
  const messages = options.messages ?? loadLabelledSet();
  const kbs = options.kbs ?? (await loadKnowledgeBases());
  return { results: await runMessages(messages, (m) => kbs[m.kb]), kbs };
}

/** The fresh sets (fresh.ts), each over the knowledge base of its folder. */
export async function evaluateFresh(messages: FreshMessage[] = loadFreshSets()): Promise<{ results: MessageResult<string>[]; unlabelled: Map<string, number> }> {
  const kbs = new Map<string, KnowledgeBase>();
  for (const dir of new Set(messages.map((m) => m.kbDir))) kbs.set(dir, await loadKnowledgeBase(dir));
  // A label naming what its catalogue lacks cannot be scored: counted per set, never printed.
  const unlabelled = new Map<string, number>();
  const scorable = messages.filter((m) => {
    try {
      expectedAnswer(kbs.get(m.kbDir) as KnowledgeBase, m.truth);
      return true;
    } catch {
      unlabelled.set(m.set, (unlabelled.get(m.set) ?? 0) + 1);
      return false;
    }
  });
  return { results: await runMessages(scorable, (m) => kbs.get(m.kbDir) as KnowledgeBase), unlabelled };
}

async function runMessages<K extends string>(messages: LabelledMessage<K>[], kbOf: (m: LabelledMessage<K>) => KnowledgeBase): Promise<MessageResult<K>[]> {
  const cores = new Map<KnowledgeBase, ComplianceCore>();
  const results: MessageResult<K>[] = [];
  // In set order: a dialogue's turns follow each other, so each follow-up comes right after its question.
  for (const m of messages) {
    const kb = kbOf(m);
    let core = cores.get(kb);
    if (!core) cores.set(kb, (core = new ComplianceCore(kb)));
    const expected = expectedAnswer(kb, m.truth);
    const question = normalizeChat(m.text, m.platform);
    const conversationKey = `understanding-bench:${m.kb}:${m.dialogue ?? m.id}`;
    const answer = await core.ask(question, { platform: m.platform, conversationKey });
    const got = gotOf(answer);
    const { mismatches, falseApprovals } = score(expected, got);
    results.push({ message: m, answer, expected, got, correct: mismatches.length === 0, mismatches, falseApprovals });
  }
  return results;
}
