// The id of a decline's notice: one per request, so a decline queued twice is told once.
import { createHash } from 'node:crypto';

export function declineChangeId(requestId: string): string {
  return createHash('sha256').update(`request-declined:${requestId}`).digest('hex').slice(0, 24);
}
