// Records what the bot answered, and the helpful / not-helpful feedback, as counters on the storage
// key-value API, and builds the admins' usage report from them. Privacy by design: nothing about who
// asked is recorded (not even the platform user id: only, for one day, an HMAC of it under a secret of
// that day, to count a client once a day: client-days.ts); the question text is kept only for unclear
// answers, only with STORE_QUESTIONS=true, and only for RETENTION_DAYS; unknown-tool names only when
// shaped like a product name, and only for RETENTION_DAYS (unknown-names.ts); unexplained words only
// when they are ordinary dictionary words, and only for RETENTION_DAYS (unexplained-words.ts).
//
// Layout (kv namespaces; each counter its own key, so increments of different counters never wait
// for each other, and a report is a handful of getMany calls however many tools there are):
//   usage-totals      answers:<verdict>, platform:<platform>, feedback:<verdict>:helpful|not-helpful,
//                     unknown-not-listed, unknown-not-recorded, words-not-listed, since                 -> number
//   usage-tools       <tool id>            -> ToolRecord (answers per tool verdict, feedback)
//   usage-categories  <category id>        -> CategoryRecord (category overviews)
//   usage-unknown     <lower-case name>    -> UnknownRecord (display name, count per day, last asked)
//   usage-words       <lower-case word>    -> WordRecord (an unexplained dictionary word: count per day, last used)
//   usage-index       tools | categories | unknown | words | question-days -> string[] (the keys above)
//   usage-questions   <UTC day>            -> QuestionDay (only with STORE_QUESTIONS=true)
//   usage-votes       sha256(answer id)    -> Vote (last vote on that answer and what it counted, for re-clicks)
//   usage-day-secrets <UTC day>            -> random secret of that day (expires after two days)
//   usage-day-marks   <day>:HMAC(secret, subject, client key) -> 1 (expires at the end of the day)
import { createHash } from 'node:crypto';
import { VERDICTS, type Answer, type Verdict } from '../model/answer.js';
import { UsageInputError } from '../errors.js';
import type { Platform } from '../model/platform.js';
import type { Storage } from '../storage/index.js';
import { MemberLists } from './member-lists.js';
import { isPlatform, PLATFORMS, type CategoryRecord, type ToolRecord, type UnknownRecord, type WordRecord } from './records.js';
import { ClientDays } from './client-days.js';
import { UnknownNames } from './unknown-names.js';
import { UnexplainedWords } from './unexplained-words.js';
import { DAY_MS } from './normalize.js';
import { QuestionStore, type QuestionDay } from './questions.js';
import { buildReport, type StoredCounts } from './build-report.js';
import { NameCorroboration, RecentPersonNames } from './name-corroboration.js';
import { updaterFor, type SerialUpdater } from './serial-updates.js';
import type { UsageReport } from './types.js';

export interface FeedbackInput {
  /** Identifies the answer message: a second click on the same answer is not counted twice, a changed vote moves. */
  answerId?: string;
  toolIds: string[];
  verdict: Verdict;
  helpful: boolean;
  platform: Platform;
  /** Pseudonymous key of the client (AskMeta.clientKey): its votes count once per tool and UTC day. Never stored. */
  clientKey?: string;
}

export interface UsageRecorderOptions {
  storage: Storage;
  storeQuestions: boolean;
  retentionDays: number;
  now?: () => Date;
  /** Distinct unknown names listed (default MAX_UNKNOWN_NAMES; smaller in tests). */
  maxUnknownNames?: number;
  /** Distinct unexplained words listed (default MAX_UNEXPLAINED_WORDS). */
  maxUnexplainedWords?: number;
}

export interface UsageRecorder {
  /**
   * Counts `answer` (`times` times: a batch of the same answer counts at once). `clients`: the
   * client key of each of those questions where there is one (AskMeta.clientKey); an unknown tool
   * then counts once per client and UTC day.
   */
  recordAnswer(answer: Answer, platform: Platform, times?: number, clients?: readonly (string | undefined)[]): Promise<void>;
  recordFeedback(feedback: FeedbackInput): Promise<void>;
  report(options?: { limit?: number }): Promise<UsageReport>;
  /** Deletes stored question texts, unknown-tool names and unexplained words older than the retention period; returns how many. */
  purgeExpired(): Promise<number>;
  /** Forgets unexplained words that were filed into the knowledge base; returns how many were listed. */
  forgetWords(words: readonly string[]): Promise<number>;
}

/** Distinct unknown names listed; further names are only counted (a flood of typos cannot grow the list without bound). */
export const MAX_UNKNOWN_NAMES = 5000;
/** Distinct unexplained words listed; further words are only counted. */
export const MAX_UNEXPLAINED_WORDS = 5000;
export const DEFAULT_REPORT_LIMIT = 20;
const MAX_FEEDBACK_TOOLS = 50;
const TOOL_ID = /^[a-z0-9][a-z0-9_.-]{0,99}$/;

const inc = (n: number | undefined) => (n ?? 0) + 1;
const dec = (n: number | undefined) => Math.max(0, (n ?? 0) - 1);

/** The last vote on an answer: helpful or not, and the counters it incremented (tool ids, VERDICT_COUNTER). */
type Vote = boolean | { h: boolean; c: string[] };
const VERDICT_COUNTER = '*';

/** What the report reads: the recorder's stores. */
interface ReportSources {
  now: () => Date;
  totals: ReturnType<typeof updaterFor<number>>;
  tools: ReturnType<typeof updaterFor<ToolRecord>>;
  categories: ReturnType<typeof updaterFor<CategoryRecord>>;
  lists: MemberLists;
  unknown: UnknownNames;
  questions: QuestionStore;
  words: UnexplainedWords;
  storeQuestions: boolean;
  retentionDays: number;
}

/** The usage report from the stored counts (the recorder's `report`). */
async function readReport(src: ReportSources, reportOptions: Parameters<UsageRecorder['report']>[0] = {}): ReturnType<UsageRecorder['report']> {
  const { now, totals, tools, categories, lists, unknown, questions, words, storeQuestions, retentionDays } = src;
  const limit = reportOptions.limit ?? DEFAULT_REPORT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive whole number, got ${limit}`);
  const at = now().getTime();
  const totalKeys = [
    'since',
    'unknown-not-listed',
    'unknown-not-recorded',
    'words-not-listed',
    ...VERDICTS.map((v) => `answers:${v}`),
    ...PLATFORMS.map((p) => `platform:${p}`),
    ...VERDICTS.flatMap((v) => [`feedback:${v}:helpful`, `feedback:${v}:not-helpful`]),
  ];
  const [totalValues, toolIds, categoryIds, unknownRecords, unclearQuestions, wordRecords] = await Promise.all([
    totals.kv.getMany(totalKeys),
    lists.members('tools'),
    lists.members('categories'),
    unknown.read(at),
    questions.read(at),
    words.read(at),
  ]);
  const [toolRecords, categoryRecords] = await Promise.all([tools.kv.getMany(toolIds), categories.kv.getMany(categoryIds)]);
  const counts: StoredCounts = {
    totals: new Map(totalKeys.map((k, i) => [k, totalValues[i] ?? 0])),
    tools: pair(toolIds, toolRecords),
    categories: pair(categoryIds, categoryRecords),
    unknown: unknownRecords,
    words: wordRecords,
    // Texts stored earlier stay until their retention ends, even if STORE_QUESTIONS was turned off since.
    questions: unclearQuestions,
  };
  return buildReport(counts, { generatedAt: at, limit, storeQuestions, retentionDays });
}

export function createUsageRecorder(options: UsageRecorderOptions): UsageRecorder {
  const { storage, storeQuestions } = options;
  if (!Number.isSafeInteger(options.retentionDays) || options.retentionDays < 1) {
    throw new RangeError(`retentionDays must be a positive whole number, got ${options.retentionDays}`);
  }
  const retentionDays = options.retentionDays;
  const now = options.now ?? (() => new Date());
  const totals = updaterFor<number>(storage, 'usage-totals');
  const tools = updaterFor<ToolRecord>(storage, 'usage-tools');
  const categories = updaterFor<CategoryRecord>(storage, 'usage-categories');
  const votes = updaterFor<Vote>(storage, 'usage-votes');
  const lists = new MemberLists(updaterFor<string[]>(storage, 'usage-index'));
  const questions = new QuestionStore(updaterFor<QuestionDay>(storage, 'usage-questions'), lists, retentionDays);
  const clientDays = new ClientDays(storage);
  const recentPersons = new RecentPersonNames();
  const corroboration = new NameCorroboration(storage, retentionDays);
  const unknown = new UnknownNames({
    records: updaterFor<UnknownRecord>(storage, 'usage-unknown'),
    lists,
    totals,
    clientDays,
    retentionDays,
    maxNames: options.maxUnknownNames ?? MAX_UNKNOWN_NAMES,
    corroboration,
    recentPersons,
  });
  const words = new UnexplainedWords({
    records: updaterFor<WordRecord>(storage, 'usage-words'),
    lists,
    totals,
    clientDays,
    retentionDays,
    maxWords: options.maxUnexplainedWords ?? MAX_UNEXPLAINED_WORDS,
    corroboration,
    recentPersons,
  });
  let sinceWritten = false; // "since" is written once; afterwards it costs no read per answer

  async function bumpTool(id: string, change: (r: ToolRecord) => ToolRecord): Promise<void> {
    await lists.add('tools', id);
    await tools.update(id, (r) => change(r ?? { name: id, verdicts: {}, helpful: 0, notHelpful: 0 }));
  }

  async function countCategory(id: string, label: string | null, times: number): Promise<void> {
    await lists.add('categories', id);
    await categories.update(id, (r) => ({ name: label ?? r?.name ?? id, answers: (r?.answers ?? 0) + times }));
  }

  return {
    async recordAnswer(answer, platform, times = 1, clients = []) {
      const at = now().getTime();
      const add = (n: number | undefined) => (n ?? 0) + times;
      const work: Promise<void>[] = [totals.update(`answers:${answer.verdict}`, add), totals.update(`platform:${platform}`, add)];
      if (!sinceWritten) work.push(totals.update('since', (v) => v ?? at).then(() => void (sinceWritten = true)));
      if (answer.verdict === 'list' && answer.category !== null) {
        // An overview of a category lists its tools; nobody asked about each of them.
        work.push(countCategory(answer.category, answer.categoryLabel, times));
      } else {
        const seen = new Set<string>();
        for (const t of answer.tools) {
          if (seen.has(t.id)) continue;
          seen.add(t.id);
          work.push(bumpTool(t.id, (r) => ({ ...r, name: t.name, verdicts: { ...r.verdicts, [t.verdict]: add(r.verdicts[t.verdict]) } })));
        }
      }
      // Names written after a person cue, per client, for a moment (before the unknown tool is counted).
      recentPersons.note(answer.question, clients.filter((c): c is string => typeof c === 'string' && c !== ''), at);
      // The MCP tools promise that nothing of a question is kept: their answers are counted only,
      // never the unknown name or the text.
      const keepsWords = platform !== 'mcp';
      if (answer.unknownTool && keepsWords) work.push(unknown.count(answer, at, times, clients));
      if (answer.unexplained && answer.unexplained.length > 0 && keepsWords) work.push(words.count(answer, at, times, clients));
      if (answer.verdict === 'unclear' && storeQuestions && keepsWords) for (let i = 0; i < times; i++) work.push(questions.add(answer.question, at));
      await settle(work);
    },

    async recordFeedback(f) {
      const toolIds = validateFeedback(f);
      const at = now().getTime();
      const counters = [VERDICT_COUNTER, ...toolIds];
      let previous: Vote | undefined;
      if (f.answerId) {
        await votes.update(
          voteKey(f.answerId),
          (v) => {
            previous = v;
            return v !== undefined && voteHelpful(v) === f.helpful ? v : { h: f.helpful, c: [] };
          },
          retentionDays * DAY_MS,
        );
        if (previous !== undefined && voteHelpful(previous) === f.helpful) return; // the same button clicked again
      }
      const dash = (helpful: boolean) => (helpful ? 'helpful' : 'not-helpful');
      const field = (helpful: boolean) => (helpful ? 'helpful' : 'notHelpful');
      const subject = (counter: string, helpful: boolean) => `feedback\u0000${counter === VERDICT_COUNTER ? `verdict:${f.verdict}` : counter}\u0000${dash(helpful)}`;
      // Only hashed; a key longer than any adapter makes is cut rather than refused.
      const clientKey = typeof f.clientKey === 'string' && f.clientKey !== '' ? f.clientKey.slice(0, 500) : undefined;

      // The other button before: move the vote, taking back exactly what it counted.
      if (previous !== undefined) {
        const was = voteHelpful(previous);
        const counted = typeof previous === 'boolean' ? counters : previous.c;
        const undo: Promise<void>[] = [];
        for (const c of counted) {
          if (c === VERDICT_COUNTER) undo.push(totals.update(`feedback:${f.verdict}:${dash(was)}`, dec));
          else if (toolIds.includes(c)) undo.push(bumpTool(c, (r) => ({ ...r, [field(was)]: dec(r[field(was)]) })));
          if (clientKey) undo.push(clientDays.forget(clientKey, subject(c, was), at));
        }
        await settle(undo);
      }

      // Each client counts once per tool (and per verdict) and UTC day.
      const firsts = clientKey ? await Promise.all(counters.map((c) => clientDays.first(clientKey, subject(c, f.helpful), at))) : counters.map(() => true);
      const counting = counters.filter((_, i) => firsts[i]);
      const work: Promise<void>[] = [];
      for (const c of counting) {
        if (c === VERDICT_COUNTER) work.push(totals.update(`feedback:${f.verdict}:${dash(f.helpful)}`, inc));
        else work.push(bumpTool(c, (r) => ({ ...r, [field(f.helpful)]: r[field(f.helpful)] + 1 })));
      }
      if (f.answerId) work.push(votes.update(voteKey(f.answerId), (v) => (v !== undefined && voteHelpful(v) === f.helpful ? { h: f.helpful, c: counting } : v), retentionDays * DAY_MS));
      await settle(work);
    },

    report: (reportOptions = {}) => readReport({ now, totals, tools, categories, lists, unknown, questions, words, storeQuestions, retentionDays }, reportOptions),

    async purgeExpired() {
      const at = now().getTime();
      const [texts, names, gone] = await Promise.all([questions.purge(at), unknown.purge(at), words.purge(at)]);
      return texts + names + gone;
    },

    forgetWords: (list) => words.forget(list),
  };
}

function pair<T>(keys: string[], values: (T | undefined)[]): [string, T][] {
  const out: [string, T][] = [];
  keys.forEach((k, i) => {
    const v = values[i];
    if (v !== undefined) out.push([k, v]);
  });
  return out;
}

function voteHelpful(v: Vote): boolean {
  return typeof v === 'boolean' ? v : v.h;
}

function voteKey(answerId: string): string {
  // Hashed: any string the adapter uses as id makes a short, safe key.
  return createHash('sha256').update(answerId).digest('hex').slice(0, 32);
}

function validateFeedback(f: FeedbackInput): string[] {
  if (!(VERDICTS as readonly string[]).includes(f.verdict)) throw new UsageInputError('verdict', `unknown verdict "${String(f.verdict)}"`);
  if (f.answerId !== undefined && (typeof f.answerId !== 'string' || f.answerId.length > 500)) {
    throw new UsageInputError('answerId', 'must be a string of at most 500 characters');
  }
  if (typeof f.helpful !== 'boolean') throw new UsageInputError('helpful', 'must be true or false');
  if (!isPlatform(f.platform)) throw new UsageInputError('platform', `unknown platform "${String(f.platform)}"`);
  if (f.clientKey !== undefined && typeof f.clientKey !== 'string') throw new UsageInputError('clientKey', 'must be a string');
  if (!Array.isArray(f.toolIds) || f.toolIds.length > MAX_FEEDBACK_TOOLS) {
    throw new UsageInputError('toolIds', `expected a list of at most ${MAX_FEEDBACK_TOOLS} tool ids`);
  }
  const bad = f.toolIds.find((id) => typeof id !== 'string' || !TOOL_ID.test(id));
  if (bad !== undefined) throw new UsageInputError('toolIds', `"${String(bad).slice(0, 120)}" is not a tool id`);
  return [...new Set(f.toolIds)];
}

/** Waits for every write, then fails with the first error (no write is left running unobserved). */
async function settle(work: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(work);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}
