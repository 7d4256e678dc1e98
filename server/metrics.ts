// Prometheus metrics of one server, in a registry of its own (two servers in one process, as in the
// tests, do not collide). Labels are the platform and the verdict only: never question text, user
// or tool ids.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { AnswerEvent, ComplianceCore, Platform } from '../src/core.js';

export interface Metrics {
  readonly registry: Registry;
  /** Counts an answer that could not be given (the request failed). */
  recordError(platform: Platform): void;
  /** Stops listening to the core. */
  detach(): void;
}

export function createMetrics(core: ComplianceCore): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const questions = new Counter({
    name: 'compliance_bot_questions_total',
    help: 'Questions answered, by platform and verdict.',
    labelNames: ['platform', 'verdict'] as const,
    registers: [registry],
  });
  const seconds = new Histogram({
    name: 'compliance_bot_answer_seconds',
    help: 'Time the core took to answer a question, in seconds.',
    labelNames: ['platform'] as const,
    // The engine answers in milliseconds; the upper buckets catch a slow LLM fallback.
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'compliance_bot_errors_total',
    help: 'Questions that could not be answered because of an error, by platform.',
    labelNames: ['platform'] as const,
    registers: [registry],
  });
  const detach = core.onAnswer((e: AnswerEvent) => {
    questions.inc({ platform: e.platform, verdict: e.verdict });
    seconds.observe({ platform: e.platform }, e.seconds);
  });
  return {
    registry,
    recordError: (platform) => errors.inc({ platform }),
    detach,
  };
}
