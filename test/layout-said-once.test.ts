// "Nothing said twice" (issue 11): over the answers to every message of the labelled set (German and
// English, the shipped knowledge base and the test catalogue, from the real core) and the renderer
// set, no surface repeats a line within one tool's part of an answer, no label is repeated by its
// value, and what every tool of a comparison would say alike (the same source, the same alternative,
// the same warning) is said once.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { evaluateUnderstanding, type MessageResult } from '../bench/understanding/evaluate.js';
import { VERDICTS, type Answer } from '../src/model/answer.js';
import type { Language } from '../src/model/language.js';
import { itemText, layoutAnswer } from '../src/layout/answer-layout.js';
import type { Section } from '../src/layout/types.js';
import { phrases } from '../src/phrases/index.js';
import { answerSet } from './helpers/answer-set.js';
import { SURFACE_TEXT } from './helpers/surface-text.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Lines short enough to be markers, bullets or dates, and single words (a state in a table), are not
 * sentences anyone would notice twice. */
const MIN_LINE = 12;

let answers: { name: string; answer: Answer }[] = [];

before(async () => {
  const { results } = await evaluateUnderstanding();
  answers = [
    ...results.map((r: MessageResult) => ({ name: `${r.message.id} "${r.message.text.slice(0, 60)}"`, answer: r.answer })),
    ...answerSet().map((s) => ({ name: s.name, answer: s.answer })),
  ];
});

/** "… und 5 weitere", which closes each cut list: the same words after every list, not a repeat. */
function isMoreLine(line: string, lang: Language): boolean {
  const [pre = '', post = ''] = phrases(lang).ui.moreItems(7).split('7');
  return line.startsWith(pre) && line.endsWith(post) && /^\d+$/.test(line.slice(pre.length, line.length - post.length));
}

/** Lines of a rendered answer that are repeated. */
function repeatedLines(text: string, lang: Language): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = squash(raw.replace(/^[-•◦*]\s*/, ''));
    if (line.length < MIN_LINE || !line.includes(' ') || isMoreLine(line, lang)) continue;
    if (seen.has(line)) twice.add(line);
    seen.add(line);
  }
  return [...twice];
}

/** The texts a tool's section says besides its own labels: list items, facts, notes, warnings. */
function toolTexts(tool: Extract<Section, { kind: 'tool' }>, roles: readonly string[]): string[] {
  return tool.sections.flatMap((s) =>
    s.kind === 'list' && roles.includes(s.role) ? s.items.map(itemText) : s.kind === 'warning' && roles.includes(s.role) ? [s.text] : [],
  );
}

describe('nothing said twice', () => {
  it('the set is large and has every verdict in both languages', () => {
    assert.ok(answers.length > 600, `${answers.length} answers`);
    for (const lang of ['de', 'en']) {
      const verdicts = new Set(answers.filter((a) => a.answer.language === lang).map((a) => a.answer.verdict));
      assert.equal(verdicts.size, VERDICTS.length, `${lang}: ${[...verdicts].join(', ')}`);
    }
  });

  it('an answer about one tool repeats no line on any surface', () => {
    const found: string[] = [];
    for (const { name, answer } of answers.filter((a) => a.answer.tools.length <= 1)) {
      for (const [surface, render] of Object.entries(SURFACE_TEXT)) {
        for (const line of repeatedLines(render(answer), answer.language)) found.push(`${surface}, ${name}: "${line}"`);
      }
    }
    assert.deepEqual(found, []);
  });

  it('no label is repeated by its value, and no headline says its verdict twice', () => {
    const found: string[] = [];
    const fold = (s: string) => squash(s).toLowerCase();
    for (const { name, answer } of answers) {
      const layout = layoutAnswer(answer);
      const walk = (s: Section): void => {
        if (s.kind === 'headline') {
          const times = fold(s.title).split(fold(s.label)).length - 1;
          if (times > 1) found.push(`${name}: headline "${s.title}"`);
        }
        if (s.kind === 'contact' && (fold(s.text).includes(fold(s.label)) || fold(s.label).includes(fold(s.text)))) found.push(`${name}: contact "${s.label}: ${s.text}"`);
        if (s.kind === 'fact' && s.label && fold(s.text).startsWith(fold(s.label))) found.push(`${name}: fact "${s.label}: ${s.text}"`);
        if (s.kind === 'list') for (const i of s.items) if (fold(i.text) === fold(s.label)) found.push(`${name}: list "${s.label}"`);
        if (s.kind === 'tool') s.sections.forEach(walk);
      };
      layout.sections.forEach(walk);
    }
    assert.deepEqual(found, []);
  });

  it('what every tool of a comparison would say alike is said once, after the tools', () => {
    const found: string[] = [];
    let comparisons = 0;
    for (const { name, answer } of answers) {
      const tools = layoutAnswer(answer).sections.filter((s): s is Extract<Section, { kind: 'tool' }> => s.kind === 'tool' && !s.brief);
      if (tools.length < 2) continue;
      comparisons++;
      const [first, ...rest] = tools.map((t) => new Set(toolTexts(t, ['sources', 'alternatives', 'stale'])));
      for (const text of first ?? []) if (rest.every((r) => r.has(text))) found.push(`${name}: "${text}" in every tool`);
    }
    assert.ok(comparisons >= 10, `${comparisons} comparisons in the set`);
    assert.deepEqual(found, []);
  });
});
