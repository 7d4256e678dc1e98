// Adaptive Card TextBlocks (and FactSet values) are read as markdown: bold, italic, lists and
// links. Text that is not ours to format (the user's words echoed back, knowledge-base entries,
// admin input) is escaped with backslashes, so "[x](https://evil.example)" stays text and "*" or
// "_" stay characters; only links this renderer builds itself, to web URLs, are markdown.
import { webUrl } from '../../src/http/safe-url.js';

/** `text` as literal Adaptive Card markdown. */
export function escapeCardMarkdown(text: string): string {
  return text
    .replace(/[\\*_[\]]/g, (c) => `\\${c}`)
    .split('\n')
    .map((line) => line.replace(/^(\s*)(#{1,6}|[-+>]|\d{1,9}[.)])(?=\s|$)/, (_m, space: string, marker: string) => `${space}${escapeMarker(marker)}`))
    .join('\n');
}

function escapeMarker(marker: string): string {
  // "1." → "1\." ; "-" → "\-" ; "##" → "\#\#"
  const numbered = /^(\d+)([.)])$/.exec(marker);
  if (numbered) return `${numbered[1]}\\${numbered[2]}`;
  return marker.replace(/./g, (c) => `\\${c}`);
}

/** A link to a web URL with an escaped title; any other URL (javascript:, data: …) gives the title alone. */
export function cardLink(title: string, url: string | undefined): string {
  const href = url?.startsWith('mailto:') ? mailto(url) : webUrl(url);
  if (href === undefined) return escapeCardMarkdown(title);
  // Parentheses and spaces would end the URL early.
  const safeUrl = href.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeCardMarkdown(title)}](${safeUrl})`;
}

function mailto(url: string): string | undefined {
  return /^mailto:[^\s<>()[\]\\"]+@[^\s<>()[\]\\"]+$/.test(url) ? url : undefined;
}
