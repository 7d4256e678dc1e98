// The request form as an Adaptive Card (Universal Actions): the answer's "Request an assessment" /
// "I need this too" button (Action.Execute `requestOpen`) is answered with this card, whose inputs
// (tool, purpose, one yes/no toggle per context) come back merged into the data of its
// Action.Execute `requestSubmit`, with the form's state.
import type { Language } from '../../src/model/language.js';
import { FORM_FIELDS, type RequestFormLayout } from '../../src/requests/form.js';
import type { AdaptiveCard, CardElement } from './card-types.js';

export const REQUEST_OPEN_VERB = 'requestOpen';
export const REQUEST_SUBMIT_VERB = 'requestSubmit';

/** The data of the answer's request button. */
export interface RequestOpenData {
  action: typeof REQUEST_OPEN_VERB;
  value: string;
  language: Language;
}

/** The form card; `problem` (a field left empty) stands above the inputs. */
export function requestFormCard(form: RequestFormLayout, problem?: string): AdaptiveCard {
  const body: CardElement[] = [{ type: 'TextBlock', text: form.title, wrap: true, size: 'Large', weight: 'Bolder', style: 'heading' }];
  if (problem) body.push({ type: 'TextBlock', text: problem, wrap: true, color: 'Attention' });
  body.push(
    { type: 'Input.Text', id: FORM_FIELDS.tool, label: form.tool.label, value: form.tool.value, maxLength: form.tool.maxLength, isRequired: true, errorMessage: form.tool.label },
    { type: 'Input.Text', id: FORM_FIELDS.purpose, label: form.purpose.label, placeholder: form.purpose.hint, isMultiline: true, maxLength: form.purpose.maxLength, isRequired: true, errorMessage: form.purpose.label },
  );
  if (form.contexts.items.length > 0) body.push({ type: 'TextBlock', text: form.contexts.label, wrap: true, weight: 'Bolder' });
  for (const item of form.contexts.items) {
    body.push({ type: 'Input.Toggle', id: `${FORM_FIELDS.contextPrefix}${item.id}`, title: `${item.question} (${form.yes})`, value: 'no', valueOn: 'yes', valueOff: 'no' });
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    lang: form.language,
    fallbackText: form.title,
    body,
    actions: [{ type: 'Action.Execute', title: form.submit, verb: REQUEST_SUBMIT_VERB, data: { action: REQUEST_SUBMIT_VERB, state: form.state } }],
    msteams: { width: 'Full' },
  };
}
