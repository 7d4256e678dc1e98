// The fresh sets (issue 18): labelled messages written by writers who never saw lexicon/, the tests
// or the other sets, each folder over its own catalogue. `fresh/<name>/` holds the catalogue (a
// knowledge-base folder: `catalog/`, `kb/` or `knowledge/`, or the shipped one when the files say
// `kb: shipped`), `open-*.yaml` (may be read and tuned on) and `sealed-*.yaml` (measured only: the
// bench prints their aggregate figures, never a message). The message format is the one of
// messages/*.yaml (README.md), read leniently: a writer's extra fields and kinds are kept, not refused.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { KB_DIRS, SetError, type LabelledMessage, type MessageKind, type SetPlatform, PLATFORMS } from './set.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FRESH_DIR = path.join(here, 'fresh');

const Labels = {
  tools: z.array(z.string()).nullish().transform((v) => v ?? []),
  contexts: z.array(z.string()).nullish().transform((v) => v ?? []),
  unknownTool: z.string().nullish().transform((v) => v ?? null),
  category: z.string().nullish().transform((v) => v ?? null),
};
const Single = z.object({ id: z.union([z.string(), z.number()]).transform(String), kind: z.string().optional(), platform: z.enum(PLATFORMS).optional(), text: z.string().min(1), ...Labels });
const Turn = z.object({ kind: z.string().optional(), text: z.string().min(1), ...Labels });
const Dialogue = z.object({ dialogue: z.union([z.string(), z.number()]).transform(String), platform: z.enum(PLATFORMS).optional(), messages: z.array(Turn).min(1) });
const FreshFile = z.object({
  kb: z.string().optional(),
  lang: z.enum(['de', 'en']).optional(),
  messages: z.array(z.union([Dialogue, Single])),
});

/** A fresh message: `kb` names the fresh folder (`fresh/district`). */
export type FreshMessage = LabelledMessage<string>;

/** The knowledge base of a fresh folder: its own catalogue folder, or the shipped one. */
function kbDirOf(dir: string, declared: string | undefined): string {
  for (const sub of ['catalog', 'catalogue', 'kb', 'knowledge']) {
    const candidate = path.join(dir, sub);
    if (existsSync(path.join(candidate, 'organization.yaml'))) return candidate;
  }
  if (declared === 'shipped' || declared === undefined) return KB_DIRS.shipped;
  throw new SetError(`${dir}: no catalogue folder (catalog/ with organization.yaml) and kb "${declared}" is not "shipped"`);
}

/** Every fresh folder's sets; an empty list when there are none yet. */
export function loadFreshSets(root: string = FRESH_DIR): FreshMessage[] {
  if (!existsSync(root)) return [];
  const out: FreshMessage[] = [];
  for (const name of readdirSync(root).sort()) {
    const dir = path.join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    const files = readdirSync(dir).filter((f) => /^(open|sealed)-.*\.ya?ml$/.test(f)).sort();
    for (const file of files) out.push(...loadFreshFile(dir, name, file));
  }
  return out;
}

function loadFreshFile(dir: string, name: string, file: string): FreshMessage[] {
  const where = `fresh/${name}/${file}`;
  let raw: unknown;
  try {
    raw = parse(readFileSync(path.join(dir, file), 'utf8'));
  } catch (err) {
    throw new SetError(`${where}: not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  // A bare list of messages is accepted too.
  const parsed = FreshFile.safeParse(Array.isArray(raw) ? { messages: raw } : raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    // The path only, never the message text: sealed files are not printed.
    throw new SetError(`${where}: ${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
  }
  const set = `${name}/${file.replace(/\.ya?ml$/, '')}`;
  const sealed = file.startsWith('sealed-');
  const kbDir = kbDirOf(dir, parsed.data.kb);
  const fileLang = parsed.data.lang ?? (/-(de|en)\b/.exec(file)?.[1] as 'de' | 'en' | undefined);
  const out: FreshMessage[] = [];
  const base = { file: where, kb: `fresh/${name}`, kbDir, set, sealed };
  const kindOf = (k: string | undefined, fallback: MessageKind) => (k ?? fallback) as MessageKind;
  const langOf = (text: string): 'de' | 'en' => fileLang ?? (/\b(ich|wir|darf|und|mit|nicht)\b/i.test(text) ? 'de' : 'en');
  for (const entry of parsed.data.messages) {
    if ('dialogue' in entry) {
      const platform: SetPlatform = entry.platform ?? 'web';
      entry.messages.forEach((t, i) => {
        out.push({
          ...base,
          id: `${set}:${entry.dialogue}#${i + 1}`,
          lang: langOf(t.text),
          kind: kindOf(t.kind, i === 0 ? 'tidy' : 'followup'),
          platform,
          text: t.text,
          truth: { tools: t.tools, contexts: t.contexts, unknownTool: t.unknownTool, category: t.category },
          dialogue: `${set}:${entry.dialogue}`,
          turn: i,
        });
      });
    } else {
      out.push({
        ...base,
        id: `${set}:${entry.id}`,
        lang: langOf(entry.text),
        kind: kindOf(entry.kind, 'tidy'),
        platform: entry.platform ?? 'web',
        text: entry.text,
        truth: { tools: entry.tools, contexts: entry.contexts, unknownTool: entry.unknownTool, category: entry.category },
        dialogue: null,
        turn: 0,
      });
    }
  }
  return out;
}
