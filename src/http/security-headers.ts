// Headers every response carries. Nothing this server sends is meant to be framed, sniffed, or to
// load anything: the JSON, metrics and webhook answers get a CSP that allows nothing; the web chat
// sets its own, allowing only this origin (adapters/web). Slack and Teams call the webhooks server
// to server, so framing is never needed.
import type { RequestHandler } from 'express';

export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': DEFAULT_CSP,
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Permitted-Cross-Domain-Policies': 'none',
};

/** Sets the headers before any route runs; a route may override the CSP (the web page does). */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set(SECURITY_HEADERS);
    res.removeHeader('X-Powered-By');
    next();
  };
}
