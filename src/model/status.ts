// A tool's status in the knowledge base and the steps of its assessment (docs/knowledge-format.md).
export const TOOL_STATUSES = ['approved', 'restricted', 'pending', 'prohibited'] as const;
export type ToolStatus = (typeof TOOL_STATUSES)[number];

export const ASSESSMENT_STEPS = [
  'protection_needs',
  'risk_analysis',
  'threshold_analysis',
  'dpia',
  'dpo_review',
  'supervisory_authority',
  'processing_agreement',
  'it_security',
  'accessibility',
  'staff_council',
  'proof_of_concept',
] as const;
export type AssessmentStep = (typeof ASSESSMENT_STEPS)[number];

export const STEP_STATES = ['done', 'in_progress', 'planned', 'open', 'not_required', 'concerns'] as const;
export type StepState = (typeof STEP_STATES)[number];
