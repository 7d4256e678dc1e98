// What a reader of each surface sees of an answer, as plain text: the Slack message's blocks with
// links and mrkdwn undone, the Teams card's texts, the web chat's HTML without tags, the plain text.
// The renderer contract, the "nothing said twice" test and the answer-review script read answers
// through these.
import { renderAnswerBlocks } from '../../adapters/slack/render.js';
import { answerMessage, type CardElement } from '../../adapters/teams/render.js';
import { renderAnswerHtml } from '../../adapters/web/render.js';
import type { Answer } from '../../src/model/answer.js';
import { renderText } from '../../src/engine/text.js';
import { composeShown } from '../../src/llm/compose.js';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] as string);

/** What a reader of a Teams card's body sees, as plain text (links and markdown undone). */
export function cardText(body: CardElement[]): string {
  const texts = (n: unknown): string[] =>
    Array.isArray(n) ? n.flatMap(texts) : n && typeof n === 'object' ? Object.entries(n).flatMap(([k, v]) => (typeof v === 'string' && ['text', 'title', 'value'].includes(k) ? [v] : texts(v))) : [];
  return texts(body)
    .join('\n')
    .replace(/\[((?:\\.|[^\]\\])*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/\\(.)/g, '$1');
}

/** A Slack message's blocks as text: every text (not block types, ids or values), links shown by their label, no mrkdwn marks. */
export function slackText(blocks: unknown): string {
  const texts = (v: unknown): string[] =>
    Array.isArray(v) ? v.flatMap(texts) : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => (typeof x === 'string' ? (k === 'text' ? [x] : []) : texts(x))) : [];
  return unescape(
    texts(blocks)
      .join('\n')
      .replace(/<[^|<>]+\|([^<>]*)>/g, '$1')
      .replace(/¦/g, '|')
      .replace(/[*_]/g, ''),
  );
}

/** The web chat's answer HTML as text, one line per block element. */
export function webText(html: string): string {
  return unescape(html.replace(/<\/(p|li|h\d|div|dt|dd|section|header|footer)>|<br\s*\/?>/g, '\n').replace(/<[^>]*>/g, ' '));
}

export type SurfaceName = 'plain' | 'slack' | 'teams' | 'web';

/** Each answer surface, rendering an answer (with an LLM explanation when given) to what a reader sees. */
export const SURFACE_TEXT: Record<SurfaceName, (a: Answer, explanation?: string) => string> = {
  plain: (a, explanation) => (explanation ? composeShown(a, { text: explanation, source: 'llm' }) : renderText(a)),
  slack: (a, explanation) => slackText(renderAnswerBlocks(a, explanation ? { explanation } : {}).blocks),
  teams: (a, explanation) => cardText(answerMessage(a, explanation ? { explanation } : {}).attachments[0]!.content.body),
  web: (a, explanation) => webText(renderAnswerHtml(a, explanation ? { explanation } : {})),
};
