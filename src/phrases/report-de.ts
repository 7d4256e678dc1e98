// The usage report in German.
import type { ReportPhrases } from './report-types.js';

export const reportDe: ReportPhrases = {
  title: 'Nutzungsbericht',
  asOf: (d, t) => `Stand ${d}, ${t} UTC`,
  since: (d) => `erfasst seit ${d}`,
  nothingYet: 'Noch keine Antworten erfasst.',
  answers: 'Antworten',
  platform: { slack: 'Slack', teams: 'Teams', web: 'Web-Chat', cli: 'Kommandozeile', mcp: 'KI-Assistenten (MCP)' },
  perTool: 'Antworten je Tool (meistgefragt zuerst)',
  categories: 'Übersichten je Kategorie',
  feedback: (h, n) => `Rückmeldungen: ${h} hilfreich, ${n} nicht hilfreich`,
  notHelpfulPerTool: '„Nicht hilfreich“ je Tool',
  notHelpfulLine: (n, h) => `${n} nicht hilfreich, ${h} hilfreich`,
  gapQueue: 'Lücken',
  unknownTools: 'Nicht im Katalog, aber gefragt (meistgefragt zuerst)',
  unknownNotListed: (n) => `… und ${n} Fragen zu weiteren Namen (Liste voll)`,
  unknownNotRecorded: (n) => `… und ${n} Fragen zu Namen, die nicht gespeichert wurden (möglicherweise personenbezogen)`,
  unknownRetention: (d) => `Jede Person zählt einmal am Tag; Namen werden nach ${d} Tagen ohne Frage gelöscht.`,
  lastAsked: (d) => `zuletzt ${d}`,
  unclear: (n) => `Nicht verstandene Fragen: ${n}`,
  times: (n) => `${n}×`,
  notStored: 'Fragetexte werden nicht gespeichert (STORE_QUESTIONS=false).',
  noneStored: (d) => `Keine gespeicherten Fragetexte aus den letzten ${d} Tagen.`,
  retention: (d) => `Fragetexte werden nach ${d} Tagen gelöscht.`,
  more: (n) => `… und ${n} weitere`,
  none: 'keine',
};
