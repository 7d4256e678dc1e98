// The LLM section. The summariser is off unless LLM_BASE_URL or OPENAI_API_KEY is set (and
// LLM_ENABLED is not "false"); the context help follows it (see src/llm/README.md).
import { ConfigError } from '../errors.js';
import type { SectionEnv } from './env.js';

export const LLM_VARIABLES = [
  'LLM_ENABLED',
  'LLM_BASE_URL',
  'OPENAI_API_KEY',
  'LLM_MODEL',
  'LLM_TIMEOUT_MS',
  'LLM_MAX_RETRIES',
  'LLM_CONTEXT_HELP',
  'LLM_CONTEXT_TIMEOUT_MS',
] as const;

export type LlmProvider = 'self-hosted' | 'azure' | 'openai';

export interface LlmConfig {
  provider: LlmProvider;
  /** Undefined: the OpenAI API. */
  baseURL?: string;
  /** Undefined for a self-hosted endpoint without authentication. */
  apiKey?: string;
  /** Model name; on Azure the deployment name. */
  model: string;
  timeoutMs: number;
  /** 0 or 1: a chat answer cannot wait for many attempts. */
  maxRetries: number;
}

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
export const DEFAULT_TIMEOUT_MS = 8000;

type Env = SectionEnv<typeof LLM_VARIABLES>;

const AZURE_HOST = /\.(?:openai\.azure\.com|services\.ai\.azure\.com|cognitiveservices\.azure\.com)$/i;

/** The LLM settings, or null when the summariser is off. Throws ConfigError on a wrong value. */
export function loadLlmConfig(env: Env): LlmConfig | null {
  const get = (name: (typeof LLM_VARIABLES)[number]) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const enabled = get('LLM_ENABLED');
  if (enabled !== undefined && /^(?:0|false|no|off)$/i.test(enabled)) return null;
  const baseURL = get('LLM_BASE_URL');
  const apiKey = get('OPENAI_API_KEY');
  if (baseURL === undefined && apiKey === undefined) return null;

  let provider: LlmProvider = 'openai';
  if (baseURL !== undefined) {
    let url: URL;
    try {
      url = new URL(baseURL);
    } catch {
      throw new ConfigError({ variable: 'LLM_BASE_URL', message: `"${baseURL}" is not a URL (example: http://127.0.0.1:11434/v1)` });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError({ variable: 'LLM_BASE_URL', message: `must start with http:// or https:// (got "${url.protocol}")` });
    }
    if (AZURE_HOST.test(url.hostname)) {
      provider = 'azure';
      // The plain client speaks to Azure's v1 API only; the older per-deployment URLs need api-version.
      if (!/\/openai\/v1\/?$/.test(url.pathname)) {
        throw new ConfigError({ variable: 'LLM_BASE_URL', message: `for Azure OpenAI use the v1 endpoint, https://<resource>.openai.azure.com/openai/v1/ (got "${baseURL}")` });
      }
      if (apiKey === undefined) throw new ConfigError({ variable: 'OPENAI_API_KEY', message: 'Azure OpenAI needs the resource key' });
    } else if (url.hostname !== 'api.openai.com') {
      provider = 'self-hosted';
    }
  }

  const model = get('LLM_MODEL') ?? (provider === 'openai' ? DEFAULT_OPENAI_MODEL : undefined);
  if (model === undefined) {
    throw new ConfigError({
      variable: 'LLM_MODEL',
      message: provider === 'azure' ? 'set it to the name of your Azure deployment' : 'set it to a model your endpoint serves (for Ollama e.g. "llama3.1:8b")',
    });
  }

  return {
    provider,
    ...(baseURL !== undefined ? { baseURL } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
    model,
    timeoutMs: intSetting(get('LLM_TIMEOUT_MS'), 'LLM_TIMEOUT_MS', DEFAULT_TIMEOUT_MS, 1, 120_000),
    maxRetries: intSetting(get('LLM_MAX_RETRIES'), 'LLM_MAX_RETRIES', 0, 0, 1),
  };
}

function intSetting(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError({ variable: name, message: `must be a whole number from ${min} to ${max} (got "${raw}")` });
  }
  return n;
}

/** Default deadline for the context question: an answer should not wait long for a second opinion. */
export const DEFAULT_CONTEXT_TIMEOUT_MS = 1500;

export interface ContextHelpSettings {
  enabled: boolean;
  timeoutMs: number;
}

/**
 * LLM_CONTEXT_HELP (default on whenever an LLM is configured; "false" switches it off) and
 * LLM_CONTEXT_TIMEOUT_MS (default 1500). Throws ConfigError on a wrong value.
 */
export function loadContextHelpSettings(env: Env): ContextHelpSettings {
  const flag = env.LLM_CONTEXT_HELP?.trim();
  if (flag && !/^(?:0|1|true|false|yes|no|on|off)$/i.test(flag)) {
    throw new ConfigError({ variable: 'LLM_CONTEXT_HELP', message: `must be true or false (got "${flag}")` });
  }
  const raw = env.LLM_CONTEXT_TIMEOUT_MS?.trim();
  let timeoutMs = DEFAULT_CONTEXT_TIMEOUT_MS;
  if (raw) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 30_000) throw new ConfigError({ variable: 'LLM_CONTEXT_TIMEOUT_MS', message: `must be a whole number from 1 to 30000 (got "${raw}")` });
    timeoutMs = n;
  }
  return { enabled: !flag || /^(?:1|true|yes|on)$/i.test(flag), timeoutMs };
}
