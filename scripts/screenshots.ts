// Screenshots of the web chat in Debian's Chromium, one per verdict kind, desktop (1280 px) and
// phone (390 px) wide: `npm run screenshots [-- OUT_DIR]` (default screenshots/, git-ignored).
// It starts the real server on a small catalogue with every verdict kind (the renderer contract's,
// test/helpers/answer-set.ts), types each question into the page and photographs the answer.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { chromium } from 'playwright-core';
import { startServer } from '../server/index.js';
import { loadConfig } from '../src/config.js';
import { ANSWER_SET_FILES } from '../test/helpers/answer-set.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const out = path.resolve(process.argv[2] ?? 'screenshots');

const QUESTIONS: { kind: string; locale: string; q: string }[] = [
  { kind: 'allowed', locale: 'de-DE', q: 'Darf ich Jitsi Meet nutzen?' },
  { kind: 'conditional', locale: 'de-DE', q: 'Darf ich Zoom-Meetings aufzeichnen?' },
  { kind: 'not_allowed', locale: 'de-DE', q: 'Darf ich Zoom für ein vertrauliches Gespräch nutzen?' },
  { kind: 'not_allowed-decision', locale: 'de-DE', q: 'Darf ich Chatty nutzen?' },
  { kind: 'pending', locale: 'de-DE', q: 'Wann wird über Teams entschieden?' },
  { kind: 'unknown', locale: 'de-DE', q: 'Darf ich Quackmail nutzen?' },
  { kind: 'unclear', locale: 'de-DE', q: 'Hallo' },
  { kind: 'list', locale: 'de-DE', q: 'Welche Videokonferenzsysteme sind freigegeben?' },
  { kind: 'pending-en', locale: 'en-GB', q: 'When will Teams be decided?' },
];

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

const root = await mkdtemp(path.join(tmpdir(), 'cb-shots-'));
const kbDir = path.join(root, 'knowledge');
await mkdir(path.join(kbDir, 'tools'), { recursive: true });
for (const [file, text] of Object.entries(ANSWER_SET_FILES)) await writeFile(path.join(kbDir, file), text);
await mkdir(out, { recursive: true });

const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', KNOWLEDGE_DIR: kbDir, STORAGE_URL: `sqlite:${path.join(root, 'shots.sqlite')}` });
const server = await startServer(config, { logger: pino({ level: 'silent' }) });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
const written: string[] = [];
try {
  for (const vp of VIEWPORTS) {
    for (const { kind, locale, q } of QUESTIONS) {
      const context = await browser.newContext({ locale, viewport: { width: vp.width, height: vp.height }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.locator('#question').fill(q);
      await page.locator('#question').press('Enter');
      await page.locator('#log .answer').first().waitFor({ timeout: 10_000 });
      const file = path.join(out, `${kind}-${vp.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      written.push(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  await rm(root, { recursive: true, force: true });
}
process.stdout.write(`${written.length} screenshots in ${out}\n`);
