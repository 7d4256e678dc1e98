// Prometheus metrics of one server, in a registry of its own (two servers in one process, as in the
// tests, do not collide). Labels are the platform and the verdict only: never question text, user
// or tool ids.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { AnswerEvent, ComplianceCore } from '../src/core.js';
import type { Platform } from '../src/model/platform.js';

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

export interface MetricsAccess {
  /** Requests must send `Authorization: Bearer <token>`. Without one, the handler is mounted only on the metrics listener of its own. */
  token?: string;
}

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** GET /metrics: the Prometheus text, behind the configured protection (401 or 403 otherwise). */
export function metricsHandler(metrics: Metrics, access: MetricsAccess): RequestHandler {
  return async (req, res) => {
    if (access.token !== undefined) {
      const header = req.get('authorization') ?? '';
      const given = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
      if (given === undefined || !sameSecret(given, access.token)) {
        res.set('WWW-Authenticate', 'Bearer realm="metrics"').status(401).json({ error: 'unauthorized', message: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>' });
        return;
      }
    }
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
