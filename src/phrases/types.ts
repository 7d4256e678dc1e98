// The shape of the phrase book: every fixed user-facing string of answers, the web page and change
// notifications, in one object per language (de.ts, en.ts). A test checks both have every key.
import type { Verdict } from '../model/answer.js';
import type { AssessmentStep, StepState, ToolStatus } from '../model/status.js';
import type { ChatPhrases } from './chat-types.js';
import type { ReportPhrases } from './report-types.js';

export interface Phrases {
  /** One set of verdict words, used on every surface. */
  verdict: Record<Verdict, string>;
  /** Marker per verdict for plain text and chat (Slack, Teams); the web chat draws SVG icons. */
  marker: Record<Verdict, string>;
  /** Text alternative of the web chat's verdict icons. */
  icon: Record<Verdict | 'warning', string>;
  status: Record<ToolStatus, string>;
  /** Assessment steps named as steps ("Beteiligung des Personalrats"). */
  step: Record<AssessmentStep, string>;
  state: Record<StepState, string>;
  ui: {
    /** Quotation marks of the language. */
    quote: (s: string) => string;
    conditions: string;
    /** Violated restrictions of a restricted tool: shown as restrictions, not as a reason. */
    restrictions: string;
    reasons: string;
    decision: string;
    assessment: string;
    decisionExpected: string;
    alternatives: string;
    sources: string;
    updated: string;
    reviewOverdue: (date: string) => string;
    /** The same, in an answer about several tools: names the entry. */
    reviewOverdueOf: (tool: string, date: string) => string;
    /** Sources every tool of a comparison cites, said once after them: "Quellen zu Zoom und Teams". */
    sourcesFor: (tools: string) => string;
    /** Alternatives several tools of a comparison share, said once: "Stattdessen möglich (statt Zoom und Webex)". */
    alternativesFor: (tools: string) => string;
    contexts: string;
    /** "(Ihre Worte: „vertrauliches Gespräch“)" after a context label. */
    yourWords: (words: string) => string;
    notifyMe: string;
    helpful: string;
    notHelpful: string;
    askPlaceholder: string;
    askButton: string;
    truncated: (n: number) => string;
    noToolsInCategory: string;
    unclearHelp: string;
    unknownTool: (name: string) => string;
    unknownToolGeneric: string;
    requestAssessment: string;
    failure: string;
    whomToAsk: string;
    thanksForFeedback: string;
    /** The yes/no buttons of a `confirm` answer; a pressed one is sent as this typed reply. */
    confirmYes: string;
    confirmNo: string;
    /** "„Teams“ gehört zu Microsoft 365: …" */
    coveredBy: (asked: string, entry: string) => string;
    /** A stated context no restriction of the tool speaks of. */
    noRule: (tool: string, contexts: string) => string;
    noRuleAsk: string;
    /** Verdict confirm: why it asks ("Das hängt von der Situation ab …"). */
    confirmIntro: string;
    /** One forbidden situation as a yes/no question, from its label. */
    confirmQuestion: (context: string) => string;
    /** "Wenn ja: nicht erlaubt – stattdessen Jitsi." (alternatives may be empty). */
    confirmIfYes: (alternatives: string) => string;
    /** "Wenn nein: mit Auflagen freigegeben." */
    confirmIfNo: string;
    /** How to answer: the typed replies the conversation understands. */
    confirmHow: string;
    /** Words of the question the engine could not place ("Nicht eingeordnet: …"). */
    unexplained: (words: string) => string;
    followUp: string;
    modelContexts: string;
    explanation: string;
    explanationNote: string;
    moreItems: (n: number) => string;
    moreTools: (n: number) => string;
    /** Decision recorded for the current status: "Entscheidung vom 01.04.2021". */
    decisionOf: (date: string) => string;
  };
  /** decision_expected, rendered. */
  when: {
    quarter: (q: number, year: number) => string;
    inQuarter: (quarter: string) => string;
    notBefore: (when: string) => string;
    onDate: (date: string) => string;
    notBeforeDate: (date: string) => string;
  };
  /** The engine's reasons for a prohibited or pending tool. */
  reason: { prohibited: string; pending: string };
  /** The usage report (report-types.ts). */
  report: ReportPhrases;
  /** Slack and Teams besides answers and notices (chat-types.ts). */
  chat: ChatPhrases;
  /** The web chat page's own texts. */
  web: {
    title: string;
    intro: string;
    label: string;
    log: string;
    you: string;
    wait: string;
    empty: string;
    noscript: string;
    explaining: string;
    explanationFailed: string;
  };
  /** Change notifications. */
  notice: {
    title: (toolName: string) => string;
    status: string;
    newInCatalog: string;
    changedBy: (by: string, date: string) => string;
    source: string;
    statusChange: (from: string, to: string) => string;
    added: (status: string) => string;
    removed: string;
    conditionAdded: (text: string) => string;
    conditionRemoved: (text: string) => string;
    conditionChanged: (text: string, before: string) => string;
    notFor: (contexts: string) => string;
    /** Words filed as synonyms of a context the tool's conditions forbid: such questions may now be refused. */
    contextWords: (context: string, words: string) => string;
    note: (note: string) => string;
    handEdit: string;
  };
  admin: import('./admin-types.js').AdminPhrases;
  subscription: import('./subscription-types.js').SubscriptionPhrases;
  /** Requests for an assessment and waiting lists (request-types.ts). */
  request: import('./request-types.js').RequestPhrases;
  cli: import('./cli-types.js').CliPhrases;
  /** Problems found in a knowledge folder, and `kb validate`'s warnings (kb-types.ts). */
  kb: import('./kb-types.js').KbPhrases;
  /** `kb export` / `kb import`: spreadsheets of the catalogue (sheets-types.ts). */
  sheets: import('./sheets-types.js').SheetPhrases;
  /** The MCP tools' own texts (mcp-types.ts). */
  mcp: import('./mcp-types.js').McpPhrases;
}
