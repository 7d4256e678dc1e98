// `context add <context> <word>`: files a word (usually one the gap report lists as not understood)
// as a synonym of a context in contexts.yaml, through the validated edit path of src/kb/
// (edit-contexts.ts: only the lines concerned change, the whole base is validated before an atomic
// write), audited, and handed to `onApplied` like every other change, so the core reloads the base
// and the change notices run. A synonym only widens what a context covers - it can turn a yes into a
// no, never the reverse - so it applies at once, also when four eyes are on.
import { localize } from '../kb/model.js';
import { applyContextSynonym, normalizeSynonym } from '../kb/edit-contexts.js';
import type { Language } from '../model/language.js';
import { KbEditError } from '../errors.js';
import { phrases } from '../phrases/index.js';
import { lexicon } from '../text/lexicon.js';
import type { AdminContext, Reader } from './context.js';
import type { Edits } from './edits.js';
import type { AdminCommand } from './parse.js';
import type { AdminApplied, AdminReply } from './types.js';

type ContextAdd = Extract<AdminCommand, { kind: 'context_add' }>;

/** The language a synonym is filed under: the one asked for, else the dictionary the word is in, else the admin's. */
export function synonymLanguage(word: string, asked: Language | undefined, fallback: Language): Language {
  if (asked) return asked;
  const lx = lexicon();
  // Every word of a phrase must be known: "the public" is English.
  const known = (lang: Language) => word.split(/[\s-]+/).filter(Boolean).every((w) => lx.inDictionaries(w, lang));
  const de = known('de');
  const en = known('en');
  return de && !en ? 'de' : en && !de ? 'en' : fallback;
}

export function createContextEdits({ options, now, log, append }: AdminContext, { refusal }: Pick<Edits, 'refusal'>) {
  /** Writes, audits and reports a filed word; `by` is the admin. */
  async function applyContextAdd(cmd: ContextAdd, by: string, reader: Reader): Promise<AdminReply> {
    const m = phrases(reader.lang).admin;
    const language = synonymLanguage(cmd.word, cmd.language, reader.lang);
    const word = normalizeSynonym(cmd.word);
    let result;
    try {
      result = await applyContextSynonym(options.kbDir, { kind: 'context_add', contextId: cmd.context, language, synonym: word });
    } catch (err) {
      if (err instanceof KbEditError && err.reason === 'no_change') {
        return { ok: false, text: m.synonymExists(word, cmd.context) };
      }
      return refusal(err, cmd.context, reader);
    }
    if (!result.formattingPreserved) log.warn({ file: result.file }, 'contexts.yaml was re-printed as a whole (unusual layout)');
    const label = localize(result.kb.contexts.get(cmd.context)?.label, reader.lang) || cmd.context;
    const at = now().toISOString();
    const toolId = `context:${cmd.context}`;
    const after = { ...result.after, language, added: word };
    const audited = await append({ at, actor: by, action: 'context_add', toolId, before: result.before, after });
    const applied: AdminApplied = {
      action: 'context_add',
      toolId,
      toolName: label,
      context: { id: cmd.context, word, language },
      by,
      at,
      oldStatus: null,
      newStatus: null,
      before: result.before,
      after,
      kb: result.kb,
      previous: result.previous,
    };
    try {
      await options.onApplied?.(applied);
    } catch (err) {
      log.error({ err: (err as Error).message, context: cmd.context }, 'onApplied failed (the change is written)');
    }
    log.info({ action: 'context_add', context: cmd.context, language }, 'admin change applied');
    const audit = audited === 'lost' ? m.auditFailed : audited === 'kept' ? m.auditKept : m.recorded;
    return { ok: true, text: `${m.contextAdded(word, label, cmd.context, m.languageNames[language])} ${audit}`, applied };
  }

  return { applyContextAdd };
}
