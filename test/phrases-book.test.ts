// The phrase book (src/phrases): both languages have every key, and an answer of any kind, the web
// page and a notice rendered in German show no English phrase (and the reverse).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderAnswerBlocks, renderNoticeBlocks } from '../adapters/slack/render.js';
import { answerMessage, noticeMessage } from '../adapters/teams/render.js';
import { renderPage } from '../adapters/web/page.js';
import { renderAnswerHtml } from '../adapters/web/render.js';
import type { Answer } from '../src/model/answer.js';
import type { ChangeNotice } from '../src/model/change-notice.js';
import { renderText } from '../src/engine/text.js';
import type { Language } from '../src/model/language.js';
import { composeShown } from '../src/llm/compose.js';
import { PHRASES } from '../src/phrases/index.js';
import { answerSet } from './helpers/answer-set.js';
import { FUNCTION_WORDS, fragments, shape, tells } from './helpers/phrase-tells.js';

function surfaces(a: Answer, explanation?: string): Record<string, string> {
  const strip = (html: string) => html.replace(/<[^>]*>/g, ' ');
  return {
    plain: explanation ? composeShown(a, { text: explanation, source: 'llm' }) : renderText(a),
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
