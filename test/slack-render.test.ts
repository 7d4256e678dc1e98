// Block Kit rendering of answers and notices, and the small pure helpers of the Slack adapter
// (slash-command parsing, incoming mrkdwn, failure message, event dedupe).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createMemoryDedupe, createStoredDedupe } from '../src/storage/dedupe.js';
import { renderFailure } from '../adapters/slack/failure.js';
import { LIMITS, slackToPlainText, truncate } from '../adapters/slack/mrkdwn.js';
import { parseSlashText } from '../adapters/slack/question.js';
import { renderAnswerBlocks, renderNoticeBlocks, type Block, type SlackMessage } from '../adapters/slack/render.js';
import { VERDICTS, type Answer, type AnswerTool, type ToolVerdict } from '../src/model/answer.js';
import type { ChangeNotice } from '../src/model/change-notice.js';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { phrases as messages } from '../src/phrases/index.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';

const TOOL_VERDICTS: ToolVerdict[] = ['allowed', 'conditional', 'not_allowed', 'pending'];

function makeTool(over: Partial<AnswerTool> = {}): AnswerTool {
  return {
    id: 'tool',
    name: 'Tool',
    status: 'restricted',
    verdict: 'conditional',
    conditions: [],
    reasons: [],
    category: null,
    assessment: [],
    alternatives: [],
    sources: [],
    updated: '2021-03-26',
    reviewOverdue: false,
    ...over,
  };
}

function makeAnswer(over: Partial<Answer> = {}): Answer {
  return {
    question: 'q',
    language: 'en',
    verdict: 'conditional',
    tools: [],
    contexts: [],
    category: null,
    unknownTool: null,
    text: 'plain text',
    sources: [],
    headline: '',
    contextLabels: [],
    categoryLabel: null,
    alternatives: [],
    contact: null,
    truncated: false,
    kbVersion: 'v1',
    ...over,
  };
}

/** Every text a reader sees, joined. */
function shown(message: SlackMessage): string {
  const walk = (v: unknown): string =>
    typeof v === 'string' ? v : Array.isArray(v) ? v.map(walk).join('\n') : v && typeof v === 'object' ? Object.values(v).map(walk).join('\n') : '';
  return walk(message.blocks);
}

/** The "Notify me" buttons (one per tool shown). */
function buttons(blocks: Block[]): any[] {
  return blocks.filter((b) => b.type === 'actions').flatMap((b: any) => b.elements).filter((e: any) => String(e.action_id).startsWith('notify:'));
}

/** Asserts every Block Kit limit the renderer promises to keep. */
function assertWithinLimits(message: SlackMessage): void {
  const { blocks } = message;
  assert.ok(blocks.length <= LIMITS.blocksPerMessage, `${blocks.length} blocks`);
  assert.ok(message.text.length <= LIMITS.messageText);
  const blockIds = blocks.map((b: any) => b.block_id).filter((id) => id !== undefined);
  assert.equal(new Set(blockIds).size, blockIds.length, 'block ids must be unique');
  for (const b of blocks as any[]) {
    if (b.type === 'section') assert.ok(b.text.text.length <= LIMITS.sectionText && b.text.text.length > 0, 'section text');
    if (b.type === 'context') {
      assert.ok(b.elements.length >= 1 && b.elements.length <= LIMITS.contextElements);
      for (const e of b.elements) assert.ok(e.text.length <= LIMITS.contextElementText);
    }
    if (b.type === 'actions') {
      assert.ok(b.elements.length >= 1 && b.elements.length <= LIMITS.actionsElements);
      for (const e of b.elements) {
        assert.ok(e.text.text.length <= LIMITS.buttonText, `button text ${e.text.text.length}`);
        assert.ok(e.action_id.length <= 255 && e.value.length <= LIMITS.buttonValue);
      }
    }
  }
  const actionIds = buttons(blocks).map((e) => e.action_id);
  assert.equal(new Set(actionIds).size, actionIds.length, 'action ids must be unique');
}

describe('renderAnswerBlocks with the shipped knowledge base', () => {
  let engine: Engine;
  before(async () => {
    const kb: KnowledgeBase = await loadKnowledgeBase(new URL('../knowledge', import.meta.url).pathname);
    engine = createEngine(kb);
  });
  const render = (q: string) => renderAnswerBlocks(engine.answer(q, { now: new Date('2021-10-15') }));

  it('Zoom with citizens: conditional marker and label, conditions, assessment, dated source, overdue review, context, button', () => {
    const m = messages('de');
    const msg = render('Darf ich Zoom mit Bürgern nutzen?');
    const text = shown(msg);
    assert.ok(text.includes(m.marker.conditional), text);
    assert.ok(text.includes(m.verdict.conditional), text);
    assert.ok(text.includes(`*${m.ui.conditions}*`), text);
    assert.ok(text.includes('Nur für nicht vertrauliche Gespräche'), text);
    // Assessment steps are shown while a tool is pending or not allowed, not for a conditional one.
    assert.ok(!text.includes(m.ui.assessment), text);
    assert.ok(text.includes('Senatskanzlei'), text);
    assert.ok(text.includes('26.03.2021'), 'source and update dates in German format');
    assert.ok(text.includes(m.ui.reviewOverdue('30.09.2021')), 'review overdue');
    assert.ok(text.includes(`${m.ui.contexts}: Bürgerinnen und Bürger`), text);
    const [button, ...rest] = buttons(msg.blocks);
    assert.equal(rest.length, 0);
    assert.equal(button.action_id, 'notify:zoom');
    assert.equal(button.value, 'zoom');
    assert.equal(button.text.text, m.ui.notifyMe);
    assert.ok(msg.text.startsWith(`${m.marker.conditional} Zoom`), msg.text);
    assertWithinLimits(msg);
  });

  it('Zoom for a confidential call: not allowed with the reason, in English', () => {
    const m = messages('en');
    const msg = render('May I use Zoom for a confidential call?');
    const text = shown(msg);
    assert.ok(text.includes(`${m.marker.not_allowed} Zoom: ${m.verdict.not_allowed}`), text);
    // The violated restriction is shown as a restriction, not as a reason.
    assert.ok(text.includes(`*${m.ui.restrictions}*`), text);
    assert.ok(!text.includes(`*${m.ui.reasons}*`), text);
    assert.equal(buttons(msg.blocks)[0]?.text.text, m.ui.notifyMe);
  });

  it('Teams: pending, with the decision expected', () => {
    const m = messages('en');
    const text = shown(render('Can we use Teams?'));
    assert.ok(text.includes(m.marker.pending), text);
    assert.ok(text.includes(`*${m.ui.decisionExpected}:*`), text);
  });

  it('Quackmail: unknown, names the tool and whom to ask for an assessment, no button', () => {
    const m = messages('de');
    const msg = render('Darf ich Quackmail nutzen?');
    const text = shown(msg);
    assert.ok(text.includes(m.marker.unknown), text);
    assert.ok(text.includes(m.ui.unknownTool('Quackmail')), text);
    assert.ok(text.includes(`*${m.ui.requestAssessment}:*`), text);
    assert.ok(text.includes('IT-Servicedesk'), text);
    assert.equal(buttons(msg.blocks).length, 0);
  });

  it('Hallo: unclear, with help on how to ask', () => {
    const m = messages('de');
    const text = shown(render('Hallo'));
    assert.ok(text.includes(m.marker.unclear), text);
    assert.ok(text.includes('Darf ich Zoom mit Bürgern nutzen?'), text);
  });

  it('a category overview lists each tool with its marker and one button per tool', () => {
    const msg = render('Welche Videokonferenzsysteme sind freigegeben?');
    const text = shown(msg);
    assert.ok(text.includes(messages('de').marker.list), text);
    assert.deepEqual(buttons(msg.blocks).map((b) => b.value).sort(), ['zoom', 'zoom-licensed']);
    assertWithinLimits(msg);
  });
});

describe('renderAnswerBlocks by hand', () => {
  it('escapes knowledge-base text and links sources with their dates', () => {
    const msg = renderAnswerBlocks(
      makeAnswer({
        headline: '⚠️ A <b>&</b> tool: Approved with conditions',
        tools: [
          makeTool({
            name: 'A <b>&</b> tool',
            conditions: ['Use <@U123> & <!channel> never'],
            sources: [{ title: 'Letter | 2021', date: '2021-03-26', url: 'https://example.org/a?b=1|2' }],
          }),
        ],
      }),
    );
    const text = shown(msg);
    assert.ok(text.includes('A &lt;b&gt;&amp;&lt;/b&gt; tool'), text);
    assert.ok(text.includes('Use &lt;@U123&gt; &amp; &lt;!channel&gt; never'), text);
    assert.ok(text.includes('<https://example.org/a?b=1%7C2|Letter ¦ 2021> (2021-03-26)'), text);
    assert.ok(!/<@U123>|<!channel>/.test(text), 'no live mention may come from the knowledge base');
  });

  it('shows the truncation note, the verdict marker of every verdict, and the fallback text', () => {
    for (const verdict of VERDICTS) {
      const m = messages('en');
      const msg = renderAnswerBlocks(makeAnswer({ verdict, text: '', truncated: true }));
      const text = shown(msg);
      assert.ok(text.includes(`*${m.marker[verdict]} ${m.verdict[verdict]}*`), `${verdict}: ${text}`);
      assert.ok(text.includes('only its first 1000 characters'), text);
      assert.equal(msg.text, `${m.marker[verdict]} ${m.verdict[verdict]}`);
    }
  });

  it('puts the tool name into the button when an answer has several tools', () => {
    const tools = [makeTool({ id: 'a', name: 'Alpha' }), makeTool({ id: 'b', name: 'B'.repeat(200) })];
    const msg = renderAnswerBlocks(makeAnswer({ verdict: 'list', tools }));
    const [a, b] = buttons(msg.blocks);
    assert.equal(a.text.text, 'Notify me of changes: Alpha');
    assert.equal(b.text.text.length, LIMITS.buttonText);
    assert.ok(b.text.text.endsWith('…'));
  });

  it('keeps Block Kit limits for 300 tools and says how many were left out', () => {
    const tools = Array.from({ length: 300 }, (_, i) =>
      makeTool({ id: `tool-${i}`, name: `Tool number ${i} `.repeat(8), conditions: ['x'.repeat(400), 'y'.repeat(400)] }),
    );
    for (const verdict of ['list', 'conditional'] as const) {
      const msg = renderAnswerBlocks(makeAnswer({ verdict, tools, contextLabels: ['citizens'], contact: { text: 'Desk' } }));
      assertWithinLimits(msg);
      const shownTools = buttons(msg.blocks).length;
      assert.ok(shownTools > 0 && shownTools < 300);
      assert.ok(shown(msg).includes(`… and ${300 - shownTools} more tools`), `${verdict}: note on hidden tools`);
      assert.ok(shown(msg).includes('Taken into account: citizens'), 'the tail survives');
    }
  });

  it('keeps Block Kit limits for one tool with very long lists', () => {
    const tool = makeTool({
      conditions: Array.from({ length: 60 }, (_, i) => `${i} ${'c'.repeat(700)}`),
      reasons: ['r'.repeat(5000)],
      summary: 's'.repeat(4000),
      sources: Array.from({ length: 40 }, (_, i) => ({ title: `Source ${i}`, date: '2021-01-01' })),
    });
    const msg = renderAnswerBlocks(makeAnswer({ tools: [tool] }));
    assertWithinLimits(msg);
    assert.ok(shown(msg).includes('… and 40 more'), 'conditions beyond 20 are counted');
    assert.equal(buttons(msg.blocks).length, 1);
  });

  it('keeps every limit for arbitrary answers (property)', () => {
    const text = fc.string({ maxLength: 400 });
    const tool = fc.record({
      name: fc.string({ minLength: 1, maxLength: 300 }),
      verdict: fc.constantFrom(...TOOL_VERDICTS),
      conditions: fc.array(text, { maxLength: 30 }),
      reasons: fc.array(text, { maxLength: 5 }),
      summary: fc.option(fc.string({ maxLength: 3500 }), { nil: undefined }),
      reviewOverdue: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(tool, { maxLength: 120 }),
        fc.constantFrom(...VERDICTS),
        fc.constantFrom('de' as const, 'en' as const),
        fc.string({ maxLength: 500 }),
        fc.array(fc.string({ maxLength: 50 }), { maxLength: 5 }),
        (rawTools, verdict, language, headline, contextLabels) => {
          const tools = rawTools.map((t, i) => makeTool({ ...t, id: `t${i}`, reviewDue: '2021-09-30' }));
          const msg = renderAnswerBlocks(makeAnswer({ verdict, language, headline, contextLabels, tools, text: headline }));
          assertWithinLimits(msg);
          const ids = buttons(msg.blocks).map((b) => b.value);
          assert.deepEqual(ids, tools.slice(0, ids.length).map((t) => t.id), 'buttons for the tools shown, in order');
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('renderNoticeBlocks', () => {
  const notice: ChangeNotice = {
    id: 'chg-1',
    toolId: 'zoom',
    toolName: 'Zoom',
    oldStatus: 'restricted',
    newStatus: 'approved',
    changes: ['Status: restricted → approved', 'Restriction removed: <non-confidential-only>'],
    by: 'hand edit',
    at: '2021-10-01T09:30:00Z',
    source: { title: 'Decision of the Senate Chancellery', url: 'https://example.org/decision', date: '2021-10-01' },
    language: 'en',
  };

  it('shows the tool, old and new status with the new marker, each change, who, when and the source', () => {
    const msg = renderNoticeBlocks(notice);
    const text = shown(msg);
    assert.ok(text.includes('Change in the tool catalogue: Zoom'), text);
    assert.ok(text.includes('Status: approved with conditions → ✅ approved'), text);
    assert.ok(text.includes('• Restriction removed: &lt;non-confidential-only&gt;'), text);
    assert.ok(text.includes('Changed by hand edit on'), text);
    assert.ok(text.includes(`<!date^${Date.parse(notice.at) / 1000}^`), text);
    assert.ok(text.includes('<https://example.org/decision|Decision of the Senate Chancellery> (2021-10-01)'), text);
    assert.ok(msg.text.includes('Zoom') && msg.text.includes('approved'));
    assertWithinLimits(msg);
  });

  it('says "new in the catalogue" for a new entry, in German', () => {
    const text = shown(renderNoticeBlocks({ ...notice, oldStatus: null, newStatus: 'prohibited', language: 'de', source: undefined }));
    assert.ok(text.includes('Status: neu im Katalog → ⛔ untersagt'), text);
  });
});

describe('Slack input and failure helpers', () => {
  it('parseSlashText takes "public" only as the first or last word, not after "the"', () => {
    assert.deepEqual(parseSlashText('public Darf ich Zoom nutzen?'), { question: 'Darf ich Zoom nutzen?', isPublic: true });
    assert.deepEqual(parseSlashText('Darf ich Zoom nutzen? PUBLIC'), { question: 'Darf ich Zoom nutzen?', isPublic: true });
    assert.deepEqual(parseSlashText('May I use Zoom with the public'), { question: 'May I use Zoom with the public', isPublic: false });
    assert.deepEqual(parseSlashText('  Darf ich Zoom nutzen?  '), { question: 'Darf ich Zoom nutzen?', isPublic: false });
    assert.deepEqual(parseSlashText('public'), { question: '', isPublic: true });
  });

  it('slackToPlainText removes the bot mention and unwraps Slack markup', () => {
    assert.equal(slackToPlainText('<@U0BOT> Darf ich Zoom nutzen?', 'U0BOT'), 'Darf ich Zoom nutzen?');
    assert.equal(slackToPlainText('<@U0BOT|bot>   May I use <https://zoom.us|Zoom> &amp; <#C1|general>?', 'U0BOT'), 'May I use Zoom & #general?');
    assert.equal(slackToPlainText('ask <mailto:a@b.org|a@b.org> about <https://x.org> &lt;3'), 'ask a@b.org about https://x.org <3');
  });

  it('truncate never splits an emoji', () => {
    const cut = truncate('ab😀cd', 4);
    assert.equal(cut, 'ab…');
  });

  it('renderFailure names the organisation contact in the question language', async () => {
    const kb = await loadKnowledgeBase(new URL('../knowledge', import.meta.url).pathname);
    const de = renderFailure('de', kb.organization);
    assert.ok(de.text.startsWith(messages('de').ui.failure));
    assert.ok(de.text.includes('Datenschutzbeauftragte oder Datenschutzbeauftragter Ihrer Behörde'));
    const en = renderFailure('en', { ...kb.organization, contacts: { it: { email: 'it@example.org' } } });
    assert.ok(shown(en).includes('<mailto:it@example.org|it@example.org>'), shown(en));
    const none = renderFailure('en', { ...kb.organization, contacts: {} });
    assert.equal(none.text, messages('en').ui.failure);
  });
});

describe('EventDedupe', () => {
  it('the memory dedupe answers true once per id within the TTL, and again after it', async () => {
    let now = 1_000_000;
    const dedupe = createMemoryDedupe({ ttlMs: 60_000, now: () => now });
    assert.equal(await dedupe.firstSeen('Ev1'), true);
    assert.equal(await dedupe.firstSeen('Ev1'), false);
    assert.equal(await dedupe.firstSeen('Ev2'), true);
    now += 61_000;
    assert.equal(await dedupe.firstSeen('Ev1'), true);
    assert.equal(await dedupe.firstSeen('Ev1'), false);
  });

  it('the memory dedupe forgets the oldest ids beyond maxEntries', async () => {
    const dedupe = createMemoryDedupe({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) assert.equal(await dedupe.firstSeen(id), true);
    assert.equal(await dedupe.firstSeen('a'), true, 'a was evicted');
    assert.equal(await dedupe.firstSeen('d'), false);
  });

  it('the stored dedupe prefixes ids and passes the TTL', async () => {
    const seen: [string, number][] = [];
    const dedupe = createStoredDedupe({ store: () => ({ firstSeen: async (id, ttl) => (seen.push([id, ttl]), true) }), prefix: 'slack:', ttlMs: 5000 });
    await dedupe.firstSeen('Ev9');
    assert.deepEqual(seen, [['slack:Ev9', 5000]]);
  });
});
