// A bearer token check that takes the same time however much of a wrong token matches.
import { createHash, timingSafeEqual } from 'node:crypto';

/** True when the Authorization header is `Bearer <token>` with exactly `token`. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}
