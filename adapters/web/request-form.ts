// The request form of the web chat: an HTML fragment the page shows when the answer's "Request an
// assessment" / "I need this too" button is pressed (POST /web/request-form with the button's
// value), sent back as JSON to POST /web/request. Texts come from the neutral form.
import { FORM_FIELDS, type RequestFormLayout } from '../../src/requests/form.js';
import { escapeHtml } from './render.js';

export function requestFormHtml(form: RequestFormLayout): string {
  const id = (name: string) => `rq-${Math.random().toString(36).slice(2, 8)}-${name}`;
  const toolId = id('tool');
  const purposeId = id('purpose');
  const hintId = id('hint');
  const contexts = form.contexts.items
    .map((item) => {
      const name = `${FORM_FIELDS.contextPrefix}${item.id}`;
      return (
        `<fieldset class="yes-no"><legend>${escapeHtml(item.question)}</legend>` +
        `<label><input type="radio" name="${escapeHtml(name)}" value="yes"> ${escapeHtml(form.yes)}</label>` +
        `<label><input type="radio" name="${escapeHtml(name)}" value="no" checked> ${escapeHtml(form.no)}</label></fieldset>`
      );
    })
    .join('');
  return (
    `<form class="request-form" data-state="${escapeHtml(form.state)}" lang="${form.language}">` +
    `<h3>${escapeHtml(form.title)}</h3>` +
    `<label for="${toolId}">${escapeHtml(form.tool.label)}</label>` +
    `<input id="${toolId}" name="${FORM_FIELDS.tool}" required maxlength="${form.tool.maxLength}" value="${escapeHtml(form.tool.value)}">` +
    `<label for="${purposeId}">${escapeHtml(form.purpose.label)}</label>` +
    `<textarea id="${purposeId}" name="${FORM_FIELDS.purpose}" required maxlength="${form.purpose.maxLength}" rows="3" aria-describedby="${hintId}"></textarea>` +
    `<p id="${hintId}" class="hint">${escapeHtml(form.purpose.hint)}</p>` +
    (contexts ? `<p class="contexts">${escapeHtml(form.contexts.label)}</p>${contexts}` : '') +
    `<p class="row"><button type="submit">${escapeHtml(form.submit)}</button> <button type="button" class="cancel">${escapeHtml(form.cancel)}</button></p>` +
    `<p class="request-status" role="status"></p></form>`
  );
}
