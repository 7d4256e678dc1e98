// Diffing two knowledge bases built in memory, and the notices made from the changes (de/en).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { diffKnowledgeBases, type ChangeMeta } from '../src/notifications/diff.js';
import { toNotice } from '../src/notifications/notice.js';
import { changesSinceSnapshot, rememberKnowledgeBase } from '../src/notifications/snapshot.js';
import { openStorage } from '../src/storage/index.js';
import { kbFromFiles, toolYaml } from './helpers/kb.js';

const ORG = 'name: Example Agency\ndefault_language: de\n';
const NON_CONF = '  - id: non-confidential\n    text: { de: Nur für nicht vertrauliche Gespräche., en: Only for non-confidential conversations. }\n    forbidden_contexts: [confidential]\n';
const LICENSED = '  - id: licensed\n    text: { de: Nur die lizenzierte Version., en: Only the licensed version. }\n';

const zoom = (status: string, restrictions: string, updated = '2024-01-15', sources = '') =>
  `name: Zoom\nstatus: ${status}\ncategory: video-conferencing\nupdated: ${updated}\n${restrictions ? `restrictions:\n${restrictions}` : ''}${sources}`;

const base = {
  'organization.yaml': ORG,
  'tools/zoom.yaml': zoom('restricted', NON_CONF),
  'tools/jitsi.yaml': toolYaml('Jitsi', 'approved', 'category: video-conferencing\n'),
  'tools/slack.yaml': toolYaml('Slack', 'pending', 'category: messaging\n'),
};
const meta: ChangeMeta = { by: 'slack:UADMIN', at: new Date('2024-02-01T09:30:00Z'), note: 'Warnung der Aufsichtsbehörde' };

describe('diffKnowledgeBases', () => {
  test('no change, no records (an edit of other fields does not notify)', () => {
    const next = { ...base, 'tools/jitsi.yaml': toolYaml('Jitsi', 'approved', 'category: video-conferencing\nsummary: Neu formuliert.\n') };
    assert.deepEqual(diffKnowledgeBases(kbFromFiles(base), kbFromFiles(base), meta), []);
    assert.deepEqual(diffKnowledgeBases(kbFromFiles(base), kbFromFiles(next), meta), []);
  });

  test('a status change: old and new status, who, when, the source that came with it', () => {
    const sources = 'sources:\n  - { title: Schreiben des HmbBfDI, date: 2024-01-30, url: "https://example.org/letter" }\n';
    const next = { ...base, 'tools/zoom.yaml': zoom('prohibited', '', '2024-02-01', sources) };
    const [change, ...rest] = diffKnowledgeBases(kbFromFiles(base), kbFromFiles(next), meta);
    assert.equal(rest.length, 0);
    assert.ok(change);
    assert.equal(change.kind, 'changed');
    assert.equal(change.toolId, 'zoom');
    assert.equal(change.oldStatus, 'restricted');
    assert.equal(change.newStatus, 'prohibited');
    assert.deepEqual(change.categoryIds, ['video-conferencing']);
    assert.deepEqual(change.restrictionsRemoved.map((r) => r.id), ['non-confidential']);
    assert.deepEqual(change.source, { title: 'Schreiben des HmbBfDI', date: '2024-01-30', url: 'https://example.org/letter' });
    assert.equal(change.by, 'slack:UADMIN');
    assert.equal(change.at, '2024-02-01T09:30:00.000Z');
    assert.match(change.id, /^[0-9a-f]{24}$/);

    const de = toNotice(change, 'de');
    assert.equal(de.id, change.id);
    assert.equal(de.toolName, 'Zoom');
    assert.equal(de.oldStatus, 'restricted');
    assert.equal(de.newStatus, 'prohibited');
    assert.deepEqual(de.changes, [
      'Status: mit Auflagen freigegeben → untersagt',
      'Auflage entfällt: Nur für nicht vertrauliche Gespräche. (nicht bei: vertraulich)',
      'Anmerkung: Warnung der Aufsichtsbehörde',
    ]);
    assert.equal(de.language, 'de');
    const en = toNotice(change, 'en');
    assert.equal(en.id, de.id, 'one notice id whatever the language');
    assert.equal(en.changes[0], 'Status: approved with conditions → prohibited');
    assert.equal(en.changes[1], 'Condition dropped: Only for non-confidential conversations. (not for: confidential)');
  });

  test('restrictions added, removed and changed while the status stays', () => {
    const changedText = NON_CONF.replace('Nur für nicht vertrauliche Gespräche.', 'Nur für nicht vertrauliche und nicht aufgezeichnete Gespräche.');
    const next = { ...base, 'tools/zoom.yaml': zoom('restricted', changedText + LICENSED) };
    const [change] = diffKnowledgeBases(kbFromFiles(base), kbFromFiles(next), meta);
    assert.ok(change);
    assert.deepEqual(change.restrictionsAdded.map((r) => r.id), ['licensed']);
    assert.deepEqual(change.restrictionsChanged.map((r) => r.id), ['non-confidential']);
    const de = toNotice(change, 'de');
    assert.deepEqual(de.changes.slice(0, 2), [
      'Neue Auflage: Nur die lizenzierte Version.',
      'Auflage geändert: Nur für nicht vertrauliche und nicht aufgezeichnete Gespräche. (nicht bei: vertraulich) (bisher: Nur für nicht vertrauliche Gespräche. (nicht bei: vertraulich))',
    ]);
    assert.equal(de.oldStatus, de.newStatus);

    const moreContexts = NON_CONF.replace('[confidential]', '[confidential, special_categories]');
    const [ctxChange] = diffKnowledgeBases(kbFromFiles(base), kbFromFiles({ ...base, 'tools/zoom.yaml': zoom('restricted', moreContexts) }), meta);
    assert.deepEqual(ctxChange?.restrictionsChanged.map((r) => r.id), ['non-confidential'], 'a changed forbidden context is a change');
  });

  test('a new tool and a removed tool; a hand edit is named as such', () => {
    const next: Record<string, string> = { ...base, 'tools/webex.yaml': toolYaml('Webex', 'pending', 'category: video-conferencing\n') };
    delete next['tools/slack.yaml'];
    const changes = diffKnowledgeBases(kbFromFiles(base), kbFromFiles(next), { by: 'file', at: new Date('2024-02-02T00:00:00Z') });
    assert.deepEqual(changes.map((c) => [c.toolId, c.kind, c.oldStatus, c.newStatus]), [
      ['slack', 'removed', 'pending', null],
      ['webex', 'added', null, 'pending'],
    ]);
    const removed = toNotice(changes[0]!, 'en');
    assert.deepEqual(removed.changes, ['Removed from the catalogue: no longer assessed, so not approved']);
    assert.equal(removed.by, 'hand edit');
    const added = toNotice(changes[1]!, 'de');
    assert.deepEqual(added.changes, ['Neu im Katalog: in Prüfung']);
    assert.equal(added.by, 'Änderung der Datei von Hand');
    assert.equal(added.oldStatus, null);
  });

  test('a tool moved to another category is announced to both categories', () => {
    const next = { ...base, 'tools/slack.yaml': toolYaml('Slack', 'approved', 'category: video-conferencing\n') };
    const [change] = diffKnowledgeBases(kbFromFiles(base), kbFromFiles(next), meta);
    assert.deepEqual(change?.categoryIds, ['messaging', 'video-conferencing']);
  });

  test('the id is stable: the same change seen twice (other time, other person) is one notice; another change is another', () => {
    const next = { ...base, 'tools/zoom.yaml': zoom('prohibited', '') };
    const a = diffKnowledgeBases(kbFromFiles(base), kbFromFiles(next), meta)[0];
    const b = diffKnowledgeBases(kbFromFiles(base), kbFromFiles(next), { by: 'file', at: new Date() })[0];
    assert.equal(a?.id, b?.id);
    const c = diffKnowledgeBases(kbFromFiles(base), kbFromFiles({ ...base, 'tools/zoom.yaml': zoom('pending', '') }), meta)[0];
    assert.notEqual(a?.id, c?.id);
    // The same flip again on a later day (new `updated`) is a new notice.
    const later = diffKnowledgeBases(kbFromFiles(base), kbFromFiles({ ...base, 'tools/zoom.yaml': zoom('prohibited', '', '2024-03-01') }), meta)[0];
    assert.notEqual(a?.id, later?.id);
  });

  test('the organisation language is the fallback language of a notice', () => {
    const next = { ...base, 'tools/jitsi.yaml': toolYaml('Jitsi', 'prohibited', 'category: video-conferencing\n') };
    const [change] = diffKnowledgeBases(kbFromFiles(base), kbFromFiles(next), { by: 'cli:admin', at: new Date() });
    assert.equal(change?.defaultLanguage, 'de');
    assert.equal(toNotice(change!).language, 'de');
    assert.equal(toNotice(change!).source, undefined);
  });
});

describe('snapshot of the last notified knowledge base', () => {
  test('a hand edit made while the bot was down is found at the next start', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'notifications-snapshot-'));
    const storage = await openStorage({ sqlitePath: path.join(tmp, 's.sqlite') });
    try {
      const old = kbFromFiles(base);
      const next = kbFromFiles({ ...base, 'tools/zoom.yaml': zoom('prohibited', '') });
      const fileMeta = { by: 'file', at: new Date('2024-02-03T00:00:00Z') };
      assert.deepEqual(await changesSinceSnapshot(storage, next, fileMeta), [], 'first start: nothing to compare with');
      await rememberKnowledgeBase(storage, old);
      const changes = await changesSinceSnapshot(storage, next, fileMeta);
      assert.deepEqual(changes.map((c) => [c.toolId, c.oldStatus, c.newStatus]), [['zoom', 'restricted', 'prohibited']]);
      assert.equal(changes[0]?.id, diffKnowledgeBases(old, next, meta)[0]?.id, 'the same notice id as a live diff');
      assert.deepEqual(changes[0]?.restrictionsRemoved[0]?.forbiddenContexts, [{ de: 'vertraulich', en: 'confidential' }]);
      await rememberKnowledgeBase(storage, next);
      assert.deepEqual(await changesSinceSnapshot(storage, next, fileMeta), []);
    } finally {
      await storage.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
