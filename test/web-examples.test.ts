// The web chat's landing page offers example questions, as the Slack assistant does: taken from the
// knowledge base (src/layout/example-questions.ts), in the page's language, each one a question the
// bot answers (not an "unclear" one).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Verdict } from '../src/model/answer.js';
import { postJson, startTestServer } from './helpers/server.js';

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('web chat: example questions on the landing page', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  for (const [lang, accept] of [['de', 'de-DE'], ['en', 'en-GB']] as const) {
    it(`offers three or four questions in ${lang} that the bot answers`, async () => {
      const html = await (await fetch(`${server.url}/`, { headers: { 'accept-language': accept } })).text();
      const questions = [...html.matchAll(/<button type="button" class="example">([^<]+)<\/button>/g)].map((m) => unescape(m[1] as string));
      assert.ok(questions.length >= 3 && questions.length <= 4, `examples: ${questions.join(' | ')}`);
      assert.match(html, lang === 'de' ? /Zum Beispiel:/ : /For example:/);
      for (const question of questions) {
        const answer = (await (await postJson(`${server.url}/api/ask`, { question })).json()) as { verdict: Verdict; language: string };
        assert.notEqual(answer.verdict, 'unclear', `"${question}" is understood`);
        assert.equal(answer.language, lang, `"${question}" is read as ${lang}`);
      }
    });
  }
});
