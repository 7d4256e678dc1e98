// A pseudonymous key per client: an HMAC of the client's address (IPv6: its /64) under a secret, so
// what is counted or stored per client (the gap report counts a name once per client and day)
// never holds the address itself. With CLIENT_KEY_SECRET unset the secret is random per process:
// keys then differ between instances and after a restart.
import { createHmac, randomBytes } from 'node:crypto';
import { addressBucket } from './addresses.js';

export type ClientKeyer = (address: string) => string;

export function createClientKeyer(secret?: string): ClientKeyer {
  const key = secret !== undefined && secret !== '' ? Buffer.from(secret, 'utf8') : randomBytes(32);
  return (address) => 'c:' + createHmac('sha256', key).update(addressBucket(address)).digest('base64url').slice(0, 22);
}
