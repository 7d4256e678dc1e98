// The report as text and JSON, the usage settings, and the feedback buttons' values (pure: no store).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createEngine } from '../src/engine/engine.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { buildReport, type StoredCounts } from '../src/usage/build-report.js';
import { feedbackButtonValues, parseFeedbackButtonValue } from '../src/usage/feedback-value.js';
import { formatUsageReport, usageReportJson } from '../src/usage/report.js';
import { parseUsageSettings } from '../src/config/usage.js';
import { ConfigError } from '../src/errors.js';
import type { UsageReport } from '../src/usage/types.js';

let kb: KnowledgeBase;
before(async () => {
  kb = await loadKnowledgeBase('knowledge');
});

const AT = Date.parse('2025-03-26T14:05:00Z');

function sample(options: { storeQuestions: boolean; questions?: boolean; limit?: number }): UsageReport {
  const counts: StoredCounts = {
    totals: new Map([
      ['since', Date.parse('2025-03-01T08:00:00Z')],
      ['answers:conditional', 4],
      ['answers:not_allowed', 2],
      ['answers:unknown', 3],
      ['answers:unclear', 5],
      ['platform:slack', 10],
      ['platform:web', 4],
      ['feedback:conditional:helpful', 3],
      ['feedback:conditional:not-helpful', 2],
      ['feedback:unknown:not-helpful', 1],
      ['unknown-not-recorded', 3],
    ]),
    tools: [
      ['microsoft-365', { name: 'Microsoft 365', verdicts: { pending: 1 }, helpful: 0, notHelpful: 1 }],
      ['zoom', { name: 'Zoom (old name)', verdicts: { conditional: 4, not_allowed: 2 }, helpful: 3, notHelpful: 2 }],
      ['retired-tool', { name: 'Retired Tool', verdicts: { allowed: 1 }, helpful: 0, notHelpful: 0 }],
    ],
    categories: [['video-conferencing', { name: 'Video', answers: 2 }]],
    unknown: [
      { name: 'FrobNicator', count: 1, lastAsked: AT - 1000 },
      { name: 'QuackMail', count: 2, lastAsked: AT - 5000 },
    ],
    questions: options.questions ? [{ text: 'Wo ist die Kantine?', count: 2, lastAsked: '2025-03-25T09:00:00.000Z' }] : [],
  };
  return buildReport(counts, { generatedAt: AT, limit: options.limit ?? 20, storeQuestions: options.storeQuestions, retentionDays: 30 });
}

test('text report in English: totals, tools most asked first with names from the knowledge base, feedback, gap queue', () => {
  const text = formatUsageReport(sample({ storeQuestions: false }), 'en', kb);
  assert.match(text, /^Usage report \(as of 2025-03-26 14:05 UTC, recorded since 2025-03-01\)/);
  assert.match(text, /Answers: 14 \(Slack 10, web chat 4\)/);
  assert.match(text, /Approved with conditions 4 · .*Not approved 2/);
  // Zoom (6) before Microsoft 365 (1) and the tool no longer in the catalog (1, by name).
  const zoom = text.indexOf('1. Zoom – 6: Approved with conditions 4, Not approved 2');
  const m365 = text.indexOf('2. Microsoft 365 – 1: Not yet decided 1');
  const retired = text.indexOf('3. Retired Tool – 1: Approved 1');
  assert.ok(zoom > 0 && m365 > zoom && retired > m365, text);
  assert.doesNotMatch(text, /old name/);
  assert.match(text, /Feedback: 3 helpful, 3 not helpful/);
  assert.match(text, /"Not helpful" per tool\n {2}1\. Zoom – 2 not helpful, 3 helpful\n {2}2\. Microsoft 365 – 1 not helpful, 0 helpful/);
  assert.match(text, /1\. QuackMail – 2 \(last 2025-03-26\)\n {2}2\. FrobNicator – 1/);
  assert.match(text, /… and 3 questions about names not kept \(possibly personal data\)\n {2}Each person counts once a day; names are deleted after 30 days without a question\./);
  assert.match(text, /Questions not understood: 5\n {2}Question texts are not stored \(STORE_QUESTIONS=false\)\./);
});

test('text report in German with stored questions, dates as 26.03.2025, and lists cut to the limit', () => {
  const text = formatUsageReport(sample({ storeQuestions: true, questions: true, limit: 1 }), 'de', kb);
  assert.match(text, /^Nutzungsbericht \(Stand 26\.03\.2025, 14:05 UTC, erfasst seit 01\.03\.2025\)/);
  assert.match(text, /1\. Zoom – 6: Mit Auflagen freigegeben 4, Nicht freigegeben 2\n {2}… und 2 weitere/);
  assert.match(text, /Nicht verstandene Fragen: 5\n {2}1\. „Wo ist die Kantine\?“ – 2× \(zuletzt 25\.03\.2025\)\n {2}Fragetexte werden nach 30 Tagen gelöscht\./);
  assert.match(text, /1\. QuackMail – 2/);
  assert.doesNotMatch(text, /FrobNicator/);
});

test('an empty report says so instead of showing empty tables', () => {
  const empty = buildReport(
    { totals: new Map(), tools: [], categories: [], unknown: [], questions: [] },
    { generatedAt: AT, limit: 20, storeQuestions: true, retentionDays: 7 },
  );
  assert.equal(empty.since, null);
  const text = formatUsageReport(empty, 'en');
  assert.match(text, /No answers recorded yet\./);
  assert.match(text, /No stored question texts from the last 7 days\./);
});

test('JSON report: the UsageReport shape with names from the knowledge base', () => {
  const json = JSON.parse(usageReportJson(sample({ storeQuestions: false }), kb, 'de')) as UsageReport;
  assert.equal(json.answers.total, 14);
  assert.deepEqual(json.tools.items.map((t) => t.name), ['Zoom', 'Microsoft 365', 'Retired Tool']);
  assert.equal(json.categories.items[0]?.name, 'Videokonferenz');
  assert.deepEqual(json.gaps.unknownTools.items.map((u) => u.name), ['QuackMail', 'FrobNicator']);
  assert.equal(json.gaps.unknownToolsNotRecorded, 3);
  assert.equal(json.feedback.notHelpfulTools.items[0]?.name, 'Zoom');
});

test('usage settings: defaults, valid values, and an error naming the variable', () => {
  assert.deepEqual(parseUsageSettings({}), { storeQuestions: false, retentionDays: 30 });
  assert.deepEqual(parseUsageSettings({ STORE_QUESTIONS: ' TRUE ', RETENTION_DAYS: '7' }), { storeQuestions: true, retentionDays: 7 });
  assert.deepEqual(parseUsageSettings({ STORE_QUESTIONS: '', RETENTION_DAYS: '' }), { storeQuestions: false, retentionDays: 30 });
  assert.throws(
    () => parseUsageSettings({ STORE_QUESTIONS: 'yes' }),
    (err: unknown) => err instanceof ConfigError && err.variable === 'STORE_QUESTIONS' && /STORE_QUESTIONS/.test(err.message),
  );
  for (const bad of ['0', '-3', '2.5', 'thirty', '99999999']) {
    assert.throws(() => parseUsageSettings({ RETENTION_DAYS: bad }), (err: unknown) => err instanceof ConfigError && err.variable === 'RETENTION_DAYS', bad);
  }
  assert.throws(
    () => parseUsageSettings({ STORE_QUESTIONS: '1', RETENTION_DAYS: 'x' }),
    (err: unknown) => err instanceof ConfigError && err.issues.length === 2,
  );
});

test('feedback button values carry the answer id, tools and verdict and read back; anything else is rejected', () => {
  const answer = createEngine(kb).answer('Darf ich Zoom mit Bürgern nutzen?');
  const values = feedbackButtonValues(answer, 'msg-1');
  assert.ok(values.helpful.length < 2000);
  assert.deepEqual(parseFeedbackButtonValue(values.notHelpful, 'slack'), {
    answerId: 'msg-1',
    toolIds: ['zoom'],
    verdict: 'conditional',
    helpful: false,
    platform: 'slack',
  });
  assert.equal(parseFeedbackButtonValue(values.helpful, 'web')?.helpful, true);
  assert.doesNotMatch(values.helpful, /Bürgern/, 'no question text in the button');
  for (const bad of ['', 'null', '{"a":"x","t":["Zoom!"],"v":"allowed","h":1}', '{"a":"x","t":[],"v":"nope","h":1}', 42]) {
    assert.equal(parseFeedbackButtonValue(bad, 'web'), null, String(bad));
  }
});
