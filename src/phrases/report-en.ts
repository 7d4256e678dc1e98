// The usage report in (British) English.
import type { ReportPhrases } from './report-types.js';

export const reportEn: ReportPhrases = {
  title: 'Usage report',
  asOf: (d, t) => `as of ${d} ${t} UTC`,
  since: (d) => `recorded since ${d}`,
  nothingYet: 'No answers recorded yet.',
  answers: 'Answers',
  platform: { slack: 'Slack', teams: 'Teams', web: 'web chat', cli: 'command line', mcp: 'AI assistants (MCP)' },
  perTool: 'Answers per tool (most asked first)',
  categories: 'Category overviews',
  feedback: (h, n) => `Feedback: ${h} helpful, ${n} not helpful`,
  notHelpfulPerTool: '"Not helpful" per tool',
  notHelpfulLine: (n, h) => `${n} not helpful, ${h} helpful`,
  gapQueue: 'Gap queue',
  unknownTools: 'Not in the catalogue but asked about (most asked first)',
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
