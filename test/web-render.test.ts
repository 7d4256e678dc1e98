import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderAnswerHtml, escapeHtml } from '../adapters/web/render.js';
import type { Answer, AnswerTool } from '../src/model/answer.js';
import { createEngine } from '../src/engine/engine.js';
import { PHRASES as MESSAGES } from '../src/phrases/index.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const NOW = new Date('2021-12-01T12:00:00Z');

function tool(over: Partial<AnswerTool> = {}): AnswerTool {
  return {
    id: 'zoom',
    name: 'Zoom',
    status: 'restricted',
    verdict: 'conditional',
    conditions: ['Nur für nicht vertrauliche Gespräche.'],
    reasons: [],
    category: 'video-conferencing',
    summary: 'Die kostenlose Version.',
    assessment: [{ step: 'dpia', label: 'Datenschutz-Folgenabschätzung', state: 'done', stateLabel: 'erledigt', date: '2021-03-05', note: 'Mit Auflagen.' }],
    decisionExpected: '2021-Q3',
    alternatives: [{ id: 'jitsi', name: 'Jitsi', verdict: 'allowed' }],
    sources: [
      { title: 'Schreiben der Senatskanzlei', date: '2021-03-26', url: 'https://example.org/brief.pdf' },
      { title: 'Ohne Link', date: null },
      { title: 'Böser Link', date: null, url: 'javascript:alert(1)' },
    ],
    updated: '2021-03-26',
    reviewDue: '2021-09-30',
    reviewOverdue: true,
    ...over,
  };
}

function answer(over: Partial<Answer> = {}): Answer {
  return {
    question: 'Darf ich Zoom mit Bürgern nutzen?',
    language: 'de',
    verdict: 'conditional',
    tools: [tool()],
    contexts: ['citizens'],
    category: null,
    unknownTool: null,
    text: '⚠️ Zoom: Erlaubt unter Bedingungen\n…',
    sources: [],
    headline: '⚠️ Zoom: Erlaubt unter Bedingungen',
    contextLabels: ['Bürgerinnen und Bürger'],
    categoryLabel: null,
    alternatives: [],
    contact: { text: 'Behördliche Datenschutzbeauftragte', email: 'datenschutz@example.org' },
    truncated: false,
    kbVersion: 'abc',
    ...over,
  };
}

describe('renderAnswerHtml', () => {
  it('is one <article> with the verdict in data-verdict and the answer language in lang', () => {
    const html = renderAnswerHtml(answer());
    assert.match(html, /^<article class="answer verdict-conditional" lang="de" data-verdict="conditional">.*<\/article>$/s);
  });

  it('shows the verdict by an SVG icon and words, the icon hidden from screen readers, no emoji', () => {
    const html = renderAnswerHtml(answer({ headline: '⚠️ Zoom: Mit Auflagen freigegeben' }));
    assert.match(html, /<h2 class="verdict"><svg class="icon"[^>]*aria-hidden="true"[^>]*>.*?<\/svg> Zoom: Mit Auflagen freigegeben<\/h2>/);
    assert.ok(!/[⚠️⛔⏳📋✅❓💬]/u.test(html), html);
  });

  it('shows conditions, contexts, assessment, decision expected, alternatives, sources, dates and the overdue warning', () => {
    const html = renderAnswerHtml(answer());
    assert.match(html, /Berücksichtigt: Bürgerinnen und Bürger/);
    assert.match(html, /<h3>Auflagen<\/h3><ul class="conditions"><li>Nur für nicht vertrauliche Gespräche\.<\/li><\/ul>/);
    const pending = renderAnswerHtml(answer({ verdict: 'pending', tools: [tool({ verdict: 'pending', status: 'pending', conditions: [] })] }));
    assert.match(pending, /<summary>Stand der Prüfung<\/summary>.*Datenschutz-Folgenabschätzung:.*erledigt.*<time datetime="2021-03-05">05\.03\.2021<\/time>.*Mit Auflagen\./s);
    assert.match(pending, /Entscheidung erwartet:<\/strong> 2021-Q3/);
    assert.ok(!html.includes('Entscheidung erwartet'), 'decision expected only for a pending tool');
    assert.match(html, /Stattdessen möglich.*Jitsi <span class="badge verdict-allowed"><svg class="icon"[^>]*>.*?<\/svg> Freigegeben<\/span>/s);
    assert.match(html, /<a href="https:\/\/example\.org\/brief\.pdf" rel="noopener noreferrer">Schreiben der Senatskanzlei<\/a> \(<time datetime="2021-03-26">26\.03\.2021<\/time>\)/);
    assert.match(html, /<li>Ohne Link<\/li>/);
    assert.match(html, /Stand: 26\.03\.2021/);
    assert.match(html, /class="warning"><svg class="icon"[^>]*role="img" aria-label="Achtung"[^>]*>.*?<\/svg> Die Überprüfung war bis 30\.09\.2021 vorgesehen; der Eintrag kann veraltet sein\./);
    assert.match(html, /<strong>Ansprechstelle:<\/strong> Behördliche Datenschutzbeauftragte – <a href="mailto:datenschutz@example\.org"/);
  });

  it('links only http(s) and mailto URLs', () => {
    const html = renderAnswerHtml(answer());
    assert.ok(!html.includes('javascript:'), html);
    assert.match(html, /<li>Böser Link<\/li>/);
  });

  it('escapes every text, including the headline and knowledge-base texts', () => {
    const evil = '<img src=x onerror="alert(1)">&\'';
    const html = renderAnswerHtml(
      answer({
        headline: `⚠️ ${evil}`,
        contextLabels: [evil],
        tools: [tool({ name: evil, id: evil, conditions: [evil], summary: evil, sources: [{ title: evil, date: null, url: `https://e.org/?q="><script>` }] })],
        contact: { text: evil, email: `a"b@example.org` },
      }),
    );
    assert.ok(!/<img|<script|onerror="/.test(html), html);
    assert.ok(html.includes(escapeHtml(evil)));
  });

  it('shows the assessment, open, for pending and not-allowed tools only', () => {
    assert.match(renderAnswerHtml(answer({ verdict: 'pending', tools: [tool({ verdict: 'pending' })] })), /<details class="part" open>/);
    assert.ok(!renderAnswerHtml(answer()).includes('<details'));
  });

  it('renders English labels for an English answer', () => {
    const html = renderAnswerHtml(
      answer({
        language: 'en',
        verdict: 'not_allowed',
        headline: '⛔ Zoom: Not approved',
        tools: [tool({ verdict: 'not_allowed', conditions: [], reasons: ['Only for non-confidential talks.'] })],
      }),
    );
    assert.match(html, /lang="en" data-verdict="not_allowed"/);
    assert.match(html, /Zoom: Not approved<\/h2>/);
    // A restricted tool is not allowed because of its restriction: shown as that, not as a reason.
    assert.match(html, /<h3>This condition stands in the way<\/h3>/);
    assert.match(html, /As of: 2021-03-26/);
    assert.match(html, /A review was due by 2021-09-30; the entry may be out of date\./);
  });

  it('an unknown tool: says it is not approved, names alternatives and whom to ask for an assessment', () => {
    const html = renderAnswerHtml(
      answer({
        verdict: 'unknown',
        tools: [],
        unknownTool: 'Slack',
        headline: '❓ Slack: Nicht geprüft – nicht freigegeben',
        alternatives: [{ id: 'matrix', name: 'Matrix', verdict: 'allowed' }],
        contact: { text: 'IT-Servicedesk', url: 'https://example.org/antrag' },
      }),
    );
    assert.match(html, /data-verdict="unknown"/);
    assert.match(html, /„Slack“ ist nicht im Katalog geprüfter Tools/);
    assert.match(html, /Matrix <span class="badge verdict-allowed">/);
    assert.match(html, /<strong>Prüfung beantragen:<\/strong> IT-Servicedesk – <a href="https:\/\/example\.org\/antrag"/);
  });

  it('an unclear question: explains what to ask; a stub answer without headline still shows the verdict words', () => {
    const html = renderAnswerHtml(answer({ verdict: 'unclear', tools: [], headline: '', contextLabels: [], contact: null }));
    assert.match(html, /<h2 class="verdict"><svg class="icon"[^>]*>.*?<\/svg> Frage nicht verstanden<\/h2>/);
    assert.ok(html.includes(escapeHtml(MESSAGES.de.ui.unclearHelp)));
  });

  it('a category overview is brief: each tool with its verdict, conditions or reasons', () => {
    const html = renderAnswerHtml(
      answer({
        verdict: 'list',
        category: 'video-conferencing',
        headline: '📋 Übersicht: Videokonferenz',
        tools: [tool(), tool({ id: 'm365', name: 'Microsoft 365', verdict: 'pending', conditions: [], reasons: ['In Prüfung.'] })],
      }),
    );
    assert.match(html, /<h3>Zoom <span class="badge verdict-conditional">.*Mit Auflagen freigegeben<\/span><\/h3>/);
    assert.match(html, /<h3>Microsoft 365 <span class="badge verdict-pending">.*Noch nicht entschieden<\/span><\/h3><div class="part"><h4>Begründung<\/h4>/);
    assert.ok(!html.includes('<details'), 'no assessment in an overview');
  });

  it('notes a truncated question', () => {
    assert.match(renderAnswerHtml(answer({ truncated: true })), /nur die ersten 1000 Zeichen/);
  });

  it('renders every answer of a real engine over any knowledge base', () => {
    const kb = kbFromFiles({
      'organization.yaml': ORG_EN,
      'tools/chat.yaml': toolYaml('Chatty', 'prohibited', 'category: messaging\nalternatives: [talk]\nsources: [{ title: "Memo <1>", url: "https://x.example/m" }]\n'),
      'tools/talk.yaml': toolYaml('Talk & Co', 'approved', 'category: messaging\n'),
    });
    const engine = createEngine(kb);
    for (const q of ['May I use Chatty?', 'May I use Talk & Co?', 'Which messengers are approved?', 'May I use Frobnicator?', 'hello']) {
      const a = engine.answer(q, { now: NOW });
      const html = renderAnswerHtml(a);
      assert.match(html, new RegExp(`data-verdict="${a.verdict}"`), q);
      assert.ok(html.includes(escapeHtml(MESSAGES.en.verdict[a.verdict])) || html.includes(escapeHtml(a.headline.slice(2).trim())), q);
      assert.ok(!html.includes('<1>'), 'escaped');
    }
    assert.match(renderAnswerHtml(engine.answer('May I use Chatty?', { now: NOW })), /You may use instead.*Talk &amp; Co/s);
  });
});
