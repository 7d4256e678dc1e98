// What admins learn from use: the usage recorder, the report and the feedback buttons' values.
export { createUsageRecorder, DEFAULT_REPORT_LIMIT, MAX_UNKNOWN_NAMES } from './recorder.js';
export type { FeedbackInput, UsageRecorder, UsageRecorderOptions } from './recorder.js';
export { formatUsageReport, unexplainedLine, unexplainedSummary, usageReportJson, withKnowledgeBaseNames } from './report.js';
export { feedbackButtonValues, parseFeedbackButtonValue, MAX_BUTTON_TOOLS, type FeedbackButtonValues } from './feedback-value.js';
export { startUsagePurge } from './purge-timer.js';
export type * from './types.js';
