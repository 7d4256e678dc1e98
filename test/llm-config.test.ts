import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../src/errors.js';
import { DEFAULT_OPENAI_MODEL, loadLlmConfig } from '../src/config/llm.js';
import { createMemorySummaryCache } from '../src/llm/cache.js';

describe('loadLlmConfig', () => {
  it('is off by default', () => {
    assert.equal(loadLlmConfig({}), null);
    assert.equal(loadLlmConfig({ LLM_MODEL: 'x', LLM_TIMEOUT_MS: '100', OPENAI_API_KEY: '  ' }), null);
  });

  it('self-hosted (Ollama): base URL and model, no key', () => {
    assert.deepEqual(loadLlmConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'llama3.1:8b' }), {
      provider: 'self-hosted',
      baseURL: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1:8b',
      timeoutMs: 8000,
      maxRetries: 0,
    });
  });

  it('a self-hosted endpoint needs LLM_MODEL', () => {
    assert.throws(() => loadLlmConfig({ LLM_BASE_URL: 'http://vllm.internal:8000/v1' }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.variable, 'LLM_MODEL');
      return true;
    });
  });

  it('OpenAI: the key alone, with the default model', () => {
    assert.deepEqual(loadLlmConfig({ OPENAI_API_KEY: 'sk-x' }), {
      provider: 'openai', apiKey: 'sk-x', model: DEFAULT_OPENAI_MODEL, timeoutMs: 8000, maxRetries: 0,
    });
  });

  it('Azure OpenAI: the v1 endpoint, the key and the deployment name', () => {
    const env = { LLM_BASE_URL: 'https://contoso.openai.azure.com/openai/v1/', OPENAI_API_KEY: 'k', LLM_MODEL: 'gpt-4o-mini-prod' };
    assert.equal(loadLlmConfig(env)?.provider, 'azure');
    assert.throws(() => loadLlmConfig({ ...env, LLM_BASE_URL: 'https://contoso.openai.azure.com/openai/deployments/x' }), /v1 endpoint/);
    assert.throws(() => loadLlmConfig({ ...env, OPENAI_API_KEY: undefined }), /OPENAI_API_KEY/);
    assert.throws(() => loadLlmConfig({ ...env, LLM_MODEL: undefined }), /deployment/);
  });

  it('reads timeout and retries, and rejects wrong values with the variable named', () => {
    const base = { OPENAI_API_KEY: 'sk-x' };
    assert.equal(loadLlmConfig({ ...base, LLM_TIMEOUT_MS: '2500' })?.timeoutMs, 2500);
    assert.equal(loadLlmConfig({ ...base, LLM_MAX_RETRIES: '1' })?.maxRetries, 1);
    assert.throws(() => loadLlmConfig({ ...base, LLM_TIMEOUT_MS: '8s' }), /LLM_TIMEOUT_MS: must be a whole number/);
    assert.throws(() => loadLlmConfig({ ...base, LLM_MAX_RETRIES: '5' }), /LLM_MAX_RETRIES/);
    assert.throws(() => loadLlmConfig({ LLM_BASE_URL: 'localhost:11434', LLM_MODEL: 'm' }), /LLM_BASE_URL/);
  });

  it('LLM_ENABLED=false switches it off even with a key in the environment', () => {
    assert.equal(loadLlmConfig({ OPENAI_API_KEY: 'sk-x', LLM_ENABLED: 'false' }), null);
  });
});

describe('memory summary cache', () => {
  it('expires entries and drops the least recently used beyond its size', async () => {
    let now = 0;
    const c = createMemorySummaryCache({ maxEntries: 2, now: () => now });
    await c.set('a', 'A', 100);
    await c.set('b', 'B');
    assert.equal(await c.get('a'), 'A');
    await c.set('c', 'C');
    assert.equal(await c.get('b'), undefined, 'least recently used dropped');
    now = 150;
    assert.equal(await c.get('a'), undefined, 'expired');
    assert.equal(await c.get('c'), 'C');
  });
});
