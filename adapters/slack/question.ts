// From Slack input to a question: the slash command's `public` flag, and a cheap language guess for
// replies that have no Answer to take the language from (the failure message).

export interface SlashQuestion {
  question: string;
  /** Answer visible to the channel (in_channel) instead of only to the asker (ephemeral). */
  isPublic: boolean;
}

/**
 * `/compliance public Darf ich …` or `/compliance Darf ich …? public` posts the answer to the
 * channel. Only a first or last word counts, and not after "the": "May I use Zoom with the public?"
 * is a question about citizens, not the flag.
 */
export function parseSlashText(text: string): SlashQuestion {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  const isFlag = (w: string | undefined) => w !== undefined && /^public[.!:]?$/i.test(w);
  if (isFlag(words[0])) return { question: words.slice(1).join(' '), isPublic: true };
  const last = words.length - 1;
  if (last > 0 && isFlag(words[last]) && words[last - 1]?.toLowerCase() !== 'the') {
    return { question: words.slice(0, last).join(' '), isPublic: true };
  }
  return { question: words.join(' '), isPublic: false };
}

export { guessLanguage } from '../../src/failure.js';
