// Issue 18: a question back (`confirm`) answered by typing in the same conversation, through the real
// server's JSON API (normalizeChat, follow-up memory, engine): a bare "ja" or "no, none of that" used
// to be stripped as chatter before it reached the engine.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ServerHandle } from '../server/index.js';
import { confirmCatalogueFiles } from './helpers/kb.js';
import { postJson, startTestServer } from './helpers/server.js';

const dir = mkdtempSync(path.join(tmpdir(), 'confirm-reply-'));
mkdirSync(path.join(dir, 'tools'));
for (const [file, text] of Object.entries(confirmCatalogueFiles())) writeFileSync(path.join(dir, file), text);

describe('a typed answer to a question back, through /api/ask', () => {
  let server: ServerHandle;
  before(async () => {
    server = await startTestServer({ KNOWLEDGE_DIR: dir });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (question: string, session: string) => {
    const res = await postJson(`${server.url}/api/ask`, { question, session });
    assert.equal(res.status, 200);
    return (await res.json()) as { verdict: string; ask?: string[]; tools: { id: string; verdict: string }[] };
  };

  for (const [reply, verdict] of [
    ['ja', 'not_allowed'],
    ['Ja!', 'not_allowed'],
    ['nein, nichts davon', 'conditional'],
  ] as const) {
    it(`"${reply}" after the question back resolves it to ${verdict}`, async () => {
      const session = `s-${reply.replace(/\W/g, '')}-${Date.now()}`;
      const first = await ask('Darf ich Quackmeet für die Beratung zum Impfschaden nutzen?', session);
      assert.equal(first.verdict, 'confirm');
      assert.deepEqual(first.ask, ['confidential', 'special_categories']);
      const second = await ask(reply, session);
      assert.equal(second.verdict, verdict);
      assert.deepEqual(second.tools.map((t) => t.id), ['quackmeet']);
    });
  }

  it('English: "yes" gives not allowed, "no, none of that" conditional', async () => {
    const s1 = `en-yes-${Date.now()}`;
    assert.equal((await ask('Can I use Quackmeet for the tenancy dispute?', s1)).verdict, 'confirm');
    assert.equal((await ask('Yes', s1)).verdict, 'not_allowed');
    const s2 = `en-no-${Date.now()}`;
    assert.equal((await ask('Can I use Quackmeet for the tenancy dispute?', s2)).verdict, 'confirm');
    assert.equal((await ask('no, none of that', s2)).verdict, 'conditional');
  });
});
