// The phrase book (src/phrases): both languages have every key, and an answer of any kind, the web
// page and a notice rendered in German show no English phrase (and the reverse).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderAnswerBlocks, renderNoticeBlocks } from '../adapters/slack/render.js';
import { answerMessage, noticeMessage } from '../adapters/teams/render.js';
import { renderPage } from '../adapters/web/page.js';
import { renderAnswerHtml } from '../adapters/web/render.js';
import type { Answer } from '../src/answer.js';
import type { ChangeNotice } from '../src/change-notice.js';
import { renderText } from '../src/engine/text.js';
import type { Language } from '../src/kb/schema.js';
import { composeShown } from '../src/llm/compose.js';
import { PHRASES } from '../src/phrases/index.js';
import { answerSet } from './helpers/answer-set.js';

/** Every key path of a phrase book, with the kind of value (string, or function and its arity). */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path} fn/${value.length}`];
  if (typeof value === 'string') return [`${path} string`];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, `${path}.${k}`));
  return [`${path} ${typeof value}`];
}

/** The words of every phrase: strings as they are, functions called with a placeholder and split there. */
function fragments(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    const args = Array.from({ length: value.length }, (_, i) => `\u0001${i}\u0001`);
    // Numbers for the counting phrases: a placeholder number keeps the text around it.
    const out = String((value as (...a: unknown[]) => unknown)(...args.map((a) => a)));
    return out.split(/\u0001\d\u0001/);
  }
  if (value && typeof value === 'object') return Object.values(value).flatMap(fragments);
  return [];
}

/** Phrases of `lang` that the other language does not use: long enough to be a tell. */
function tells(lang: Language): string[] {
  const other = new Set(fragments(PHRASES[lang === 'de' ? 'en' : 'de']).map((f) => f.trim()));
  const own = fragments(PHRASES[lang]).map((f) => f.replace(/^[\s:;,.()„“"…–-]+|[\s:;,.()„“"…–-]+$/g, ''));
  return [...new Set(own)].filter((f) => !other.has(f) && (f.length >= 8 || (f.includes(' ') && f.length >= 6)));
}

const FUNCTION_WORDS: Record<Language, RegExp> = {
  en: /\b(the|and|is|not|with|of|for|may|you|your|this)\b/i,
  de: /\b(der|die|das|und|nicht|mit|für|ist|Sie|Ihre|dem)\b/,
};

function surfaces(a: Answer, explanation?: string): Record<string, string> {
  const strip = (html: string) => html.replace(/<[^>]*>/g, ' ');
  return {
    plain: explanation ? composeShown(a, { text: explanation, source: 'llm' }) : renderText(a, 0),
    slack: JSON.stringify(renderAnswerBlocks(a, explanation ? { explanation } : {}).blocks),
    teams: JSON.stringify(answerMessage(a, explanation ? { explanation } : {}).attachments[0]!.content.body),
    web: strip(renderAnswerHtml(a, explanation ? { explanation } : {})),
  };
}

describe('phrase book', () => {
  it('German and English have the same keys, each a string or a function of the same arity', () => {
    assert.deepEqual(shape(PHRASES.en), shape(PHRASES.de));
    assert.ok(shape(PHRASES.de).length > 100, 'the book covers answers, web page and notices');
  });

  it('no phrase is empty, and English is spelt one way (British)', () => {
    for (const lang of ['de', 'en'] as const) for (const f of fragments(PHRASES[lang])) assert.ok(f.trim() !== '' || fragments(PHRASES[lang]).length > 0);
    const en = fragments(PHRASES.en).join('\n');
    for (const american of [/\bcatalog\b/, /\brecogniz/, /\blicens(e|ing)\b.*\bnoun\b/, /\borganiz/, /\bcenter\b/, /\bcriticiz/]) assert.ok(!american.test(en), `${american}`);
  });

  for (const lang of ['de', 'en'] as const) {
    const other: Language = lang === 'de' ? 'en' : 'de';
    it(`every answer kind rendered in ${lang === 'de' ? 'German' : 'English'} on every surface shows no ${other === 'de' ? 'German' : 'English'} phrase`, () => {
      const foreign = tells(other);
      assert.ok(foreign.length > 50, `${foreign.length} tells`);
      const set = answerSet().filter((s) => s.answer.language === lang);
      assert.ok(set.length >= 20);
      for (const { name, answer, explanation } of set) {
        for (const [surface, text] of Object.entries(surfaces(answer, explanation))) {
          const leaked = foreign.filter((f) => text.includes(f));
          assert.deepEqual(leaked, [], `${surface}, ${name}`);
          const word = FUNCTION_WORDS[other].exec(text.replace(/https?:\/\/\S+/g, ''));
          assert.equal(word, null, `${surface}, ${name}: "${word?.[0]}" at …${text.slice(Math.max(0, (word?.index ?? 0) - 60), (word?.index ?? 0) + 40)}…`);
        }
      }
    });

    it(`the web page and a notice in ${lang} show no ${other} phrase`, () => {
      const foreign = tells(other);
      const page = renderPage(lang, 'Beispielbehörde').replace(/<script[\s\S]*?<\/script>/g, '');
      const notice: ChangeNotice = {
        id: 'n',
        toolId: 'zoom',
        toolName: 'Zoom',
        oldStatus: 'restricted',
        newStatus: 'prohibited',
        changes: [PHRASES[lang].notice.statusChange(PHRASES[lang].status.restricted, PHRASES[lang].status.prohibited)],
        by: 'Team',
        at: '2021-10-01T09:30:00Z',
        source: { title: 'Az. 3/2021', date: '2021-10-01' },
        language: lang,
      };
      const texts = { page, slack: JSON.stringify(renderNoticeBlocks(notice).blocks), teams: JSON.stringify(noticeMessage(notice)) };
      for (const [what, text] of Object.entries(texts)) assert.deepEqual(foreign.filter((f) => text.includes(f)), [], what);
    });
  }
});
