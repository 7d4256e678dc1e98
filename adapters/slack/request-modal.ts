// The request form as a Slack modal (views.open), and its submitted values read back
// (view_submission) into the neutral fields of src/requests/form.ts. Texts come from the form.
import type { types as SlackTypes } from '@slack/bolt';
import { FORM_FIELDS, type RequestFormLayout } from '../../src/requests/form.js';

/** callback_id of the modal; its private_metadata is the form's state. */
export const REQUEST_VIEW = 'request-form';
/** action_id of the buttons that open it; their value is the request action's payload. */
export const REQUEST_OPEN_ACTION = 'request-open';

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: text.length > max ? `${text.slice(0, max - 1)}…` : text });

/** The modal: the tool (pre-filled, correctable), the purpose, one yes/no per context. */
export function requestModal(form: RequestFormLayout): SlackTypes.ModalView {
  const yes = { text: plain(form.yes, 75), value: 'yes' };
  const no = { text: plain(form.no, 75), value: 'no' };
  const blocks: SlackTypes.KnownBlock[] = [
    {
      type: 'input',
      block_id: FORM_FIELDS.tool,
      label: plain(form.tool.label, 2000),
      element: { type: 'plain_text_input', action_id: FORM_FIELDS.tool, max_length: form.tool.maxLength, ...(form.tool.value ? { initial_value: form.tool.value } : {}) },
    },
    {
      type: 'input',
      block_id: FORM_FIELDS.purpose,
      label: plain(form.purpose.label, 2000),
      hint: plain(form.purpose.hint, 2000),
      element: { type: 'plain_text_input', action_id: FORM_FIELDS.purpose, multiline: true, max_length: form.purpose.maxLength },
    },
  ];
  if (form.contexts.items.length > 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: form.contexts.label } });
  for (const item of form.contexts.items.slice(0, 90)) {
    blocks.push({
      type: 'input',
      block_id: `${FORM_FIELDS.contextPrefix}${item.id}`,
      optional: true,
      label: plain(item.question, 2000),
      element: { type: 'radio_buttons', action_id: 'answer', options: [yes, no], initial_option: no },
    });
  }
  return {
    type: 'modal',
    callback_id: REQUEST_VIEW,
    private_metadata: form.state,
    title: plain(form.title, 24),
    submit: plain(form.submit, 24),
    close: plain(form.cancel, 24),
    blocks,
  };
}

interface StateValue {
  value?: string | null;
  selected_option?: { value?: string } | null;
}

/** view.state.values of a submitted modal as the form's fields (`tool`, `purpose`, `ctx_<id>`). */
export function readModalValues(values: Readonly<Record<string, Readonly<Record<string, StateValue>>>>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    for (const v of Object.values(actions)) fields[blockId] = v.selected_option?.value ?? v.value ?? '';
  }
  return fields;
}
