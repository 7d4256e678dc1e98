// Through the real server: questions carrying personal data leave none of it in the store (the
// unknown-tool list keeps only product names), and answers that carry a client key (as the adapters
// set it) count an unknown name once per client, with the key itself never stored.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { openStorage } from '../src/storage/index.js';
import { createUsageRecorder } from '../src/usage/index.js';
import { postJson, startTestServer } from './helpers/server.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cb-privacy-server-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The SQLite file and its companions as text. */
function rawStore(file: string): string {
  return readdirSync(path.dirname(file))
    .filter((f) => f.startsWith(path.basename(file)))
    .map((f) => readFileSync(path.join(path.dirname(file), f)).toString('latin1'))
    .join('\n');
}

describe('personal data and the usage store, through the real server', () => {
  it('keeps no personal data from questions, and counts an unknown name once per client', async () => {
    const file = path.join(dir, 'store.sqlite');
    const url = `sqlite:${file}`;
    const server = await startTestServer({ STORAGE_URL: url });
    try {
      const questions = [
        'Can we use max.privat@example.com?',
        'Darf ich DE89370400440532013000 nutzen?',
        'Can I use <@U999|boss>?',
        'Is @boss allowed?',
        'Darf ich Anna Schmidt anrufen?',
        'Can we use Erika Mustermann?',
        'What about Meier?',
        'Is Kevin allowed?',
        'Darf ich Hauptstraße 5 nutzen?',
        'Darf ich Az. 123/45-6 per Mail schicken?',
        'Can we use https://example.com/users/jdoe-private?',
        'Darf ich QuackMail nutzen?',
      ];
      for (const question of questions) {
        const res = await postJson(`${server.url}/api/ask`, { question });
        assert.equal(res.status, 200, question);
      }
      // The adapters put a pseudonymous client key on each question: one client asking ten times counts once.
      for (let i = 0; i < 10; i++) await server.core.ask('Is FrobNicator allowed?', { platform: 'slack', clientKey: 'slack:T0PRIV:U0PRIVATE' });
      await server.core.ask('Is FrobNicator allowed?', { platform: 'teams', clientKey: 'teams:aad-0000-private' });
    } finally {
      await server.close(); // flushes the batched usage counts
    }

    const storage = await openStorage({ url });
    try {
      const report = await createUsageRecorder({ storage, storeQuestions: false, retentionDays: 30 }).report();
      const names = report.gaps.unknownTools.items.map((u) => [u.name, u.count]);
      assert.ok(names.some(([n, c]) => n === 'QuackMail' && c === 1), JSON.stringify(names));
      assert.ok(names.some(([n, c]) => n === 'FrobNicator' && c === 2), `one count per client: ${JSON.stringify(names)}`);
      // A bare link reaches the engine as its host (chat normalisation): the host may be named as a
      // product ("example.com"), never the personal path behind it (checked in the raw file below).
      for (const [n] of names) assert.ok(n === 'QuackMail' || n === 'FrobNicator' || n === 'example.com', `"${String(n)}" was listed`);
    } finally {
      await storage.close();
    }
    const raw = rawStore(file);
    assert.match(raw, /QuackMail/, 'the raw file shows what was stored (the checks below can fail)');
    for (const secret of ['max.privat', 'DE89', 'U999', 'boss', 'Anna', 'Schmidt', 'Erika', 'Mustermann', 'Meier', 'Kevin', 'Hauptstra', '123/45', 'jdoe', 'T0PRIV', 'U0PRIVATE', 'aad-0000']) {
      assert.equal(raw.includes(secret), false, `"${secret}" was stored`);
    }
  });
});
