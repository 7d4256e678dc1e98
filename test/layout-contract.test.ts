// The renderer contract (issue 11): every surface renders the same answer layout, so for every
// answer of the set (every verdict, both languages, with and without LLM text, long lists,
// evidence and follow-ups) each renderer shows every fact of the layout, and the layout holds
// every fact of the answer; a cut list says how many more on every surface. The Teams card a
// clicker sees after a button shows the same facts; notices likewise, and Slack's App Home names
// a tool's status and dates in the words and format of notices and answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderHome } from '../adapters/slack/home.js';
import { renderNoticeBlocks } from '../adapters/slack/render.js';
import { cardAfterClick } from '../adapters/teams/actions.js';
import { noticeMessage } from '../adapters/teams/render.js';
import type { Answer } from '../src/model/answer.js';
import type { ChangeNotice } from '../src/model/change-notice.js';
import { renderText } from '../src/engine/text.js';
import { layoutAnswer, MAX_LIST_ITEMS } from '../src/layout/answer-layout.js';
import { layoutNotice } from '../src/layout/notice-layout.js';
import type { AnswerLayout, Section } from '../src/layout/types.js';
import { phrases } from '../src/phrases/index.js';
import { latestChanges, dueReviews } from '../src/subscriptions/overview.js';
import { ANSWER_SET_KB, answerSet, LONG_OVERVIEW_TOOLS } from './helpers/answer-set.js';
import { cardText, SURFACE_TEXT } from './helpers/surface-text.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Every fact a reader must see: each text of each section, label and value apart. */
export function layoutFacts(layout: AnswerLayout): string[] {
  const out: string[] = [];
  const walk = (s: Section) => {
    switch (s.kind) {
      case 'headline':
        out.push(s.title);
        break;
      case 'note':
      case 'warning':
      case 'more':
        out.push(s.text);
        break;
      case 'considered':
        out.push(s.label, ...s.items.map((i) => i.text));
        break;
      case 'explanation':
        out.push(s.label, s.text, s.note);
        break;
      case 'list':
        out.push(s.label);
        for (const i of s.items) out.push(i.text, ...(i.verdictLabel ? [i.verdictLabel] : []), ...(i.dateText ? [i.dateText] : []));
        break;
      case 'steps':
        out.push(s.label);
        for (const x of s.items) out.push(x.label, x.stateLabel, ...(x.dateText ? [x.dateText] : []), ...(x.note ? [x.note] : []));
        break;
      case 'fact':
        out.push(...(s.label ? [s.label] : []), s.text, ...(s.source ? [s.source.text, s.sourceLabel ?? ''] : []));
        break;
      case 'contact':
        out.push(s.label, s.text, ...(s.email ? [s.email] : []));
        break;
      case 'tool':
        if (s.own || s.brief) out.push(s.name, s.verdictLabel);
        s.sections.forEach(walk);
        break;
    }
  };
  layout.sections.forEach(walk);
  return out.map(squash).filter((f) => f !== '');
}

/** What a reader of each surface sees, as plain text. */
const SURFACES: Record<string, (a: Answer, explanation?: string) => string> = {
  ...SURFACE_TEXT,
  // The card a clicker sees after "helpful" (Universal Actions): the answer, then the thanks.
  'teams after a click': (a, explanation) => {
    if (explanation) return SURFACE_TEXT.teams(a, explanation);
    const thanks = phrases(a.language).ui.thanksForFeedback;
    const body = cardAfterClick({ answer: a, note: thanks, lang: a.language, forUser: 'user-1', dropFeedback: true }).body;
    const text = cardText(body);
    assert.ok(text.endsWith(thanks), 'the thanks closes the card');
    return text;
  },
};

describe('renderer contract: every surface shows the facts of the one layout', () => {
  const set = answerSet();

  it('covers every verdict in both languages, with and without LLM text', () => {
    for (const lang of ['de', 'en']) {
      const verdicts = new Set(set.filter((s) => s.answer.language === lang).map((s) => s.answer.verdict));
      assert.deepEqual([...verdicts].sort(), ['allowed', 'conditional', 'list', 'not_allowed', 'pending', 'unclear', 'unknown'], lang);
    }
    assert.ok(set.some((s) => s.explanation) && set.some((s) => !s.explanation));
  });

  for (const { name, answer, explanation } of set) {
    it(`${name}: every renderer shows every fact`, () => {
      const facts = layoutFacts(layoutAnswer(answer, explanation ? { explanation } : {}));
      assert.ok(facts.length >= 2, name);
      for (const [surface, render] of Object.entries(SURFACES)) {
        const shown = squash(render(answer, explanation));
        const missing = facts.filter((f) => !shown.includes(f));
        assert.deepEqual(missing, [], `${surface} leaves out facts of "${name}":\n${shown}`);
      }
    });
  }

  it('the layout holds every fact of the answer (capped lists say how many more)', () => {
    for (const { name, answer } of set) {
      const facts = layoutFacts(layoutAnswer(answer)).join('\n');
      const brief = answer.verdict === 'list' && answer.category !== null;
      for (const t of answer.tools) {
        assert.ok(facts.includes(t.name), `${name}: ${t.name}`);
        const details = [...t.conditions, ...t.reasons].slice(0, brief ? 5 : MAX_LIST_ITEMS);
        for (const d of details) if (!t.decision) assert.ok(facts.includes(d), `${name}: ${d}`);
        if (t.decision) assert.ok(facts.includes(t.decision.text), `${name}: decision`);
        if (!brief) for (const s of t.sources.slice(0, MAX_LIST_ITEMS)) assert.ok(facts.includes(s.title), `${name}: ${s.title}`);
        if (t.verdict === 'pending' && t.decisionExpected) assert.ok(facts.includes(t.decisionExpected), `${name}: decision expected`);
        if (t.matchedAs) assert.ok(facts.toLowerCase().includes(t.matchedAs.toLowerCase()), `${name}: matched alias`);
        for (const c of t.unruledContexts ?? []) assert.ok(facts.includes(c), `${name}: no rule for ${c}`);
      }
      if (answer.contact) assert.ok(facts.includes(answer.contact.text), `${name}: contact`);
      for (const l of answer.contextLabels) assert.ok(facts.includes(l), `${name}: context ${l}`);
      for (const e of answer.evidence ?? []) for (const w of e.source === 'question' ? e.words : []) if (w.toLowerCase() !== e.label.toLowerCase()) assert.ok(facts.includes(w), `${name}: word ${w}`);
      for (const n of answer.assumed?.toolNames ?? []) assert.ok(facts.includes(n), `${name}: assumed ${n}`);
    }
  });

  it('a cut list says how many more on every surface: list items, and the tools an overview leaves out', () => {
    const long = set.filter((x) => x.name.includes('long'));
    assert.equal(long.length, 6);
    for (const { name, answer, explanation } of long) {
      const p = phrases(answer.language);
      const expected = name.includes('overview')
        ? [p.ui.moreTools(LONG_OVERVIEW_TOOLS - answer.tools.length)]
        : [p.ui.moreItems(25 - MAX_LIST_ITEMS)];
      assert.ok(LONG_OVERVIEW_TOOLS > answer.tools.length || !name.includes('overview'), `${name}: the overview is cut`);
      for (const [surface, render] of Object.entries(SURFACES)) {
        const shown = squash(render(answer, explanation));
        for (const e of expected) assert.ok(shown.includes(squash(e)), `${surface}, ${name}: "${e}" missing`);
      }
    }
  });

  it('the unknown and unclear contact reads the same on every surface', () => {
    for (const { name, answer } of set.filter((s) => s.answer.verdict === 'unknown' || s.answer.verdict === 'unclear')) {
      const contact = layoutAnswer(answer).sections.find((s) => s.kind === 'contact');
      assert.ok(contact && contact.kind === 'contact', name);
      for (const [surface, render] of Object.entries(SURFACES)) {
        assert.ok(squash(render(answer)).includes(`${contact.label}: ${contact.text}`), `${surface}: ${name}`);
      }
    }
  });

  it('the engine text is the plain rendering of the layout', () => {
    for (const { name, answer } of set.filter((s) => !s.name.includes('long lists') && s.answer.verdict !== 'list')) {
      assert.equal(answer.text, renderText(answer), name);
    }
  });
});

describe('renderer contract: change notices', () => {
  const notice: ChangeNotice = {
    id: 'c1',
    toolId: 'zoom',
    toolName: 'Zoom',
    oldStatus: 'restricted',
    newStatus: 'prohibited',
    changes: ['Status: mit Auflagen freigegeben → untersagt', 'Anmerkung: Warnung der Aufsichtsbehörde'],
    by: 'Datenschutzteam',
    at: '2021-10-01T09:30:00Z',
    source: { title: 'Schreiben der Aufsichtsbehörde', url: 'https://example.org/w', date: '2021-10-01' },
    language: 'de',
  };
  for (const lang of ['de', 'en'] as const) {
    it(`Slack and Teams show every part of the notice (${lang})`, () => {
      const n = { ...notice, language: lang };
      const l = layoutNotice(n);
      const facts = [l.title, l.from, l.to, ...l.changes, l.source!.text, l.source!.dateText!, n.by];
      const slack = JSON.stringify(renderNoticeBlocks(n).blocks);
      const teams = JSON.stringify(noticeMessage(n).attachments[0]!.content.body);
      for (const f of facts) {
        assert.ok(slack.includes(f), `slack: ${f}`);
        assert.ok(teams.includes(f), `teams: ${f}`);
      }
      assert.ok(teams.includes(l.changedBy), 'teams: who and when');
    });
  }
});

describe("renderer contract: Slack's App Home", () => {
  const kb = ANSWER_SET_KB();
  const blocksText = (v: unknown): string =>
    typeof v === 'string' ? v : Array.isArray(v) ? v.map(blocksText).join('\n') : v && typeof v === 'object' ? Object.values(v).map(blocksText).join('\n') : '';
  for (const lang of ['de', 'en'] as const) {
    it(`the latest changes and reviews due use the status words of notices and the dates of answers (${lang})`, () => {
      const home = renderHome({ kb, lang, subscriptions: { kind: 'list', topics: [] }, admin: true, gaps: [], popularToolIds: [], today: '2021-12-01' });
      const shown = squash(blocksText(home.blocks).replace(/[*_]/g, ''));
      const changes = latestChanges(kb, 5);
      assert.ok(changes.length >= 3);
      const answers = answerSet().filter((s) => s.answer.language === lang && s.answer.tools.length === 1);
      for (const c of changes) {
        // The status as a notice about this tool names it.
        const notice = layoutNotice({ id: 'x', toolId: c.id, toolName: c.name, oldStatus: null, newStatus: c.status, changes: [], by: 'x', at: `${c.updated}T00:00:00Z`, language: lang });
        assert.ok(shown.includes(`${c.name}: ${notice.to}`), `${lang}: ${c.name} ${notice.to}\n${shown}`);
        // The date as an answer about this tool writes its "updated" fact.
        const answer = answers.find((s) => s.answer.tools[0]!.id === c.id);
        if (!answer) continue;
        const tool = layoutAnswer(answer.answer).sections.find((s) => s.kind === 'tool');
        const updated = tool?.kind === 'tool' ? tool.sections.find((s) => s.kind === 'fact' && s.role === 'updated') : undefined;
        assert.ok(updated?.kind === 'fact' && shown.includes(`(${updated.text})`), `${lang}: ${c.name} updated`);
      }
      const due = dueReviews(kb, '2021-12-01', 5);
      assert.ok(due.length >= 1);
      for (const d of due) {
        const stale = answerSet()
          .filter((s) => s.answer.language === lang)
          .flatMap((s) => layoutAnswer(s.answer).sections)
          .flatMap((s) => (s.kind === 'tool' && s.id === d.id ? s.sections : []))
          .find((s) => s.kind === 'warning');
        const date = stale?.kind === 'warning' ? /\d[\d.-]+\d/.exec(stale.text)?.[0] : undefined;
        assert.ok(date && shown.includes(`${d.name}: `) && shown.includes(date), `${lang}: review of ${d.name} due ${date}`);
      }
    });
  }
});
