import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { VERDICTS } from '../src/model/answer.js';
import type { ServerHandle } from '../server/index.js';
import { postJson, startTestServer } from './helpers/server.js';

describe('web chat over HTTP', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('GET / serves the page in the language of Accept-Language, with a strict same-origin CSP', async () => {
    const de = await fetch(`${server.url}/`, { headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    assert.equal(de.status, 200);
    assert.match(de.headers.get('content-type') ?? '', /^text\/html/);
    const csp = de.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|https?:/);
    const html = await de.text();
    assert.match(html, /<html lang="de">/);
    assert.match(html, /<label for="question" data-i18n="label">Ihre Frage<\/label>/);
    assert.match(html, /role="log" aria-live="polite"/);
    assert.match(html, /Freie und Hansestadt Hamburg/);
    // No third-party requests: every src and href is relative or a data: URL.
    for (const m of html.matchAll(/(?:src|href)="([^"]*)"/g)) assert.match(m[1] as string, /^(web\/|data:)/, m[0]);

    const en = await (await fetch(`${server.url}/`, { headers: { 'accept-language': 'en-US' } })).text();
    assert.match(en, /<html lang="en">/);
    assert.match(en, />Your question</);
  });

  it('serves its script and style from this server', async () => {
    const js = await fetch(`${server.url}/web/app.js`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.match(await js.text(), /fetch\('web\/ask'/);
    const css = await fetch(`${server.url}/web/app.css`);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  });

  it('POST /web/ask answers with the rendered fragment, the verdict in data-verdict', async () => {
    const res = await postJson(`${server.url}/web/ask`, { question: 'Darf ich Zoom mit Bürgern nutzen?' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const html = await res.text();
    const verdict = /^<article class="answer [^"]*" lang="(de|en)" data-verdict="([a-z_]+)">/.exec(html);
    assert.ok(verdict, html);
    assert.ok((VERDICTS as readonly string[]).includes(verdict[2] as string));
  });

  it('POST /web/ask rejects bad input like /api/ask', async () => {
    assert.equal((await postJson(`${server.url}/web/ask`, {})).status, 400);
    assert.equal((await postJson(`${server.url}/web/ask`, '{')).status, 400);
    assert.equal((await postJson(`${server.url}/web/ask`, { question: 'y'.repeat(300_000) })).status, 413);
  });
});
