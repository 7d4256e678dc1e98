// Adaptive Cards of the Teams adapter: the same content as the Slack blocks (verdict line with
// marker, conditions/reasons, assessment, decision expected, alternatives, sources with dates,
// review overdue, contact, one "Notify me" button per tool), for hand-made answers (independent of
// the engine) and for the real engine's answers (marked ENGINE).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRetryAfter } from '../adapters/teams/errors.js';
import { answerMessage, noticeText, renderAnswerCard, renderNoticeCard } from '../adapters/teams/render.js';
import type { Answer, AnswerTool } from '../src/model/answer.js';
import type { ChangeNotice } from '../src/model/change-notice.js';
import { ComplianceCore } from '../src/core.js';
import { loadKnowledgeBase } from '../src/kb/load.js';

function tool(overrides: Partial<AnswerTool> = {}): AnswerTool {
  return {
    id: 'zoom',
    name: 'Zoom',
    status: 'restricted',
    verdict: 'conditional',
    conditions: ['Only for non-confidential conversations.'],
    reasons: [],
    vendor: 'Zoom Video Communications, Inc.',
    category: 'video-conferencing',
    summary: 'The free version of Zoom is in use.',
    assessment: [
      { step: 'dpia', label: 'Data protection impact assessment (DPIA)', state: 'done', stateLabel: 'done', date: '2021-03-01' },
      { step: 'supervisory_authority', label: 'Supervisory authority', state: 'concerns', stateLabel: 'concerns raised', note: 'Letter of 5 March' },
    ],
    alternatives: [],
    sources: [{ title: 'Letter [2021] of the Senate Chancellery', date: '2021-03-26', url: 'https://example.org/letter' }],
    updated: '2021-03-26',
    reviewDue: '2021-09-30',
    reviewOverdue: true,
    ...overrides,
  };
}

function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: 'May I use Zoom with citizens?',
    language: 'en',
    verdict: 'conditional',
    tools: [tool()],
    contexts: ['citizens'],
    category: null,
    unknownTool: null,
    text: '⚠️ Zoom: Allowed with conditions\nConditions:\n- Only for non-confidential conversations.',
    sources: [],
    headline: '⚠️ Zoom: Allowed with conditions',
    contextLabels: ['citizens'],
    categoryLabel: null,
    alternatives: [],
    contact: { text: "Your authority's data protection officer", email: 'dpo@example.org' },
    truncated: false,
    kbVersion: 'test',
    ...overrides,
  };
}

function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) =>
    typeof v === 'string' && ['text', 'title', 'value'].includes(k) ? [v] : texts(v),
  );
}

function elements(node: unknown, type: string): any[] {
  if (Array.isArray(node)) return node.flatMap((n) => elements(n, type));
  if (typeof node !== 'object' || node === null) return [];
  const own = (node as { type?: string }).type === type ? [node] : [];
  return [...own, ...Object.values(node).flatMap((v) => elements(v, type))];
}

describe('renderAnswerCard', () => {
  it('renders a conditional answer with every part of the Slack message', () => {
    const card = renderAnswerCard(answer());
    assert.equal(card.type, 'AdaptiveCard');
    assert.equal(card.version, '1.5');
    assert.equal(card.lang, 'en');
    assert.equal(card.fallbackText, answer().text);
    const all = texts(card.body);
    assert.equal(all[0], '⚠️ Zoom: Allowed with conditions');
    assert.equal(card.body[0]!.style, 'heading', 'the verdict is a heading for screen readers');
    for (const expected of [
      'Conditions',
      '• Only for non-confidential conversations.',
      'Sources',
      'Contact',
      'Taken into account: citizens',
      'As of: 2021-03-26',
    ]) {
      assert.ok(all.some((t) => t.includes(expected)), `card says "${expected}"`);
    }
    // Assessment steps are shown while a tool is pending or not allowed (see below), not here.
    assert.equal(elements(card, 'FactSet').length, 0);
    // Brackets in a title are escaped (Adaptive Card markdown), so they cannot end the link early.
    assert.ok(all.includes('• [Letter \\[2021\\] of the Senate Chancellery](https://example.org/letter) (2021-03-26)'), 'source link with date');
    assert.ok(all.some((t) => t.includes('A review was due by 2021-09-30')), 'review overdue warning');
    assert.ok(all.some((t) => t.includes('[dpo@example.org](mailto:dpo@example.org)')));
    const submits = elements(card, 'Action.Submit');
    assert.deepEqual(submits.map((s) => [s.title, s.data]), [['Notify me of changes', { action: 'notify', toolId: 'zoom', language: 'en' }]]);
  });

  it('keeps links intact when a URL has parentheses or spaces', () => {
    const card = renderAnswerCard(answer({ tools: [tool({ sources: [{ title: 'Wiki', date: null, url: 'https://example.org/Zoom (app) page' }] })] }));
    assert.ok(texts(card.body).includes('• [Wiki](https://example.org/Zoom%20%28app%29%20page)'));
  });

  it('formats German dates the German way and uses German labels', () => {
    const card = renderAnswerCard(answer({ language: 'de', headline: '⚠️ Zoom: Erlaubt unter Bedingungen' }));
    const all = texts(card.body);
    assert.ok(all.includes('Stand: 26.03.2021'));
    assert.ok(all.includes('Auflagen'));
    assert.equal(elements(card, 'Action.Submit')[0].title, 'Bei Änderungen benachrichtigen');
  });

  it('shows reasons, decision expected and alternatives of a tool that is not allowed', () => {
    const card = renderAnswerCard(
      answer({
        verdict: 'pending',
        headline: '',
        tools: [
          tool({
            verdict: 'pending',
            status: 'pending',
            conditions: [],
            reasons: ['Under assessment.'],
            decisionExpected: 'not before 2021-Q3',
            alternatives: [{ id: 'jitsi', name: 'Jitsi', verdict: 'allowed' }],
            reviewOverdue: false,
          }),
        ],
      }),
    );
    const all = texts(card.body);
    assert.equal(all[0], '⏳ Not yet decided', 'without a headline the marker and label make the verdict line');
    for (const expected of ['Reason', '• Under assessment.', 'Decision expected', 'not before 2021-Q3', 'You may use instead', '• ✅ Jitsi (Approved)']) {
      assert.ok(all.includes(expected), `card says "${expected}"`);
    }
    assert.ok(!all.some((t) => t.includes('A review was due')));
    assert.deepEqual(elements(card, 'FactSet')[0].facts, [
      { title: 'Data protection impact assessment (DPIA)', value: 'done (2021-03-01)' },
      { title: 'Supervisory authority', value: 'concerns raised – Letter of 5 March' },
    ]);
  });

  it('gives every tool of an overview its own notify button', () => {
    const card = renderAnswerCard(
      answer({
        verdict: 'list',
        headline: '📋 Overview: video conferencing',
        tools: [tool(), tool({ id: 'jitsi', name: 'Jitsi', verdict: 'allowed', status: 'approved', conditions: [] })],
      }),
    );
    const submits = elements(card, 'Action.Submit');
    assert.deepEqual(
      submits.map((s) => [s.title, s.data.toolId]),
      [
        ['Notify me of changes: Zoom', 'zoom'],
        ['Notify me of changes: Jitsi', 'jitsi'],
      ],
    );
    assert.ok(texts(card.body).some((t) => t.startsWith('✅ Jitsi') && t.endsWith(': Approved')));
  });

  it('names an unknown tool and links the assessment request', () => {
    const card = renderAnswerCard(
      answer({
        verdict: 'unknown',
        tools: [],
        unknownTool: 'Quackmail',
        headline: '❓ Quackmail: Not assessed – not approved',
        contact: { text: 'File a request with the IT service desk.', url: 'https://example.org/request' },
      }),
    );
    const all = texts(card.body);
    assert.ok(all.includes('"Quackmail" is not in the catalogue of assessed tools, so it is not approved.'));
    assert.ok(all.some((t) => t.startsWith('**Request an assessment:** File a request')));
    assert.deepEqual(card.actions, [{ type: 'Action.OpenUrl', title: 'Request an assessment', url: 'https://example.org/request' }]);
  });

  it('keeps a huge overview under the Teams message size limit and says what was left out', () => {
    const many = Array.from({ length: 150 }, (_, i) =>
      tool({ id: `tool-${i}`, name: `Tool number ${i}`, conditions: ['A long condition text that repeats. '.repeat(4)] }),
    );
    const msg = answerMessage(answer({ verdict: 'list', headline: '📋 Overview: video conferencing', tools: many, text: 'x'.repeat(20_000) }));
    assert.ok(JSON.stringify(msg).length <= 18_000);
    assert.ok(texts(msg.attachments[0]!.content.body).some((t) => /… and \d+ more tools/.test(t)));
    assert.equal(msg.text, '📋 Overview: video conferencing', 'the long text gives way to the verdict line');
  });

  it('renders every answer of the real engine in the answer language (ENGINE)', async () => {
    const core = new ComplianceCore(await loadKnowledgeBase('knowledge'));
    const cases: [string, RegExp][] = [
      ['Darf ich Zoom mit Bürgern nutzen?', /^⚠️ Zoom: Mit Auflagen freigegeben/],
      ['May I use Zoom for a confidential call?', /^⛔ Zoom: Not approved/],
      ['Can we use Teams?', /^⏳ .*Not yet decided/],
      ['Darf ich Quackmail nutzen?', /^❓ Quackmail/],
      ['Hallo', /^💬 /],
    ];
    for (const [question, heading] of cases) {
      const a = await core.ask(question, { platform: 'teams' });
      const msg = answerMessage(a);
      assert.match(texts(msg.attachments[0]!.content.body)[0] ?? '', heading, question);
      assert.equal(msg.text, a.headline, 'the activity text is the verdict line (the card holds the rest)');
      assert.equal(msg.attachments[0]!.content.fallbackText, a.text, 'the card falls back to the whole answer');
    }
    const pending = answerMessage(await core.ask('Can we use Teams?', { platform: 'teams' }));
    assert.ok(texts(pending.attachments[0]!.content.body).includes('Decision expected'));
  });
});

describe('renderNoticeCard', () => {
  const notice: ChangeNotice = {
    id: 'c1',
    toolId: 'microsoft-365',
    toolName: 'Microsoft 365',
    oldStatus: 'pending',
    newStatus: 'approved',
    changes: ['Status changed to approved', 'Restriction "licensed-only" removed'],
    by: 'Data protection team',
    at: '2021-10-01T09:30:00.000Z',
    source: { title: 'Decision of the Senate', url: 'https://example.org/decision', date: '2021-09-30' },
    language: 'en',
  };

  it('says which tool changed, from what to what, by whom, with the source', () => {
    const card = renderNoticeCard(notice);
    assert.equal(card.version, '1.5');
    const all = texts(card.body);
    assert.deepEqual(all.slice(0, 4), [
      '🔔 Change in the tool catalogue: Microsoft 365',
      'Status: under assessment → ✅ approved',
      '• Status changed to approved',
      '• Restriction "licensed-only" removed',
    ]);
    assert.ok(all.includes('Changed by Data protection team on 2021-10-01'));
    assert.ok(all.includes('Source: [Decision of the Senate](https://example.org/decision) (2021-09-30)'));
    assert.equal(card.fallbackText, noticeText(notice));
  });

  it('handles a tool new in the catalogue, in German', () => {
    const card = renderNoticeCard({ ...notice, oldStatus: null, newStatus: 'prohibited', language: 'de', source: undefined });
    const all = texts(card.body);
    assert.equal(all[0], '🔔 Änderung im Tool-Katalog: Microsoft 365');
    assert.equal(all[1], 'Status: neu im Katalog → ⛔ untersagt');
    assert.ok(all.includes('Geändert von Data protection team am 01.10.2021'));
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, an HTTP date and retry-after-ms', () => {
    const now = Date.parse('2021-10-01T09:30:00Z');
    assert.equal(parseRetryAfter({ 'retry-after': '12' }, now), 12);
    assert.equal(parseRetryAfter({ 'retry-after': 'Fri, 01 Oct 2021 09:30:30 GMT' }, now), 30);
    assert.equal(parseRetryAfter({ 'retry-after-ms': '1500' }, now), 2);
    assert.equal(parseRetryAfter({}, now), undefined);
    assert.equal(parseRetryAfter({ 'retry-after': 'soon' }, now), undefined);
  });
});
