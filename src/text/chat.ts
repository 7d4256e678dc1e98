// Chat text to plain question text: every adapter calls normalizeChat before anything else sees a
// message (engine, commands, usage counts, LLM). Placeholder until the chat-normalisation work of
// issue 10 fills it in: today it only trims.
export type ChatSource = 'slack' | 'teams' | 'web' | 'cli';

export function normalizeChat(text: string, _source: ChatSource): string {
  return typeof text === 'string' ? text.trim() : '';
}
