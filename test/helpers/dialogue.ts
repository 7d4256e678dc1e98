// One conversation of web chat turns through the core, as an adapter asks them: each turn is
// normalised and asked with the same conversation key, so later turns are read as follow-ups.
import type { ComplianceCore } from '../../src/core.js';
import type { Answer } from '../../src/model/answer.js';
import { normalizeChat } from '../../src/text/chat.js';

/** Asks the turns in one conversation of `core`; returns the last answer. */
export async function askDialogue(core: ComplianceCore, ...turns: string[]): Promise<Answer> {
  const key = `test:${turns.join('|')}`;
  let answer: Answer | undefined;
  for (const t of turns) answer = await core.ask(normalizeChat(t, 'web'), { platform: 'web', conversationKey: key });
  return answer as Answer;
}
