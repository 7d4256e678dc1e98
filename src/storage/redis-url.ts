// A Redis STORAGE_URL may carry the key prefix of this deployment as a query parameter
// (`redis://host:6379/0?prefix=bot-a:`), so several deployments - or tests - can share one Redis
// without another setting. The Redis client never sees the parameter.
import { ConfigError } from '../errors.js';

export interface RedisLocation {
  /** The URL without the `prefix` parameter, for the Redis client. */
  url: string;
  /** The prefix from the URL, or undefined when it names none. */
  prefix: string | undefined;
}

/** Same rule as openStorage's `prefix` option: no glob or LIKE wildcards that could reach other keys. */
export const PREFIX_PATTERN = /^[A-Za-z0-9.:-]*$/;

export function isRedisUrl(url: string | undefined): url is string {
  return url !== undefined && /^rediss?:\/\//.test(url.trim());
}

/** Splits `?prefix=` off a redis:// or rediss:// URL. Throws ConfigError for a prefix with other characters. */
export function splitRedisUrl(url: string): RedisLocation {
  const trimmed = url.trim();
  if (!trimmed.includes('?')) return { url: trimmed, prefix: undefined };
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new ConfigError({ variable: 'STORAGE_URL', message: 'is not a valid URL' });
  }
  const prefix = parsed.searchParams.get('prefix') ?? undefined;
  if (prefix !== undefined && !PREFIX_PATTERN.test(prefix)) {
    throw new ConfigError({ variable: 'STORAGE_URL', message: `prefix "${prefix}" may only contain letters, digits, ".", ":" and "-"` });
  }
  parsed.searchParams.delete('prefix');
  return { url: parsed.toString(), prefix };
}
