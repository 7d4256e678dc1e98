// The web chat in a real headless Chromium: typing and Enter, the answer, the language of the UI,
// keyboard use, a small screen, no third-party request, and axe-core (WCAG 2.1 A/AA) on the page
// with an answer shown.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { VERDICTS } from '../src/model/answer.js';
import type { ServerHandle } from '../server/index.js';
import { startTestServer } from './helpers/server.js';
import { describeNeeding, skipUnless } from './helpers/services.js';

const CHROMIUM = '/usr/bin/chromium';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

await describeNeeding(['chromium'], 'web chat in Chromium', () => {
  let server: ServerHandle;
  let browser: Browser;
  before(async () => {
    server = await startTestServer();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the chat; records every request and every script error or CSP violation. */
  async function open(page: Page) {
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(server.url);
    return { requests, problems };
  }

  async function ask(page: Page, question: string): Promise<string> {
    await page.locator('#question').fill(question);
    await page.locator('#question').press('Enter');
    const answer = page.locator('#log .answer').first();
    await answer.waitFor({ timeout: 10_000 });
    return (await answer.getAttribute('data-verdict')) ?? '';
  }

  it('German UI for a German browser: type, press Enter, see the answer with its verdict', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    const { requests, problems } = await open(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    assert.equal(await page.title(), 'Darf ich dieses Tool nutzen?');
    assert.equal(await page.locator('label[for=question]').textContent(), 'Ihre Frage');
    assert.equal(await page.locator('button[type=submit]').textContent(), 'Fragen');

    // Keyboard: the question box is the first stop.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'question');

    await page.keyboard.type('Darf ich Zoom mit Bürgern nutzen?');
    await page.keyboard.press('Enter');
    const answer = page.locator('#log .answer').first();
    await answer.waitFor({ timeout: 10_000 });
    const verdict = (await answer.getAttribute('data-verdict')) ?? '';
    assert.ok((VERDICTS as readonly string[]).includes(verdict), verdict);
    assert.equal(verdict, 'conditional', 'Zoom with citizens is allowed with conditions (needs the real engine)');
    assert.match((await answer.locator('h2').textContent()) ?? '', /Mit Auflagen freigegeben/);
    assert.equal(await page.locator('#log .question').first().textContent(), 'Ihre Frage: Darf ich Zoom mit Bürgern nutzen?');
    assert.equal(await page.inputValue('#question'), '', 'the box is cleared for the next question');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'question', 'focus stays in the box');

    // An empty question is not sent; the hint says why.
    await page.locator('#question').press('Enter');
    assert.equal(await page.locator('#status').textContent(), 'Bitte geben Sie eine Frage ein.');
    assert.equal(await page.locator('#log .entry').count(), 1);

    assert.deepEqual(problems, [], 'no script error, no CSP violation');
    for (const url of requests) assert.ok(url.startsWith(`${server.url}/`) || url.startsWith('data:'), `third-party request: ${url}`);
    await context.close();
  });

  it('English UI for an English browser, readable on a phone, and no WCAG 2.1 A/AA violation with an answer shown', async () => {
    // bypassCSP: axe is injected as an inline script, which the page's own CSP rightly forbids.
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 740 }, bypassCSP: true });
    const page = await context.newPage();
    await open(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('label[for=question]').textContent(), 'Your question');
    assert.equal(await page.locator('button[type=submit]').textContent(), 'Ask');
    assert.equal(await page.getAttribute('#question', 'placeholder'), 'e.g. May I use Zoom with citizens?');

    const verdict = await ask(page, 'May I use Zoom for confidential meetings?');
    assert.ok((VERDICTS as readonly string[]).includes(verdict), verdict);
    await ask(page, 'Welche Videokonferenzsysteme sind freigegeben?');
    assert.equal(await page.locator('#log .entry').count(), 2);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scrolling at 360 px');

    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
    });
    if (violations.length > 0) console.log(JSON.stringify(violations, null, 2));
    assert.equal(violations.length, 0, `axe violations: ${violations.map((v) => v.id).join(', ')}`);
    await context.close();
  });

  it('an unknown tool: "Prüfung beantragen" opens the form, a purpose and a yes are sent, the reply is shown; no WCAG violation in the form', async () => {
    const context = await browser.newContext({ locale: 'de-DE', bypassCSP: true });
    const page = await context.newPage();
    const { problems } = await open(page);
    assert.equal(await ask(page, 'Darf ich Quackmail nutzen?'), 'unknown');
    await page.locator('#log .request-open').click();
    const form = page.locator('#log .request-form');
    await form.waitFor({ timeout: 10_000 });
    assert.equal(await form.locator('input[name=tool]').inputValue(), 'Quackmail', 'the name comes pre-filled');
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Element, opts: object) => Promise<{ violations: { id: string }[] }> } }).axe;
      const result = await axe.run(document.querySelector('.request-form') as Element, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => v.id);
    });
    assert.deepEqual(violations, []);
    // An empty purpose is not sent: the browser's own check stops it (the field is required).
    await form.locator('button[type=submit]').click();
    assert.equal(await form.locator('textarea[name=purpose]').evaluate((el) => (el as HTMLTextAreaElement).validity.valueMissing), true);
    assert.equal(await form.count(), 1, 'the form stays');
    await form.locator('textarea[name=purpose]').fill('Rundmails an Eltern');
    await form.locator('input[name=ctx_citizens][value=yes]').check();
    const sent = page.waitForResponse((r) => r.url().endsWith('/web/request'));
    await form.locator('button[type=submit]').click();
    const response = await sent;
    assert.equal(response.status(), 200, await response.text());
    const done = page.locator('#log .request > p[role=status]');
    await done.waitFor({ timeout: 10_000 });
    assert.match((await done.textContent()) ?? '', /erste Person/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
