// Chat benchmark (issue 10): the cost of normalizeChat per message (Slack, Teams and typed text, with
// and without chatter), and of follow-ups in the core on a 10,000-tool knowledge base: answer
// latency p50/p99 for questions in 10,000 conversations, and the follow-up memory's heap when full.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ComplianceCore } from '../src/core.js';
import { FollowUpMemory } from '../src/follow-up-memory.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { normalizeChat, type ChatSource } from '../src/text/chat.js';
import { generateKnowledgeBase, toolName } from './generate-kb.js';

const MESSAGES: [string, ChatSource][] = [
  ['Darf ich Zoom mit Bürgern nutzen?', 'cli'],
  ['<@U0BOT> Hallo zusammen, kurze Frage: darf ich <https://zoom.us|Zoom> für das Kick-off nutzen? :pray: Viele Grüße, Anna', 'slack'],
  ['<at>Compliance-Bot</at> <p>Hi!</p><p>May I use *Teams* for a confidential call?</p><p>Thanks,<br>Tom</p>', 'teams'],
  ['Ok danke! Und für vertrauliche Gespräche?', 'web'],
  ['Guten Morgen liebe Kolleginnen und Kollegen,\n\nich hätte eine Frage:\nDürfen wir Zoom für Sozialberatung nutzen?\n\nMit freundlichen Grüßen\nAnna Schmidt\nBezirksamt Nord', 'teams'],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function timeEach<T>(items: readonly T[], rounds: number, fn: (item: T) => unknown): number[] {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const t = performance.now();
      fn(item);
      times.push(performance.now() - t);
    }
  }
  return times.sort((a, b) => a - b);
}

// normalizeChat
normalizeChat('warm-up', 'web');
const norm = timeEach(MESSAGES, 4_000, ([text, source]) => normalizeChat(text, source));
console.log(`normalizeChat: ${norm.length} messages, p50 ${(percentile(norm, 50) * 1000).toFixed(1)} µs, p99 ${(percentile(norm, 99) * 1000).toFixed(1)} µs`);

// Follow-ups on 10,000 tools
const dir = await mkdtemp(path.join(tmpdir(), 'chat-bench-'));
try {
  await generateKnowledgeBase(dir, 10_000);
  const kb = await loadKnowledgeBase(dir);
  const core = new ComplianceCore(kb);
  const conversations = 10_000;
  const first = [];
  const follow = [];
  for (let i = 0; i < conversations; i++) {
    const key = `bench:${i}`;
    let t = performance.now();
    await core.ask(`Darf ich ${toolName((i * 7919) % 10_000)} nutzen?`, { platform: 'web', conversationKey: key });
    first.push(performance.now() - t);
    t = performance.now();
    await core.ask(i % 2 === 0 ? 'und mit Bürgern?' : 'what about a confidential call?', { platform: 'web', conversationKey: key });
    follow.push(performance.now() - t);
  }
  first.sort((a, b) => a - b);
  follow.sort((a, b) => a - b);
  console.log(`core, 10,000 tools, ${conversations} conversations: first question p50 ${percentile(first, 50).toFixed(3)} ms, p99 ${percentile(first, 99).toFixed(3)} ms; follow-up p50 ${percentile(follow, 50).toFixed(3)} ms, p99 ${percentile(follow, 99).toFixed(3)} ms`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

// The memory when full
const shipped = await loadKnowledgeBase(new URL('../knowledge', import.meta.url).pathname);
const zoom = await new ComplianceCore(shipped).ask('Darf ich Zoom mit Bürgern nutzen?', { platform: 'cli' });
globalThis.gc?.();
const before = process.memoryUsage().heapUsed;
const memory = new FollowUpMemory();
for (let i = 0; i < 10_000; i++) memory.remember(`slack:T0TEAM:C0CHANNEL:1700000000.${String(i).padStart(6, '0')}`, zoom, shipped);
globalThis.gc?.();
console.log(`follow-up memory: ${memory.size} conversations, about ${((process.memoryUsage().heapUsed - before) / 1024 / 1024).toFixed(1)} MB heap`);
