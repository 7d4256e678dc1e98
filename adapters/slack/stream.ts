// The optional LLM explanation in a DM thread, streamed (chat.startStream, chat.appendStream,
// chat.stopStream; @slack/web-api 8) under the engine's answer, which is posted at once and never
// waits for the model. Streaming carries markdown text only, so the answer's blocks (verdict,
// conditions, buttons) stay one message and the explanation is the reply beneath it, with the same
// label and note the answer layout gives it elsewhere.
import type { webApi } from '@slack/bolt';
import type { Language } from '../../src/model/language.js';
import type { Logger } from '../../src/logger.js';
import { phrases } from '../../src/phrases/index.js';
import { slackErrorCode } from './errors.js';
import { escapeMrkdwn, LIMITS, truncate } from './mrkdwn.js';

/** Pieces appended one after the other: sentences, so a long explanation arrives as it reads. */
export function streamChunks(text: string, maxChunk = 400): string[] {
  const sentences = text.match(/[^.!?\n]+(?:[.!?]+|\n+|$)\s*/g) ?? [text];
  const chunks: string[] = [];
  for (const s of sentences) {
    const last = chunks.at(-1);
    if (last !== undefined && last.length + s.length <= maxChunk) chunks[chunks.length - 1] = last + s;
    else chunks.push(s);
  }
  return chunks.filter((c) => c.trim() !== '');
}

/**
 * Streams the LLM's `explanation` of an answer in `language` into the thread `where` (the chat turn,
 * src/chat/turn.ts, asks the model and calls this). Never throws: should Slack refuse to stream, the
 * explanation is posted as a plain reply in the thread instead.
 */
export async function streamExplanation(
  client: webApi.WebClient,
  logger: Logger,
  where: { channel: string; thread_ts: string },
  explanation: string,
  language: Language,
): Promise<void> {
  const ui = phrases(language).ui;
  // Model text is shown as text: no mentions, links or channel pings can come out of it.
  // Streams are markdown (bold: **…**); the fallback message is mrkdwn (bold: *…*).
  const label = escapeMrkdwn(ui.explanation);
  const body = escapeMrkdwn(explanation);
  const note = { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(ui.explanationNote) }] };
  let ts: string | undefined;
  try {
    ts = (await client.chat.startStream({ ...where, markdown_text: `**${label}**\n\n` })).ts;
    if (!ts) throw new Error('chat.startStream answered without a ts');
    for (const chunk of streamChunks(body)) await client.chat.appendStream({ channel: where.channel, ts, markdown_text: chunk });
    await client.chat.stopStream({ channel: where.channel, ts, blocks: [note] });
    return;
  } catch (err) {
    logger.warn({ slackError: slackErrorCode(err), err: { type: (err as Error).name } }, 'could not stream the explanation; posting it');
  }
  try {
    if (ts) await client.chat.stopStream({ channel: where.channel, ts });
    else {
      const text = `*${label}*\n${body}`;
      await client.chat.postMessage({ ...where, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } }, note] });
    }
  } catch (err) {
    logger.warn({ slackError: slackErrorCode(err) }, 'the explanation could not be shown');
  }
}
