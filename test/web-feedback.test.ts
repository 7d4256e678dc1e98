// "Helpful / not helpful" under a web chat answer: the buttons come with the answer, a click is
// counted in the usage report, and forged values are refused.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { openStorage } from '../src/storage/index.js';
import { createUsageRecorder } from '../src/usage/index.js';
import { postJson, startTestServer } from './helpers/server.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cb-web-feedback-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('web chat feedback', () => {
  it('shows the buttons, counts a click once per client, and refuses forged values', async () => {
    const url = `sqlite:${path.join(dir, 'store.sqlite')}`;
    const server = await startTestServer({ STORAGE_URL: url });
    try {
      const html = await (await postJson(`${server.url}/web/ask`, { question: 'Darf ich Zoom mit Bürgern nutzen?' })).text();
      const box = /<div class="feedback" data-verdict="([a-z_]+)" data-tools="([^"]*)"/.exec(html);
      assert.ok(box, 'the answer carries the feedback buttons');
      assert.equal(box[1], 'conditional');
      assert.equal(box[2], 'zoom');

      // One client clicking "not helpful" again and again counts once (per client, tool and day).
      for (let i = 0; i < 5; i++) {
        const ok = await postJson(`${server.url}/web/feedback`, { verdict: 'conditional', toolIds: ['zoom'], helpful: false });
        assert.equal(ok.status, 204);
      }
      for (const forged of [
        { verdict: 'conditional', toolIds: ['no-such-tool'], helpful: true },
        { verdict: 'maybe', toolIds: ['zoom'], helpful: true },
        { verdict: 'conditional', toolIds: ['zoom'], helpful: 'yes' },
      ]) {
        assert.equal((await postJson(`${server.url}/web/feedback`, forged)).status, 400, JSON.stringify(forged));
      }
    } finally {
      await server.close();
    }
    const storage = await openStorage({ url });
    try {
      const report = await createUsageRecorder({ storage, storeQuestions: false, retentionDays: 30 }).report();
      assert.equal(report.feedback.notHelpful, 1);
      assert.equal(report.feedback.helpful, 0);
      assert.deepEqual(report.feedback.notHelpfulTools.items.map((t) => t.id), ['zoom']);
      assert.equal(report.answers.byPlatform.web, 1);
    } finally {
      await storage.close();
    }
  });
});
