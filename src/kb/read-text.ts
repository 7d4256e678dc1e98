// Turns the bytes of a knowledge file into text, strictly: UTF-8 only (a UTF-8 byte-order mark is
// dropped), no control characters. A Latin-1 file would otherwise load with mojibake names, and a
// UTF-16 file would reach the YAML parser as NUL-riddled noise with a meaningless error.
//
// UTF-16 and UTF-32 (recognised by their byte-order mark, UTF-16 also without one by its zero
// bytes: YAML is mostly ASCII, which UTF-16 writes with a zero byte each) are refused, not decoded: an admin edit
// writes the file back as UTF-8, so a decoded UTF-16 file would silently change its encoding on the
// next edit, and `git diff` shows UTF-16 as binary. The message says how to fix it.
import { said } from './issues.js';
import { type KbText } from '../model/file-issue.js';

/** A file that is not usable text; `line`/`column` are 1-based, where the first bad byte is. */
export interface TextProblem {
  message: string;
  text: KbText;
  line?: number;
  column?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

// YAML 1.2 allows tab, LF and CR among the C0 controls; DEL and the C1 controls (except NEL) are
// not printable either. Both YAML parsers would refuse them, one with a worse message, one not at all.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F]/;

export function decodeKnowledgeText(bytes: Uint8Array): { text: string } | { problem: TextProblem } {
  const bom = byteOrderMark(bytes);
  if (bom) return { problem: said((p) => p.byteOrderMark(bom)) };
  const wide = utf16WithoutBom(bytes);
  if (wide) return { problem: said((p) => p.utf16WithoutBom(wide)) };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const { line, column } = positionOfByte(bytes, at);
    const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      problem: {
        ...said((p) => p.notUtf8(`0x${byte}`, line, column)),
        line,
        column,
      },
    };
  }
  const bad = CONTROL.exec(text);
  if (bad) {
    const { line, column } = positionOfChar(text, bad.index);
    const code = `U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    const message = said((p) => (bad[0] === '\u0000' ? p.nulCharacter : p.controlCharacter)(code, line, column));
    return { problem: { ...message, line, column } };
  }
  return { text };
}

function byteOrderMark(b: Uint8Array): string | undefined {
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return 'UTF-32 (little-endian)';
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32 (big-endian)';
  if (b[0] === 0xff && b[1] === 0xfe) return 'UTF-16 (little-endian)';
  if (b[0] === 0xfe && b[1] === 0xff) return 'UTF-16 (big-endian)';
  return undefined;
}

/**
 * UTF-16 without a byte-order mark: in the first 4 KiB, most pairs of bytes hold a zero on the same
 * side and almost none on the other. UTF-8 text has no zero bytes at all; a binary file has them on
 * both sides.
 */
function utf16WithoutBom(b: Uint8Array): string | undefined {
  const pairs = Math.floor(Math.min(b.length, 4096) / 2);
  if (pairs < 2) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (b[2 * i] === 0) evenZero++;
    if (b[2 * i + 1] === 0) oddZero++;
  }
  const most = pairs * 0.6;
  const few = pairs * 0.05;
  if (oddZero >= most && evenZero <= few) return 'UTF-16 (little-endian)';
  if (evenZero >= most && oddZero <= few) return 'UTF-16 (big-endian)';
  return undefined;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte: sequence length and the allowed range of the second byte (no overlongs, no
    // surrogates, nothing above U+10FFFF), as in the Unicode standard's table 3-7.
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k < n; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += n;
  }
  return b.length;
}

/** 1-based line and column (in characters) of byte `at`; the bytes before it are valid UTF-8. */
function positionOfByte(b: Uint8Array, at: number): { line: number; column: number } {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < at; i++) {
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < at; i++) if (((b[i] as number) & 0xc0) !== 0x80) column++; // count lead bytes only
  // A UTF-8 byte-order mark on the first line is not a character of the text.
  if (line === 1 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf && at >= 3) column--;
  return { line, column };
}

function positionOfChar(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: [...before.slice(lineStart)].length + 1 };
}
