// The web chat page: plain HTML, CSS and a small script, served from this server only (no build
// step, no CDN, no external fonts). The server picks the first language from Accept-Language; the
// script then follows navigator.language. Answers are rendered on the server (render.ts); an
// answer may carry a slot for the optional LLM explanation, which the script fetches afterwards.
import type { Language } from '../../src/model/language.js';
import { phrases } from '../../src/phrases/index.js';
import { escapeHtml } from './render.js';

/** The page's own texts, from the phrase book (src/phrases). */
export function uiStrings(lang: Language) {
  const t = phrases(lang);
  return { ...t.web, placeholder: t.ui.askPlaceholder, button: t.ui.askButton, failure: t.ui.failure, examplesLabel: t.chat.assistant.promptsTitle };
}

export type UiStrings = ReturnType<typeof uiStrings>;

/** Example questions per language (src/layout/example-questions.ts), offered under the input. */
export type PageExamples = Record<Language, readonly string[]>;

export function renderPage(lang: Language, organization: string, examples: PageExamples = { de: [], en: [] }): string {
  const s = uiStrings(lang);
  // `<` is escaped in the JSON so no text can close the data block.
  const strings = JSON.stringify({ de: { ...uiStrings('de'), examples: examples.de }, en: { ...uiStrings('en'), examples: examples.en } }).replace(/</g, '\\u003c');
  const buttons = examples[lang].map((q) => `<button type="button" class="example">${escapeHtml(q)}</button>`).join('');
  const offered = buttons === '' ? '' : `<div id="examples" class="examples"><span data-i18n="examplesLabel">${escapeHtml(s.examplesLabel)}</span> ${buttons}</div>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="web/app.css">
<script type="application/json" id="ui-strings">${strings}</script>
<script src="web/app.js" defer></script>
</head>
<body>
<header class="top">
<p class="org">${escapeHtml(organization)}</p>
<h1 data-i18n="title">${escapeHtml(s.title)}</h1>
<p data-i18n="intro">${escapeHtml(s.intro)}</p>
</header>
<main>
<form id="ask-form" class="ask" novalidate>
<label for="question" data-i18n="label">${escapeHtml(s.label)}</label>
<div class="row">
<input id="question" name="question" type="text" autocomplete="off" enterkeyhint="send" aria-describedby="status" placeholder="${escapeHtml(s.placeholder)}" data-i18n-placeholder="placeholder">
<button type="submit" data-i18n="button">${escapeHtml(s.button)}</button>
</div>
${offered}
<p id="status" class="status"></p>
</form>
<noscript><p class="status" data-i18n="noscript">${escapeHtml(s.noscript)}</p></noscript>
<section class="answers" aria-labelledby="log-title">
<h2 id="log-title" class="visually-hidden" data-i18n="log">${escapeHtml(s.log)}</h2>
<div id="log" class="log" role="log" aria-live="polite"></div>
</section>
</main>
</body>
</html>
`;
}

export const PAGE_CSS = `
:root { color-scheme: light; --fg: #1b1b1b; --muted: #4a4a4a; --bg: #f6f7f9; --card: #fff; --line: #c9ced6; --focus: #0b57d0; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.top, main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
.top { padding-bottom: 0; }
.org { margin: 0; color: var(--muted); font-size: .9rem; }
h1 { font-size: 1.6rem; margin: .25rem 0 .5rem; }
.ask label { display: block; font-weight: 600; margin-bottom: .25rem; }
.row { display: flex; gap: .5rem; flex-wrap: wrap; }
.row input { flex: 1 1 14rem; min-width: 0; font: inherit; padding: .65rem .75rem; border: 2px solid #6b7280; border-radius: .4rem; background: #fff; color: var(--fg); }
.row input::placeholder { color: #595959; }
button { font: inherit; font-weight: 600; padding: .65rem 1.25rem; min-height: 2.75rem; border: 2px solid #0b57d0; border-radius: .4rem; background: #0b57d0; color: #fff; cursor: pointer; }
button:hover { background: #0842a0; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.status { min-height: 1.5rem; margin: .25rem 0 0; color: #8c1d18; }
.log { display: flex; flex-direction: column; gap: 1rem; margin-top: .5rem; }
.entry { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; overflow-wrap: anywhere; }
.question { margin: 0 0 .5rem; font-weight: 600; }
.question .who { color: var(--muted); font-weight: 400; }
.pending { color: var(--muted); }
.error { color: #8c1d18; }
.answer { border-left: .4rem solid #5f6368; padding-left: .75rem; }
.answer h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
.answer h3 { font-size: 1.05rem; margin: .75rem 0 .25rem; }
.answer h4 { font-size: 1rem; margin: .5rem 0 .15rem; }
.answer ul { margin: .25rem 0; padding-left: 1.25rem; }
.answer p { margin: .35rem 0; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-weight: 600; font-size: .95rem; border: 1px solid currentColor; }
.warning { background: #fff4d6; color: #5c3700; border-radius: .3rem; padding: .35rem .5rem; }
.updated, .contexts, .assumed { color: var(--muted); font-size: .95rem; }
.step { font-weight: 600; }
details.part { margin: .35rem 0; }
details.part summary { cursor: pointer; font-weight: 600; padding: .15rem 0; }
a { color: #0b57d0; }
.tool.own { border-left-width: .25rem; border-left-style: solid; padding-left: .6rem; margin-top: .75rem; }
.verdict-allowed { border-color: #1e7b34; } .badge.verdict-allowed { background: #e6f4ea; color: #0f5323; }
.verdict-conditional { border-color: #b26a00; } .badge.verdict-conditional { background: #fff4d6; color: #5c3700; }
.verdict-not_allowed { border-color: #b3261e; } .badge.verdict-not_allowed { background: #fde7e9; color: #8c1d18; }
.verdict-pending { border-color: #1a56b8; } .badge.verdict-pending { background: #e8f0fe; color: #0b3d91; }
.verdict-unknown, .verdict-unclear, .verdict-list { border-color: #5f6368; }
.badge.verdict-unknown, .badge.verdict-unclear, .badge.verdict-list { background: #f1f3f4; color: #303336; }
.feedback, .confirm { display: flex; gap: .5rem; margin-top: .75rem; }
.confirm button { background: #1a56b8; color: #fff; border: 0; padding: .35rem .8rem; border-radius: .3rem; font: inherit; cursor: pointer; }
.feedback button { background: #fff; color: #1a56b8; border: 1px solid #1a56b8; padding: .35rem .8rem; border-radius: .3rem; font: inherit; cursor: pointer; }
.feedback button:focus-visible { outline: 3px solid #1a56b8; outline-offset: 2px; }
.icon { width: 1.15em; height: 1.15em; vertical-align: -0.2em; flex: none; }
.answer h2 .icon { width: 1.3em; height: 1.3em; }
.note { color: var(--muted); }
.small { color: var(--muted); font-size: .9rem; }
.nowrap { white-space: nowrap; }
.examples { margin: .5rem 0 0; color: var(--muted); }
.examples button.example { margin: .25rem .25rem 0 0; padding: .2rem .6rem; font: inherit; font-size: .9rem; color: var(--fg); background: var(--card); border: 1px solid var(--line); border-radius: 1rem; cursor: pointer; }
.explanation { background: #f4f6fb; border-radius: .3rem; padding: .35rem .6rem; margin-top: .5rem; }
.decision { background: #f4f6fb; border-radius: .3rem; padding: .2rem .6rem; }
.vendor { color: var(--muted); font-weight: 400; }
.request-form { display: grid; gap: .35rem; margin-top: .75rem; padding: .75rem; border: 1px solid #c9d3e6; border-radius: .3rem; }
.request-form h3 { margin: 0 0 .25rem; font-size: 1rem; }
.request-form input, .request-form textarea { font: inherit; padding: .35rem; border: 1px solid #8a94a6; border-radius: .25rem; }
.request-form .hint { margin: 0; color: var(--muted); font-size: .9rem; }
.request-form fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
.request-form legend { float: left; margin-right: 1rem; }
.request-open { background: #fff; color: #1a56b8; border: 1px solid #1a56b8; padding: .35rem .8rem; border-radius: .3rem; font: inherit; cursor: pointer; margin-top: .75rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (max-width: 30rem) { h1 { font-size: 1.35rem; } .row button { flex: 1 1 100%; } }
`;

export const PAGE_JS = `'use strict';
(function () {
  var all = JSON.parse(document.getElementById('ui-strings').textContent);
  var lang = /^de\\b/i.test(navigator.language || '') ? 'de' : 'en';
  var t = all[lang];
  document.documentElement.lang = lang;
  document.title = t.title;
  document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t[el.dataset.i18n]; });
  document.querySelectorAll('[data-i18n-placeholder]').forEach(function (el) { el.placeholder = t[el.dataset.i18nPlaceholder]; });

  var form = document.getElementById('ask-form');
  var input = document.getElementById('question');
  var status = document.getElementById('status');
  var log = document.getElementById('log');

  // Example questions: in the page's language, asked with one click.
  var examples = document.getElementById('examples');
  if (examples) {
    examples.querySelectorAll('button').forEach(function (b, i) { if (t.examples[i]) b.textContent = t.examples[i]; });
    examples.addEventListener('click', function (event) {
      var button = event.target.closest('button.example');
      if (!button) return;
      input.value = button.textContent;
      if (form.requestSubmit) form.requestSubmit();
      else form.dispatchEvent(new Event('submit', { cancelable: true }));
    });
  }
  // One conversation per page load, for follow-ups ("und mit Bürgern?"): a random id kept only in
  // this page (not stored, no cookie); the server holds what it refers to for 10 minutes.
  // Cryptographically random: randomUUID, else 16 bytes of getRandomValues (an id that could be
  // guessed would let someone else follow up this conversation).
  var session = crypto.randomUUID ? crypto.randomUUID() : Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (b) { return (b + 256).toString(16).slice(1); }).join('');
  // The request form (REQUEST_JS) files a request under this page's session too.
  log.dataset.session = session;

  var confirmChoice = null;
  // Yes / no under a question back: the button's reply is sent like a typed one, in this session.
  log.addEventListener('click', function (event) {
    var button = event.target.closest('.confirm button');
    if (!button) return;
    button.parentElement.remove();
    input.value = button.dataset.reply;
    confirmChoice = button.dataset.choice;
    form.requestSubmit();
  });

  // "Helpful / not helpful": one click per answer; the buttons give way to a thank-you.
  log.addEventListener('click', function (event) {
    var button = event.target.closest('.feedback button');
    if (!button) return;
    var box = button.parentElement;
    fetch('web/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        verdict: box.dataset.verdict,
        toolIds: box.dataset.tools ? box.dataset.tools.split(',') : [],
        helpful: button.dataset.helpful === 'true',
      }),
    }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      box.textContent = box.dataset.thanks;
      box.setAttribute('role', 'status');
    }).catch(function () {
      status.textContent = t.failure;
    });
  });

  // The answer is shown at once; an explanation worded by the optional language model is fetched
  // by a second request and shown when it arrives (or a short note when it does not).
  function explain(entry) {
    var slot = entry.querySelector('.explanation-slot');
    if (!slot) return;
    fetch(slot.dataset.explain, { headers: { Accept: 'text/html' } })
      .then(function (res) {
        if (res.status === 204) return '';
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (html) {
        if (html === '') slot.remove();
        else slot.innerHTML = html;
      })
      .catch(function () {
        slot.textContent = t.explanationFailed;
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (question === '') {
      status.textContent = t.empty;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    status.textContent = '';
    input.value = '';

    var entry = document.createElement('div');
    entry.className = 'entry';
    var asked = document.createElement('p');
    asked.className = 'question';
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = t.you;
    asked.append(who, ' ', question);
    var pending = document.createElement('p');
    pending.className = 'pending';
    pending.textContent = t.wait;
    entry.append(asked, pending);
    // Newest first: the answer appears right below the question box, also on a small screen.
    log.prepend(entry);
    log.setAttribute('aria-busy', 'true');

    // A pressed yes/no is sent as such (the server turns it into the typed reply), once.
    var choice = confirmChoice;
    confirmChoice = null;
    fetch('web/ask', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/html' },
      body: JSON.stringify(choice ? { question: question, session: session, confirm: choice } : { question: question, session: session }),
    })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (html) {
        pending.remove();
        entry.insertAdjacentHTML('beforeend', html);
        explain(entry);
      })
      .catch(function () {
        pending.className = 'error';
        pending.textContent = t.failure;
      })
      .finally(function () {
        log.removeAttribute('aria-busy');
      });
  });
})();

// The request form: its own function, reading what it needs from the page.
(function () {
  var all = JSON.parse(document.getElementById('ui-strings').textContent);
  var t = all[document.documentElement.lang === 'de' ? 'de' : 'en'];
  var log = document.getElementById('log');
  var status = document.getElementById('status');
  // "Request an assessment" / "I need this too": the button gives way to the form the server sends;
  // the form is sent as JSON, and the server's reply (or the problem with a field) shown in it.
  log.addEventListener('click', function (event) {
    var button = event.target.closest('.request-open');
    if (button) {
      var box = button.parentElement;
      button.disabled = true;
      fetch('web/request-form', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/html' },
        body: JSON.stringify({ value: box.dataset.request }),
      }).then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      }).then(function (html) {
        box.innerHTML = html;
        var first = box.querySelector('textarea');
        if (first) first.focus();
      }).catch(function () {
        button.disabled = false;
        status.textContent = t.failure;
      });
      return;
    }
    var cancel = event.target.closest('.request-form .cancel');
    if (cancel) cancel.closest('.request-form').remove();
  });
  log.addEventListener('submit', function (event) {
    var requestForm = event.target.closest('.request-form');
    if (!requestForm) return;
    event.preventDefault();
    var fields = {};
    new FormData(requestForm).forEach(function (value, key) { fields[key] = String(value); });
    var said = requestForm.querySelector('.request-status');
    fetch('web/request', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: requestForm.dataset.state, fields: fields, session: log.dataset.session }),
    }).then(function (res) {
      if (!res.ok && res.status !== 422) throw new Error('HTTP ' + res.status);
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (r) {
      if (r.ok) {
        var done = document.createElement('p');
        done.setAttribute('role', 'status');
        done.textContent = r.body.text;
        requestForm.replaceWith(done);
      } else {
        said.textContent = r.body.text;
        var field = requestForm.querySelector('[name="' + r.body.field + '"]');
        if (field) { field.setAttribute('aria-invalid', 'true'); field.focus(); }
      }
    }).catch(function () {
      said.textContent = t.failure;
    });
  });

})();
`;
