// Reading matter for a reviewer of the answers (issue 11): `npm run review-answers [-- de|en [OUT_DIR]]`
// writes OUT_DIR/answers-<lang>.md (default answer-review/, git-ignored) with up to 30 answers of
// each verdict kind, each as a reader sees it on every surface: plain text (CLI, notifications'
// wording), Slack, Teams and the web chat. The answers come from the real core over the shipped
// knowledge base and the understanding bench's test catalogue: first the labelled messages of the
// language, then, where a kind has fewer than 30, questions built from the catalogues' own entries
// (a tool's name, a category's label, a context's label, a tool only the other catalogue knows).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { evaluateUnderstanding } from '../bench/understanding/evaluate.js';
import type { KbName } from '../bench/understanding/set.js';
import type { Answer, Verdict } from '../src/model/answer.js';
import { ComplianceCore } from '../src/core.js';
import { localize, type KnowledgeBase } from '../src/kb/model.js';
import type { Language } from '../src/model/language.js';
import { phrases } from '../src/phrases/index.js';
import { SURFACE_TEXT } from '../test/helpers/surface-text.js';

const PER_KIND = 30;
const VERDICTS: Verdict[] = ['allowed', 'conditional', 'not_allowed', 'pending', 'list', 'unknown', 'unclear'];

const lang: Language = process.argv[2] === 'en' ? 'en' : 'de';
const out = path.resolve(process.argv[3] ?? 'answer-review');

/** Questions built from a catalogue's entries, to top up the kinds the labelled set has few of. */
const TEMPLATES: Record<Language, { tool: (t: string) => string; toolIn: (t: string, c: string) => string; category: (c: string) => string; context: (c: string) => string }> = {
  de: {
    tool: (t) => `Darf ich ${t} nutzen?`,
    toolIn: (t, c) => `Darf ich ${t} nutzen? Es geht um ${c}.`,
    category: (c) => `Welche Tools der Kategorie ${c} sind freigegeben?`,
    context: (c) => `Was muss ich bei ${c} beachten?`,
  },
  en: {
    tool: (t) => `May I use ${t}?`,
    toolIn: (t, c) => `May I use ${t}? It is about ${c}.`,
    category: (c) => `Which ${c} tools are approved?`,
    context: (c) => `What do I need to consider for ${c}?`,
  },
};

function builtQuestions(own: KnowledgeBase, other: KnowledgeBase): string[] {
  const t = TEMPLATES[lang];
  const contexts = [...own.contexts.values()].map((c) => localize(c.label, lang));
  const q: string[] = [];
  for (const tool of own.tools.values()) {
    q.push(t.tool(tool.name));
    for (const c of contexts.slice(0, 3)) q.push(t.toolIn(tool.name, c));
  }
  for (const c of own.categories.values()) q.push(t.category(localize(c.label, lang)));
  for (const c of contexts) q.push(t.context(c));
  const ownNames = new Set([...own.tools.values()].flatMap((x) => [x.name, ...x.aliases].map((n) => n.toLowerCase())));
  for (const tool of other.tools.values()) if (!ownNames.has(tool.name.toLowerCase())) q.push(t.tool(tool.name));
  return q;
}

const { results, kbs } = await evaluateUnderstanding();
const picked = new Map<Verdict, { question: string; kb: KbName; answer: Answer }[]>(VERDICTS.map((v) => [v, []]));
const take = (question: string, kb: KbName, answer: Answer) => {
  const list = picked.get(answer.verdict);
  if (list && list.length < PER_KIND && !list.some((x) => x.question === question)) list.push({ question, kb, answer });
};
for (const r of results) if (r.message.lang === lang) take(r.message.text, r.message.kb, r.answer);
for (const [kb, other] of [['shipped', 'catalog'], ['catalog', 'shipped']] as const) {
  const core = new ComplianceCore(kbs[kb]);
  for (const question of builtQuestions(kbs[kb], kbs[other])) {
    if (VERDICTS.every((v) => (picked.get(v)?.length ?? 0) >= PER_KIND)) break;
    const answer = await core.ask(question, { platform: 'cli' });
    if (answer.language === lang) take(question, kb, answer);
  }
}

const p = phrases(lang);
const lines: string[] = [`# ${lang === 'de' ? 'Antworten zur Durchsicht' : 'Answers for review'} (${lang})`, ''];
for (const verdict of VERDICTS) {
  const list = picked.get(verdict) ?? [];
  lines.push(`## ${p.verdict[verdict]} (${verdict}): ${list.length}`, '');
  list.forEach(({ question, kb, answer }, i) => {
    lines.push(`### ${verdict} ${i + 1} — ${kb}: ${question.replace(/\s+/g, ' ').slice(0, 160)}`, '');
    for (const [surface, render] of Object.entries(SURFACE_TEXT)) lines.push(`${surface}:`, '```text', render(answer).trim(), '```', '');
  });
}
await mkdir(out, { recursive: true });
const file = path.join(out, `answers-${lang}.md`);
await writeFile(file, lines.join('\n'));
const counts = VERDICTS.map((v) => `${v} ${picked.get(v)?.length ?? 0}`).join(', ');
process.stdout.write(`${file}: ${counts}\n`);
