// The optional LLM parts: the explanation of an answer (summaries cached in the store when there is
// one, in memory until then) and, if enabled, the context advisor.
import type { Answer } from '../src/model/answer.js';
import type { ComplianceCore } from '../src/core.js';
import type { ContextHelpSettings } from '../src/config/llm.js';
import { createContextAdvisor } from '../src/llm/contexts.js';
import { createMemorySummaryCache, createSummarizer, toolNamesOf, type LlmConfig, type SummaryCache } from '../src/llm/index.js';
import type { Logger } from '../src/logger.js';
import type { Storage } from '../src/storage/index.js';

export interface LlmExplanationOptions {
  /** The LLM settings, as read by the caller. */
  llm: LlmConfig;
  contextHelp: ContextHelpSettings | null;
  core: ComplianceCore;
  /** The store of the moment, null until reachable. */
  storage: () => Storage | null;
  logger: Logger;
}

/** Sets up the LLM parts; returns the explanation of an answer (null: LLM failed or guarded out). */
export function startLlmExplanations(options: LlmExplanationOptions): (answer: Answer) => Promise<string | null> {
  const { llm, contextHelp, core, logger } = options;
  const memory = createMemorySummaryCache();
  const cache: SummaryCache = {
    get: (key) => {
      const storage = options.storage();
      return storage ? storage.kv<string>('llm-summaries').get(key) : memory.get(key);
    },
    set: (key, text, ttlMs) => {
      const storage = options.storage();
      return storage ? storage.kv<string>('llm-summaries').set(key, text, ttlMs) : memory.set(key, text, ttlMs);
    },
  };
  const summarizer = createSummarizer({
    ...(llm.baseURL ? { baseURL: llm.baseURL } : {}),
    ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
    model: llm.model,
    timeoutMs: llm.timeoutMs,
    maxRetries: llm.maxRetries,
    cache,
    kbTools: () => toolNamesOf(core.knowledgeBase),
    logger: logger.child({ component: 'llm' }),
  });
  logger.info({ model: llm.model, provider: llm.provider }, 'LLM explanations on');
  if (contextHelp?.enabled) {
    // The model may add contexts the engine did not read (only ever stricter answers); see src/llm/contexts.ts.
    core.setContextAdvisor(
      createContextAdvisor({
        ...(llm.baseURL ? { baseURL: llm.baseURL } : {}),
        ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
        model: llm.model,
        timeoutMs: contextHelp.timeoutMs,
        logger: logger.child({ component: 'llm-contexts' }),
      }),
    );
    logger.info({ timeoutMs: contextHelp.timeoutMs }, 'LLM context help on');
  }
  return async (answer) => {
    const s = await summarizer.summarize(answer);
    return s.source === 'engine' ? null : s.text;
  };
}
