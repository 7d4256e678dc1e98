// The chat phrase lists (lexicon/chat-phrases.yaml): greetings, lead-ins, thanks, sign-offs and the
// words that mark a follow-up. Read once, on first use, and checked: a malformed file is an error
// naming the file and the field, not a silently empty list.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES, type Language } from '../model/language.js';
// Parsed through the compiled cache (lexicon-data.ts): YAML once per change of the file.
import { parseYaml as parse } from './lexicon-data.js';
import { LexiconError } from '../errors.js';
import { z } from 'zod';
import { packageRoot } from '../config.js';

const Words = z.array(z.string().trim().min(1)).min(1);
// One list per language of the model (src/model/language.ts).
const Both = z.strictObject(Object.fromEntries(LANGUAGES.map((lang) => [lang, Words])) as Record<Language, typeof Words>);

export const ChatPhrasesSchema = z.strictObject({
  greetings: Both,
  greetings_with_break: Both,
  acknowledgements: Both,
  addressees: Both,
  openers: Both,
  thanks: Both,
  signoffs: Both,
  signoffs_with_break: Both,
  follow_up_markers: Both,
  follow_up_anywhere: Both,
  follow_up_final: Both,
  follow_up_pointers: Both,
  follow_up_other_words: Both,
  follow_up_function_words: Both,
  follow_up_modals: Both,
  follow_up_subjects: Both,
  confirm_yes: Both,
  confirm_no: Both,
  abbreviations: Both,
});

export type ChatPhraseLists = z.infer<typeof ChatPhrasesSchema>;
export type ChatPhraseList = keyof ChatPhraseLists;

export function chatPhrasesFile(): string {
  return path.join(packageRoot(), 'lexicon', 'chat-phrases.yaml');
}

/** Parses and checks the phrase file's text; every list comes back in lower case, each entry once. */
export function parseChatPhrases(text: string, file = 'chat-phrases.yaml'): ChatPhraseLists {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new LexiconError(file, `not valid YAML: ${(err as Error).message}`);
  }
  const result = ChatPhrasesSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new LexiconError(file, `${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
  }
  const lists = result.data;
  for (const key of Object.keys(lists) as ChatPhraseList[]) {
    for (const lang of LANGUAGES) lists[key][lang] = [...new Set(lists[key][lang].map((w) => w.toLowerCase().replace(/\s+/g, ' ')))];
  }
  return lists;
}

let loaded: ChatPhraseLists | undefined;

/** The shipped phrase lists (read on first call). */
export function chatPhrases(): ChatPhraseLists {
  if (loaded) return loaded;
  const file = chatPhrasesFile();
  return (loaded = parseChatPhrases(readFileSync(file, 'utf8'), file));
}

/** Both languages' entries of one list. */
export function phraseList(name: ChatPhraseList): string[] {
  const lists = chatPhrases();
  return [...new Set(LANGUAGES.flatMap((lang) => lists[name][lang]))];
}
