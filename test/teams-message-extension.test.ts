// Teams' search message extension through botbuilder's CloudAdapter over HTTP: a
// `composeExtension/query` invoke is answered 200 with `composeExtension.type: "result"`,
// `attachmentLayout: "list"` and one attachment per matching tool (its answer card plus a
// thumbnail preview with the status word); names, aliases and typos match as in questions; a whole
// question is answered for its situation; the initial run lists the most-asked tools, or the
// catalogue without usage. Nothing is posted into the conversation, and searching is not counted
// as asking. Payload shapes: Microsoft Learn, "Respond to search command" (value.commandId,
// value.parameters, value.queryOptions; the default query's parameter `initialRun`).
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { MAX_RESULT_CARD_BYTES, SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../adapters/teams/message-extension.js';
import { ComplianceCore } from '../src/core.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import type { KnowledgeBase } from '../src/kb/model.js';
import { PHRASES } from '../src/phrases/index.js';
import { BOT, CHANNEL, startHarness, USER, type Harness } from './helpers/teams-harness.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

let nextId = 1;

/** The invoke Teams sends while a person types into the extension's search box (or opens it: initialRun). */
function query(h: Harness, parameters: { name: string; value: string }[], queryOptions = { skip: 0, count: 25 }): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'composeExtension/query',
    id: `search-${nextId++}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: h.fake.url,
    from: USER,
    recipient: BOT,
    conversation: CHANNEL,
    channelData: { tenant: { id: 'tenant-1' }, source: { name: 'compose' } },
    locale: 'de-DE',
    value: { commandId: SEARCH_COMMAND_ID, parameters, queryOptions },
  };
}

interface Attachment {
  contentType: string;
  content: { type: string; body: unknown[]; fallbackText: string };
  preview: { contentType: string; content: { title: string; subtitle?: string; text: string } };
}

async function search(h: Harness, parameters: { name: string; value: string }[]): Promise<{ status: number; attachments: Attachment[]; ms: number }> {
  const started = performance.now();
  const res = await h.post(query(h, parameters));
  const ms = performance.now() - started;
  const body = (await res.json()) as { composeExtension: { type: string; attachmentLayout: string; attachments: Attachment[] } };
  assert.equal(body.composeExtension.type, 'result');
  assert.equal(body.composeExtension.attachmentLayout, 'list');
  for (const a of body.composeExtension.attachments) {
    assert.equal(a.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(a.content.type, 'AdaptiveCard');
    assert.equal(a.preview.contentType, 'application/vnd.microsoft.card.thumbnail');
    assert.ok(Buffer.byteLength(JSON.stringify(a.content)) < MAX_RESULT_CARD_BYTES, 'each card under 28 KB');
  }
  return { status: res.status, attachments: body.composeExtension.attachments, ms };
}

const typed = (value: string) => [{ name: SEARCH_PARAMETER, value }];
const cardText = (a: Attachment | undefined) => JSON.stringify(a?.content.body ?? '');

class CountingCore extends ComplianceCore {
  asked = 0;
  override async ask(...args: Parameters<ComplianceCore['ask']>) {
    this.asked++;
    return super.ask(...args);
  }
}

describe('Teams search message extension (shipped catalogue)', () => {
  let kb: KnowledgeBase;
  let h: Harness;
  let core: CountingCore;
  let popular: string[] = [];
  before(async () => {
    kb = await loadKnowledgeBase(fileURLToPath(new URL('../knowledge', import.meta.url)));
    core = new CountingCore(kb);
    h = await startHarness(kb, { core, popularTools: async () => popular });
  });
  after(() => h.close());

  it('answers "zoom" with a result card for Zoom and a thumbnail with its status word, well within Teams\' 5 s, posting nothing', async () => {
    const expected = await new ComplianceCore(kb).ask('zoom', { platform: 'teams' });
    const r = await search(h, typed('zoom'));
    assert.equal(r.status, 200);
    // Teams' own limit for a search answer (not a speed measurement): the answer must come in time.
    assert.ok(r.ms < 5_000, `${Math.round(r.ms)} ms`);
    const zoom = r.attachments.find((a) => a.preview.content.title === 'Zoom');
    assert.ok(zoom, JSON.stringify(r.attachments.map((a) => a.preview.content.title)));
    assert.equal(zoom.preview.content.text, PHRASES.de.verdict[expected.verdict]);
    assert.match(cardText(zoom), /Zoom/);
    assert.match(cardText(zoom), new RegExp(PHRASES.de.verdict[expected.verdict]));
    assert.equal(h.fake.activities.length, 0, 'the result goes back in the invoke response only');
    assert.equal(core.asked, 0, 'a search is not counted as a question');
  });

  it('answers a whole question for its situation, as the chat would', async () => {
    const question = 'Zoom mit Bürgern?';
    const expected = await new ComplianceCore(kb).ask(question, { platform: 'teams' });
    assert.ok(expected.contextLabels.length > 0, 'premise: the question states a situation');
    const r = await search(h, typed(question));
    assert.equal(r.attachments.length, 1);
    const [zoom] = r.attachments;
    assert.equal(zoom?.preview.content.title, 'Zoom');
    assert.equal(zoom?.preview.content.text, PHRASES.de.verdict[expected.verdict]);
    assert.equal(zoom?.preview.content.subtitle, expected.contextLabels.join(', '));
    for (const condition of expected.tools[0]?.conditions ?? []) assert.ok(cardText(zoom).includes(condition.slice(0, 30)), condition);
  });

  it('matches an alias, a misspelt name and the beginning of a name, as questions do', async () => {
    const m365 = kb.tools.get('microsoft-365');
    assert.ok(m365);
    assert.ok(m365?.aliases?.includes('o365'), 'premise: o365 is an alias');
    assert.deepEqual((await search(h, typed('o365'))).attachments.map((a) => a.preview.content.title), [m365.name]);
    assert.deepEqual((await search(h, typed('Microsfot 365'))).attachments.map((a) => a.preview.content.title), [m365.name]);
    const begun = (await search(h, typed('zo'))).attachments.map((a) => a.preview.content.title);
    assert.ok(begun.includes('Zoom'), JSON.stringify(begun));
  });

  it('the initial run lists the catalogue without usage, and the most-asked tools once there are some', async () => {
    popular = [];
    const catalogue = await search(h, [{ name: 'initialRun', value: 'true' }]);
    const names = [...kb.tools.values()].map((t) => t.name).sort((a, b) => a.localeCompare(b));
    assert.deepEqual(catalogue.attachments.map((a) => a.preview.content.title), names);
    popular = ['zoom', 'gone-tool'];
    const asked = await search(h, [{ name: 'initialRun', value: 'true' }]);
    assert.deepEqual(asked.attachments.map((a) => a.preview.content.title), ['Zoom']);
  });

  it('answers a name the catalogue does not know with the answer saying so (one card), and an empty box like the initial run', async () => {
    const unknown = await search(h, typed('Darf ich Whereby nutzen?'));
    assert.equal(unknown.attachments.length, 1);
    assert.equal(unknown.attachments[0]?.preview.content.text, PHRASES.de.verdict.unknown);
    popular = [];
    const empty = await search(h, typed('   '));
    assert.equal(empty.attachments.length, kb.tools.size);
  });
});

describe('Teams search message extension (a tool with a very long assessment)', () => {
  let h: Harness;
  before(async () => {
    const conditions = Array.from({ length: 40 }, (_, i) => `    - id: c${i}\n      text: { en: "Condition ${i}: ${'a long sentence of conditions '.repeat(70)}" }\n`).join('');
    const kb = kbFromFiles({
      'organization.yaml': ORG_EN,
      'tools/bigtool.yaml': toolYaml('Bigtool', 'restricted', `category: messaging\nrestrictions:\n${conditions}`),
    });
    h = await startHarness(kb);
  });
  after(() => h.close());

  it('keeps the card under 28 KB: the answer as text, cut', async () => {
    const r = await search(h, typed('Bigtool'));
    assert.equal(r.attachments.length, 1);
    assert.equal(r.attachments[0]?.preview.content.title, 'Bigtool');
    assert.match(cardText(r.attachments[0]), /Condition 0/);
    // Premise: the full answer card would be too big, so the cut text stands in for it.
    assert.equal(r.attachments[0]?.content.body.length, 1);
    assert.match(cardText(r.attachments[0]), /…/);
  });
});
