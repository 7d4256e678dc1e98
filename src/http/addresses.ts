// Client addresses: loopback checks, the trusted-proxy setting (TRUSTED_PROXIES) and the address a
// request comes from. X-Forwarded-For is read only as far as the proxies named in the setting vouch
// for it: any hop to the left of the last untrusted one may have been written by the client.
import { BlockList, isIP } from 'node:net';
import { ConfigError } from '../errors.js';

/** An IPv4-mapped IPv6 address (::ffff:1.2.3.4) as IPv4; brackets and zone ids removed. */
export function normalizeAddress(address: string): string {
  let a = address.trim();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  return (mapped?.[1] ?? a).toLowerCase();
}

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form). */
export function isLoopbackAddress(address: string): boolean {
  const a = normalizeAddress(address);
  if (isIP(a) === 4) return a.startsWith('127.');
  if (isIP(a) === 6) return a === '::1' || a === '0:0:0:0:0:0:0:1';
  return false;
}

/** A listen address that only this machine can reach: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === 'localhost' || h === 'localhost.' || isLoopbackAddress(h);
}

export type TrustedProxies =
  | { kind: 'none' }
  /** The last `count` hops are proxies of ours, whatever their addresses. */
  | { kind: 'hops'; count: number }
  /** Proxies by address or CIDR range. */
  | { kind: 'list'; list: BlockList; entries: string[] };

function badProxies(why: string): ConfigError {
  return new ConfigError({ variable: 'TRUSTED_PROXIES', message: `${why}; expected a hop count or comma-separated addresses/CIDR ranges` });
}

/**
 * Parses TRUSTED_PROXIES: empty (no proxy: the socket's address is the client), a hop count
 * (`1` = one proxy in front), or addresses and CIDR ranges, comma-separated (`10.0.0.0/8, ::1`).
 */
export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const t = (text ?? '').trim();
  if (t === '') return { kind: 'none' };
  if (/^\d+$/.test(t)) {
    const count = Number(t);
    if (count > 20) throw badProxies(`a hop count of ${count} is not plausible (at most 20)`);
    return count === 0 ? { kind: 'none' } : { kind: 'hops', count };
  }
  const list = new BlockList();
  const entries: string[] = [];
  for (const raw of t.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const [addr = '', bits, extra] = entry.split('/');
    const address = normalizeAddress(addr);
    const family = isIP(address);
    if (family === 0 || extra !== undefined) {
      throw badProxies(`"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8) nor a hop count`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
      if (!(prefix >= 0 && prefix <= (family === 4 ? 32 : 128))) throw badProxies(`"${entry}" has an invalid prefix length`);
      list.addSubnet(address, prefix, type);
    }
    entries.push(entry);
  }
  if (entries.length === 0) return { kind: 'none' };
  return { kind: 'list', list, entries };
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The hops of X-Forwarded-For headers, left (client) to right (nearest proxy). */
function forwardedHops(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const joined = Array.isArray(header) ? header.join(',') : header;
  return joined
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '')
    .map((h) => {
      // "1.2.3.4:5678" and "[::1]:5678" carry a port; a bare IPv6 address has several colons.
      const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
      if (bracketed) return normalizeAddress(bracketed[1] as string);
      const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(h);
      return normalizeAddress(v4port ? (v4port[1] as string) : h);
    });
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the hop it
 * forwarded for (repeated while the hops are trusted). A hop that is not an IP address ends the walk
 * at the last address a trusted proxy gave.
 */
export function clientAddress(remote: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  const peer = normalizeAddress(remote ?? '');
  if (trusted.kind === 'none') return peer;
  const hops = forwardedHops(forwardedFor);
  if (trusted.kind === 'hops') {
    const chain = [...hops, peer];
    let i = Math.max(0, chain.length - 1 - trusted.count);
    // Walk right past anything that is not an address.
    while (i < chain.length - 1 && isIP(chain[i] as string) === 0) i++;
    return chain[i] as string;
  }
  let current = peer;
  while (isTrusted(trusted.list, current) && hops.length > 0) {
    const next = hops.pop() as string;
    if (isIP(next) === 0) break;
    current = next;
  }
  return current;
}

/**
 * The key a client is counted under: the address itself for IPv4, its /64 network for IPv6 (one
 * household or server gets a whole /64, so single addresses would be free to rotate).
 */
export function addressBucket(address: string): string {
  const a = normalizeAddress(address);
  if (isIP(a) !== 6) return a;
  const expanded = expandIPv6(a);
  return expanded ? `${expanded.slice(0, 4).join(':')}::/64` : a;
}

function expandIPv6(address: string): string[] | undefined {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (::ffff:… other than mapped) counts as two groups; rare, keep it simple.
  if (right.some((g) => g.includes('.')) || left.some((g) => g.includes('.'))) return undefined;
  const missing = 8 - left.length - right.length;
  if (tail === undefined && left.length !== 8) return undefined;
  const groups = [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
