// Slack's mrkdwn in both directions: escaping knowledge-base text for Block Kit (only &, < and > are
// special), packing lines into blocks within Block Kit's size limits, and turning the markup Slack
// puts into incoming messages (<@U123>, <https://x|label>, &amp;) back into plain text.

import { webUrl } from '../../src/http/safe-url.js';

/** Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  contextElements: 10,
  contextElementText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  /** chat.postMessage truncates `text` beyond 40,000 characters. */
  messageText: 40000,
} as const;

export const ELLIPSIS = '…';

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts `text` to at most `max` characters (UTF-16 units, as Slack counts), ending in "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - ELLIPSIS.length;
  // Never split a surrogate pair (an emoji) in half.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

/**
 * A mrkdwn link; `|` and `>` would end the link early, so they are percent-encoded in the URL. Only
 * web URLs (and well-formed mailto:) become links: for any other (javascript:, data: …) the label
 * alone is shown.
 */
export function link(url: string, label: string): string {
  const href = url.startsWith('mailto:') ? (/^mailto:[^\s<>|]+@[^\s<>|]+$/.test(url) ? url : undefined) : webUrl(url);
  if (href === undefined) return escapeMrkdwn(label);
  const safeUrl = href.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/**
 * Packs lines into as few texts of at most `max` characters as possible, keeping lines whole where
 * they fit; a single line longer than `max` is truncated.
 */
export function packLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, max);
    if (current === '') current = line;
    else if (current.length + 1 + line.length <= max) current += '\n' + line;
    else {
      chunks.push(current);
      current = line;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/**
 * Plain text of an incoming Slack message: mentions of `botUserId` removed, other mentions and
 * links reduced to their labels, entities decoded, white space collapsed.
 */
export function slackToPlainText(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) {
        const id = target.slice(1);
        if (botUserId !== undefined && id === botUserId) return ' ';
        return label !== undefined ? `@${label}` : ' ';
      }
      if (target.startsWith('#')) return label !== undefined ? `#${label}` : ' ';
      if (target.startsWith('!')) return label ?? ' ';
      if (label !== undefined) return label;
      return target.replace(/^mailto:/, '');
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
