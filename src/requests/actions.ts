// What a surface does with the request action, platform-free: a pressed "Request an assessment" /
// "I need this too" button gives the form to show (the surface renders it: Slack modal, Teams card,
// web form), and a submitted form is filed for the person who sent it. Adapters parse, render and
// post; the decisions and every text are here and in the service.
import type { KnowledgeBase } from '../kb/model.js';
import { phrases } from '../phrases/index.js';
import { decodeRequestAction, readSubmission, requestFormLayout, type RequestFormLayout } from './form.js';
import { MAX_NAME_LENGTH, MAX_PURPOSE_LENGTH } from './limits.js';
import type { Requester, RequestService } from './service.js';

export interface RequestActions {
  /** The form a pressed request button opens; null for a payload that is not one of ours. */
  form(value: string | undefined): RequestFormLayout | null;
  /**
   * What is wrong with a submitted form before anything is stored (for surfaces that show errors
   * in the form itself): the field and the message, or null when it may be filed.
   */
  check(state: string | undefined, fields: Readonly<Record<string, unknown>>): { field: 'tool' | 'purpose'; text: string } | null;
  /** Files a submitted form for `requester` (their language from the form); the reply to show. */
  submit(state: string | undefined, fields: Readonly<Record<string, unknown>>, requester: Omit<Requester, 'language'>): Promise<string>;
}

export interface RequestActionsOptions {
  knowledgeBase: () => KnowledgeBase;
  /** The service of the moment: null while the store is not reachable (or none is configured). */
  service: () => RequestService | null;
  /** A store is configured but not reachable yet: "try again", not "not set up". */
  storageUnavailable: () => boolean;
}

export function createRequestActions(options: RequestActionsOptions): RequestActions {
  const languageOf = (state: string | undefined) => decodeRequestAction(state)?.language ?? options.knowledgeBase().organization.default_language;
  return {
    form(value) {
      const action = decodeRequestAction(value);
      return action ? requestFormLayout(options.knowledgeBase(), action) : null;
    },
    check(state, fields) {
      const p = phrases(languageOf(state)).request;
      const form = readSubmission(fields);
      if (form.name.trim() === '') return { field: 'tool', text: p.nameMissing };
      if (form.name.trim().length > MAX_NAME_LENGTH) return { field: 'tool', text: p.tooLong(p.form.tool, MAX_NAME_LENGTH) };
      if (form.purpose.trim() === '') return { field: 'purpose', text: p.purposeMissing };
      if (form.purpose.trim().length > MAX_PURPOSE_LENGTH) return { field: 'purpose', text: p.tooLong(p.form.purpose, MAX_PURPOSE_LENGTH) };
      return null;
    },
    async submit(state, fields, requester) {
      const language = languageOf(state);
      const service = options.service();
      if (!service) return options.storageUnavailable() ? phrases(language).request.unavailable : phrases(language).request.notSetUp;
      return (await service.file(readSubmission(fields), { ...requester, language })).text;
    },
  };
}
