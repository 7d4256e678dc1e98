// The request form, neutral: what the "Request an assessment" / "I need this too" action carries
// on its button (a short payload the core decodes), the form it opens (Slack modal, Teams card,
// web form render the same fields), and reading a submitted form back. The tool name comes
// pre-filled from the answer and can be corrected; one yes/no per context the catalogue knows.
import type { KnowledgeBase } from '../kb/model.js';
import { localize } from '../kb/model.js';
import type { Language } from '../model/language.js';
import { phrases } from '../phrases/index.js';
import { MAX_NAME_LENGTH, MAX_PURPOSE_LENGTH, type RequestForm } from './limits.js';
import { encodeRequestAction, type RequestActionValue, type RequestMode } from '../layout/request-action.js';

export { decodeRequestAction, encodeRequestAction, type RequestActionValue, type RequestMode } from '../layout/request-action.js';

export interface RequestFormLayout {
  mode: RequestMode;
  language: Language;
  title: string;
  tool: { label: string; value: string; maxLength: number };
  purpose: { label: string; hint: string; maxLength: number };
  contexts: { label: string; items: { id: string; question: string }[] };
  yes: string;
  no: string;
  submit: string;
  cancel: string;
  /** Rides along with the submission (the mode and language): `encodeRequestAction` of them. */
  state: string;
}

/** Field ids every surface uses for the form's inputs. */
export const FORM_FIELDS = { tool: 'tool', purpose: 'purpose', contextPrefix: 'ctx_' } as const;

/** The form the action opens, with one yes/no per context of the catalogue. */
export function requestFormLayout(kb: KnowledgeBase, action: RequestActionValue): RequestFormLayout {
  const lang = action.language;
  const p = phrases(lang).request;
  const items = [...kb.contexts.values()].map((c) => ({ id: c.id, question: p.form.context(localize(c.label, lang)) }));
  return {
    mode: action.mode,
    language: lang,
    title: action.mode === 'waitlist' ? p.form.waitlistTitle : p.form.title,
    tool: { label: p.form.tool, value: action.toolName, maxLength: MAX_NAME_LENGTH },
    purpose: { label: p.form.purpose, hint: p.form.purposeHint, maxLength: MAX_PURPOSE_LENGTH },
    contexts: { label: p.form.contexts, items },
    yes: p.form.yes,
    no: p.form.no,
    submit: p.form.submit,
    cancel: p.form.cancel,
    state: encodeRequestAction(action),
  };
}

/**
 * A submitted form, as the surfaces hand it over: the tool and purpose texts and, per context
 * field (`ctx_<id>`), a yes (`true`, `"true"`, `"yes"`) or anything else.
 */
export function readSubmission(fields: Readonly<Record<string, unknown>>): RequestForm {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const yes = (v: unknown) => v === true || v === 'true' || v === 'yes';
  const contexts = Object.entries(fields)
    .filter(([k, v]) => k.startsWith(FORM_FIELDS.contextPrefix) && yes(v))
    .map(([k]) => k.slice(FORM_FIELDS.contextPrefix.length));
  return { name: text(fields[FORM_FIELDS.tool]), purpose: text(fields[FORM_FIELDS.purpose]), contexts };
}
