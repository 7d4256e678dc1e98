// Chat text to plain question text: every adapter calls normalizeChat before anything else sees a
// message (engine, commands, usage counts, LLM). It unwraps the platform's markup (Slack mrkdwn and
// its <…> entities, Teams HTML and <at> mentions), removes invisible characters, emoji, mentions of
// people, and the chatter around a question (greetings, lead-ins, thanks, sign-offs with the
// signature's name; word lists in lexicon/chat-phrases.yaml). It never adds words: the result is
// never longer than the input. Pure and total: any input gives a string, nothing throws.
import { phraseList, type ChatPhraseList } from './chat-phrases.js';

export type ChatSource = 'slack' | 'teams' | 'web' | 'cli';

/** Input beyond this is cut before any work (the engine reads the first 1,000 characters anyway). */
export const MAX_CHAT_INPUT = 16_000;
/** Over this length the sentences that ask something are moved first, so the engine's cut keeps them. */
export const QUESTION_FIRST_OVER = 1_000;

export function normalizeChat(text: string, source: ChatSource): string {
  if (typeof text !== 'string') return '';
  try {
    return normalize(text.length > MAX_CHAT_INPUT ? text.slice(0, MAX_CHAT_INPUT) : text, source);
  } catch {
    // Defensive only: the steps below are total; should one ever throw, the plain text is better than none.
    return tidy(text.slice(0, MAX_CHAT_INPUT));
  }
}

function normalize(input: string, source: ChatSource): string {
  const t = removeInvisible(input);
  const markup = (command: boolean) => (source === 'slack' ? slackMarkup(t, command) : source === 'teams' ? teamsMarkup(t) : pastedMarkup(t, command));
  let out = tidy(markup(false));
  // Admin commands ("admin status zoom … source: Letter <https://…>") keep their links whole and
  // their words as typed: they are parsed as commands, not read as questions.
  if (/^admin(?![\p{L}\p{N}])/iu.test(out)) return tidy(removeEmoji(markup(true), source));
  out = removeUrls(out);
  out = expandShorthand(out);
  out = removeEmoji(out, source);
  out = tidy(out);
  // The end first: a message that is only "Danke, Anna" goes whole, not down to "Anna".
  out = stripTrailingChatter(out);
  // A short typed answer to a question back ("ja", "ja, vertraulich", "no, none of that") keeps its
  // yes/no word: as a greeting-like acknowledgement it would otherwise be stripped to nothing.
  if (!isConfirmReply(out)) out = stripLeadingChatter(out);
  out = stripTrailingChatter(out);
  out = tidy(out);
  return out.length > QUESTION_FIRST_OVER ? questionFirst(out) : out;
}

// Text typed into the CLI, the web chat or /api/ask may have been copied from Slack or Teams
// (or be such a message fed in by another tool): their markup is unwrapped when it is unmistakable.
// An emoji code ends at a non-word character or where a pasted link begins (":tada:https://…").
const SLACK_SIGNS = /<[@#!][A-Za-z0-9^]|<(?:https?|mailto):[^>\s]+>|(?<![\p{L}\p{N}]):[a-z0-9_+-]+:(?=$|[^\p{L}\p{N}]|https?:\/\/)/u;
const TEAMS_SIGNS = /<\/?(?:at|p|div|span|br|b|i|u|strong|em|a|ul|ol|li|blockquote)\b[^>]*>|&(?:[a-z]{2,8}|#\d{1,6}|#x[0-9a-f]{1,6});/i;

function pastedMarkup(t: string, command: boolean): string {
  let out = t;
  if (SLACK_SIGNS.test(out)) out = slackMarkup(out, command);
  if (TEAMS_SIGNS.test(out)) out = teamsMarkup(out);
  return out;
}

// Zero-width and direction marks, soft hyphens, variation selectors: invisible, but they split words.
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFE00-\uFE0F\uFEFF]/g;
const ODD_SPACES = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

function removeInvisible(t: string): string {
  return t.replace(INVISIBLE, '').replace(ODD_SPACES, ' ').replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n');
}

/** One space between words, lines trimmed, no empty lines, no punctuation left dangling at the start. */
let shorthand: { pattern: RegExp; expansions: Map<string, string> } | undefined;

/** Chat shorthand ("w/", "w/o", "bzgl.") written out (lexicon/chat-phrases.yaml `abbreviations`). */
function expandShorthand(t: string): string {
  if (!/[/.:]/.test(t)) return t;
  if (!shorthand) {
    const expansions = new Map<string, string>();
    for (const entry of phraseList('abbreviations')) {
      const space = entry.indexOf(' ');
      expansions.set(entry.slice(0, space), entry.slice(space + 1));
    }
    const alternatives = [...expansions.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    shorthand = { pattern: new RegExp(`(?<![\\p{L}\\p{N}/])(${alternatives.join('|')})(?=\\s|$)`, 'giu'), expansions };
  }
  const { pattern, expansions } = shorthand;
  return t.replace(pattern, (m) => expansions.get(m.toLowerCase()) ?? m);
}

function tidy(t: string): string {
  let joined: string;
  if (!t.includes('\n') && !t.includes('  ')) {
    // One line without double spaces (most messages): the same as below, without splitting.
    joined = t.trim();
  } else {
    const lines: string[] = [];
    for (const raw of t.split('\n')) {
      const line = raw.replace(/ {2,}/g, ' ').trim();
      if (line !== '') lines.push(line);
    }
    joined = lines.join('\n');
  }
  return joined.replace(/^(?:[\s,;:!–—]|\.(?=\s)|-(?=\s))+/u, '').replace(/(?:\s|[,;:–—]|-(?=\s|$))+$/u, '');
}

// ---------------------------------------------------------------------------------------------
// Platform markup

const HOST_OF_URL = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@\s]*@)?([^/?#:\s]+)/i;

/** The host of a link without "www." ("https://www.zoom.us/j/1" -> "zoom.us"), or nothing. */
function hostOf(url: string): string {
  const m = HOST_OF_URL.exec(url);
  return m ? ` ${(m[1] as string).replace(/^www\./i, '')} ` : ' ';
}

function slackMarkup(t: string, command: boolean): string {
  let out = t.replace(/<([^<>\n]{0,2000})>/g, (_whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar >= 0 ? inner.slice(0, bar) : inner;
    const label = bar >= 0 ? inner.slice(bar + 1).trim() : '';
    if (target.startsWith('@')) return ' '; // a person or the bot: never a word of the question
    if (target.startsWith('#')) return label ? ` ${label} ` : ' ';
    if (target.startsWith('!')) return target.startsWith('!date') && label ? ` ${label} ` : ' '; // @here, @channel, user groups
    if (/^https?:\/\//i.test(target)) {
      if (command) return ` ${target} `;
      return label && !/^https?:\/\//i.test(label) ? ` ${label} ` : hostOf(target);
    }
    if (/^(?:mailto|tel):/i.test(target)) return ' '; // an address or number is no part of a question
    return label ? ` ${label} ` : ' ';
  });
  // Block quotes arrive as "&gt; " at the start of a line; code blocks and inline code keep their text.
  out = out.replace(/^[ \t]*(?:&gt;|>)+[ \t]?/gm, '');
  out = out.replace(/```([\s\S]*?)```/g, '\n$1\n').replace(/`([^`\n]+)`/g, '$1');
  if (!command) out = unwrapEmphasis(out);
  out = out.replace(/(?<![\p{L}\p{N}/])(?::([a-z0-9_+'-]{1,60}):)(?=$|[^\p{L}\p{N}]|https?:\/\/)/giu, (whole, name: string) => (/[a-z+_-]/i.test(name) ? ' ' : whole));
  return out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** *bold*, _italic_, ~strike~: a mark at word edges around text (compiled once, on first use). */
let emphasis: RegExp[] | undefined;

/**
 * *bold*, _italic_ -> their text; ~strike~ -> nothing: what the writer struck out is withdrawn
 * ("Ist ~Dropbox~ äh *Nextcloud* okay?" asks about Nextcloud). Only where the marks stand at word edges.
 */
function unwrapEmphasis(t: string): string {
  // Most messages have no mark at all.
  if (!/[*_~]/.test(t)) return t;
  emphasis ??= ['\\*', '_', '~'].map(
    (mark) => new RegExp(String.raw`(^|[\s(\[{"'„“‘])${mark}(?=\S)([^\n]{0,500}?\S)${mark}(?=$|[\s)\]}.,;:!?"'“”’])`, 'gmu'),
  );
  let out = t;
  emphasis.forEach((re, k) => {
    const keep = k < 2 ? '$1$2' : '$1';
    out = out.replace(re, keep).replace(re, keep);
  });
  return out;
}

const BLOCK_TAG = /<(?:br|hr|\/?(?:p|div|li|ul|ol|tr|table|thead|tbody|h[1-6]|blockquote|pre|section|article|header|footer))(?:\s[^<>]{0,2000})?\/?>/gi;
const ANY_TAG = /<\/?[a-z][\w:-]{0,40}(?:\s[^<>]{0,2000})?\/?>/gi;

function teamsMarkup(t: string): string {
  return decodeEntities(
    t
      .replace(/<at(?:\s[^<>]{0,500})?>[\s\S]{0,500}?<\/at>/gi, ' ') // the bot's and anyone's mention
      .replace(/<(s|strike|del)(?:\s[^<>]{0,500})?>[\s\S]{0,500}?<\/\1>/gi, ' ') // struck out: withdrawn
      .replace(/<(?:img|emoji)(?:\s[^<>]{0,2000})?\/?>/gi, ' ')
      .replace(BLOCK_TAG, '\n')
      .replace(ANY_TAG, ' '),
  );
}

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", shy: '', zwnj: '', zwj: '', ensp: ' ', emsp: ' ', thinsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»', bdquo: '„', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', sbquo: '‚',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é', egrave: 'è', euro: '€', copy: ' ', reg: ' ', trade: ' ',
};

function decodeEntities(t: string): string {
  return t.replace(/&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,7});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return ' ';
      const char = String.fromCodePoint(code);
      return removeInvisible(char.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' '));
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

/** Raw links become their host: "https://zoom.us/j/123" reads as "zoom.us", not as a tool "https". */
function removeUrls(t: string): string {
  return t.replace(/(?<![\p{L}\p{N}])(?:https?:\/\/|www\.)[^\s<>"]{1,2000}/giu, (match) => {
    // Punctuation at the end belongs to the sentence: "Can we use https://zoom.us?"
    const url = match.replace(/[.,;:!?)\]'’]+$/u, '');
    return hostOf(url.startsWith('www.') ? `http://${url}` : url).trimEnd() + match.slice(url.length);
  });
}

// Pictographs, flags, skin tones and keycaps; in typed text also :-) and friends.
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u20E3]/gu;
const EMOTICON = /(?<!\S)(?:[:;=8xX]['-]?[()DPpOo3|\\/*\]\[]+|<3|\^\^|¯\\_\(ツ\)_\/¯)(?!\S)/g;

function removeEmoji(t: string, source: ChatSource): string {
  const out = t.replace(EMOJI, ' ');
  return source === 'slack' ? out : out.replace(EMOTICON, ' ');
}

// ---------------------------------------------------------------------------------------------
// Greetings, lead-ins, thanks and sign-offs

const UMLAUT: Record<string, string> = { ä: '(?:ä|ae|a)', ö: '(?:ö|oe|o)', ü: '(?:ü|ue|u)', ß: '(?:ß|ss)' };

/** A phrase as a pattern: any white space between words, umlaut spellings, either apostrophe. */
export function phrasePattern(phrase: string): string {
  let out = '';
  for (const ch of phrase) {
    if (ch === ' ') out += '\\s+';
    else if (UMLAUT[ch]) out += UMLAUT[ch];
    else if (ch === "'" || ch === '’') out += "['’]?";
    else out += ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return out;
}

function alternation(...lists: ChatPhraseList[]): string {
  const all = [...new Set(lists.flatMap((l) => phraseList(l)))].sort((a, b) => b.length - a.length);
  return all.map(phrasePattern).join('|');
}

const END = '(?![\\p{L}\\p{N}])';
/** What ends a greeting or lead-in: a comma, "!", ".", ":", a dash, a line break, or the end. */
const BREAK_AFTER = /^[ ]*(?:[,!.:;–—]+|-+(?=\s|$)|\n|$)[ ]*\n?/u;
/** One to three capitalised words: a name after "Hallo" or "Viele Grüße". */
const NAME_WORDS = /^[ ]+\p{Lu}[\p{L}'’.-]{0,30}(?:[ ]+\p{Lu}[\p{L}'’.-]{0,30}){0,2}/u;

interface Patterns {
  greeting: RegExp;
  greetingWithBreak: RegExp;
  thanksLead: RegExp;
  anyLead: RegExp;
  addressees: RegExp;
  opener: RegExp;
  farewell: RegExp;
  thanks: Set<string>;
  needsBreak: Set<string>;
  confirmReply: RegExp;
}

let patterns: Patterns | undefined;

function compiled(): Patterns {
  if (patterns) return patterns;
  const fold = (s: string) => foldUmlauts(s.toLowerCase().replace(/\s+/g, ' '));
  const set = (...lists: ChatPhraseList[]) => new Set(lists.flatMap((l) => phraseList(l)).map(fold));
  return (patterns = {
    greeting: new RegExp(`^(?:${alternation('greetings')})${END}`, 'iu'),
    greetingWithBreak: new RegExp(`^(?:${alternation('greetings_with_break', 'acknowledgements')})${END}`, 'iu'),
    thanksLead: new RegExp(`^(?:${alternation('thanks')})${END}`, 'iu'),
    anyLead: new RegExp(`^[ ]+(?:${alternation('greetings', 'greetings_with_break', 'acknowledgements', 'thanks')})${END}`, 'iu'),
    addressees: new RegExp(`^(?:[ ]+(?:${alternation('addressees')})${END})+`, 'iu'),
    opener: new RegExp(`^(?:${alternation('openers')})${END}`, 'iu'),
    // A thanks or sign-off at the start of the text, of a line, or after a sentence or clause end.
    farewell: new RegExp(`(?:${alternation('thanks', 'signoffs', 'signoffs_with_break')})${END}`, 'iuy'),
    thanks: set('thanks'),
    needsBreak: set('signoffs_with_break'),
    confirmReply: new RegExp(`^(?:${alternation('confirm_yes', 'confirm_no')})${END}`, 'iu'),
  });
}

/** Removes greetings and lead-ins at the start ("Hallo zusammen, kurze Frage: …"), repeatedly. */
function stripLeadingChatter(text: string): string {
  const p = compiled();
  let t = text;
  for (let round = 0; round < 8; round++) {
    const before = t;
    const greeting = p.greeting.exec(t);
    const onlyWithBreak = greeting ? null : p.greetingWithBreak.exec(t);
    const opener = greeting || onlyWithBreak ? null : p.opener.exec(t);
    const m = greeting ?? onlyWithBreak ?? opener;
    if (!m) {
      // "Danke! Und mit Bürgern?", "Vielen Dank für die Antwort. Was ist mit Teams?": thanks for the last answer.
      const thanks = p.thanksLead.exec(t);
      if (!thanks) break;
      const after = t.slice(thanks[0].length);
      const brk = BREAK_AFTER.exec(after) ?? p.anyLead.exec(after);
      const sentence = brk ? null : /^[^.!?\n]{0,80}(?:[.!]+|\n)/u.exec(after);
      if (!brk && (!sentence || countWords(sentence[0]) > 5)) break;
      t = after.slice((brk ?? sentence)?.[0].length ?? 0).replace(/^[\s,;:!.–—-]+(?=\S)/u, '');
      if (t === before) break;
      continue;
    }
    let rest = t.slice(m[0].length);
    if (!opener) rest = rest.slice(p.addressees.exec(rest)?.[0].length ?? 0);
    const brk = BREAK_AFTER.exec(rest);
    if (brk) t = rest.slice(brk[0].length);
    else {
      const name = opener ? null : NAME_WORDS.exec(rest);
      const afterName = name ? BREAK_AFTER.exec(rest.slice(name[0].length)) : null;
      if (name && afterName) t = rest.slice(name[0].length + afterName[0].length);
      else if (greeting && /^\s/.test(rest)) t = rest; // "Hallo darf ich …": the greeting alone goes
      else if (p.anyLead.test(rest)) t = rest; // "Ok danke, …", "Super, danke!": the next piece of chatter follows
    }
    t = t.replace(/^[\s,;:!.–—-]+(?=\S)/u, '');
    if (t === before) break;
  }
  return t;
}

/**
 * A short statement that starts with a yes or no word (lexicon/chat-phrases.yaml, confirm_yes /
 * confirm_no): an answer, not a question ("Jo, darf ich Zoom nutzen?" still loses its "Jo").
 */
function isConfirmReply(text: string): boolean {
  return !text.includes('?') && countWords(text) <= 6 && compiled().confirmReply.test(text);
}

const countWords = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/**
 * Removes thanks and sign-offs at the end, with the signature after them ("Danke! Viele Grüße,
 * Anna Schmidt"), when what follows them is short and asks nothing. Only the end of the text is
 * searched, so the cost does not grow with the text.
 */
function stripTrailingChatter(text: string): string {
  const p = compiled();
  let t = text;
  for (let round = 0; round < 4; round++) {
    const from = Math.max(0, t.length - 240);
    let cut = -1;
    // Where a sentence, clause or line may start: the text's start, or after . ! ? , ; : … ) or a line break.
    const starts = /(?:^|[.!?\n,;:…)])[ ]*/g;
    starts.lastIndex = from;
    for (let b = starts.exec(t); b !== null && cut < 0; b = starts.exec(t)) {
      const at = b.index + b[0].length;
      if (b[0].length === 0) starts.lastIndex++;
      p.farewell.lastIndex = at;
      const m = p.farewell.exec(t);
      if (m && qualifiesAsFarewell(p, m[0].toLowerCase().replace(/\s+/g, ' '), t.slice(at + m[0].length), at === 0)) cut = at;
    }
    // A signature delimiter line "--" ends the message too.
    const delimiter = /\n--[ ]?\n[\s\S]{0,240}$/.exec(t);
    if (delimiter && !delimiter[0].includes('?') && (cut < 0 || delimiter.index < cut)) cut = delimiter.index;
    if (cut < 0) break;
    t = t.slice(0, cut).replace(/[\s,;:–—-]+$/u, '');
  }
  return t;
}

function qualifiesAsFarewell(p: Patterns, phrase: string, tail: string, atStart: boolean): boolean {
  if (tail.includes('?')) return false;
  const words = countWords(tail);
  const lines = tail.split('\n').length;
  const folded = foldUmlauts(phrase);
  const isThanks = p.thanks.has(folded);
  if (isThanks && words > (atStart ? 3 : 6)) return false;
  if (!isThanks && (words > 12 || lines > 5)) return false;
  if (p.needsBreak.has(folded)) {
    // "Best, Tom" or "Gruß\nAnna", not "Best practice for …".
    if (BREAK_AFTER.test(tail)) return true;
    const name = NAME_WORDS.exec(tail);
    return name !== null && tail.slice(name[0].length).trim().replace(/[.!]+$/, '') === '';
  }
  return true;
}

function foldUmlauts(s: string): string {
  return s.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
}

/** Long messages: the sentences with a question mark first, then the rest in their order. */
function questionFirst(t: string): string {
  const sentences = t.split(/(?<=[.!?])[ ]+|\n+/).filter((s) => s.trim() !== '');
  const asking = sentences.filter((s) => s.includes('?'));
  if (asking.length === 0 || asking.length === sentences.length) return t;
  return [...asking, ...sentences.filter((s) => !s.includes('?'))].join('\n');
}
