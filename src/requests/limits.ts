// What a request form holds, and how long its texts may be (the form and the service agree).
export { MAX_NAME_LENGTH } from '../layout/request-action.js';
export const MAX_PURPOSE_LENGTH = 500;

/** What the form sends. */
export interface RequestForm {
  name: string;
  purpose: string;
  /** Context ids answered "yes". */
  contexts: readonly string[];
}
