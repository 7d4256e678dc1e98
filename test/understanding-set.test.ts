// The labelled set of the "understanding" bench (bench/understanding/): it loads, it is large and
// balanced enough to mean something, every label names what exists in its knowledge base, and —
// the product's first rule — the engine gives no false approval on it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { evaluateUnderstanding, loadKnowledgeBases } from '../bench/understanding/evaluate.js';
import { loadLabelledSet, MESSAGE_KINDS, SetError, type LabelledMessage } from '../bench/understanding/set.js';
import { expectedAnswer, expectedToolVerdict, isFalseApproval } from '../bench/understanding/truth.js';
import { ORG_EN, kbFromFiles, toolYaml } from './helpers/kb.js';

const set = loadLabelledSet();
const kbs = await loadKnowledgeBases();

describe('understanding set', () => {
  it('loads at least 450 messages with unique ids', () => {
    assert.ok(set.length >= 450, `only ${set.length} messages`);
    assert.equal(new Set(set.map((m) => m.id)).size, set.length);
  });

  it('has German and English at 40 % or more each, over both knowledge bases', () => {
    for (const lang of ['de', 'en'] as const) {
      const share = set.filter((m) => m.lang === lang).length / set.length;
      assert.ok(share >= 0.4, `${lang}: ${(share * 100).toFixed(1)} %`);
    }
    for (const kb of ['shipped', 'catalog'] as const) {
      for (const lang of ['de', 'en'] as const) {
        assert.ok(set.some((m) => m.kb === kb && m.lang === lang), `no ${lang} message on ${kb}`);
      }
    }
  });

  it('has every kind of message in both languages', () => {
    for (const kind of MESSAGE_KINDS) {
      for (const lang of ['de', 'en'] as const) {
        const n = set.filter((m) => m.kind === kind && m.lang === lang).length;
        assert.ok(n >= 5, `${kind}/${lang}: ${n} messages`);
      }
    }
  });

  it('gives Slack and Teams markup their platform', () => {
    for (const m of set) {
      if (m.kind === 'slack') assert.equal(m.platform, 'slack', m.id);
      if (m.kind === 'teams') assert.equal(m.platform, 'teams', m.id);
    }
    assert.ok(set.some((m) => m.platform === 'slack' && /<@U\w+>/.test(m.text)));
    assert.ok(set.some((m) => m.platform === 'teams' && /<at>.*<\/at>/.test(m.text)));
  });

  it('labels only tools, contexts and categories that exist in the message’s knowledge base', () => {
    const problems: string[] = [];
    for (const m of set) {
      const kb = kbs[m.kb];
      for (const t of m.truth.tools) if (!kb.tools.has(t)) problems.push(`${m.id}: tool ${t}`);
      for (const c of m.truth.contexts) if (!kb.contexts.has(c)) problems.push(`${m.id}: context ${c}`);
      if (m.truth.category !== null && !kb.categories.has(m.truth.category)) problems.push(`${m.id}: category ${m.truth.category}`);
      if (m.truth.unknownTool !== null && [...kb.tools.values()].some((t) => t.name.toLowerCase() === m.truth.unknownTool?.toLowerCase())) {
        problems.push(`${m.id}: "${m.truth.unknownTool}" is not unknown, the catalogue has it`);
      }
      if (new Set(m.truth.tools).size !== m.truth.tools.length) problems.push(`${m.id}: a tool twice`);
      if (new Set(m.truth.contexts).size !== m.truth.contexts.length) problems.push(`${m.id}: a context twice`);
    }
    assert.deepEqual(problems, []);
  });

  it('has well-formed dialogues: 2–3 turns in order, one knowledge base, language and platform', () => {
    const dialogues = new Map<string, LabelledMessage[]>();
    for (const m of set) if (m.dialogue !== null) dialogues.set(m.dialogue, [...(dialogues.get(m.dialogue) ?? []), m]);
    assert.ok(dialogues.size >= 20, `only ${dialogues.size} dialogues`);
    for (const [id, turns] of dialogues) {
      assert.ok(turns.length >= 2 && turns.length <= 3, id);
      assert.deepEqual(turns.map((t) => t.turn), turns.map((_, i) => i), `${id}: turns out of order`);
      assert.equal(new Set(turns.map((t) => `${t.kb}/${t.lang}/${t.platform}`)).size, 1, id);
      // Turns are adjacent in the set, so each follow-up is asked right after its question.
      const at = set.indexOf(turns[0] as LabelledMessage);
      turns.forEach((t, i) => assert.equal(set[at + i], t, `${id}: turns not adjacent`));
      for (const t of turns.slice(1)) assert.equal(t.kind, 'followup', `${t.id}: a later turn is a follow-up`);
      // A follow-up is about something: a tool, an unknown tool or a category, inherited or new.
      for (const t of turns) {
        const about = t.truth.tools.length > 0 || t.truth.unknownTool !== null || t.truth.category !== null;
        assert.ok(about, `${t.id}: labelled with nothing`);
      }
    }
  });

  it('refuses a set file with an unknown field, a missing label list type or a repeated id, naming the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'understanding-set-'));
    try {
      const write = (body: string) => writeFileSync(path.join(dir, 'x.yaml'), `kb: catalog\nlang: en\nmessages:\n${body}`);
      write('  - {id: a-1, kind: tidy, text: "Slack?", tools: [slack], verdict: allowed}\n');
      assert.throws(() => loadLabelledSet(dir), (e: unknown) => e instanceof SetError && /x\.yaml/.test(e.message));
      write('  - {id: a-1, kind: tidy, text: "Slack?", tools: slack}\n');
      assert.throws(() => loadLabelledSet(dir), SetError);
      write('  - {id: a-1, kind: tidy, text: "Slack?"}\n  - {id: a-1, kind: tidy, text: "Loom?"}\n');
      assert.throws(() => loadLabelledSet(dir), /appears twice/);
      write('  - {id: a-1, kind: slack, text: "<@U1> Slack?"}\n');
      assert.throws(() => loadLabelledSet(dir), /platform: slack/);
      write('  - {id: a-1, kind: tidy, text: "Slack?", tools: [slack]}\n');
      assert.equal(loadLabelledSet(dir).length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('derives every expected verdict from the labels (no message is left without one)', () => {
    const seen = new Set<string>();
    for (const m of set) seen.add(expectedAnswer(kbs[m.kb], m.truth).verdict);
    for (const v of ['allowed', 'conditional', 'not_allowed', 'pending', 'unknown', 'unclear', 'list']) assert.ok(seen.has(v), `no message expects ${v}`);
  });
});

describe('understanding bench: verdict table and false approvals', () => {
  const kb = kbFromFiles({
    'organization.yaml': ORG_EN,
    'tools/a.yaml': toolYaml('Alpha', 'approved', 'category: messaging\n'),
    'tools/r.yaml': toolYaml('Rho', 'restricted', 'category: messaging\nrestrictions:\n  - id: x\n    text: No minors.\n    forbidden_contexts: [vulnerable_persons]\n'),
    'tools/p.yaml': toolYaml('Pi', 'pending'),
    'tools/x.yaml': toolYaml('Xi', 'prohibited'),
  });
  const truth = (tools: string[], contexts: string[] = [], unknownTool: string | null = null, category: string | null = null) => ({ tools, contexts, unknownTool, category });

  it('follows the verdict table', () => {
    const r = kb.tools.get('r');
    assert.ok(r);
    assert.equal(expectedToolVerdict(r, []), 'conditional');
    assert.equal(expectedToolVerdict(r, ['citizens']), 'conditional');
    assert.equal(expectedToolVerdict(r, ['vulnerable_persons']), 'not_allowed');
    assert.equal(expectedAnswer(kb, truth(['a'])).verdict, 'allowed');
    assert.equal(expectedAnswer(kb, truth(['p'])).verdict, 'pending');
    assert.equal(expectedAnswer(kb, truth(['x'])).verdict, 'not_allowed');
    assert.equal(expectedAnswer(kb, truth(['a', 'x'])).verdict, 'list');
    assert.equal(expectedAnswer(kb, truth(['a'], [], 'Whereby')).verdict, 'list');
    assert.equal(expectedAnswer(kb, truth([], [], 'Whereby', 'messaging')).verdict, 'unknown');
    const listed = expectedAnswer(kb, truth([], ['vulnerable_persons'], null, 'messaging'));
    assert.equal(listed.verdict, 'list');
    assert.deepEqual([...listed.tools.entries()].sort(), [['a', 'allowed'], ['r', 'not_allowed']]);
    assert.equal(expectedAnswer(kb, truth([])).verdict, 'unclear');
  });

  it('counts allowed or conditional above the truth as a false approval, and nothing else', () => {
    assert.equal(isFalseApproval('conditional', 'not_allowed'), true);
    assert.equal(isFalseApproval('allowed', 'conditional'), true);
    assert.equal(isFalseApproval('allowed', 'pending'), true);
    assert.equal(isFalseApproval('conditional', undefined), true);
    assert.equal(isFalseApproval('conditional', 'conditional'), false);
    assert.equal(isFalseApproval('allowed', 'allowed'), false);
    assert.equal(isFalseApproval('not_allowed', 'allowed'), false);
    assert.equal(isFalseApproval('pending', 'not_allowed'), false);
  });
});

describe('understanding bench on the engine', () => {
  // Expected to fail until the understanding work of issue 10 lands: it is the goal, not a snapshot.
  it('no false approvals on the labelled set', async () => {
    const { results } = await evaluateUnderstanding({ messages: set, kbs });
    const approvals = results.filter((r) => r.falseApprovals.length > 0).map((r) => `${r.message.id} "${r.message.text}": ${r.falseApprovals.join('; ')}`);
    assert.deepEqual(approvals, []);
  });
});
