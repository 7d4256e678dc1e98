// No function in src/, adapters/, server/ or cli/ is 150 lines or longer (the developer guide's limit; issue 19
// found closure factories of 260 to 330 lines there). A function is found by a line that opens it
// (`function`, an arrow or a method ending in `{`) and measured to its matching brace.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'node:test';

const MAX_LINES = 150;
const OPENS = /(\bfunction\b|=>\s*\{\s*$|^\s*(async\s+)?[A-Za-z_#][\w]*\s*(<[^>]*>)?\([^;]*\)\s*(:\s*[^=]+)?\{\s*$)/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Strings, template literals and line comments removed, so their braces do not count. */
function code(line: string): string {
  return line.replace(/'(\\.|[^'])*'|"(\\.|[^"])*"|`[^`]*`|\/\/.*$/g, '');
}

function longFunctions(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: string[] = [];
  lines.forEach((line, start) => {
    if (!OPENS.test(line) || !line.trimEnd().endsWith('{')) return;
    let depth = 0;
    let end = start;
    for (; end < lines.length; end++) {
      const c = code(lines[end] as string);
      depth += (c.match(/\{/g)?.length ?? 0) - (c.match(/\}/g)?.length ?? 0);
      if (depth <= 0 && end > start) break;
    }
    if (end - start + 1 >= MAX_LINES) out.push(`${file}:${start + 1} (${end - start + 1} lines): ${line.trim().slice(0, 80)}`);
  });
  return out;
}

it(`no function in src/, adapters/, server/ or cli/ has ${MAX_LINES} lines or more`, () => {
  const long = ['src', 'adapters', 'server', 'cli'].flatMap(files).flatMap(longFunctions);
  assert.deepEqual(long, [], long.join('\n'));
});

it('the measure finds a long function (the check can fail)', async () => {
  const body = Array.from({ length: MAX_LINES }, (_, i) => `  const x${i} = ${i};`).join('\n');
  const dir = await mkdtemp(path.join(tmpdir(), 'fnlen-'));
  const file = path.join(dir, 'long.ts');
  try {
    await writeFile(file, `export function long(): void {\n${body}\n}\n`);
    assert.equal(longFunctions(file).length, 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
