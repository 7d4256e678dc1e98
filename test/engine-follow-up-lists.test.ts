// Follow-ups that name a second tool beside the one they ask about ("und WhatsApp neben Threema?",
// "And SurveyMonkey, if LimeSurvey isn't available?") or a category as what the previous tool is used for
// ("und wenn ich dabei eine Umfrage mache?"): answered as a list, the other tool (often the
// approved one) read as approval of what was asked. Each dialogue runs through ComplianceCore.ask in
// one conversation, as the adapters and the bench do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ComplianceCore } from '../src/core.js';
import type { Answer } from '../src/model/answer.js';
import { askDialogue } from './helpers/dialogue.js';
import { kbFromFiles, toolYaml } from './helpers/kb.js';

const restricted = (category: string, context: string) =>
  `category: ${category}\nrestrictions:\n  - id: no-${context}\n    text: { de: "Nicht für ${context}.", en: "Not for ${context}." }\n    forbidden_contexts: [${context}]\n`;

/** A German-default catalogue: two messengers, three video tools, two survey tools. */
function core(): ComplianceCore {
  return new ComplianceCore(
    kbFromFiles({
      'organization.yaml': 'name: Test Klinik\ndefault_language: de\n',
      'tools/threema-work.yaml': toolYaml('Threema Work', 'approved', 'category: messaging\n'),
      'tools/whatsapp.yaml': toolYaml('WhatsApp', 'prohibited', 'category: messaging\n'),
      'tools/webex.yaml': toolYaml('Webex', 'approved', 'category: video-conferencing\n'),
      'tools/zoom.yaml': toolYaml('Zoom', 'restricted', restricted('video-conferencing', 'special_categories')),
      'tools/whereby.yaml': toolYaml('Whereby', 'pending', 'category: video-conferencing\n'),
      'tools/limesurvey.yaml': toolYaml('LimeSurvey', 'approved', 'category: survey\n'),
      'tools/surveymonkey.yaml': toolYaml('SurveyMonkey', 'prohibited', 'category: survey\n'),
    }),
  );
}

/** Asks the turns in one conversation; returns the last answer. */
const dialogue = (...turns: string[]): Promise<Answer> => askDialogue(core(), ...turns);

const toolsOf = (a: Answer) => a.tools.map((t) => `${t.id}:${t.verdict}`);

describe('follow-ups that name another tool beside the one asked about', () => {
  const cases: [string[], string, string][] = [
    // The previous tool named again beside a new one: weighed against, not asked about again.
    [['Darf ich Threema Work für die Station nutzen?', 'Und WhatsApp neben Threema?'], 'whatsapp:not_allowed', 'not_allowed'],
    [['Darf ich Threema Work für die Station nutzen?', 'Und WhatsApp, wie bei Threema?'], 'whatsapp:not_allowed', 'not_allowed'],
    [['Darf ich Threema Work für die Station nutzen?', 'Herr Schulz nutzt Threema, ich würde lieber WhatsApp nehmen. Geht das?'], 'whatsapp:not_allowed', 'not_allowed'],
    [['Can I use Webex for a call with relatives?', 'Not Webex but Whereby?'], 'whereby:pending', 'pending'],
    [['Can I use Webex for a call with relatives?', 'And Whereby, if Webex does not work for them?'], 'whereby:pending', 'pending'],
    [['Can I use Threema Work with my team?', 'And WhatsApp, alongside Threema?'], 'whatsapp:not_allowed', 'not_allowed'],
    // A marker and a tool open the question: the tools after it are said about it, not asked.
    [['Darf ich Webex für Besprechungen nutzen?', 'Und SurveyMonkey, wenn LimeSurvey nicht geht?'], 'surveymonkey:not_allowed', 'not_allowed'],
    [['Can I use Webex for meetings?', 'And SurveyMonkey, if LimeSurvey is not available?'], 'surveymonkey:not_allowed', 'not_allowed'],
    [['Can I use Webex for meetings?', 'And WhatsApp for quick messages, like we do with Threema?'], 'whatsapp:not_allowed', 'not_allowed'],
  ];
  for (const [turns, tool, verdict] of cases) {
    it(turns[turns.length - 1] as string, async () => {
      const a = await dialogue(...turns);
      assert.deepEqual(toolsOf(a), [tool]);
      assert.equal(a.verdict, verdict);
    });
  }

  it('two tools joined by a coordinator are both asked about ("Zoom oder Webex?")', async () => {
    const a = await dialogue('Darf ich Webex für Besprechungen nutzen?', 'Und Zoom oder Webex für Befunde?');
    assert.deepEqual(toolsOf(a).map((t) => t.split(':')[0]).sort(), ['webex', 'zoom']);
  });

  it('a new tool alone still takes over the situation ("und Whereby?")', async () => {
    const a = await dialogue('Darf ich Webex für Besprechungen nutzen?', 'Und Whereby?');
    assert.deepEqual(toolsOf(a), ['whereby:pending']);
  });
});

describe('follow-ups that name a category as what the previous tool is used for', () => {
  it('"und wenn ich dabei eine Umfrage mache?" stays about the previous tool', async () => {
    const a = await dialogue('Darf ich Zoom für meine Vorlesung nutzen?', 'Und wenn ich dabei eine Umfrage mache?');
    assert.deepEqual(toolsOf(a), ['zoom:conditional']);
  });

  it('"and if we run a survey in it?" stays about the previous tool', async () => {
    const a = await dialogue('Can I use Zoom for my lecture?', 'And if we run a survey in it?');
    assert.deepEqual(toolsOf(a), ['zoom:conditional']);
  });

  it('a category alone after a marker still asks for the overview ("Und Umfragetools?")', async () => {
    const a = await dialogue('Darf ich Zoom für meine Vorlesung nutzen?', 'Und Umfragetools?');
    assert.equal(a.category, 'survey');
  });
});

describe('a tool compared with is not asked about ("like", "wie")', () => {
  it('"Dr. Patel wants to use Whereby like the clinic does with Webex. Is that ok?"', async () => {
    const a = await dialogue('Dr. Patel wants to use Whereby like the clinic does with Webex. Is that ok?');
    assert.deepEqual(toolsOf(a), ['whereby:pending']);
  });

  it('"Ms Hoffmann says WhatsApp is fine, it is encrypted like Threema. Can I use it?"', async () => {
    const a = await dialogue('Ms Hoffmann says WhatsApp is fine, it is encrypted like Threema. Can I use it?');
    assert.deepEqual(toolsOf(a), ['whatsapp:not_allowed']);
  });

  it('"Frau Wolf meint, WhatsApp sei wie Threema verschlüsselt. Dürfen wir WhatsApp nehmen?"', async () => {
    const a = await dialogue('Frau Wolf meint, WhatsApp sei wie Threema verschlüsselt. Dürfen wir WhatsApp nehmen?');
    assert.deepEqual(toolsOf(a), ['whatsapp:not_allowed']);
  });

  it('the verb "like" compares nothing ("We would like to use Zoom and Webex")', async () => {
    const a = await dialogue('We would like to use Zoom and Webex for meetings. Is that ok?');
    assert.deepEqual(toolsOf(a).map((t) => t.split(':')[0]).sort(), ['webex', 'zoom']);
  });

  it('the interrogative "Wie" compares nothing ("Wie sieht es mit Zoom und Webex aus?")', async () => {
    const a = await dialogue('Wie sieht es mit Zoom und Webex aus?');
    assert.deepEqual(toolsOf(a).map((t) => t.split(':')[0]).sort(), ['webex', 'zoom']);
  });
});

describe('follow-ups with a tool in a stating sentence', () => {
  it('the pronoun after it points to that tool, in the previous situation ("Meine Kollegin nimmt dafür immer Zoom. Geht das auch?")', async () => {
    const a = await dialogue('Darf ich Webex für Gespräche über Befunde nutzen?', 'Meine Kollegin nimmt dafür aber immer Zoom. Geht das auch?');
    assert.deepEqual(toolsOf(a), ['zoom:not_allowed']);
  });

  it('"The journalists all use WhatsApp. Can we use it with them?" is about WhatsApp', async () => {
    const a = await dialogue('Can I use Threema Work for the press office?', 'The journalists all use WhatsApp. Can we use it with them?');
    assert.deepEqual(toolsOf(a), ['whatsapp:not_allowed']);
  });

  it('after a follow-up that opens with a marker it is background ("Und für Befunde? Die Kollegen machen das mit Webex.")', async () => {
    const a = await dialogue('Darf ich Zoom für Fallbesprechungen nutzen?', 'Und für Befunde? Die Kollegen machen das mit Webex.');
    assert.deepEqual(toolsOf(a), ['zoom:not_allowed']);
  });
});

describe('another category beside a stated situation, without a pronoun', () => {
  it('is the previous tool, rated by the situation ("Und für eine Umfrage zu Befunden?")', async () => {
    const a = await dialogue('Darf ich Zoom für Besprechungen nutzen?', 'Und für eine Umfrage zu Befunden?');
    assert.deepEqual(toolsOf(a), ['zoom:not_allowed']);
  });

  it('is asked about where it would be conditional, not approved ("Und für eine Umfrage mit Kunden?")', async () => {
    const a = await dialogue('Darf ich Zoom für Besprechungen nutzen?', 'Und für eine Umfrage mit Kunden?');
    assert.deepEqual(toolsOf(a), ['zoom:confirm']);
  });
});
