// Issue 18: every content word accounted for (unexplained words), the confirm verdict (ask before
// approving), its typed yes/no answer, and the JSON contract's `ask` and `unexplained`. Built on a
// small catalogue made here, not on the shipped one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Answer } from '../src/model/answer.js';
import { toJson } from '../src/layout/answer-json.js';
import { createEngine } from '../src/engine/engine.js';
import { isNeutral } from '../src/engine/account.js';
import { lexicon } from '../src/text/lexicon.js';
import { previousQuestionOf } from '../src/follow-up-memory.js';
import { phrases } from '../src/phrases/index.js';
import { confirmCatalogueFiles, kbFromFiles } from './helpers/kb.js';

const kb = kbFromFiles(confirmCatalogueFiles());
const engine = createEngine(kb);
const now = new Date('2024-06-01');
const ask = (q: string, previous?: Answer) => engine.answer(q, { now, ...(previous ? { previous: previousQuestionOf(previous, kb) } : {}) });

describe('unexplained words', () => {
  it('lists the content words nothing accounts for, as written, and none for a plain question', () => {
    const a = ask('Darf ich Quackmeet für die Beratung zum Impfschaden nutzen?');
    assert.ok(a.unexplained?.includes('Impfschaden'), JSON.stringify(a.unexplained));
    assert.ok(!a.unexplained?.includes('Quackmeet'));
    assert.deepEqual(ask('Darf ich Quackmeet nutzen?').unexplained ?? [], []);
  });

  it('accounts for neutral office words, numbers, names and negated contexts', () => {
    const a = ask('Can we use Quackmeet for the weekly team meeting on 3 June with Anna Schmidt? Nothing confidential.');
    assert.deepEqual(a.unexplained ?? [], []);
    assert.equal(a.verdict, 'conditional');
  });

  it('accounts for words a negator rules out, and for names after a role word', () => {
    assert.deepEqual(ask('Can we use Quackmeet? No patients or participants involved.').unexplained ?? [], []);
    assert.ok(!(ask('Darf ich Quackmeet nutzen? Es werden keine Teilnehmerlisten verschickt.').unexplained ?? []).includes('Teilnehmerlisten'));
    assert.deepEqual(ask('Kollegin Schneider fragt: darf ich Quackmeet nutzen?').unexplained ?? [], []);
    // A contracted negator reaches over a verb as "not" does.
    assert.equal(ask('Can we use Quackmeet? We discuss health data.').verdict, 'not_allowed');
    const contracted = ask("Can we use Quackmeet? We don't discuss health data.");
    assert.notEqual(contracted.verdict, 'not_allowed', JSON.stringify(contracted.contexts));
    // Not ruled out: the word the negator does not reach.
    assert.ok(ask('Can we use Quackmeet for participants? Nothing confidential.').unexplained?.includes('participants'));
  });

  it('a noun after an article is no surname: "der", "den", "des", "von" are no first names here', () => {
    for (const q of ['Darf ich Quackmeet für die Besprechung der Betriebsvereinbarung nutzen?', 'Darf ich Quackmeet für den Entwurf des Betriebsvereinbarungstextes nutzen?']) {
      const a = ask(q);
      assert.ok((a.unexplained ?? []).some((w) => w.startsWith('Betriebsvereinbarung')), `${q}: ${JSON.stringify(a.unexplained)}`);
    }
    // Number words count as written, not by stem: "acht" accounts for no "Gutachten" ("gut" + "achten").
    assert.ok(ask('Darf ich Quackmeet für die Gutachten nutzen?').unexplained?.includes('Gutachten'));
    assert.deepEqual(ask('Darf ich Quackmeet für drei Besprechungen nutzen?').unexplained ?? [], []);
    // A person word is no compound of neutral parts ("Hersteller" is no "her" + "Steller"); a compound of office words is.
    assert.equal(isNeutral('Hersteller', lexicon()), false);
    assert.equal(isNeutral('Teambesprechung', lexicon()), true);
    // The splitter cuts "Radwegeausbau" as "rad|wege|ausbau": neighbouring parts count together
    // ("Radwege", "Ausbau"), and a compound of office words is accounted for however finely it was cut.
    assert.equal(isNeutral('Radwegeausbau', lexicon()), true);
    assert.equal(isNeutral('Datenbankverwaltung', lexicon()), true);
    assert.deepEqual(ask('Darf ich Quackmeet für die Pressemitteilung zum Radwegeausbau nutzen?').unexplained ?? [], []);
    // Runs join only neutral words: a situation word beside them stays unexplained.
    assert.equal(isNeutral('Radwegeopfer', lexicon()), false);
    assert.ok(ask('Darf ich Quackmeet für die Radwegeopfer nutzen?').unexplained?.includes('Radwegeopfer'));
    // A first name before a surname still is one.
    assert.deepEqual(ask('Darf ich Quackmeet mit Anna Kowalczyk nutzen?').unexplained ?? [], []);
  });
});

describe('unexplained words: addresses and abbreviations', () => {
  it('accounts for the parts of an e-mail or web address and for dotted abbreviations', () => {
    assert.deepEqual(ask('Can we use Quackmeet? Contact: anna.schmidt@example.org or www.example.org/quack').unexplained ?? [], []);
    assert.deepEqual(ask('Darf ich Quackmeet z.B. für das Teammeeting nutzen?').unexplained ?? [], []);
    // The check can fail: a real situation word next to them is still unexplained.
    assert.ok(ask('Darf ich Quackmeet z.B. für die Beratung zum Impfschaden nutzen?').unexplained?.includes('Impfschaden'));
  });
});

describe('confirm: ask before approving', () => {
  it('asks (de) when words remain unexplained and a forbidden situation is not ruled out', () => {
    const a = ask('Darf ich Quackmeet für die Beratung zum Impfschaden nutzen?');
    assert.equal(a.verdict, 'confirm');
    assert.equal(a.tools[0]?.verdict, 'confirm');
    assert.deepEqual(a.ask, ['confidential', 'special_categories']);
    const p = phrases('de');
    assert.ok(a.headline.includes(p.verdict.confirm), a.headline);
    assert.ok(a.text.includes(p.ui.confirmIfYes('Owlcall')), a.text);
    assert.ok(a.text.includes(p.ui.confirmIfNo), a.text);
    assert.ok(!a.headline.includes(p.verdict.conditional));
  });

  it('asks (en) only about the forbidden situations not ruled out', () => {
    const a = ask('Can I use Quackmeet for the tenancy dispute? Nothing confidential.');
    assert.equal(a.verdict, 'confirm');
    assert.deepEqual(a.ask, ['special_categories']);
    assert.ok(a.text.includes(phrases('en').ui.confirmIfYes('Owlcall')), a.text);
  });

  it('stays conditional without situation words, and when every forbidden situation is ruled out', () => {
    assert.equal(ask('Darf ich Quackmeet nutzen?').verdict, 'conditional');
    assert.equal(ask('Quackmeet for the zebra hearing, nothing confidential and no health data?').verdict, 'conditional');
  });

  it('leaves approved and prohibited tools alone, and gives each restricted tool its own verdict in a list', () => {
    assert.equal(ask('Darf ich Owlcall für die Beratung zum Impfschaden nutzen?').verdict, 'allowed');
    assert.equal(ask('Darf ich Ravenbox für den Impfschaden nutzen?').verdict, 'not_allowed');
    const list = ask('Quackmeet or Owlcall for the tenancy dispute?');
    assert.equal(list.verdict, 'list');
    assert.deepEqual(list.tools.map((t) => `${t.id}:${t.verdict}`).sort(), ['owlcall:allowed', 'quackmeet:confirm']);
  });

  it('prints ask and unexplained in the JSON contract', () => {
    const j = toJson(ask('Darf ich Quackmeet für die Beratung zum Impfschaden nutzen?'));
    assert.equal(j.verdict, 'confirm');
    assert.deepEqual(j.ask, ['confidential', 'special_categories']);
    assert.ok(j.unexplained?.includes('Impfschaden'));
    const plain = toJson(ask('Darf ich Quackmeet nutzen?'));
    assert.equal('ask' in plain, false);
    assert.equal('unexplained' in plain, false);
  });
});

describe('confirm: the typed answer in the same conversation', () => {
  const first = () => ask('Darf ich Quackmeet für die Beratung zum Impfschaden nutzen?');

  it('"nein, nichts davon" resolves to conditional', () => {
    const a = ask('nein, nichts davon', first());
    assert.equal(a.verdict, 'conditional');
    assert.deepEqual(a.tools.map((t) => t.id), ['quackmeet']);
  });

  it('"ja" resolves to not allowed, with the alternative', () => {
    const a = ask('ja', first());
    assert.equal(a.verdict, 'not_allowed');
    assert.deepEqual(a.tools[0]?.alternatives.map((x) => x.id), ['owlcall']);
  });

  it('"ja, vertraulich" states that situation', () => {
    const a = ask('ja, vertraulich', first());
    assert.equal(a.verdict, 'not_allowed');
    assert.deepEqual(a.contexts, ['confidential']);
  });

  it('English: "yes" and "no, none of that"; the buttons send the phrase book replies', () => {
    const en = ask('Can I use Quackmeet for the tenancy dispute?');
    assert.equal(en.verdict, 'confirm');
    assert.equal(ask('yes', en).verdict, 'not_allowed');
    assert.equal(ask('no, none of that', en).verdict, 'conditional');
    assert.equal(ask(phrases('en').chat.confirmNo, en).verdict, 'conditional');
    assert.equal(ask(phrases('de').chat.confirmYes, first()).verdict, 'not_allowed');
  });

  it('a yes or no without a confirm before it is no answer to anything', () => {
    const plain = ask('Darf ich Quackmeet nutzen?');
    assert.notEqual(ask('ja', plain).verdict, 'not_allowed');
  });
});

describe('unknown products are named; shouted words, classes and addresses are not', () => {
  it('a person after a title is never a product, after a verb of knowing either', () => {
    assert.equal(ask('I heard Mr Smith is ok with it, can we use Quackmeet?').unknownTool, null);
    assert.equal(ask('Kennt jemand Frau Müller?').unknownTool, null);
    // A surname near a tool's name is still a person ("Quackmeeten" after a first name).
    assert.deepEqual(ask('Hannah Quackmeeten asks whether Owlcall is allowed.').tools.map((t) => t.id), ['owlcall']);
    assert.deepEqual(ask('Is Quackmeeten allowed?').tools.map((t) => t.id), ['quackmeet']);
  });

  it('a product-shaped name where the tool stands is unknown, never unclear', () => {
    for (const [q, name] of [
      ['Darf ich Calendly nutzen?', 'Calendly'],
      ['Can we use Otter.ai for the weekly team meeting?', 'Otter.ai'],
      ['Ist 1Password erlaubt?', '1Password'],
      ['Can we use Mentimeter?', 'Mentimeter'],
      // After a verb of knowing, trying or proposing; a capitalised word after a name continues it.
      ['Kennt jemand Taskcards?', 'Taskcards'],
      ['Anyone tried Whereby? Can we use it?', 'Whereby'],
      ['Our partners suggested Castor EDC. Allowed?', 'Castor EDC'],
      ['Is Google Meet allowed?', 'Google Meet'],
      // After the noun of a decision: an English word used as a name there too.
      ['Gibt es eine Freigabe für Notion?', 'Notion'],
      ['Is there an approval for Notion?', 'Notion'],
      // A capitalised category word right after the name is part of it.
      ['Can we use Proton Mail?', 'Proton Mail'],
      // A word of the closed classes standing alone where the tool stands; in a message written all in
      // lower case, after a topic anchor too.
      ['is whereby ok to use?', 'whereby'],
      ['whats our policy on whereby', 'whereby'],
      ['was ist mit whereby, geht das?', 'whereby'],
    ] as const) {
      const a = ask(q);
      assert.equal(a.verdict, 'unknown', q);
      assert.equal(a.unknownTool, name, q);
    }
  });

  it('a closed-class word before a noun, or one standing for people or things, is no product', () => {
    for (const q of ['Darf ich während der Sitzung Owlcall nutzen?', 'Is everything ok with Owlcall?', 'is this ok to use?', 'was ist mit dem protokoll?']) assert.equal(ask(q).unknownTool, null, q);
  });

  it('after the noun of a decision, a person or a German word is no product', () => {
    assert.equal(ask('Gibt es eine Freigabe für Frau Müller?').unknownTool, null);
    assert.equal(ask('Gibt es eine Freigabe für Videokonferenzen?').unknownTool, null);
    assert.deepEqual(ask('Is there an approval for Quackmeet?').unexplained ?? [], []);
  });

  it('an abbreviation of two capitals is no product, though where a tool stands', () => {
    for (const q of ['Darf ich die AU per Owlcall besprechen?', 'Kann der BR Owlcall nutzen?']) {
      const a = ask(q);
      assert.equal(a.unknownTool, null, q);
      assert.deepEqual(a.tools.map((t) => t.id), ['owlcall'], q);
    }
    // Three capitals may well be one ("Ist SAP erlaubt?").
    assert.equal(ask('Ist SAP erlaubt?').unknownTool, 'SAP');
  });

  it('a shouted ordinary word, a school class and an e-mail address are no tools', () => {
    for (const q of ['WICHTIG: darf ich Owlcall nutzen?', 'Kann die 7b Owlcall nutzen?', 'Darf ich Owlcall nutzen? Antwort bitte an jochen.wegener@example.org']) {
      const a = ask(q);
      assert.equal(a.unknownTool, null, q);
      assert.equal(a.verdict, 'allowed', q);
    }
  });
});

describe('confirm: a follow-up about the same situation', () => {
  const files = confirmCatalogueFiles();
  const two = kbFromFiles({
    ...files,
    'tools/quackchat.yaml': (files['tools/quackmeet.yaml'] as string).replace(/Quackmeet/g, 'Quackchat'),
  });
  const twoEngine = createEngine(two);
  const askTwo = (q: string, previous?: Answer) => twoEngine.answer(q, { now, ...(previous ? { previous: previousQuestionOf(previous, two) } : {}) });

  it('naming another restricted tool is asked about too: the situation is still not understood', () => {
    const first = askTwo('Darf ich Quackmeet für die Beratung zum Impfschaden nutzen?');
    assert.equal(first.verdict, 'confirm');
    const next = askTwo('Und Quackchat?', first);
    assert.deepEqual([next.tools.map((t) => t.id), next.verdict], [['quackchat'], 'confirm']);
    // After an answer that understood its situation, the next tool is answered as before.
    const plain = askTwo('Darf ich Quackmeet für das Teammeeting nutzen?');
    assert.equal(plain.verdict, 'conditional');
    assert.equal(askTwo('Und Quackchat?', plain).verdict, 'conditional');
  });
});
