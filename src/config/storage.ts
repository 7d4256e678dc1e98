// The storage section: STORAGE_URL names the store (redis://…, postgres://…, sqlite:PATH); unset =
// the SQLite file data/compliance-bot.sqlite.
import { z } from 'zod';
import { optional, parseSchema, variablesOf, type Env } from './env.js';

const StorageEnv = z.object({
  STORAGE_URL: optional(
    z.string().regex(/^(redis|rediss|postgres|postgresql|sqlite):/, { error: 'expected redis://…, postgres://… or sqlite:PATH (leave it unset for data/compliance-bot.sqlite)' }),
  ),
});

export const STORAGE_VARIABLES = variablesOf(StorageEnv);

/** STORAGE_URL, or undefined for the default SQLite file. */
export function parseStorageUrl(env: Env): string | undefined {
  return parseSchema(StorageEnv, env).STORAGE_URL;
}
