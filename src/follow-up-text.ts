// The lines that tell the asker what an answer took from elsewhere than their message: what a
// follow-up took over from the previous question, and which contexts the optional language model
// added. Adapters show them under the verdict line; plain text, in the answer's language.
import type { Answer } from './answer.js';
import type { Language } from './kb/schema.js';

const PHRASES: Record<Language, { followUp: string; model: string }> = {
  de: { followUp: 'Als Nachfrage zur vorigen Frage verstanden, übernommen', model: 'Vom Sprachmodell ergänzte Situation' },
  en: { followUp: 'Read as a follow-up to your previous question, taken over', model: 'Situation added by the language model' },
};

/** 0 to 2 lines: "Als Nachfrage … übernommen: Zoom; vertraulich" and "Vom Sprachmodell ergänzt: …". */
export function answerNotes(answer: Answer): string[] {
  const p = PHRASES[answer.language] ?? PHRASES.de;
  const lines: string[] = [];
  const evidence = answer.evidence ?? [];
  const assumed = answer.assumed;
  if (assumed) {
    const taken = [
      ...assumed.toolNames,
      ...(assumed.category !== null && assumed.category === answer.category && answer.categoryLabel ? [answer.categoryLabel] : []),
      ...evidence.filter((e) => e.source === 'previous').map((e) => e.label),
    ];
    if (taken.length > 0) lines.push(`${p.followUp}: ${taken.join('; ')}`);
  }
  const model = evidence.filter((e) => e.source === 'model').map((e) => e.label);
  if (model.length > 0) lines.push(`${p.model}: ${model.join('; ')}`);
  return lines;
}
