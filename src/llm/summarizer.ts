// The optional LLM explanation of an answer, through the `openai` client (OpenAI, Azure OpenAI's v1
// API, or any OpenAI-compatible server such as Ollama, vLLM or LocalAI). The engine stays the judge:
// the LLM only explains, its text is checked by the guard, and on any doubt, error, rate limit or
// timeout the engine's own text is used. Never logs the question or the LLM's text.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAI } from 'openai';
import type { Answer } from '../model/answer.js';
import { childLogger, type Logger } from '../logger.js';
import { summaryCacheKey, type SummaryCache } from './cache.js';
import { DEFAULT_TIMEOUT_MS } from '../config/llm.js';
import { checkSummary } from './guard.js';
import { buildPrompt } from './prompt.js';
import type { ToolNames } from './tool-names.js';

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface SummaryResult {
  /** The LLM's explanation (source llm or cache), or the engine's whole text (source engine). */
  text: string;
  source: 'llm' | 'cache' | 'engine';
  /** Tokens spent on this call (also when the text was then rejected). */
  usage?: TokenUsage;
  /** Why the engine's text is used: not-summarised, timeout, rate-limited, http-<status>, connection, error, guard:<reason>. */
  reason?: string;
}

export interface SummarizerOptions {
  /** OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1; undefined: the OpenAI API. */
  baseURL?: string;
  apiKey?: string;
  model: string;
  /** Whole-call deadline, retries included (default 8000). */
  timeoutMs?: number;
  /** 0 (default) or 1. */
  maxRetries?: number;
  cache: SummaryCache;
  /** How long a summary is kept (default 7 days); the key changes with the knowledge base anyway. */
  cacheTtlMs?: number;
  /** Names and aliases of every tool of the current knowledge base (see toolNamesOf). */
  kbTools: () => readonly ToolNames[];
  logger?: Logger;
  /** Upper bound for the reply (default 300 tokens: 2-4 sentences). */
  maxTokens?: number;
}

export interface SummarizerStats {
  /** summarize() calls. */
  answers: number;
  /** HTTP requests started towards the LLM (retries by the client not counted). */
  requests: number;
  cacheHits: number;
  /** Explanations shown (from the LLM or the cache). */
  explained: number;
  /** Engine text used instead, by reason. */
  fallbacks: Record<string, number>;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface Summarizer {
  readonly model: string;
  summarize(answer: Answer): Promise<SummaryResult>;
  stats(): SummarizerStats;
}

/** Verdicts with nothing to explain: the engine asks back. */
const NOT_SUMMARISED = new Set<Answer['verdict']>(['unclear']);
/** A long list is better read as the engine's list than summarised (and would make a long prompt). */
const MAX_TOOLS = 6;
const DEFAULT_TTL_MS = 7 * 24 * 3600 * 1000;

// Private control flow (not in src/errors.ts): the model took too long; caught in this module, never leaves it.
class DeadlineExceeded extends Error {}

export function createSummarizer(options: SummarizerOptions): Summarizer {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = Math.max(0, Math.min(1, options.maxRetries ?? 0));
  const logger = options.logger ?? childLogger('llm');
  const client = new OpenAI({
    apiKey: options.apiKey ?? 'not-needed',
    // Always explicit, so that an OPENAI_BASE_URL in the environment cannot redirect the requests.
    baseURL: options.baseURL ?? 'https://api.openai.com/v1',
    timeout: timeoutMs,
    maxRetries,
    fetch: retryWithinBudget(timeoutMs),
  });
  const inflight = new Map<string, Promise<SummaryResult>>();
  const stats: SummarizerStats = {
    answers: 0,
    requests: 0,
    cacheHits: 0,
    explained: 0,
    fallbacks: {},
    promptTokens: 0,
    completionTokens: 0,
    totalTokens: 0,
  };

  const engineText = (answer: Answer, reason: string, usage?: TokenUsage): SummaryResult => {
    stats.fallbacks[reason] = (stats.fallbacks[reason] ?? 0) + 1;
    return { text: answer.text, source: 'engine', reason, ...(usage ? { usage } : {}) };
  };

  async function complete(answer: Answer): Promise<{ content: string; usage?: TokenUsage }> {
    const prompt = buildPrompt(answer, { kbTools: options.kbTools() });
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new DeadlineExceeded());
      }, timeoutMs);
    });
    stats.requests++;
    const request = client.chat.completions.create(
      { model: options.model, messages: prompt.messages, temperature: 0.2, max_tokens: options.maxTokens ?? 300 },
      { signal: controller.signal },
    );
    // After the deadline the request rejects with an abort nobody waits for any more.
    request.catch(() => undefined);
    try {
      const completion = await Promise.race([request, deadline]);
      const content = completion.choices[0]?.message?.content ?? '';
      const u = completion.usage;
      return u
        ? { content, usage: { prompt_tokens: u.prompt_tokens, completion_tokens: u.completion_tokens, total_tokens: u.total_tokens } }
        : { content };
    } finally {
      clearTimeout(timer);
    }
  }

  async function summarizeFresh(answer: Answer, key: string): Promise<SummaryResult> {
    const started = performance.now();
    let content: string;
    let usage: TokenUsage | undefined;
    try {
      ({ content, usage } = await complete(answer));
    } catch (err) {
      const reason = classify(err);
      logger.warn({ reason, verdict: answer.verdict, ms: Math.round(performance.now() - started) }, 'LLM summary failed; engine text used');
      return engineText(answer, reason);
    }
    if (usage) {
      stats.promptTokens += usage.prompt_tokens;
      stats.completionTokens += usage.completion_tokens;
      stats.totalTokens += usage.total_tokens;
    }
    const text = content.trim();
    const verdict = checkSummary(text, answer, options.kbTools());
    if (!verdict.ok) {
      // The detail may quote the LLM text, which may echo the question: log the reason only.
      logger.info({ reason: verdict.reason, verdict: answer.verdict }, 'LLM summary rejected by the guard; engine text used');
      return engineText(answer, `guard:${verdict.reason}`, usage);
    }
    try {
      await options.cache.set(key, text, options.cacheTtlMs ?? DEFAULT_TTL_MS);
    } catch (err) {
      logger.warn({ err: (err as Error).name }, 'summary cache write failed');
    }
    stats.explained++;
    logger.debug({ verdict: answer.verdict, ms: Math.round(performance.now() - started), tokens: usage?.total_tokens }, 'LLM summary');
    return { text, source: 'llm', ...(usage ? { usage } : {}) };
  }

  async function summarize(answer: Answer): Promise<SummaryResult> {
    stats.answers++;
    if (NOT_SUMMARISED.has(answer.verdict) || answer.tools.length > MAX_TOOLS) return engineText(answer, 'not-summarised');
    const key = summaryCacheKey(answer, options.model);

    let cached: string | undefined;
    try {
      cached = await options.cache.get(key);
    } catch (err) {
      logger.warn({ err: (err as Error).name }, 'summary cache read failed; asking the LLM');
    }
    // Checked again: a shared cache may hold text written by another version or instance.
    if (cached !== undefined && checkSummary(cached, answer, options.kbTools()).ok) {
      stats.cacheHits++;
      stats.explained++;
      return { text: cached, source: 'cache' };
    }

    // The same situation asked twice at once costs one request.
    const running = inflight.get(key);
    if (running) {
      const r = await running;
      if (r.source !== 'llm') return r;
      stats.cacheHits++;
      stats.explained++;
      return { text: r.text, source: 'cache' };
    }
    const fresh = summarizeFresh(answer, key).finally(() => inflight.delete(key));
    inflight.set(key, fresh);
    return fresh;
  }

  return {
    model: options.model,
    summarize,
    stats: () => ({ ...stats, fallbacks: { ...stats.fallbacks } }),
  };
}

function classify(err: unknown): string {
  if (err instanceof DeadlineExceeded || err instanceof APIConnectionTimeoutError || err instanceof APIUserAbortError) {
    return 'timeout';
  }
  if (err instanceof APIError && err.status === 429) return 'rate-limited';
  if (err instanceof APIConnectionError) return 'connection';
  if (err instanceof APIError && typeof err.status === 'number') return `http-${err.status}`;
  return 'error';
}

/**
 * A fetch that tells the client not to retry when the server asks it to wait longer than the whole
 * call may take (retry-after); otherwise the client would sleep past the deadline for nothing.
 */
function retryWithinBudget(budgetMs: number): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (res.ok) return res;
    const wait = retryAfterMs(res.headers);
    if (wait === undefined || wait < budgetMs) return res;
    const headers = new Headers(res.headers);
    headers.set('x-should-retry', 'false');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}

function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const s = Number.parseFloat(raw);
  if (Number.isFinite(s)) return s * 1000;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? at - Date.now() : undefined;
}
