// The role a second catalogue tool plays beside the one asked about (src/engine/understand.ts,
// incidental-tools.ts, background-tools.ts, name-cues.ts): the host or place another tool works in
// ("Copilot could take the minutes in Webex"), the thing it works on ("minutes of our Teams calls",
// "the Webex link"), the reason it is asked about ("because Slack is down"), or a stating sentence
// before "Dürfen wir das auch?". Answered beside (or instead of) the tool asked about, an approved
// second tool reads as approval of what nobody asked. Where both tools are asked ("Zoom oder Webex?"),
// both stay. Each dialogue runs through ComplianceCore.ask in one conversation, as the adapters do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ComplianceCore } from '../src/core.js';
import type { Answer } from '../src/model/answer.js';
import { askDialogue } from './helpers/dialogue.js';
import { kbFromFiles, ORG_EN, toolYaml } from './helpers/kb.js';

const MS = 'vendor: Microsoft Corporation\n';
/** A restricted tool's one restriction: nothing confidential. */
const NO_SECRETS = 'restrictions:\n  - id: no-secrets\n    text: { de: Nichts Vertrauliches., en: Nothing confidential. }\n    forbidden_contexts: [confidential]\n';

/** An English-default catalogue with Microsoft's Copilot (its part "Copilot" is an English word) and Teams. */
function core(): ComplianceCore {
  return new ComplianceCore(
    kbFromFiles({
      'organization.yaml': ORG_EN,
      'tools/copilot.yaml': toolYaml('Microsoft 365 Copilot', 'pending', `${MS}category: ai-assistant\n`),
      'tools/teams.yaml': toolYaml('Microsoft Teams', 'approved', `${MS}aliases: [teams, teams meeting]\ncategory: video-conferencing\n`),
      'tools/outlook.yaml': toolYaml('Outlook', 'approved', `${MS}category: email\n`),
      'tools/webex.yaml': toolYaml('Webex', 'approved', 'category: video-conferencing\n'),
      'tools/zoom.yaml': toolYaml('Zoom', 'restricted', 'category: video-conferencing\n' + NO_SECRETS),
      'tools/signal.yaml': toolYaml('Signal', 'restricted', 'category: messaging\n' + NO_SECRETS),
      'tools/threema.yaml': toolYaml('Threema Work', 'approved', 'vendor: Threema GmbH\naliases: [threema]\ncategory: messaging\n'),
      'tools/slack.yaml': toolYaml('Slack', 'restricted', 'category: messaging\n' + NO_SECRETS),
      'tools/whatsapp.yaml': toolYaml('WhatsApp', 'prohibited', 'category: messaging\n'),
      'tools/miro.yaml': toolYaml('Miro', 'restricted', 'category: project-management\n' + NO_SECRETS),
      'tools/trello.yaml': toolYaml('Trello', 'restricted', 'category: project-management\n' + NO_SECRETS),
      'tools/moodle.yaml': toolYaml('Moodle', 'approved', 'category: file-sharing\n'),
      'tools/mattermost.yaml': toolYaml('Mattermost', 'approved', 'category: messaging\n'),
      'tools/kreisgpt.yaml': toolYaml('KreisGPT', 'restricted', 'category: ai-assistant\n' + NO_SECRETS),
    }),
  );
}

/** Asks the turns in one conversation; returns the last answer. */
const dialogue = (...turns: string[]): Promise<Answer> => askDialogue(core(), ...turns);

const toolsOf = async (...turns: string[]) => (await dialogue(...turns)).tools.map((t) => t.id).sort();

async function expectTools(cases: [string | string[], string[]][]): Promise<void> {
  for (const [q, want] of cases) {
    const turns = Array.isArray(q) ? q : [q];
    assert.deepEqual(await toolsOf(...turns), [...want].sort(), turns.join(' || '));
  }
}

describe('a name part that is also an English word ("Copilot" of "Microsoft 365 Copilot")', () => {
  it('names its tool as the subject, the object or beside another name, so another tool is not answered alone', async () => {
    await expectTools([
      ['Copilot could take the minutes in Webex', ['copilot']],
      ['Can Copilot take the minutes in Webex?', ['copilot']],
      ['Kann Copilot das Protokoll in Webex schreiben?', ['copilot']],
      ['Darf Copilot in Teams die Besprechung protokollieren?', ['copilot']],
      ['Copilot in Outlook – darf ich das nutzen?', ['copilot']],
      ['Is it ok to let Copilot draft replies in Outlook?', ['copilot']],
      ['Is Copilot or Zoom better for the board minutes?', ['copilot', 'zoom']],
      ['Darf ich Copilot und Miro nutzen?', ['copilot', 'miro']],
    ]);
  });
});

describe('a tool that only qualifies a noun beside the tool used', () => {
  it('is not answered ("our Teams calls", "Webex-Besprechungen", "the Zoom link", "Outlook-Postfach")', async () => {
    await expectTools([
      ['Ben wants Copilot to write minutes of our Teams calls', ['copilot']],
      ['Ben möchte, dass Copilot die Protokolle unserer Teams-Calls schreibt.', ['copilot']],
      ['Darf Copilot unsere Webex-Besprechungen mitschreiben?', ['copilot']],
      ['Anna asked if she may use Copilot for her Outlook inbox', ['copilot']],
      ['Anna fragt, ob sie Copilot für ihr Outlook-Postfach nutzen darf.', ['copilot']],
      ['Can I use KreisGPT to summarise my Teams meetings?', ['kreisgpt']],
      ['Can I use Miro during a Teams meeting?', ['miro']],
      ['Kann ich Miro während eines Teams-Meetings nutzen?', ['miro']],
      ['Can I send Jana the Zoom link via Mattermost?', ['mattermost']],
      ['Darf ich die Teams-Einladung per Threema an einen Kunden schicken?', ['threema']],
      ['Darf ich den Zoom-Link in Moodle posten?', ['moodle']],
    ]);
  });

  it('stays where it is the tool asked about, alone or coordinated with another', async () => {
    await expectTools([
      ['Can I send Jana the Webex link?', ['webex']],
      ['Darf ich Teams-Meetings aufzeichnen?', ['teams']],
      ['Teams-Meeting oder Webex-Meeting – was ist erlaubt?', ['teams', 'webex']],
      ['Is a Teams call or a Zoom call better for customers?', ['teams', 'zoom']],
      ['Can I use the Teams chat and Signal for shift swaps?', ['signal', 'teams']],
      // Only a place beside it ("from Moodle"): the other tool is not the thing used, both stay.
      ['Can students join the Zoom call from Moodle?', ['moodle', 'zoom']],
    ]);
  });
});

describe('a tool as the host another tool works in, farther back in the clause', () => {
  it('is not answered', async () => {
    await expectTools([
      ['May I use Trello for the project plan and share the results in Teams?', ['trello']],
      ['Can I use Miro in Teams?', ['miro']],
    ]);
  });

  it('stays where the other tool is itself a place, a source, or the other choice', async () => {
    await expectTools([
      ['Can we hold the meeting in Webex and take notes in Trello?', ['trello', 'webex']],
      ['Kann ich die Ergebnisse aus Miro in Teams teilen?', ['miro', 'teams']],
      ['Darf ich Zoom oder lieber Webex in Moodle nutzen?', ['webex', 'zoom']],
      ['We plan the sprint in Trello together with Miro - is that ok?', ['miro', 'trello']],
    ]);
  });
});

describe('a tool named in a clause giving a reason', () => {
  it('is not answered beside the tool asked about', async () => {
    await expectTools([
      ['Can we use Signal for the night shift as the Threema licences ran out?', ['signal']],
      ['Dürfen wir Signal nehmen, weil die Threema-Lizenzen ausgelaufen sind?', ['signal']],
      ['Dürfen wir Signal nutzen, weil Threema gerade nicht geht?', ['signal']],
      ['Since WhatsApp is banned, can we use Signal for shift swaps?', ['signal']],
      ['Can we use Signal because Slack is down?', ['signal']],
    ]);
  });

  it('leaves a reason without a tool, and two tools asked together, alone', async () => {
    await expectTools([
      ['Can we use Zoom because we have external guests?', ['zoom']],
      ['Since last week, can we use Webex and Zoom for customer calls?', ['webex', 'zoom']],
      ['Zoom oder Webex?', ['webex', 'zoom']],
      ['Can I use Miro and Trello?', ['miro', 'trello']],
      ['Can I use Trello together with Miro for the workshop?', ['miro', 'trello']],
    ]);
  });
});

describe('a stating sentence about a tool before "Dürfen wir das auch?"', () => {
  it('reads "nutzt schon Teams" as the tool, so the pronoun asks about it, in a dialogue too', async () => {
    await expectTools([
      ['Das Jugendamt nutzt schon Teams dafür. Dürfen wir das auch?', ['teams']],
      [['Darf ich Zoom für Elterngespräche nutzen?', 'Das Jugendamt nutzt schon Teams dafür. Dürfen wir das auch?'], ['teams']],
      ['Die Pflege verwendet bereits Signal dafür. Dürfen wir das auch?', ['signal']],
    ]);
  });

  it('leaves "Teams" and "Signal" as plain words where they are', async () => {
    await expectTools([
      ['Die Teams sollen sich besser abstimmen. Darf ich dafür Miro nutzen?', ['miro']],
      ['Das ist ein gutes Signal für das Projekt. Darf ich Trello nehmen?', ['trello']],
    ]);
  });
});
