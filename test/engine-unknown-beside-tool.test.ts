// A product the catalogue lacks, named beside a tool it knows (src/engine/unknown-beside-tool.ts):
// the answer lists the known tool and names the product (verdict `list`), never the known tool's
// approval alone. People, places, shouted words and abbreviations beside a tool are no products.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ComplianceCore } from '../src/core.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const core = new ComplianceCore(
  kbFromFiles({
    'organization.yaml': ORG_EN,
    'tools/owlcall.yaml': toolYaml('Owlcall', 'approved', 'category: video-conferencing\n'),
    'tools/ravenbox.yaml': toolYaml('Ravenbox', 'approved', 'category: file-sharing\n'),
    'tools/quorbit.yaml': toolYaml('Quorbit', 'approved', 'category: project-management\n'),
    'tools/google-quill.yaml': toolYaml('Google Quill', 'approved', 'category: office-suite\n'),
  }),
);
let turn = 0;
// Each question in a conversation of its own: no follow-up reading.
const ask = (q: string) => core.ask(q, { platform: 'web', conversationKey: `beside-${turn++}` });

async function expectBeside(q: string, tool: string, product: string): Promise<void> {
  const a = await ask(q);
  assert.equal(a.verdict, 'list', q);
  assert.deepEqual(
    a.tools.map((t) => t.id),
    [tool],
    q,
  );
  assert.equal(a.unknownTool, product, q);
}

async function expectToolOnly(q: string, tool: string): Promise<void> {
  const a = await ask(q);
  assert.equal(a.unknownTool, null, q);
  assert.deepEqual(
    a.tools.map((t) => t.id),
    [tool],
    q,
  );
  assert.equal(a.verdict, 'allowed', q);
}

describe('a product beside a known tool', () => {
  it('is named where the question links the two (English)', async () => {
    await expectBeside('Am I allowed to hook Zimbly up to our Owlcall account?', 'owlcall', 'Zimbly');
    await expectBeside('Could we integrate FlowDesk with Quorbit for the rota?', 'quorbit', 'FlowDesk');
    await expectBeside('Is it fine to sync my Quorbit calendar with Brimzo?', 'quorbit', 'Brimzo');
    await expectBeside('Can I export the Ravenbox folder list to Tasko.ai?', 'ravenbox', 'Tasko.ai');
    await expectBeside('Can I hook up zimbly.com to Owlcall?', 'owlcall', 'zimbly.com');
  });

  it('is named where the question links the two (German)', async () => {
    await expectBeside('Darf ich mein Zimbly mit Owlcall koppeln?', 'owlcall', 'Zimbly');
    await expectBeside('Können wir Brimzo an unseren Quorbit-Kalender anbinden?', 'quorbit', 'Brimzo');
    await expectBeside('Kann ich Termine aus Quorbit in Brimzo übernehmen?', 'quorbit', 'Brimzo');
    await expectBeside('Darf ich in Owlcall Zimbly-Umfragen einbinden?', 'owlcall', 'Zimbly');
  });

  it('is named as an add-on, a coordinate or a replacement of the known tool', async () => {
    await expectBeside('Is the Zimbly plugin for Owlcall okay to install?', 'owlcall', 'Zimbly');
    await expectBeside('Gibt es Bedenken gegen die Brimzo-Erweiterung für Ravenbox?', 'ravenbox', 'Brimzo');
    await expectBeside('We would like to combine Zimbly and Owlcall in the induction week.', 'owlcall', 'Zimbly');
    await expectBeside('Darf ich Owlcall und zusätzlich Zimbly nutzen?', 'owlcall', 'Zimbly');
    await expectBeside('Can we use your Zimbly for the Owlcall meetings?', 'owlcall', 'Zimbly');
    await expectBeside('Wäre FlowDesk statt Quorbit denkbar?', 'quorbit', 'FlowDesk');
    await expectBeside('Könnten wir statt Owlcall auch Zimbly nehmen?', 'owlcall', 'Zimbly');
    // A name the dictionaries hold counts only where it is offered instead of the tool.
    await expectBeside('Darf ich Thunderbird statt Ravenbox benutzen?', 'ravenbox', 'Thunderbird');
    await expectBeside('Kann ich Ravenbox oder Thunderbird nehmen?', 'ravenbox', 'Thunderbird');
  });

  it('is named as the owner of a product\'s thing, or where a verb of moving data puts the tool\'s', async () => {
    await expectBeside('May I put the Owlcall invite into my Zimbly calendar?', 'owlcall', 'Zimbly');
    await expectBeside('Dürfen wir die Owlcall-Aufzeichnung auf Brimzo veröffentlichen?', 'owlcall', 'Brimzo');
    await expectBeside('We keep the minutes in Ravenbox. May I also sync Zimbly?', 'ravenbox', 'Zimbly');
  });

  it('is named as another product offered beside or instead of the tool', async () => {
    await expectBeside('Darf ich Quorbit gemeinsam mit FlowDesk verwenden?', 'quorbit', 'FlowDesk');
    await expectBeside('Wäre Brimzo als Alternative zu Ravenbox zulässig?', 'ravenbox', 'Brimzo');
  });

  it('takes a dictionary word written as a name right beside the tool, and a maker before a product', async () => {
    await expectBeside('Darf ich Ravenbox mit Notion verbinden?', 'ravenbox', 'Notion');
    await expectBeside('Can I connect Ravenbox to Notion?', 'ravenbox', 'Notion');
    await expectBeside('Can I sync my Quorbit calendar with Google Calendar?', 'quorbit', 'Google Calendar');
  });

  it('is no compound of a category word when written as a name', async () => {
    // "Mail" starts the name, but "Mailzorp" is no compound of it: the answer is not Owlcall's alone.
    await expectBeside('Can I send the Owlcall invite links via Mailzorp?', 'owlcall', 'Mailzorp');
  });

  it('takes a name no dictionary has from a writer who capitalises nothing', async () => {
    await expectBeside('can i connect zimbly to owlcall', 'owlcall', 'zimbly');
  });

  it('shows the product in the answer and offers no approval of it', async () => {
    const a = await ask('Can I connect Zimbly to Owlcall?');
    assert.match(a.headline, /Owlcall, Zimbly/);
    assert.match(a.text, /"Zimbly" is not in the catalogue/);
  });
});

describe('no product beside a known tool', () => {
  it('is made of a person', async () => {
    await expectToolOnly("Can I connect Okonjo's calendar to Owlcall?", 'owlcall');
    await expectToolOnly('Kannst du Herrn Brimzo mit Owlcall verbinden?', 'owlcall');
    await expectToolOnly('Can I link Anna to the Owlcall room?', 'owlcall');
  });

  it('is made of a place', async () => {
    await expectToolOnly('Can I sync the Hamburg files with Ravenbox?', 'ravenbox');
    await expectToolOnly('Darf ich die Unterlagen aus Berlin in Ravenbox hochladen?', 'ravenbox');
    await expectToolOnly('Can we meet on Owlcall or at the Berlin office?', 'owlcall');
    await expectToolOnly('Dürfen die Kollegen aus Hamburg und Berlin Owlcall nutzen?', 'owlcall');
  });

  it('is made of a shouted word, an abbreviation or a school class', async () => {
    await expectToolOnly('WICHTIG: darf ich Ravenbox mit der DSGVO-Akte verknüpfen?', 'ravenbox');
    await expectToolOnly('Can I connect the URGENT folder to Ravenbox?', 'ravenbox');
    await expectToolOnly('Can I integrate our HR system with Quorbit?', 'quorbit');
    await expectToolOnly('Darf ich die 7b mit Owlcall verbinden?', 'owlcall');
    await expectToolOnly('Kann ich das z.B. mit Owlcall verbinden?', 'owlcall');
    await expectToolOnly('Can I connect PhD candidates to Owlcall?', 'owlcall');
    await expectToolOnly('Darf ich die KiTa mit Owlcall verbinden?', 'owlcall');
  });

  it('is made of a place a verb of moving data names', async () => {
    await expectToolOnly('Can I move the Hamburg minutes to Ravenbox?', 'ravenbox');
  });

  it('is made of an ordinary word', async () => {
    await expectToolOnly('Can I connect my laptop to Owlcall?', 'owlcall');
    await expectToolOnly('Darf ich den Kalender mit Quorbit synchronisieren?', 'quorbit');
  });
});
