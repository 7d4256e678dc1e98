// The checks an incoming Teams request passes before botbuilder sees it: a JSON body within the
// size limit (400 / 413 / 415 otherwise), an object shaped like an Activity (400), and, with
// authentication off, a serviceUrl on this machine (403: otherwise anyone reaching the port could
// make the bot send requests anywhere). Error replies are small JSON objects that quote nothing
// of the request; nothing of an unauthenticated body is ever logged.
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import { isLoopbackHost } from '../../src/http/addresses.js';

export const DEFAULT_TEAMS_MAX_BODY_BYTES = 256 * 1024;

export function refuse(res: Response, status: number, error: string, message: string): void {
  if (res.headersSent) return;
  res.status(status).json({ error, message });
}

/** JSON body parsing for /api/messages whatever the Content-Type says, with JSON error replies. */
export function activityBody(maxBytes: number): (RequestHandler | ErrorRequestHandler)[] {
  const parse = express.json({ limit: maxBytes, strict: true, type: () => true });
  // Never next(err): the server's error handler logs the error, and body-parser's carries the body.
  const failed: ErrorRequestHandler = (err: { type?: string; status?: number }, _req, res, _next) => {
    if (err.type === 'entity.too.large') {
      return refuse(res, 413, 'payload_too_large', `the request body is larger than ${Math.round(maxBytes / 1024)} KB`);
    }
    if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
      return refuse(res, 415, 'unsupported_media_type', 'send the activity as UTF-8 JSON');
    }
    return refuse(res, 400, 'invalid_json', 'the request body is not a JSON activity');
  };
  return [parse, failed];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalString = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const optionalObject = (v: unknown) => v === undefined || v === null || isObject(v);

/** Why `body` is not an Activity this bot can handle, or undefined when it is one. */
export function activityProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'expected a JSON object (a Bot Framework activity)';
  if (typeof body.type !== 'string' || body.type === '' || body.type.length > 64) return 'the activity has no valid "type"';
  for (const field of ['id', 'text', 'serviceUrl', 'channelId', 'locale', 'replyToId', 'textFormat']) {
    if (!optionalString(body[field])) return `"${field}" must be a string`;
  }
  for (const field of ['from', 'recipient', 'conversation', 'channelData']) {
    if (!optionalObject(body[field])) return `"${field}" must be an object`;
  }
  if (body.membersAdded !== undefined && body.membersAdded !== null) {
    if (!Array.isArray(body.membersAdded) || !body.membersAdded.every(isObject)) return '"membersAdded" must be a list of objects';
  }
  if (body.entities !== undefined && body.entities !== null) {
    if (!Array.isArray(body.entities) || !body.entities.every(isObject)) return '"entities" must be a list of objects';
  }
  return undefined;
}

/** With authentication off: replies may only go to a Bot Connector on this machine (the Emulator). */
export function isLocalServiceUrl(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string') return false;
  try {
    const u = new URL(serviceUrl);
    return (u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackHost(u.hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}
