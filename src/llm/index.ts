// The optional LLM explanation of answers (see README.md in this folder).
export { createMemorySummaryCache, summaryCacheKey, type SummaryCache } from './cache.js';
export { composeShown } from './compose.js';
export type { LlmConfig, LlmProvider } from '../config/llm.js';
export { checkSummary, type GuardReason, type GuardResult } from './guard.js';
export { buildPrompt, type ChatMessage, type Prompt } from './prompt.js';
export { redact, type Redacted } from './redact.js';
export {
  createSummarizer,
  type Summarizer,
  type SummarizerOptions,
  type SummarizerStats,
  type SummaryResult,
  type TokenUsage,
} from './summarizer.js';
export { toolNamesOf, type ToolNames } from './tool-names.js';
