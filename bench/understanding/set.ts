// The labelled set of the "understanding" bench: realistic chat messages over two knowledge bases
// (the shipped one and the unrelated catalogue in ./catalog), each with what a careful reader takes
// from the knowledge base alone. Only labels are stored; the expected verdict is derived (truth.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The knowledge bases the set is written for, and where they live. */
export const KB_DIRS = {
  shipped: path.resolve(here, '../../knowledge'),
  catalog: path.resolve(here, 'catalog'),
} as const;
export type KbName = keyof typeof KB_DIRS;

export const MESSAGE_KINDS = [
  'tidy',
  'greeting',
  'multi_sentence',
  'typo',
  'slack',
  'teams',
  'indirect',
  'negation',
  'followup',
  'person',
  'unknown',
  'category',
  'ordinary_word',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const PLATFORMS = ['slack', 'teams', 'web', 'cli'] as const;
export type SetPlatform = (typeof PLATFORMS)[number];

const Labels = {
  tools: z.array(z.string()).default([]),
  contexts: z.array(z.string()).default([]),
  unknownTool: z.string().nullable().default(null),
  category: z.string().nullable().default(null),
  /** Why the labels are what they are, where it is not obvious (never used for scoring). */
  note: z.string().optional(),
};

const Single = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(MESSAGE_KINDS),
  platform: z.enum(PLATFORMS).optional(),
  text: z.string().min(1),
  ...Labels,
});

const Turn = z.strictObject({
  kind: z.enum(MESSAGE_KINDS).optional(),
  text: z.string().min(1),
  ...Labels,
});

const Dialogue = z.strictObject({
  dialogue: z.string().regex(/^[a-z0-9-]+$/),
  platform: z.enum(PLATFORMS).optional(),
  messages: z.array(Turn).min(2).max(3),
});

const SetFile = z.strictObject({
  kb: z.enum(['shipped', 'catalog']),
  lang: z.enum(['de', 'en']),
  messages: z.array(z.union([Single, Dialogue])),
});

export interface Truth {
  tools: string[];
  contexts: string[];
  unknownTool: string | null;
  category: string | null;
}

export interface LabelledMessage<K extends string = KbName> {
  /** Unique over the set; a dialogue's turns are `<dialogue>#<n>` (1-based). */
  id: string;
  file: string;
  kb: K;
  /** The knowledge base's folder. */
  kbDir: string;
  /** The set it belongs to, printed on its own line by the bench: the file name without `.yaml` (`catalog-de`, `district/open-de`). */
  set: string;
  /** A sealed set (`sealed-*.yaml`): only its aggregate figures are ever printed, never a message. */
  sealed: boolean;
  lang: 'de' | 'en';
  kind: MessageKind;
  platform: SetPlatform;
  text: string;
  truth: Truth;
  /** The dialogue this message belongs to (follow-ups share one conversation), or null. */
  dialogue: string | null;
  /** 0 for a single message or a dialogue's first turn. */
  turn: number;
}

export class SetError extends Error {
  readonly code = 'UNDERSTANDING_SET_INVALID';
}

export const MESSAGES_DIR = path.join(here, 'messages');

/** Reads every messages/*.yaml file; throws SetError naming the file and the problem. */
export function loadLabelledSet(dir: string = MESSAGES_DIR): LabelledMessage[] {
  const out: LabelledMessage[] = [];
  const seen = new Set<string>();
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  for (const file of files) {
    let raw: unknown;
    try {
      raw = parse(readFileSync(path.join(dir, file), 'utf8'), { uniqueKeys: true });
    } catch (err) {
      throw new SetError(`${file}: not valid YAML (${(err as Error).message})`);
    }
    const parsed = SetFile.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new SetError(`${file}: ${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
    }
    const { kb, lang } = parsed.data;
    const add = (m: LabelledMessage) => {
      if (seen.has(m.id)) throw new SetError(`${file}: id "${m.id}" appears twice in the set`);
      if (m.kind === 'slack' && m.platform !== 'slack') throw new SetError(`${file}: ${m.id}: kind slack needs platform: slack`);
      if (m.kind === 'teams' && m.platform !== 'teams') throw new SetError(`${file}: ${m.id}: kind teams needs platform: teams`);
      seen.add(m.id);
      out.push(m);
    };
    for (const entry of parsed.data.messages) {
      if ('dialogue' in entry) {
        entry.messages.forEach((t, i) => {
          add({
            id: `${entry.dialogue}#${i + 1}`,
            file,
            kb,
            kbDir: KB_DIRS[kb],
            set: file.replace(/\.yaml$/, ''),
            sealed: false,
            lang,
            // A dialogue's first turn is an ordinary question; the later ones are the follow-ups.
            kind: t.kind ?? (i === 0 ? 'tidy' : 'followup'),
            platform: entry.platform ?? 'web',
            text: t.text,
            truth: { tools: t.tools, contexts: t.contexts, unknownTool: t.unknownTool, category: t.category },
            dialogue: entry.dialogue,
            turn: i,
          });
        });
      } else {
        add({
          id: entry.id,
          file,
          kb,
          kbDir: KB_DIRS[kb],
          set: file.replace(/\.yaml$/, ''),
          sealed: false,
          lang,
          kind: entry.kind,
          platform: entry.platform ?? 'web',
          text: entry.text,
          truth: { tools: entry.tools, contexts: entry.contexts, unknownTool: entry.unknownTool, category: entry.category },
          dialogue: null,
          turn: 0,
        });
      }
    }
  }
  return out;
}
