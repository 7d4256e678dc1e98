// The web chat as a ChatAdapter: the page at `/`, its script and style under `/web/`, and
// `POST /web/ask`, which answers with the rendered HTML fragment (render.ts).
import { exampleQuestions } from '../../src/layout/example-questions.js';
import type { Request, Response, Router } from 'express';
import type { Answer } from '../../src/model/answer.js';
import { createChatTurn, type Feedback, type Thread } from '../../src/chat/turn.js';
import { guessLanguage } from '../../src/failure.js';
import type { ComplianceCore } from '../../src/core.js';
import type { Logger } from '../../src/logger.js';
import type { Language } from '../../src/model/language.js';
import { SECURITY_HEADERS as BASE_SECURITY_HEADERS } from '../../src/http/security-headers.js';
import { jsonBody, questionFrom, sendError } from '../http.js';
import { conversationKeyOf } from '../../src/follow-up-memory.js';
import { normalizeChat } from '../../src/text/chat.js';
import type { ChatAdapter } from '../types.js';
import { createExplanationStore, EXPLANATION_ID, type ExplanationStore } from './explanations.js';
import { PAGE_CSS, PAGE_JS, renderPage } from './page.js';
import { renderAnswerHtml, renderExplanationHtml } from './render.js';
import { requestFormHtml } from './request-form.js';
import type { RequestActions } from '../../src/requests/actions.js';
import { randomUUID } from 'node:crypto';

export interface WebAdapterOptions {
  core: ComplianceCore;
  logger: Logger;
  /** Called when a question could not be answered (the server counts it in its metrics). */
  onError?: () => void;
  /** "Helpful / not helpful" clicks; the buttons are shown only when this is set. */
  onFeedback?: (feedback: Feedback) => Promise<void>;
  /** The optional LLM explanation: the answer is sent at once, the explanation fetched afterwards. */
  summarize?: (answer: Answer) => Promise<string | null>;
  /** The request form and its submission (src/requests/actions.ts); the buttons are shown only when this is set. */
  requests?: RequestActions;
}

/** The web adapter, with the explanations it holds for `POST /api/ask` with `"explain": true`. */
export interface WebAdapter extends ChatAdapter {
  /** Starts an explanation for an answer; the path to fetch it from, or undefined without an LLM. */
  explainLater(answer: Answer): string | undefined;
}

// Everything the page loads comes from this server; nothing may be framed or sent elsewhere. The
// server sets these headers on every response already (src/http/security-headers.ts); the web chat
// sets them itself too, with the CSP its page needs, so it stays safe when mounted elsewhere.
const SECURITY_HEADERS = {
  ...BASE_SECURITY_HEADERS,
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
} as const;

export function createWebAdapter(options: WebAdapterOptions): WebAdapter {
  const { core, logger, onError, onFeedback } = options;
  let stopping = false;
  const explanations: ExplanationStore | undefined = options.summarize ? createExplanationStore({ summarize: options.summarize }) : undefined;
  // No commands (the web chat has no accounts) and no "notify me": questions and feedback only.
  const turn = createChatTurn({ core, logger, ...(onFeedback ? { onFeedback } : {}), ...(options.requests ? { requests: options.requests } : {}) });

  const page = (req: Request, res: Response) => {
    const kb = core.knowledgeBase;
    const lang = (req.acceptsLanguages('de', 'en') || kb.organization.default_language) as Language;
    const examples = { de: exampleQuestions(kb, 'de').map((x) => x.message), en: exampleQuestions(kb, 'en').map((x) => x.message) };
    res.set(SECURITY_HEADERS).set('Cache-Control', 'no-cache').type('html').send(renderPage(lang, kb.organization.name, examples));
  };

  const ask = async (req: Request, res: Response) => {
    if (stopping) return sendError(res, 503, 'shutting_down', 'the server is shutting down');
    const question = questionFrom(req.body, res);
    if (question === undefined) return;
    // The server's pseudonymous key of the client (never the address): see src/http/client-key.ts.
    const clientKey = typeof res.locals.clientKey === 'string' ? res.locals.clientKey : undefined;
    const conversationKey = conversationKeyOf('web', req.body, clientKey);
    const message = {
      platform: 'web' as const,
      kind: 'web',
      ...(conversationKey ? { conversationKey } : {}),
      ...(clientKey !== undefined ? { clientKey } : {}),
    };
    // The HTTP response is the thread: one post, no update (the page fetches the explanation itself).
    const thread: Thread<string> = {
      async post(r) {
        if (r.kind !== 'answer') {
          onError?.();
          sendError(res, 500, 'internal_error', 'the question could not be answered');
          return undefined;
        }
        const { answer } = r;
        const id = explanations?.start(answer);
        const html = renderAnswerHtml(answer, {
          feedback: turn.feedback,
          requests: turn.requests,
          ...(conversationKey ? { conversationKey } : {}),
          ...(id ? { explainUrl: `web/explain/${id}?lang=${answer.language}` } : {}),
        });
        res.set(SECURITY_HEADERS).set('Cache-Control', 'no-store').type('html').send(html);
        return 'sent';
      },
    };
    // A pressed yes/no under a question back: the turn asks the phrase book's reply in this session.
    const choice = (req.body as { confirm?: unknown }).confirm;
    if (choice === 'yes' || choice === 'no') {
      // The reply's own words tell its language ("Ja", "Yes").
      const language = guessLanguage(question, core.knowledgeBase.organization.default_language);
      await turn.confirmClick(choice, { ...message, language }, thread);
      return;
    }
    await turn.message({ ...message, text: normalizeChat(question, 'web') }, thread);
  };

  /** GET /web/explain/:id (HTML fragment, 204 without one) and /api/explain/:id (JSON). */
  const explain = (format: 'html' | 'json') => async (req: Request, res: Response) => {
    const id = String(req.params.id ?? '');
    const text = EXPLANATION_ID.test(id) ? explanations?.take(id) : undefined;
    if (text === undefined) return sendError(res, 404, 'not_found', 'no explanation with this id (each is fetched once, within two minutes)');
    const explanation = await text;
    res.set(SECURITY_HEADERS).set('Cache-Control', 'no-store');
    if (format === 'json') return void res.json({ explanation });
    const lang = req.query.lang === 'en' ? 'en' : 'de';
    if (explanation === null) return void res.status(204).end();
    res.type('html').send(renderExplanationHtml(explanation, lang));
  };

  const feedback = async (req: Request, res: Response) => {
    if (!onFeedback) return sendError(res, 404, 'not_found', 'feedback is not recorded on this server');
    const body = req.body as { verdict?: unknown; toolIds?: unknown; helpful?: unknown } | undefined;
    const toolIds = body?.toolIds;
    const invalid = () => sendError(res, 400, 'invalid_feedback', 'expected {"verdict": "...", "toolIds": [ids of catalogued tools], "helpful": true|false}');
    // Only tools of the catalogue: the turn checks the shape, the catalogue is the web chat's to know here.
    if (Array.isArray(toolIds) && !toolIds.every((id) => typeof id === 'string' && core.knowledgeBase.tools.has(id))) return invalid();
    try {
      // The pseudonymous client key: "not helpful" counts once per client, tool and day.
      const clientKey = typeof res.locals.clientKey === 'string' ? res.locals.clientKey : undefined;
      const lang = core.knowledgeBase.organization.default_language;
      const thanks = await turn.feedbackClick({ verdict: body?.verdict, toolIds, helpful: body?.helpful, ...(clientKey !== undefined ? { clientKey } : {}) }, lang);
      if (thanks === null) return invalid();
      res.status(204).end();
    } catch (err) {
      logger.error({ err: { type: (err as Error).name } }, 'web chat: feedback not recorded');
      sendError(res, 503, 'unavailable', 'feedback could not be recorded just now');
    }
  };

  /** POST /web/request-form {value}: the form a request button opens, as an HTML fragment. */
  const requestForm = (req: Request, res: Response) => {
    const value = (req.body as { value?: unknown } | undefined)?.value;
    const form = turn.requestForm(typeof value === 'string' ? value : undefined);
    if (!form) return sendError(res, 400, 'invalid_request_action', 'expected {"value": "<the value of a request button>"}');
    res.set(SECURITY_HEADERS).set('Cache-Control', 'no-store').type('html').send(requestFormHtml(form));
  };

  /**
   * POST /web/request {state, fields, session}: files the form. The web chat has no accounts: the
   * requester is the page's session (each page load its own), told that it cannot be notified.
   */
  const request = async (req: Request, res: Response) => {
    if (!turn.requests) return sendError(res, 404, 'not_found', 'requests are not taken on this server');
    const body = (req.body ?? {}) as { state?: unknown; fields?: unknown; session?: unknown };
    const state = typeof body.state === 'string' ? body.state : undefined;
    const fields = typeof body.fields === 'object' && body.fields !== null && !Array.isArray(body.fields) ? (body.fields as Record<string, unknown>) : null;
    if (!state || !turn.requestForm(state) || !fields) {
      return sendError(res, 400, 'invalid_request', 'expected {"state": "<the form\'s state>", "fields": {"tool": "…", "purpose": "…", "ctx_<context>": "yes"|"no"}}');
    }
    const problem = turn.requestCheck(state, fields);
    if (problem) return void res.status(422).json({ field: problem.field, text: problem.text });
    const session = typeof body.session === 'string' && /^[A-Za-z0-9_-]{8,128}$/.test(body.session) ? body.session : randomUUID();
    res.set('Cache-Control', 'no-store').json({ text: await turn.requestSubmit(state, fields, { key: `web:${session}` }) });
  };

  return {
    platform: 'web',
    mount(router: Router) {
      router.get('/', page);
      router.get('/web/app.js', (_req, res) => {
        res.set(SECURITY_HEADERS).set('Cache-Control', 'no-cache').type('text/javascript').send(PAGE_JS);
      });
      router.get('/web/app.css', (_req, res) => {
        res.set(SECURITY_HEADERS).set('Cache-Control', 'no-cache').type('text/css').send(PAGE_CSS);
      });
      router.post('/web/ask', ...jsonBody(), ask);
      router.post('/web/feedback', ...jsonBody(), feedback);
      router.post('/web/request-form', ...jsonBody(), requestForm);
      router.post('/web/request', ...jsonBody(), request);
      router.get('/web/explain/:id', explain('html'));
      router.get('/api/explain/:id', explain('json'));
    },
    explainLater(answer: Answer) {
      const id = explanations?.start(answer);
      return id ? `/api/explain/${id}` : undefined;
    },
    async start() {},
    /** New questions get 503; answers in flight finish (the server waits for its open requests). */
    async stop() {
      stopping = true;
    },
  };
}
