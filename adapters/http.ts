// Small HTTP helpers shared by the server's own routes and the web chat: a JSON body parser for
// one route (there is no global one: the Slack adapter needs the raw body for its signature check),
// and the JSON error replies.
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';

/** Largest JSON body accepted; a question is cut to a few hundred characters anyway. */
export const JSON_BODY_LIMIT = '200kb';

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: code, message });
}

/** Route middleware: parses a JSON body and answers 400/413/415 with a JSON error when it cannot. */
export function jsonBody(): (RequestHandler | ErrorRequestHandler)[] {
  const parse = express.json({ limit: JSON_BODY_LIMIT });
  const requireJson: RequestHandler = (req, res, next) => {
    if (req.body === undefined) return sendError(res, 415, 'unsupported_media_type', 'send a JSON body with Content-Type: application/json');
    next();
  };
  const parseFailed: ErrorRequestHandler = (err: { type?: string; status?: number }, _req, res, next) => {
    if (err.type === 'entity.too.large') return sendError(res, 413, 'payload_too_large', `the request body is larger than ${JSON_BODY_LIMIT}`);
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'invalid_json', 'the request body is not valid JSON');
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      return sendError(res, err.status, 'bad_request', 'the request body could not be read');
    }
    next(err);
  };
  return [parse, parseFailed, requireJson];
}

/** The `question` field of a JSON body, or a 400 reply and undefined. */
export function questionFrom(body: unknown, res: Response): string | undefined {
  const q = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { question?: unknown }).question : undefined;
  if (typeof q !== 'string') {
    sendError(res, 400, 'invalid_question', 'expected a JSON object with a "question" text, e.g. {"question": "Darf ich Zoom nutzen?"}');
    return undefined;
  }
  if (q.trim() === '') {
    sendError(res, 400, 'invalid_question', 'the question is empty');
    return undefined;
  }
  return q;
}
