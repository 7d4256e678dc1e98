// The requests section: where admins hear about requests for an assessment. ADMIN_CHANNEL names one
// conversation (`slack:C0123ABC`, or `teams:<conversation id>` of a channel where the bot was
// mentioned once, so its address is stored); unset, each admin gets a direct message.
import { ConfigError } from '../errors.js';
import { value, type SectionEnv } from './env.js';

export const REQUESTS_VARIABLES = ['ADMIN_CHANNEL'] as const;

export interface RequestSettings {
  /** `slack:C…` or `teams:<conversation id>`; undefined: the admins' direct messages. */
  adminChannel?: string;
}

const CHANNEL = /^(slack|teams):\S+$/;

export function parseRequestSettings(env: SectionEnv<typeof REQUESTS_VARIABLES>): RequestSettings {
  const raw = value(env.ADMIN_CHANNEL);
  if (raw === undefined) return {};
  if (!CHANNEL.test(raw)) throw new ConfigError({ variable: 'ADMIN_CHANNEL', message: `"${raw}" is not a conversation: expected slack:<channel id> (e.g. slack:C012ABCDEF) or teams:<conversation id>` });
  return { adminChannel: raw };
}
