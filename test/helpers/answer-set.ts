// The set of answers every renderer is checked over (renderer contract, phrase-book tests,
// screenshots): every verdict in German and English from a real engine over a small bilingual
// catalogue, with evidence and follow-ups, plus answers with long lists.
import type { Answer, AnswerTool } from '../../src/model/answer.js';
import { createEngine } from '../../src/engine/engine.js';
import type { Language } from '../../src/model/language.js';
import { kbFromFiles } from './kb.js';

const ORG = `name: Beispielbehörde
default_language: de
contacts:
  requests:
    name: { de: IT-Servicedesk, en: IT service desk }
    email: it@example.org
    url: https://example.org/antrag
  data_protection:
    name: { de: Datenschutzbeauftragte oder Datenschutzbeauftragter, en: Data protection officer }
    email: datenschutz@example.org
`;

const TOOLS: Record<string, string> = {
  'tools/jitsi.yaml': `name: Jitsi Meet
category: video-conferencing
status: approved
summary: { de: Eigener Betrieb im Rechenzentrum., en: Run in our own data centre. }
sources: [{ title: Freigabevermerk, date: 2021-02-01, url: "https://example.org/jitsi" }]
updated: 2021-02-01
`,
  'tools/zoom.yaml': `name: Zoom
vendor: Zoom Video Communications, Inc.
category: video-conferencing
status: restricted
summary: { de: Kostenlose Version für nicht vertrauliche Gespräche., en: Free version for non-confidential talks. }
restrictions:
  - id: non-confidential-only
    text: { de: Nur für nicht vertrauliche Gespräche., en: Only for non-confidential conversations. }
    forbidden_contexts: [confidential]
assessed_contexts: [citizens, internal]
assessment:
  dpia: { state: done, date: 2021-03-05, note: { de: Mit Auflagen., en: With conditions. } }
  staff_council: { state: in_progress }
alternatives: [jitsi]
sources: [{ title: 'Senatskanzlei, Az. 3/2021', date: 2021-03-26 }]
updated: 2021-03-26
review_due: 2021-09-30
`,
  'tools/suite.yaml': `name: Office Suite 365
category: office-suite
aliases: [suite teams, teams]
status: pending
summary: { de: Wird erprobt., en: Being trialled. }
assessment:
  proof_of_concept: { state: in_progress, note: { de: Erprobung mit dem Dienstleister., en: Trial with the provider. } }
  supervisory_authority: { state: concerns, date: 2020-09-22 }
decision_expected: { not_before: 2021-Q3 }
sources: [{ title: Vermerk, date: 2021-03-26 }]
updated: 2021-03-26
review_due: 2021-09-30
`,
  'tools/chatty.yaml': `name: Chatty
category: messaging
status: prohibited
decision:
  status: prohibited
  text: { de: Warnung der Aufsichtsbehörde vor der Datenübermittlung in Drittländer., en: Warning of the supervisory authority about transfers to third countries. }
  date: 2021-04-01
  source: { title: 'Aufsichtsbehörde, Az. 7/2021', date: 2021-04-01, url: "https://example.org/warnung" }
alternatives: [talk]
updated: 2021-04-01
`,
  'tools/talk.yaml': `name: Talk
category: messaging
status: approved
updated: 2021-01-10
`,
};

/** The catalogue's files (organization.yaml and tools/*.yaml), e.g. to write it to a folder. */
export const ANSWER_SET_FILES: Record<string, string> = { 'organization.yaml': ORG, ...TOOLS };
export const ANSWER_SET_KB = () => kbFromFiles(ANSWER_SET_FILES);

const QUESTIONS: Record<Language, { kind: string; q: string }[]> = {
  de: [
    { kind: 'allowed', q: 'Darf ich Jitsi Meet nutzen?' },
    { kind: 'conditional', q: 'Darf ich Zoom mit Bürgern nutzen?' },
    { kind: 'conditional-no-rule', q: 'Darf ich Zoom-Meetings aufzeichnen?' },
    { kind: 'not_allowed', q: 'Darf ich Zoom für ein vertrauliches Gespräch nutzen?' },
    { kind: 'not_allowed-decision', q: 'Darf ich Chatty nutzen?' },
    { kind: 'pending-alias', q: 'Wann wird über Teams entschieden?' },
    { kind: 'unknown', q: 'Darf ich Quackmail nutzen?' },
    { kind: 'unclear', q: 'Hallo' },
    { kind: 'list', q: 'Welche Videokonferenzsysteme sind freigegeben?' },
    { kind: 'several', q: 'Darf ich Zoom und Chatty nutzen?' },
  ],
  en: [
    { kind: 'allowed', q: 'May I use Jitsi Meet?' },
    { kind: 'conditional', q: 'May I use Zoom with citizens?' },
    { kind: 'conditional-no-rule', q: 'May I record Zoom meetings?' },
    { kind: 'not_allowed', q: 'May I use Zoom for a confidential call?' },
    { kind: 'not_allowed-decision', q: 'May I use Chatty?' },
    { kind: 'pending-alias', q: 'When will Teams be decided?' },
    { kind: 'unknown', q: 'May I use Quackmail?' },
    { kind: 'unclear', q: 'Hello there, what can you do?' },
    { kind: 'list', q: 'Which video conferencing tools are approved?' },
    { kind: 'several', q: 'May I use Zoom and Chatty?' },
  ],
};

export interface SetAnswer {
  name: string;
  answer: Answer;
  explanation?: string;
}

const NOW = new Date('2021-12-01T12:00:00Z');

function longTool(lang: Language): AnswerTool {
  const n = (i: number) => (lang === 'de' ? `Auflage Nummer ${i} für den Einsatz` : `Condition number ${i} for use`);
  return {
    id: 'long',
    name: 'Longlist',
    status: 'pending',
    verdict: 'pending',
    conditions: [],
    reasons: Array.from({ length: 25 }, (_, i) => n(i)),
    category: null,
    summary: lang === 'de' ? 'Sehr lange Listen.' : 'Very long lists.',
    assessment: [
      { step: 'dpia', label: lang === 'de' ? 'Datenschutz-Folgenabschätzung' : 'Data protection impact assessment', state: 'open', stateLabel: lang === 'de' ? 'offen' : 'open' },
    ],
    decisionExpected: lang === 'de' ? 'nicht vor dem 3. Quartal 2021' : 'not before Q3 2021',
    alternatives: Array.from({ length: 25 }, (_, i) => ({ id: `alt-${i}`, name: `Alt ${i}`, verdict: 'allowed' as const })),
    sources: Array.from({ length: 25 }, (_, i) => ({ title: `${lang === 'de' ? 'Quelle' : 'Source'} ${i}`, date: '2021-03-26', url: `https://example.org/${i}` })),
    updated: '2021-03-26',
    reviewDue: '2021-09-30',
    reviewOverdue: true,
  };
}

/** Tools in the category of the "long overview" answers: more than an overview lists (MAX_LISTED). */
export const LONG_OVERVIEW_TOOLS = 30;

/** A catalogue whose "messaging" category holds LONG_OVERVIEW_TOOLS tools, a third prohibited. */
function longOverviewKb() {
  const files: Record<string, string> = { 'organization.yaml': ORG };
  for (let i = 1; i <= LONG_OVERVIEW_TOOLS; i++) {
    files[`tools/bote-${i}.yaml`] = `name: Bote ${i}\ncategory: messaging\nstatus: ${i % 3 === 0 ? 'prohibited' : 'approved'}\nupdated: 2021-01-10\n`;
  }
  return kbFromFiles(files);
}

/** Every answer of the set; each also once with an LLM explanation. */
export function answerSet(): SetAnswer[] {
  const engine = createEngine(ANSWER_SET_KB());
  const overviews = createEngine(longOverviewKb());
  const out: SetAnswer[] = [];
  for (const lang of ['de', 'en'] as const) {
    for (const { kind, q } of QUESTIONS[lang]) {
      const answer = engine.answer(q, { now: NOW });
      out.push({ name: `${lang} ${kind}`, answer });
      out.push({ name: `${lang} ${kind} + LLM`, answer, explanation: lang === 'de' ? 'Eine Erläuterung in ganzen Sätzen.' : 'An explanation in whole sentences.' });
    }
    // A follow-up: "und mit Bürgern?" after a question about Zoom.
    const followUp = engine.answer(lang === 'de' ? 'und für vertrauliche Gespräche?' : 'and for confidential calls?', {
      now: NOW,
      previous: { toolIds: ['zoom'], contexts: [], category: null, toolNames: ['Zoom'] },
    });
    out.push({ name: `${lang} follow-up`, answer: followUp });
    // Contexts the language model added.
    out.push({ name: `${lang} model contexts`, answer: engine.answer(lang === 'de' ? 'Darf ich Zoom nutzen?' : 'May I use Zoom?', { now: NOW, extraContexts: ['citizens'] }) });
    // Long lists, by hand.
    const base = engine.answer(lang === 'de' ? 'Darf ich Zoom nutzen?' : 'May I use Zoom?', { now: NOW });
    const tool = longTool(lang);
    out.push({ name: `${lang} long lists`, answer: { ...base, verdict: 'pending', tools: [tool], headline: `⏳ Longlist: ${lang === 'de' ? 'Noch nicht entschieden' : 'Not yet decided'}` } });
    // A category with more tools than an overview lists, from the engine.
    const overview = overviews.answer(lang === 'de' ? 'Welche Messenger sind freigegeben?' : 'Which messaging tools are approved?', { now: NOW });
    out.push({ name: `${lang} long overview`, answer: overview });
    out.push({ name: `${lang} long overview + LLM`, answer: overview, explanation: lang === 'de' ? 'Eine Erläuterung in ganzen Sätzen.' : 'An explanation in whole sentences.' });
  }
  return out;
}
