import assert from 'node:assert/strict';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { YamlTextEditor } from '../src/kb/yaml-splice.js';
import { applyKbChange, todayIso } from '../src/kb/edit.js';
import { KbEditError, KnowledgeBaseError } from '../src/errors.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { copyKnowledge, type KbCopy } from './helpers/admin-kb-copy.js';

/** Lines removed from `a` and added in `b` (a longest-common-subsequence line diff). */
function lineDiff(a: string, b: string): { removed: string[]; added: string[] } {
  const x = a.split('\n');
  const y = b.split('\n');
  const lcs = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      i++;
      j++;
    } else if (j < y.length && (i === x.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      added.push(y[j++]!);
    } else {
      removed.push(x[i++]!);
    }
  }
  return { removed, added };
}

const TODAY = '2026-11-27';

describe('applyKbChange on a copy of the shipped knowledge base', () => {
  let kb: KbCopy;
  beforeEach(async () => {
    kb = await copyKnowledge();
  });
  afterEach(async () => {
    await kb.cleanup();
  });

  it('sets the status and `updated`, and leaves every other line, comment and key alone', async () => {
    const original = await readFile(kb.tool('zoom'), 'utf8');
    const result = await applyKbChange(kb.dir, { kind: 'status', toolId: 'zoom', status: 'prohibited' }, { today: TODAY });
    const changed = await readFile(kb.tool('zoom'), 'utf8');
    assert.deepEqual(lineDiff(original, changed), {
      removed: ['status: restricted', 'updated: 2021-03-26'],
      added: ['status: prohibited', `updated: ${TODAY}`],
    });
    assert.equal(result.formattingPreserved, true);
    assert.deepEqual([result.oldStatus, result.newStatus], ['restricted', 'prohibited']);
    assert.deepEqual([result.before, result.after], [{ status: 'restricted' }, { status: 'prohibited' }]);
    // The returned base is what is on disk now, and it still keeps the restrictions.
    const reloaded = await loadKnowledgeBase(kb.dir);
    assert.equal(reloaded.version, result.kb.version);
    assert.equal(reloaded.tools.get('zoom')?.status, 'prohibited');
    assert.equal(reloaded.tools.get('zoom')?.restrictions.length, 2);
    assert.notEqual(result.previous?.version, result.kb.version);
  });

  it('appends a source to the block list in the file\'s style', async () => {
    const original = await readFile(kb.tool('zoom'), 'utf8');
    await applyKbChange(kb.dir, { kind: 'status', toolId: 'zoom', status: 'prohibited', source: { title: 'Warnung: HmbBfDI', url: 'https://example.org/w' } }, { today: TODAY });
    const diff = lineDiff(original, await readFile(kb.tool('zoom'), 'utf8'));
    assert.deepEqual(diff.added, ['status: prohibited', '  - title: "Warnung: HmbBfDI"', `    date: ${TODAY}`, '    url: https://example.org/w', `updated: ${TODAY}`]);
  });

  it('adds and removes restrictions, and sets an assessment step, touching only those lines', async () => {
    const original = await readFile(kb.tool('zoom'), 'utf8');
    await applyKbChange(kb.dir, { kind: 'restriction_add', toolId: 'zoom', restriction: { id: 'no-recording', text: 'Keine Aufzeichnung.', forbidden_contexts: ['recording'] } }, { today: TODAY });
    let diff = lineDiff(original, await readFile(kb.tool('zoom'), 'utf8'));
    assert.deepEqual(diff.added, ['  - id: no-recording', '    text: Keine Aufzeichnung.', '    forbidden_contexts: [recording]', `updated: ${TODAY}`]);

    await applyKbChange(kb.dir, { kind: 'restriction_remove', toolId: 'zoom', restrictionId: 'not-with-vulnerable-persons' }, { today: TODAY });
    diff = lineDiff(original, await readFile(kb.tool('zoom'), 'utf8'));
    assert.deepEqual(diff.removed, [
      '  - id: not-with-vulnerable-persons',
      '    text:',
      '      de: Nicht für Gespräche mit besonders schutzbedürftigen Personen.',
      '      en: Not for conversations with particularly vulnerable persons.',
      '    forbidden_contexts: [vulnerable_persons]',
      'updated: 2021-03-26',
    ]);

    await applyKbChange(kb.dir, { kind: 'step', toolId: 'zoom', step: 'protection_needs', state: 'in_progress' }, { today: TODAY });
    await applyKbChange(kb.dir, { kind: 'step', toolId: 'zoom', step: 'it_security', state: 'planned' }, { today: TODAY });
    const step = await applyKbChange(kb.dir, { kind: 'step', toolId: 'zoom', step: 'dpo_review', state: 'done' }, { today: TODAY });
    const text = await readFile(kb.tool('zoom'), 'utf8');
    assert.match(text, /^ {2}protection_needs: \{ state: in_progress, date: 2026-11-27 \}$/m);
    assert.match(text, /^ {2}it_security: \{ state: planned, date: 2026-11-27 \}\nalternatives: \[\]$/m);
    // A new state without a note drops the old note; the audit `before` keeps it.
    assert.match(text, /^ {2}dpo_review:\n {4}state: done\n {4}date: 2026-11-27\n {2}supervisory_authority:/m);
    assert.deepEqual((step.before as { note: { en: string } }).note.en, "The DPIA is with the authority's data protection officer.");
    // The folded summary paragraphs and the header comment are as they were.
    assert.ok(text.startsWith('# yaml-language-server: $schema=../schema/tool.schema.json\nname: Zoom\n'));
    assert.ok(text.includes('    Die kostenlose Version von Zoom ist in der Verwaltung im Einsatz und wird eingeführt: für nicht\n    vertrauliche'));
    await loadKnowledgeBase(kb.dir); // still a valid base
  });

  it('puts a new key where the format has it, and turns an empty flow list into a block list', async () => {
    const original = await readFile(kb.tool('zoom-licensed'), 'utf8');
    await applyKbChange(kb.dir, { kind: 'restriction_add', toolId: 'zoom-licensed', restriction: { id: 'internal-only', text: 'Nur intern.', forbidden_contexts: ['citizens', 'external'] } }, { today: TODAY });
    const text = await readFile(kb.tool('zoom-licensed'), 'utf8');
    assert.match(text, /\n {2}en: Introducing .*\nrestrictions:\n {2}- id: internal-only\n {4}text: Nur intern\.\n {4}forbidden_contexts: \[citizens, external\]\nassessment:\n/);
    assert.deepEqual(lineDiff(original, text).removed, ['updated: 2021-03-26']);

    // `restrictions: []` written by hand: the first restriction makes it a block list.
    await writeFile(kb.tool('zoom-licensed'), original.replace('alternatives: [zoom]', 'restrictions: []\nalternatives: [zoom]'));
    await applyKbChange(kb.dir, { kind: 'restriction_add', toolId: 'zoom-licensed', restriction: { id: 'x', text: 'X.', forbidden_contexts: [] } }, { today: TODAY });
    const again = await readFile(kb.tool('zoom-licensed'), 'utf8');
    assert.match(again, /\nrestrictions:\n {2}- id: x\n {4}text: X\.\nalternatives: \[zoom\]\n/);
  });

  it('keeps Windows line ends and a file without a final line break', async () => {
    const original = (await readFile(kb.tool('zoom'), 'utf8')).replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    await writeFile(kb.tool('zoom'), original);
    await applyKbChange(kb.dir, { kind: 'status', toolId: 'zoom', status: 'pending', source: { title: 'Neu' } }, { today: TODAY });
    const text = await readFile(kb.tool('zoom'), 'utf8');
    assert.ok(!/[^\r]\n/.test(text), 'every line break is CRLF');
    assert.ok(text.includes('\r\nstatus: pending\r\n'));
    assert.ok(text.includes(`  - title: Neu\r\n    date: ${TODAY}\r\nupdated: ${TODAY}\r\nreview_due: 2021-09-30`));
  });

  it('refuses `status approved` while restrictions exist, saying which; the file bytes stay', async () => {
    const bytes = await readFile(kb.tool('zoom'));
    await assert.rejects(
      applyKbChange(kb.dir, { kind: 'status', toolId: 'zoom', status: 'approved' }),
      (err: unknown) =>
        err instanceof KbEditError &&
        err.reason === 'approved_with_restrictions' &&
        err.details.restrictions?.join() === 'non-confidential-only,not-with-vulnerable-persons' &&
        /remove them first/.test(err.message),
    );
    assert.deepEqual(await readFile(kb.tool('zoom')), bytes);
  });

  it('refuses `restricted` without restrictions and says a restriction is needed', async () => {
    await assert.rejects(
      applyKbChange(kb.dir, { kind: 'status', toolId: 'microsoft-365', status: 'restricted' }),
      (err: unknown) => err instanceof KbEditError && err.reason === 'restricted_without_restrictions' && /needs at least one restriction/.test(err.message),
    );
  });

  it('validates the whole base before writing: an unknown context is refused with the loader\'s issue', async () => {
    const bytes = await readFile(kb.tool('zoom'));
    await assert.rejects(
      applyKbChange(kb.dir, { kind: 'restriction_add', toolId: 'zoom', restriction: { id: 'x', text: 'X', forbidden_contexts: ['mars'] } }),
      (err: unknown) =>
        err instanceof KnowledgeBaseError &&
        err.issues.length === 1 &&
        err.issues[0]!.file === 'tools/zoom.yaml' &&
        /unknown context "mars"/.test(err.issues[0]!.message),
    );
    assert.deepEqual(await readFile(kb.tool('zoom')), bytes);
    // A clash with another tool's name is a cross-file error: also refused, no file created.
    await assert.rejects(
      applyKbChange(kb.dir, { kind: 'add_tool', toolId: 'zoom2', name: 'Zoom', status: 'approved', category: 'video-conferencing' }),
      (err: unknown) => err instanceof KnowledgeBaseError && /already a name or alias of tool "zoom"/.test(err.message),
    );
    assert.ok(!(await kb.allFiles()).includes('tools/zoom2.yaml'));
  });

  it('refuses what makes no sense with a typed error', async () => {
    const codes = async (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof KbEditError ? e.reason : String(e)));
    assert.equal(await codes(applyKbChange(kb.dir, { kind: 'status', toolId: 'zoom', status: 'restricted' })), 'no_change');
    assert.equal(await codes(applyKbChange(kb.dir, { kind: 'status', toolId: 'skype', status: 'pending' })), 'unknown_tool');
    assert.equal(await codes(applyKbChange(kb.dir, { kind: 'restriction_remove', toolId: 'zoom', restrictionId: 'nope' })), 'unknown_restriction');
    assert.equal(
      await codes(applyKbChange(kb.dir, { kind: 'restriction_add', toolId: 'zoom', restriction: { id: 'non-confidential-only', text: 'x', forbidden_contexts: [] } })),
      'duplicate_restriction',
    );
    assert.equal(await codes(applyKbChange(kb.dir, { kind: 'add_tool', toolId: 'zoom', name: 'Z', status: 'pending', category: 'video-conferencing' })), 'tool_exists');
  });

  it('adds a tool file with the schema modeline', async () => {
    const result = await applyKbChange(kb.dir, { kind: 'add_tool', toolId: 'jitsi', name: 'Jitsi Meet', status: 'approved', category: 'video-conferencing' }, { today: TODAY });
    assert.equal(
      await readFile(kb.tool('jitsi'), 'utf8'),
      `# yaml-language-server: $schema=../schema/tool.schema.json\nname: Jitsi Meet\ncategory: video-conferencing\nstatus: approved\nupdated: ${TODAY}\n`,
    );
    assert.equal(result.kb.tools.get('jitsi')?.status, 'approved');
  });

  it('writes atomically: no temporary file is left, the permissions stay, a dry run writes nothing', async () => {
    await chmod(kb.tool('zoom'), 0o640);
    const before = await kb.allFiles();
    await applyKbChange(kb.dir, { kind: 'status', toolId: 'zoom', status: 'prohibited' });
    assert.deepEqual((await kb.allFiles()).sort(), before.sort());
    assert.equal((await stat(kb.tool('zoom'))).mode & 0o777, 0o640);
    assert.match(await readFile(kb.tool('zoom'), 'utf8'), new RegExp(`updated: ${todayIso()}`));

    const bytes = await readFile(kb.tool('zoom'));
    const dry = await applyKbChange(kb.dir, { kind: 'status', toolId: 'zoom', status: 'pending' }, { dryRun: true });
    assert.equal(dry.written, false);
    assert.equal(dry.kb.tools.get('zoom')?.status, 'pending');
    assert.deepEqual(await readFile(kb.tool('zoom')), bytes);
  });

  it('runs concurrent changes one after another, so none is lost', async () => {
    await Promise.all([
      applyKbChange(kb.dir, { kind: 'step', toolId: 'zoom', step: 'it_security', state: 'planned' }),
      applyKbChange(kb.dir, { kind: 'step', toolId: 'zoom', step: 'staff_council', state: 'open' }),
      applyKbChange(kb.dir, { kind: 'status', toolId: 'zoom', status: 'pending' }),
    ]);
    const zoom = (await loadKnowledgeBase(kb.dir)).tools.get('zoom');
    assert.equal(zoom?.status, 'pending');
    assert.equal(zoom?.assessment.it_security?.state, 'planned');
    assert.equal(zoom?.assessment.staff_council?.state, 'open');
  });
});

describe('YamlTextEditor', () => {
  it('edits flow maps in place and keeps unrelated comments', () => {
    const editor = new YamlTextEditor('# head\na: 1 # one\nb: { x: 1, y: 2 }\n# about c\nc: [p, q]\n');
    editor.set(['b', 'y'], 3);
    editor.append(['c'], 'r');
    editor.set(['a'], 'two words');
    assert.deepEqual(editor.result(), { text: '# head\na: two words # one\nb: { x: 1, y: 3 }\n# about c\nc: [p, q, r]\n', preserved: true });
  });

  it('inserts a new key before the comment that introduces the next key', () => {
    const editor = new YamlTextEditor('name: X\n# the status\nstatus: pending\nupdated: 2021-01-01\n');
    editor.set(['category'], 'messaging', { order: ['name', 'category', 'status', 'updated'] });
    assert.equal(editor.result().text, 'name: X\ncategory: messaging\n# the status\nstatus: pending\nupdated: 2021-01-01\n');
  });

  it('falls back to a correct re-print when a layout cannot be spliced', () => {
    // A list item whose first key is removed cannot be cut line-wise: the Document is printed instead.
    const editor = new YamlTextEditor('list:\n  - a: 1\n    b: 2\n');
    editor.remove(['list', 0, 'a']);
    const result = editor.result();
    assert.equal(result.preserved, false);
    assert.equal(result.text, 'list:\n  - b: 2\n');
  });
});
