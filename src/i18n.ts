// Every fixed phrase of the bot in German and English, shared by the engine's text and by each
// adapter's renderer, so a verdict reads the same in Slack, Teams, the web chat and the CLI.
import type { Verdict } from './answer.js';
import type { AssessmentStep, Language, StepState, ToolStatus } from './kb/schema.js';

interface Messages {
  verdict: Record<Verdict, string>;
  /** Marker per verdict, for plain text and chat (an emoji stands out; the word carries the meaning). */
  marker: Record<Verdict, string>;
  status: Record<ToolStatus, string>;
  step: Record<AssessmentStep, string>;
  state: Record<StepState, string>;
  ui: {
    conditions: string;
    reasons: string;
    assessment: string;
    decisionExpected: string;
    alternatives: string;
    sources: string;
    updated: string;
    reviewOverdue: (date: string) => string;
    contexts: string;
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
  };
}

const de: Messages = {
  verdict: {
    allowed: 'Freigegeben',
    conditional: 'Erlaubt unter Bedingungen',
    not_allowed: 'Nicht erlaubt',
    pending: 'Noch nicht entschieden',
    unknown: 'Nicht geprüft – nicht freigegeben',
    unclear: 'Frage nicht verstanden',
    list: 'Übersicht',
  },
  marker: { allowed: '✅', conditional: '⚠️', not_allowed: '⛔', pending: '⏳', unknown: '❓', unclear: '💬', list: '📋' },
  status: { approved: 'freigegeben', restricted: 'eingeschränkt freigegeben', pending: 'in Prüfung', prohibited: 'untersagt' },
  step: {
    protection_needs: 'Schutzbedarfsfeststellung',
    risk_analysis: 'Risikobetrachtung',
    threshold_analysis: 'Schwellwertanalyse',
    dpia: 'Datenschutz-Folgenabschätzung',
    dpo_review: 'Behördliche Datenschutzbeauftragte',
    supervisory_authority: 'Aufsichtsbehörde',
    processing_agreement: 'Auftragsverarbeitungsvertrag',
    it_security: 'IT-Sicherheit',
    accessibility: 'Barrierefreiheit',
    staff_council: 'Personalrat',
    proof_of_concept: 'Proof of Concept',
  },
  state: { done: 'erledigt', in_progress: 'läuft', planned: 'geplant', open: 'offen', not_required: 'nicht erforderlich', concerns: 'Bedenken' },
  ui: {
    conditions: 'Bedingungen',
    reasons: 'Begründung',
    assessment: 'Stand der Prüfung',
    decisionExpected: 'Entscheidung erwartet',
    alternatives: 'Stattdessen möglich',
    sources: 'Quellen',
    updated: 'Stand',
    reviewOverdue: (d) => `Achtung: Dieser Eintrag sollte bis ${d} überprüft werden und ist möglicherweise veraltet.`,
    contexts: 'Berücksichtigt',
    notifyMe: 'Bei Änderungen benachrichtigen',
    helpful: 'Hilfreich',
    notHelpful: 'Nicht hilfreich',
    askPlaceholder: 'z. B. Darf ich Zoom mit Bürgern nutzen?',
    askButton: 'Fragen',
    truncated: (n) => `Die Frage war sehr lang; nur die ersten ${n} Zeichen wurden berücksichtigt.`,
    noToolsInCategory: 'Für diese Kategorie ist noch kein Tool geprüft.',
    unclearHelp:
      'Ich habe kein Tool und keine Tool-Kategorie erkannt. Fragen Sie zum Beispiel: „Darf ich Zoom mit Bürgern nutzen?“ oder „Welche Videokonferenzsysteme sind freigegeben?“',
    unknownTool: (n) => `„${n}“ ist nicht im Katalog geprüfter Tools und damit nicht freigegeben.`,
    unknownToolGeneric: 'Dieses Tool ist nicht im Katalog geprüfter Tools und damit nicht freigegeben.',
    requestAssessment: 'Prüfung beantragen',
    failure: 'Entschuldigung, ich konnte gerade keine Antwort geben.',
    whomToAsk: 'Bitte wenden Sie sich an',
    thanksForFeedback: 'Danke für Ihre Rückmeldung!',
  },
};

const en: Messages = {
  verdict: {
    allowed: 'Approved',
    conditional: 'Allowed with conditions',
    not_allowed: 'Not allowed',
    pending: 'Not decided yet',
    unknown: 'Not assessed – not approved',
    unclear: 'Question not understood',
    list: 'Overview',
  },
  marker: de.marker,
  status: { approved: 'approved', restricted: 'approved with restrictions', pending: 'under assessment', prohibited: 'prohibited' },
  step: {
    protection_needs: 'Protection-needs analysis',
    risk_analysis: 'Risk analysis',
    threshold_analysis: 'Threshold analysis',
    dpia: 'Data protection impact assessment (DPIA)',
    dpo_review: 'Data protection officer',
    supervisory_authority: 'Supervisory authority',
    processing_agreement: 'Data processing agreement',
    it_security: 'IT security',
    accessibility: 'Accessibility',
    staff_council: 'Staff council',
    proof_of_concept: 'Proof of concept',
  },
  state: { done: 'done', in_progress: 'in progress', planned: 'planned', open: 'open', not_required: 'not required', concerns: 'concerns raised' },
  ui: {
    conditions: 'Conditions',
    reasons: 'Reason',
    assessment: 'Assessment',
    decisionExpected: 'Decision expected',
    alternatives: 'You may use instead',
    sources: 'Sources',
    updated: 'As of',
    reviewOverdue: (d) => `Note: this entry was due for review by ${d} and may be outdated.`,
    contexts: 'Taken into account',
    notifyMe: 'Notify me of changes',
    helpful: 'Helpful',
    notHelpful: 'Not helpful',
    askPlaceholder: 'e.g. May I use Zoom with citizens?',
    askButton: 'Ask',
    truncated: (n) => `The question was very long; only its first ${n} characters were considered.`,
    noToolsInCategory: 'No tool of this category has been assessed yet.',
    unclearHelp:
      'I did not recognise a tool or a kind of tool. Try, for example: "May I use Zoom with citizens?" or "Which video conferencing tools are approved?"',
    unknownTool: (n) => `"${n}" is not in the catalog of assessed tools, so it is not approved.`,
    unknownToolGeneric: 'This tool is not in the catalog of assessed tools, so it is not approved.',
    requestAssessment: 'Request an assessment',
    failure: 'Sorry, I could not give an answer just now.',
    whomToAsk: 'Please contact',
    thanksForFeedback: 'Thank you for your feedback!',
  },
};

export const MESSAGES: Record<Language, Messages> = { de, en };

export function messages(lang: Language): Messages {
  return MESSAGES[lang];
}
