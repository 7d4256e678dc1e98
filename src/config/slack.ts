// The Slack section: on with a bot token plus a way to receive events (signing secret for HTTP
// events, app-level token for Socket Mode); off when SLACK_BOT_TOKEN is unset.
import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { optional, parseSchema, variablesOf, type Env } from './env.js';

export interface SlackConfig {
  botToken: string;
  /** HTTP events (Events API, slash commands, interactivity) are verified with it. */
  signingSecret?: string;
  /** Socket Mode when set. */
  appToken?: string;
  /** Web API base URL ending in `/` (tests point it at a fake). */
  apiUrl?: string;
  socketMode: boolean;
}

const SlackEnv = z.object({
  SLACK_BOT_TOKEN: optional(z.string().startsWith('xoxb-', { error: 'expected a Slack bot token starting with "xoxb-"' })),
  SLACK_SIGNING_SECRET: optional(z.string().regex(/^\S+$/, { error: 'expected the signing secret of the Slack app (no spaces)' })),
  SLACK_APP_TOKEN: optional(z.string().startsWith('xapp-', { error: 'expected a Slack app-level token starting with "xapp-"' })),
  SLACK_API_URL: optional(
    z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL of the Slack Web API, e.g. https://slack.com/api/' })
      .transform((u) => (u.endsWith('/') ? u : `${u}/`)),
  ),
});

export const SLACK_VARIABLES = variablesOf(SlackEnv);

/** The Slack settings, or null when Slack is off. */
export function parseSlack(env: Env): SlackConfig | null {
  const e = parseSchema(SlackEnv, env);
  const issues: ConfigIssue[] = [];
  if (e.SLACK_BOT_TOKEN === undefined) {
    for (const v of ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL'] as const) {
      if (e[v] !== undefined) issues.push({ variable: 'SLACK_BOT_TOKEN', message: `${v} is set, but SLACK_BOT_TOKEN (xoxb-…) is missing` });
    }
  } else if (e.SLACK_SIGNING_SECRET === undefined && e.SLACK_APP_TOKEN === undefined) {
    issues.push({
      variable: 'SLACK_SIGNING_SECRET',
      message: 'SLACK_BOT_TOKEN is set, but SLACK_SIGNING_SECRET (HTTP events) or SLACK_APP_TOKEN (Socket Mode) is missing',
    });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  if (e.SLACK_BOT_TOKEN === undefined) return null;
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    apiUrl: e.SLACK_API_URL,
    socketMode: e.SLACK_APP_TOKEN !== undefined,
  };
}
