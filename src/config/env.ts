// The environment as the configuration sections see it. A section declares the variables it reads
// (`…_VARIABLES`) and takes `SectionEnv<typeof …_VARIABLES>`, so reading an undeclared variable
// does not type-check; src/config.ts lists them all (CONFIG_VARIABLES) for the docs test.
import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

export type SectionEnv<V extends readonly string[]> = Readonly<Partial<Record<V[number], string>>>;

/** The trimmed value of a variable; blank counts as unset (`FOO=` in a compose file). */
export function value(raw: string | undefined): string | undefined {
  const v = raw?.trim();
  return v ? v : undefined;
}

/** Runs one section's parser; its problems join `issues` (all sections are reported at once). */
export function section<T>(issues: ConfigIssue[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    issues.push(...err.issues);
    return undefined;
  }
}

// Values whose text must never appear in an error message or a log.
const SECRET_VARIABLES = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'MICROSOFT_APP_PASSWORD',
  'STORAGE_URL',
  'METRICS_TOKEN',
  'MCP_TOKEN',
  'CLIENT_KEY_SECRET',
  'OPENAI_API_KEY',
]);

// An empty or blank variable counts as unset; others are trimmed.
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), schema.optional());

/** Validates the variables of one section with its zod schema; throws ConfigError naming each bad one (never echoing a secret). */
export function parseSchema<S extends z.ZodObject>(schema: S, env: Env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '?');
      const raw = env[variable];
      const got = SECRET_VARIABLES.has(variable) || raw === undefined ? '' : ` (got "${raw.trim()}")`;
      return { variable, message: `${issue.message}${got}` };
    }),
  );
}

/** The variable names of a section's schema. */
export const variablesOf = <S extends z.ZodObject>(schema: S) => Object.keys(schema.shape) as (keyof z.infer<S> & string)[];
