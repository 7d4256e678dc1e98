// normalizeChat: chat markup and chatter to the plain question, for every source; the phrase file
// loads and every entry does what the file says; the engine then finds the question wherever it
// stands; and (property tests) the function never throws and never makes text longer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { normalizeChat, MAX_CHAT_INPUT, type ChatSource } from '../src/text/chat.js';
import { LexiconError } from '../src/errors.js';
import { chatPhrases, chatPhrasesFile, parseChatPhrases, phraseList } from '../src/text/chat-phrases.js';

const SOURCES: ChatSource[] = ['slack', 'teams', 'web', 'cli'];

describe('normalizeChat: Slack markup', () => {
  const slack = (t: string) => normalizeChat(t, 'slack');

  it('removes the bot mention and any user mention, never turning them into words', () => {
    assert.equal(slack('<@U0BOT> Darf ich Zoom nutzen?'), 'Darf ich Zoom nutzen?');
    assert.equal(slack('<@U0BOT|compliance> Darf ich Zoom mit <@U123|anna.schmidt> nutzen?'), 'Darf ich Zoom mit nutzen?');
    assert.doesNotMatch(slack('<@W999|Kevin> kann ich per Zoom anrufen?'), /Kevin|W999|@/);
  });

  it('turns channels into their name and links into their label or host', () => {
    assert.equal(slack('Darf ich in <#C123|projekt-x> Zoom nutzen?'), 'Darf ich in projekt-x Zoom nutzen?');
    assert.equal(slack('Darf ich <https://zoom.us|Zoom> für das Kick-off nutzen?'), 'Darf ich Zoom für das Kick-off nutzen?');
    assert.equal(slack('Darf ich <https://www.whereby.com/room/abc> nutzen?'), 'Darf ich whereby.com nutzen?');
    assert.equal(slack('Ist <https://zoom.us/j/1|https://zoom.us/j/1> ok?'), 'Ist zoom.us ok?');
    assert.equal(slack('Frage von <mailto:anna@example.org|anna@example.org>: Zoom?'), 'Frage von : Zoom?');
  });

  it('removes @here, @channel and user groups, and emoji codes (not times)', () => {
    assert.equal(slack('<!here> <!channel> <!subteam^S123|@datenschutz> Zoom ok? :thinking_face: :+1::skin-tone-2:'), 'Zoom ok?');
    assert.equal(slack('Termin um 10:30:00 per Zoom?'), 'Termin um 10:30:00 per Zoom?');
  });

  it('unwraps bold, italic, strike, code and code blocks, quote markers and entities', () => {
    assert.equal(slack('Darf ich *Zoom* mit _Bürgern_ nutzen?'), 'Darf ich Zoom mit Bürgern nutzen?');
    // Chat shorthand is written out; a slash inside a word or an address is left alone.
    assert.equal(normalizeChat('zoom w/ citizens ok? Teams w/o recording?', 'web'), 'zoom with citizens ok? Teams without recording?');
    assert.equal(normalizeChat('bzgl. Zoom: geht das?', 'web'), 'bezüglich Zoom: geht das?');
    assert.equal(normalizeChat('is w/e or a/w/ ok', 'web'), 'is w/e or a/w/ ok');
    // Struck out is withdrawn, in Slack and in Teams.
    assert.equal(slack('Ist ~Dropbox~ äh *Nextcloud* okay?'), 'Ist äh Nextcloud okay?');
    assert.equal(slack('Ist `zoom.us` ok?\n```Teams```'), 'Ist zoom.us ok?\nTeams');
    assert.equal(slack('&gt; Darf ich Zoom nutzen?\n&gt; mit Bürgern'), 'Darf ich Zoom nutzen?\nmit Bürgern');
    assert.equal(slack('Zoom &amp; Teams &lt;vertraulich&gt;?'), 'Zoom & Teams <vertraulich>?');
    assert.equal(slack('snake_case_name und 2*3*4 bleiben'), 'snake_case_name und 2*3*4 bleiben');
  });

  it('keeps an admin command as typed, with its link whole', () => {
    assert.equal(
      slack('<@U0BOT> admin status zoom approved source: Brief <https://example.org/brief.pdf>'),
      'admin status zoom approved source: Brief https://example.org/brief.pdf',
    );
  });
});

describe('normalizeChat: Teams markup', () => {
  const teams = (t: string) => normalizeChat(t, 'teams');

  it('removes every <at> mention, strips HTML with block tags as line breaks, decodes entities', () => {
    assert.equal(teams('<at>Compliance-Bot</at>&nbsp;Darf ich Zoom nutzen?'), 'Darf ich Zoom nutzen?');
    assert.equal(teams('<p>Ist <s>Dropbox</s> <strike>Box</strike> <del>Drive</del> Nextcloud okay?</p>'), 'Ist Nextcloud okay?');
    assert.equal(teams('<p>Darf ich <b>Zoom</b> mit <at>Anna Schmidt</at> nutzen?</p><p>Es geht um&nbsp;Bürger&amp;innen.</p>'), 'Darf ich Zoom mit nutzen?\nEs geht um Bürger&innen.');
    assert.equal(teams('Zoom<br/>Teams<div>&#x1F600; &#252;ber &quot;x&quot; &#0;</div>'), 'Zoom\nTeams\nüber "x"');
  });

  it('leaves a literal "<" that is no tag', () => {
    assert.equal(teams('Ist Zoom < Teams > Webex?'), 'Ist Zoom < Teams > Webex?');
  });
});

describe('normalizeChat: common parts (all sources)', () => {
  it('removes invisible characters and emoji, and turns odd spaces into plain ones', () => {
    for (const source of SOURCES) {
      assert.equal(normalizeChat('Zoom\u200b mit Bür\u00adgern\u2060?\u00a0👍🏽 🇩🇪', source), 'Zoom mit Bürgern?');
      assert.equal(normalizeChat('\ufeffDarf\u2003ich\u200dZoom nutzen?', source), 'Darf ichZoom nutzen?');
    }
  });

  it('turns a typed link into its host', () => {
    assert.equal(normalizeChat('Darf ich https://meet.jit.si/abc nutzen?', 'web'), 'Darf ich meet.jit.si nutzen?');
    assert.equal(normalizeChat('Can we use https://zoom.us? Or www.whereby.com/x.', 'web'), 'Can we use zoom.us? Or whereby.com.');
  });

  it('typed text keeps its stars and angle brackets; markup pasted from Slack or Teams is unwrapped', () => {
    assert.equal(normalizeChat('Ist *Zoom* ok, wenn 3 < 4?', 'web'), 'Ist *Zoom* ok, wenn 3 < 4?');
    assert.equal(normalizeChat('Ist Zoom &amp; Teams ok?', 'cli'), 'Ist Zoom & Teams ok?');
    assert.equal(normalizeChat('<div>darf ich Zoom mit Minderj&auml;hrigen verwenden?</div>', 'cli'), 'darf ich Zoom mit Minderjährigen verwenden?');
    assert.equal(normalizeChat('<@U0123ABCD> darf ich <https://zoom.us|Zoom> nutzen?', 'web'), 'darf ich Zoom nutzen?');
  });

  it('an emoji code right before a pasted link goes in one pass (found by the property test below)', () => {
    assert.equal(normalizeChat('? :und:https://x.org/a', 'web'), '? x.org');
    assert.equal(normalizeChat(':tada:https://zoom.us ok?', 'cli'), 'zoom.us ok?');
    assert.equal(normalizeChat('Zoom:https://x.org/a', 'web'), 'Zoom: x.org');
  });
});

describe('normalizeChat: greetings, lead-ins, thanks and sign-offs', () => {
  const web = (t: string) => normalizeChat(t, 'web');

  it('removes them as whole sentences or lines, with the signature name', () => {
    assert.equal(web('Hallo zusammen, kurze Frage: darf ich Zoom mit Bürgern nutzen? Viele Grüße, Anna'), 'darf ich Zoom mit Bürgern nutzen?');
    assert.equal(web('Hi! Darf ich Zoom nutzen? Danke!'), 'Darf ich Zoom nutzen?');
    assert.equal(web('Moin\nDarf ich Zoom nutzen?\nLG Anna'), 'Darf ich Zoom nutzen?');
    assert.equal(web('May I use Zoom with citizens? Thanks, Tom'), 'May I use Zoom with citizens?');
    assert.equal(web('Quick question - can we use Teams for a confidential call? Best regards\nJohn Smith\nCity of X'), 'can we use Teams for a confidential call?');
    assert.equal(web('Hallo Anna, darf ich Zoom nutzen? Danke im Voraus!'), 'darf ich Zoom nutzen?');
    assert.equal(web('Darf ich Zoom nutzen, danke!'), 'Darf ich Zoom nutzen');
    assert.equal(
      web('Guten Morgen liebe Kolleginnen und Kollegen,\n\nich hätte eine Frage:\nDürfen wir Zoom für Sozialberatung nutzen?\n\nMit freundlichen Grüßen\nAnna Schmidt\nBezirksamt Nord'),
      'Dürfen wir Zoom für Sozialberatung nutzen?',
    );
    assert.equal(web('Darf ich Zoom nutzen?\n-- \nAnna Schmidt, Referat 4'), 'Darf ich Zoom nutzen?');
  });

  it('leaves ordinary words that look like chatter inside content', () => {
    assert.equal(web('Best practice for Zoom with citizens?'), 'Best practice for Zoom with citizens?');
    assert.equal(web('Tag der offenen Tür per Zoom ok?'), 'Tag der offenen Tür per Zoom ok?');
    assert.equal(web('Morgen Zoom mit Bürgern?'), 'Morgen Zoom mit Bürgern?');
    assert.equal(web('Danke, ich möchte Zoom für vertrauliche Gespräche nutzen.'), 'ich möchte Zoom für vertrauliche Gespräche nutzen.');
    assert.equal(web('Zoom ok? Es geht um nichts Vertrauliches.'), 'Zoom ok? Es geht um nichts Vertrauliches.');
    assert.equal(web('Darf ich Zoom nutzen? Viele Grüße an alle, ist das auch für Bürger ok?'), 'Darf ich Zoom nutzen? Viele Grüße an alle, ist das auch für Bürger ok?');
  });

  it('removes replies to the last answer before a follow-up', () => {
    assert.equal(web('Ok, und mit Bürgern?'), 'und mit Bürgern?');
    assert.equal(web('Danke! Und für vertrauliche Gespräche?'), 'Und für vertrauliche Gespräche?');
    assert.equal(web('Ok danke, und was ist mit Teams?'), 'und was ist mit Teams?');
    assert.equal(web('Vielen Dank für die schnelle Antwort. Was ist mit Teams?'), 'Was ist mit Teams?');
    assert.equal(web('Got it. What about a confidential call?'), 'What about a confidential call?');
    assert.equal(web('OK? Zoom?'), 'OK? Zoom?');
  });

  it('leaves nothing of a message that is only chatter', () => {
    for (const t of ['Hallo', 'Moin moin!', 'Danke!', 'Thanks, Tom', 'Danke, Anna', 'Ok danke!', 'Hallo Bot! Gruß\nAnna', '👍👍']) assert.equal(web(t), '', t);
  });
});

describe('the phrase file', () => {
  it('loads, every list has German and English entries, and each entry does what the file says', () => {
    const lists = chatPhrases();
    for (const [name, both] of Object.entries(lists)) {
      assert.ok(both.de.length > 0 && both.en.length > 0, name);
      for (const w of [...both.de, ...both.en]) assert.equal(w, w.toLowerCase().trim(), `${name}: "${w}"`);
    }
    const q = 'darf ich Zoom nutzen?';
    const cap = (s: string) => s[0]?.toUpperCase() + s.slice(1);
    for (const g of [...lists.greetings.de, ...lists.greetings.en, ...lists.greetings_with_break.de, ...lists.greetings_with_break.en, ...lists.acknowledgements.de, ...lists.acknowledgements.en]) {
      assert.equal(normalizeChat(`${cap(g)}, ${q}`, 'web'), q, `greeting "${g}"`);
    }
    for (const o of [...lists.openers.de, ...lists.openers.en]) assert.equal(normalizeChat(`${cap(o)}: ${q}`, 'web'), q, `opener "${o}"`);
    for (const a of [...lists.addressees.de, ...lists.addressees.en]) assert.equal(normalizeChat(`Hallo ${a}, ${q}`, 'web'), q, `addressee "${a}"`);
    for (const s of [...lists.thanks.de, ...lists.thanks.en, ...lists.signoffs.de, ...lists.signoffs.en, ...lists.signoffs_with_break.de, ...lists.signoffs_with_break.en]) {
      assert.equal(normalizeChat(`${q} ${cap(s)}, Anna`, 'web'), q, `sign-off "${s}"`);
      assert.equal(normalizeChat(`${q}\n${cap(s)}\nAnna Schmidt`, 'teams'), q, `sign-off "${s}" on its own line`);
    }
  });

  it('provides the modal verbs and subjects of a complete question, one word each, per language', () => {
    const lists = chatPhrases();
    for (const name of ['follow_up_modals', 'follow_up_subjects'] as const) {
      for (const w of [...lists[name].de, ...lists[name].en]) assert.match(w, /^\p{L}+$/u, `${name}: "${w}"`);
    }
    assert.ok(lists.follow_up_modals.de.includes('dürfen') && lists.follow_up_modals.en.includes('can'));
    assert.ok(lists.follow_up_subjects.de.includes('ich') && lists.follow_up_subjects.en.includes('we'));
    const text = readFileSync(chatPhrasesFile(), 'utf8');
    assert.throws(() => parseChatPhrases(text.replace(/^follow_up_subjects:/m, 'subjects:'), 'w.yaml'), /w\.yaml: /);
  });

  it('reports a malformed file with its name, the field and a code', () => {
    const text = readFileSync(chatPhrasesFile(), 'utf8');
    assert.doesNotThrow(() => parseChatPhrases(text));
    assert.throws(() => parseChatPhrases(text.replace(/^greetings:/m, 'greeting:'), 'x.yaml'), (err: unknown) => {
      assert.ok(err instanceof LexiconError);
      assert.equal(err.code, 'LEXICON_INVALID');
      assert.match(err.message, /^x\.yaml: /);
      return true;
    });
    assert.throws(() => parseChatPhrases('greetings: [', 'y.yaml'), /y\.yaml: not valid YAML/);
    assert.throws(() => parseChatPhrases(text.replace(/^( {2}de: )\[hallo,/m, '$1[42,'), 'z.yaml'), /z\.yaml: greetings\.de\.0/);
  });
});

describe('the engine reads a normalised chat message like the tidy question', () => {
  let engine: Engine;
  before(async () => {
    engine = createEngine(await loadKnowledgeBase(new URL('../knowledge', import.meta.url).pathname));
  });
  const read = (text: string, source: ChatSource) => {
    const a = engine.answer(normalizeChat(text, source));
    return { verdict: a.verdict, tools: a.tools.map((t) => t.id), contexts: a.contexts, unknownTool: a.unknownTool };
  };

  it('finds the tool and the situation behind markup and chatter, and no signature name', () => {
    const tidy = read('Darf ich Zoom mit Bürgern nutzen?', 'web');
    assert.deepEqual(tidy, { verdict: 'conditional', tools: ['zoom'], contexts: ['citizens'], unknownTool: null });
    assert.deepEqual(read('<@U0BOT> Hallo zusammen, kurze Frage: darf ich *Zoom* mit Bürgern nutzen? :pray: Viele Grüße, Anna', 'slack'), tidy);
    assert.deepEqual(read('<at>Compliance-Bot</at> <p>Hi!</p><p>Darf ich Zoom mit Bürgern nutzen?</p><p>LG<br>Anna Schmidt</p>', 'teams'), tidy);
    const link = read('Darf ich <https://zoom.us|Zoom> für das Kick-off nutzen?', 'slack');
    assert.deepEqual(link.tools, ['zoom']);
    assert.notEqual(link.unknownTool, 'https');
  });

  it('keeps the question in what the engine reads when long chatter comes first', () => {
    const chatter = 'Wir haben nächste Woche einen Termin mit mehreren Leuten aus verschiedenen Abteilungen. '.repeat(15);
    const text = `Hallo zusammen,\n${chatter}\nDürfen wir dafür Zoom für vertrauliche Gespräche nutzen?\nViele Grüße\nAnna`;
    assert.ok(text.length > 1200);
    const normalised = normalizeChat(text, 'web');
    assert.match(normalised.slice(0, 200), /Zoom für vertrauliche Gespräche/);
    assert.deepEqual(read(text, 'web'), { verdict: 'not_allowed', tools: ['zoom'], contexts: ['confidential'], unknownTool: null });
  });
});

describe('normalizeChat is total and bounded (property tests)', () => {
  const chatty = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc
      .array(fc.constantFrom('<@U1>', '<#C1|x>', '<https://a.b|c>', '<!here>', ':smile:', '*', '_', '~', '`', '```', '&gt; ', '&amp;', '&#x1F600;', '<at>', '</at>', '<p>', '<br>', '\u200b', '\n', 'Hallo', 'Danke', 'LG', ', ', '? ', 'Zoom', ' '), { maxLength: 60 })
      .map((parts) => parts.join('')),
  );

  // Only written-out shorthand ("w/" → "with", "ggf." → "gegebenenfalls") lengthens a message: by
  // at most the largest ratio of an expansion to its shorthand in the phrase book.
  const growth = Math.max(1, ...phraseList('abbreviations').map((e) => (e.length - e.indexOf(' ') - 1) / e.indexOf(' ')));

  it('never throws, returns a string no longer than its input but for written-out shorthand, for every source', () => {
    fc.assert(
      fc.property(chatty, fc.constantFrom(...SOURCES), (text, source) => {
        const out = normalizeChat(text, source);
        assert.equal(typeof out, 'string');
        assert.ok(out.length <= text.length * growth, `grew: ${JSON.stringify(text)} -> ${JSON.stringify(out)}`);
      }),
      { numRuns: 1500 },
    );
    assert.equal(normalizeChat('W/', 'web'), 'with', 'shorthand is written out, which may lengthen a message');
  });

  it('typed text normalised once stays as it is when normalised again', () => {
    const typed = fc
      .array(fc.constantFrom('Hallo', 'Danke', 'LG', ', ', '? ', '! ', 'Zoom', ' ', '\n', 'Anna', 'ok', 'Viele Grüße', 'und', 'https://x.org/a', 'kurze Frage', ':', 'Thanks', 'Best', '.'), { maxLength: 30 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(typed, fc.constantFrom<ChatSource>('web', 'cli'), (text, source) => {
        const once = normalizeChat(text, source);
        assert.equal(normalizeChat(once, source), once);
      }),
      { numRuns: 1500 },
    );
  });

  it('cuts huge input before working on it, and accepts non-strings', () => {
    const huge = 'Danke! '.repeat(50_000) + 'Darf ich Zoom nutzen?';
    assert.ok(normalizeChat(huge, 'slack').length <= MAX_CHAT_INPUT);
    assert.equal(normalizeChat(undefined as unknown as string, 'web'), '');
    assert.equal(normalizeChat(42 as unknown as string, 'web'), '');
  });
});
