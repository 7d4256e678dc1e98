// The report's fixed phrases in German and English (verdict labels come from src/i18n.ts).
import type { Platform } from '../core.js';
import type { Language } from '../kb/schema.js';

export interface ReportPhrases {
  title: string;
  asOf: (date: string) => string;
  since: (date: string) => string;
  nothingYet: string;
  answers: string;
  platform: Record<Platform, string>;
  perTool: string;
  categories: string;
  feedback: (helpful: number, notHelpful: number) => string;
  notHelpfulPerTool: string;
  notHelpfulLine: (notHelpful: number, helpful: number) => string;
  gapQueue: string;
  unknownTools: string;
  unknownNotListed: (n: number) => string;
  unknownNotRecorded: (n: number) => string;
  unknownRetention: (days: number) => string;
  lastAsked: (date: string) => string;
  unclear: (n: number) => string;
  times: (n: number) => string;
  notStored: string;
  noneStored: (days: number) => string;
  retention: (days: number) => string;
  more: (n: number) => string;
  none: string;
}

const de: ReportPhrases = {
  title: 'Nutzungsbericht',
  asOf: (d) => `Stand ${d}`,
  since: (d) => `erfasst seit ${d}`,
  nothingYet: 'Noch keine Antworten erfasst.',
  answers: 'Antworten',
  platform: { slack: 'Slack', teams: 'Teams', web: 'Web-Chat', cli: 'Kommandozeile' },
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

const en: ReportPhrases = {
  title: 'Usage report',
  asOf: (d) => `as of ${d}`,
  since: (d) => `recorded since ${d}`,
  nothingYet: 'No answers recorded yet.',
  answers: 'Answers',
  platform: { slack: 'Slack', teams: 'Teams', web: 'web chat', cli: 'command line' },
  perTool: 'Answers per tool (most asked first)',
  categories: 'Category overviews',
  feedback: (h, n) => `Feedback: ${h} helpful, ${n} not helpful`,
  notHelpfulPerTool: '"Not helpful" per tool',
  notHelpfulLine: (n, h) => `${n} not helpful, ${h} helpful`,
  gapQueue: 'Gap queue',
  unknownTools: 'Not in the catalog but asked about (most asked first)',
  unknownNotListed: (n) => `… and ${n} questions about further names (list full)`,
  unknownNotRecorded: (n) => `… and ${n} questions about names not kept (possibly personal data)`,
  unknownRetention: (d) => `Each person counts once a day; names are deleted after ${d} days without a question.`,
  lastAsked: (d) => `last ${d}`,
  unclear: (n) => `Questions not understood: ${n}`,
  times: (n) => `${n}×`,
  notStored: 'Question texts are not stored (STORE_QUESTIONS=false).',
  noneStored: (d) => `No stored question texts from the last ${d} days.`,
  retention: (d) => `Question texts are deleted after ${d} days.`,
  more: (n) => `… and ${n} more`,
  none: 'none',
};

export function reportPhrases(lang: Language): ReportPhrases {
  return lang === 'de' ? de : en;
}
