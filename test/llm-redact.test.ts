import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { createMemorySummaryCache } from '../src/llm/cache.js';
import { redact } from '../src/llm/redact.js';
import { createSummarizer } from '../src/llm/summarizer.js';
import { toolNamesOf, type ToolNames } from '../src/llm/tool-names.js';
import { childLogger } from '../src/logger.js';
import { answer, tool } from './helpers/answers.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './fakes/openai-server.js';

describe('redact', () => {
  const personal: [string, string][] = [
    ['max.mustermann@hamburg.de', '[E-MAIL]'],
    ['Erika.Musterfrau+zoom@bezirksamt-nord.hamburg.de', '[E-MAIL]'],
    ['+49 40 123456', '[PHONE]'],
    ['040/123 456-78', '[PHONE]'],
    ['(040) 1234567', '[PHONE]'],
    ['0171 1234567', '[PHONE]'],
    ['+1 (555) 123-4567', '[PHONE]'],
    ['+4940428230', '[PHONE]'],
    ['DE89 3704 0044 0532 0130 00', '[IBAN]'],
    ['DE89370400440532013000', '[IBAN]'],
    ['GB29 NWBK 6016 1331 9268 19', '[IBAN]'],
    ['gb29 nwbk 6016 1331 9268 19', '[IBAN]'],
    ['FR14 2004 1010 0505 0001 3M02 606', '[IBAN]'],
  ];
  for (const [value, placeholder] of personal) {
    it(`replaces ${value}`, () => {
      const r = redact(`Darf ich ${value} per Zoom kontaktieren?`);
      assert.equal(r.text, `Darf ich ${placeholder} per Zoom kontaktieren?`);
      assert.equal(r.replaced, 1);
    });
  }

  it('replaces names after titles, keeping the title', () => {
    const r = redact(
      'Mit Herrn Müller, Frau Dr. Anna Schmidt-Meyer, Hr. Meier, Fr. Yılmaz, Prof. Weber, Mr Smith, Mrs. Brown, Ms Jones und Dr. Öztürk.',
    );
    assert.equal(
      r.text,
      'Mit Herrn [NAME], Frau Dr. [NAME], Hr. [NAME], Fr. [NAME], Prof. [NAME], Mr [NAME], Mrs. [NAME], Ms [NAME] und Dr. [NAME].',
    );
    assert.equal(r.replaced, 9);
  });

  it('takes one or two capitalised words as the name, not the rest of the sentence', () => {
    assert.equal(redact('Frau Anna Schmidt Zoom-Link schicken').text, 'Frau [NAME] Zoom-Link schicken');
    assert.equal(redact('May I call Mr John Smith on Zoom?').text, 'May I call Mr [NAME] on Zoom?');
    assert.equal(redact('Kann Herr Meier uns anrufen?').text, 'Kann Herr [NAME] uns anrufen?');
  });

  it('keeps dates, quarters, product names and version numbers', () => {
    const text =
      'Seit 2021-03-26 (Q3 2021) gilt für Microsoft 365, Zoom und zoom.us am 12.03.2021 um 09:30 oder 05/03/2021: Win10, ISO 27001, Version 4.23.3, 2020-09-22.';
    assert.deepEqual(redact(text), { text, replaced: 0 });
  });

  it('does not take a tool name after "Frau" for a name when told to keep it', () => {
    const text = 'Darf ich mit einer Frau Zoom nutzen? Und Ms Teams?';
    assert.deepEqual(redact(text, { keep: ['Zoom', 'Teams'] }), { text, replaced: 0 });
    assert.equal(redact(text).replaced, 2);
  });

  it('handles personal data that touch each other', () => {
    const r = redact('Herr A+49 40 1234567,max@x.de;DE89370400440532013000');
    assert.equal(r.text, 'Herr [NAME][PHONE],[E-MAIL];[IBAN]');
  });

  // Text built from pieces that look like personal data, so that the generator reaches the tricky cases.
  const piece = fc.constantFrom(
    'Herr', 'Frau', 'Dr.', 'Prof.', 'Mr', 'Ms', 'Müller', 'Anna', 'Zoom', '+49', '+1', '040', '(040)', '0171',
    '123', '4567', '-', '/', ' ', '  ', '.', ',', '@', 'max', 'x.de', 'DE89', '3704', '0044', 'GB29', 'NWBK', '2021-03-26',
    'Q3', '2021', '[NAME]', '[PHONE]', 'Ä', '\n',
  );
  const messy = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
    fc.array(piece, { maxLength: 40 }).map((p) => p.join(' ')),
  );

  it('never throws and is idempotent (property)', () => {
    fc.assert(
      fc.property(messy, (text) => {
        const once = redact(text);
        const twice = redact(once.text);
        assert.equal(twice.text, once.text);
        assert.equal(twice.replaced, 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('removes every generated e-mail address, phone number and IBAN (property)', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
    const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/), fc.stringMatching(/^[a-z]{2,10}\.(de|org|com)$/)).map(
      ([u, d]) => `${u}@${d}`,
    );
    const phone = fc.oneof(
      fc.tuple(digits(2, 3), digits(5, 8)).map(([a, b]) => `+49 ${a} ${b}`),
      fc.tuple(digits(2, 4), digits(5, 8)).map(([a, b]) => `0${a}/${b}`),
      fc.tuple(digits(2, 4), digits(5, 8)).map(([a, b]) => `(0${a}) ${b}`),
    );
    const iban = fc.tuple(digits(2, 2), digits(18, 18), fc.boolean()).map(([check, rest, spaced]) => {
      const s = `DE${check}${rest}`;
      return spaced ? s.replace(/(.{4})/g, '$1 ').trim() : s;
    });
    const filler = fc.constantFrom('Darf ich', 'mit', 'Zoom nutzen?', 'Bitte an', 'oder', 'schreiben', '');
    fc.assert(
      fc.property(filler, fc.oneof(email, phone, iban), filler, (before, secret, after) => {
        const out = redact(`${before} ${secret} ${after}`).text;
        assert.ok(!out.includes(secret), `${secret} survived in ${out}`);
        assert.ok(!/\d{5}/.test(out.replace(/\[\w+(?:-\w+)?\]/g, '')), `digits survived in ${out}`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('redact: the kinds added for names without a title, addresses, dates of birth, tax ids and file numbers', () => {
  const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
  const first = fc.constantFrom('Anna', 'Kevin', 'Erika', 'Mehmet', 'Ayşe', 'Jürgen', 'Sophie', 'Lukas', 'Fatma', 'Heike');
  const last = fc.constantFrom('Schmidt', 'Müller', 'Yılmaz', 'Weber', 'Mustermann', 'Öztürk', 'Hansen', 'Nowak');
  const month = fc.constantFrom('Jan', 'Februar', 'March', 'Mai', 'Dez.', 'October');
  const day = fc.integer({ min: 1, max: 28 });
  const year = fc.integer({ min: 1930, max: 2010 });
  const taxId = digits(9, 9).chain((nine) =>
    fc.integer({ min: 1, max: 9 }).map((lead) => {
      const ten = `${lead}${nine}`;
      let product = 10;
      for (const ch of ten) {
        let sum = (Number(ch) + product) % 10;
        if (sum === 0) sum = 10;
        product = (sum * 2) % 11;
      }
      return `${ten}${(11 - product) % 10}`;
    }),
  );
  // [text with the personal data, the part that must not survive]
  const secret = fc.oneof(
    fc.tuple(first, last).map(([f, l]) => [`mit ${f} ${l}`, `${f} ${l}`]),
    fc.tuple(fc.constantFrom('Kollegin', 'Kollege', 'Chefin', 'Frau', 'Herrn', 'Herrn Dr.'), last).map(([t, l]) => [`${t} ${l}`, l]),
    first.map((f) => [`${f} fragt`, f]),
    fc.tuple(fc.constantFrom('Hauptstraße', 'Max-Brauer-Allee', 'Jungfernstieg', 'Am Markt'), fc.integer({ min: 1, max: 999 }), digits(5, 5)).map(([s, n, plz]) => [
      `${s} ${n}, ${plz} Hamburg`,
      `${n}, ${plz}`,
    ]),
    fc.tuple(day, fc.integer({ min: 1, max: 12 }), year).map(([d, m, y]) => [`geb. ${d}.${m}.${y}`, `${d}.${m}.${y}`]),
    fc.tuple(day, month, year).map(([d, m, y]) => [`born ${d} ${m} ${y}`, `${y}`]),
    taxId.map((t) => [`Steuer-ID ${t}`, t]),
    taxId.map((t) => [`die Nummer ${t}`, t]),
    fc.tuple(digits(2, 4), digits(1, 3), digits(1, 2)).map(([a, b, c]) => [`Az. ${a}/${b}-${c}`, `${a}/${b}-${c}`]),
    fc.tuple(digits(1, 2), fc.constantFrom('O', 'C', 'K'), digits(2, 4), digits(2, 2)).map(([a, k, b, y]) => [`AZ: ${a} ${k} ${b}/${y}`, `${b}/${y}`]),
  );
  const before = fc.constantFrom('Darf ich', 'Kann ich', 'Is it ok to call', 'Bitte', '');
  const after = fc.constantFrom('per Zoom anrufen?', 'nutzen?', 'on Zoom?', '.', '');

  it('removes each generated piece (property)', () => {
    fc.assert(
      fc.property(before, secret, after, (b, pair, a) => {
        const [text, part] = pair as [string, string];
        const out = redact(`${b} ${text} ${a}`, { keep: ['Zoom'] }).text;
        assert.ok(!out.includes(part), `"${part}" survived in "${out}"`);
        assert.ok(out.includes('Zoom') === `${b} ${a}`.includes('Zoom'), `the tool name went: "${out}"`);
      }),
      { numRuns: 1500 },
    );
  });
});

// Each kind of personal data through the real openai client to the fake LLM server: what the server
// receives holds the placeholder and none of the personal data.
describe('redaction on the way to the LLM (real openai client, fake server)', () => {
  const logger = childLogger('llm-redact-test');
  logger.level = 'silent';
  let server: FakeOpenAiServer;
  let kbTools: ToolNames[];
  before(async () => {
    kbTools = toolNamesOf(await loadKnowledgeBase(fileURLToPath(new URL('../knowledge', import.meta.url))));
    server = await startFakeOpenAiServer({ content: 'Zoom ist hier nur für Gespräche erlaubt, deren Inhalte nicht vertraulich sind. Deshalb gelten die genannten Bedingungen auch in diesem Fall.' });
  });
  after(async () => {
    await server.close();
  });

  /** Sends `question` as the question of a Zoom answer; returns the raw request body the server received. */
  async function sent(question: string): Promise<{ raw: string; user: string }> {
    const before = server.requests.length;
    const summarizer = createSummarizer({ baseURL: server.baseURL, model: 'test-model', timeoutMs: 2000, cache: createMemorySummaryCache(), kbTools: () => kbTools, logger });
    const zoom = answer({
      question,
      language: 'de',
      verdict: 'conditional',
      headline: '⚠️ Zoom: Erlaubt unter Bedingungen',
      text: '⚠️ Zoom: Erlaubt unter Bedingungen',
      tools: [tool({ id: 'zoom', name: 'Zoom', verdict: 'conditional', conditions: ['Nur für nicht vertrauliche Gespräche.'] })],
    });
    const r = await summarizer.summarize(zoom);
    assert.equal(r.source, 'llm', `the LLM was asked (${r.reason ?? ''})`);
    assert.equal(server.requests.length, before + 1);
    const req = server.requests[before]!;
    return { raw: req.raw, user: req.body.messages?.[1]?.content ?? '' };
  }

  const kinds: { kind: string; question: string; secrets: string[]; placeholder: string }[] = [
    { kind: 'a first name and surname without a title', question: 'Darf ich Zoom mit Anna Schmidt nutzen?', secrets: ['Anna', 'Schmidt'], placeholder: 'mit [NAME] nutzen' },
    { kind: 'a surname after a role word', question: 'Darf ich Zoom mit der Kollegin Weber nutzen?', secrets: ['Weber'], placeholder: 'Kollegin [NAME]' },
    { kind: 'a name after a chain of titles', question: 'Darf ich Zoom mit Herrn Dr. Meier nutzen?', secrets: ['Meier'], placeholder: 'Herrn Dr. [NAME]' },
    { kind: 'a first name alone', question: 'Darf ich Kevin einen Zoom-Link schicken?', secrets: ['Kevin'], placeholder: 'Darf ich [NAME] einen' },
    { kind: 'a street address', question: 'Darf ich Zoom für einen Termin in der Hauptstraße 5, 20095 Hamburg nutzen?', secrets: ['Hauptstraße 5', '20095'], placeholder: '[ADDRESS]' },
    { kind: 'a postcode and city', question: 'Darf ich Zoom mit jemandem in 22765 Hamburg-Altona nutzen?', secrets: ['22765'], placeholder: '[ADDRESS]' },
    { kind: 'a date of birth (German)', question: 'Darf ich über Zoom Frau X, geb. 01.02.1980, beraten?', secrets: ['01.02.1980'], placeholder: 'geb. [DATE-OF-BIRTH]' },
    { kind: 'a date of birth (English)', question: 'May I use Zoom with a client born 1 Feb 1980 (DOB: 1980-02-01)?', secrets: ['1 Feb 1980', '1980-02-01'], placeholder: 'born [DATE-OF-BIRTH]' },
    { kind: 'a tax id', question: 'Darf ich die Steuer-ID 12 345 678 901 per Zoom nennen?', secrets: ['12 345 678 901', '345 678'], placeholder: 'Steuer-ID [TAX-ID]' },
    { kind: 'a tax number', question: 'Darf ich die Steuernummer 22/815/08150 in Zoom zeigen?', secrets: ['22/815/08150', '08150'], placeholder: 'Steuernummer [TAX-ID]' },
    { kind: 'a file number (Az.)', question: 'Darf ich den Fall Az. 123/45-6 in Zoom besprechen?', secrets: ['123/45-6'], placeholder: 'Az. [FILE-NO]' },
    { kind: 'a court file number (AZ:)', question: 'Darf ich AZ: 4 O 123/20 per Zoom besprechen?', secrets: ['4 O 123/20', '123/20'], placeholder: 'AZ: [FILE-NO]' },
    { kind: 'a case number', question: 'May I discuss case number 2021-CV-1234 on Zoom?', secrets: ['2021-CV-1234'], placeholder: 'case number [FILE-NO]' },
    { kind: 'a URL with a personal path', question: 'Darf ich https://example.org/users/max.mustermann in Zoom teilen?', secrets: ['max.mustermann', 'example.org/users'], placeholder: '[URL]' },
    { kind: 'a chat mention', question: 'Darf ich <@U999|boss> per Zoom anrufen?', secrets: ['U999', 'boss'], placeholder: '[NAME]' },
  ];
  for (const k of kinds) {
    it(`${k.kind} never reaches the server, the placeholder does`, async () => {
      const { raw, user } = await sent(k.question);
      for (const secret of k.secrets) assert.ok(!raw.includes(secret), `"${secret}" reached the server: ${user}`);
      assert.ok(user.includes(k.placeholder), `"${k.placeholder}" missing in ${user}`);
      assert.ok(user.includes('Zoom'), 'the tool of the answer is still named');
    });
  }
});
