// Small closed word lists the question reader needs, in folded form (see text/normalize.ts fold()):
// function words, negations, the phrases that introduce a tool name, and generic nouns.

import { fold } from '../text/normalize.js';

// Lists are folded like the question, so "does" (-> "dos") and "für" (-> "fur") compare correctly.
const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean).map(fold));

/** Words that never name a tool (articles, pronouns, prepositions, auxiliaries, question words). */
export const STOPWORDS = set(`
  ich wir man du ihr sie er es uns euch mich mir dich dir sich der die das den dem des ein eine einen einem einer eines
  kein keine keinen keinem keiner und oder aber sondern auch noch schon nur denn doch mal eigentlich jetzt hier dort da
  mit fur bei zu zum zur von vom an am im in auf aus uber unter nach vor fur gegen ohne um als wie wenn ob dass weil
  darf durfen darfst kann konnen kannst konnte konnten soll sollen sollte sollten muss mussen musste will wollen
  ist sind war waren sein wird werden wurde hat haben habe gibt geht bitte welche welcher welches welchen was wer wo
  wann warum wozu nicht nichts etwas alle allen unser unsere unserem unseren unserer mein meine meinem meinen dies diese
  dieser dieses diesem nutzen benutzen verwenden einsetzen nutzung verwendung einsatz erlaubt zulassig freigegeben
  zugelassen genehmigt okay ok gesprach gesprache fuhren machen teilen schicken senden
  i me my we us our you your he she it its they them the a an and or but also only still just now here there
  with for at to of on in into from by about as like if whether that this these those which what who where when why how
  may can could should must might would will shall do does did is are was were be been being have has had
  not no nothing something anything all any some use using used allowed permitted approved ok okay please
  conversation conversations call calls meeting meetings talk talks
`);

/** Words that negate the context that follows them ("nicht vertraulich", "no health data"). */
export const NEGATORS = set('nicht kein keine keinen keinem keiner keinerlei ohne weder not no non without never neither nor none');

/** Compound prefixes that negate: "nichtvertraulich", "non-confidential" (tokenised as non + confidential). */
export const NEGATING_PREFIXES = ['nicht', 'non', 'un'] as const;

/** Modal verbs that, with a subject, introduce the tool of a question: "Darf ich X ...", "Can we X". */
export const MODALS = set('darf durfen darfst kann konnen kannst konnte konnten soll sollen sollte sollten muss mussen durfte durften may can could should must might');
export const SUBJECTS = set('ich wir man du ihr sie mitarbeitende beschaftigte kollegen i we you staff');
/** Verbs after which the tool follows in English ("use X"), and words after "is X" in German and English. */
export const USE_VERBS = set('use using install installing try trying nutzen einsetzen verwenden benutzen');
/** Prepositions of the means, after which a question may name its tool: "per WhatsApp", "via WeTransfer". */
export const MEANS_WORDS = set('per via through');
/** Prepositions followed by people as often as by tools: "mit DeepL", "mit Kollegen", "with Slack". */
export const COMPANY_WORDS = set('mit uber with');
export const ALLOWED_WORDS = set('erlaubt zulassig freigegeben zugelassen genehmigt okay ok allowed permitted approved fine acceptable');
export const COPULAS = set('ist sind is are');
/** Word pairs after which a question names its topic: "what about X", "was ist mit X". */
export const TOPIC_ANCHORS = new Set(['what about', 'how about', 'ist mit', 'es mit', 'gilt fur', 'status von', 'status of'].map((p) => p.split(' ').map(fold).join(' ')));

/** Words skipped between an anchor and a tool name: "Darf ich das Tool X nutzen", "use the app X". */
export const FILLERS = set(`
  der die das den dem des ein eine einen einem einer unser unsere unseren unserem auch noch denn eigentlich jetzt schon
  mal bitte the a an our my also still really now
  tool tools software app apps programm programme dienst dienste anwendung anwendungen plattform service services
  website webseite system systeme produkt product platform application program
`);

/** Nouns that are not tool names when they follow an anchor ("Darf ich Dokumente teilen?"). */
export const GENERIC_NOUNS = set(`
  es dies das etwas sowas dateien datei dokumente dokument daten unterlagen fotos bilder videos nachrichten informationen
  inhalte termine protokolle protokoll akten akte vorlagen briefe brief mails mail emails email tabellen praesentationen
  prasentationen vertrage vertrag rechnungen notizen aufnahmen aufzeichnungen screenshots kontakte adressen listen
  entwurfe entwurf texte text berichte bericht
  it this that something anything files file documents document data photos pictures videos messages information
  content dates appointments minutes letters letter records notes recordings screenshots contacts presentations
  spreadsheets contracts invoices drafts texts reports report
`);

/** Words before which a tool's name can only be a plain word: "anderen Teams", "several teams". */
export const QUANTIFIERS = set(`
  andere anderen anderer anderes alle allen aller mehrere mehreren verschiedene verschiedenen beide beiden einige
  einigen viele vielen manche manchen samtliche samtlichen
  other others all several various different both some many multiple few
`);

/** Endings of German and English inflection, allowed after a tool name ("Zooms", "Zoom's"). */
export const INFLECTIONS = ['s', 'es', 'n', 'en', 'e', 'er', 'ern', 'ens'];

/** Generic heads of compounds that start with a tool name ("Zoomkonferenz", "Teamsmeeting"). */
export const COMPOUND_HEADS = set(`
  konferenz konferenzen meeting meetings call calls sitzung sitzungen gesprach gesprache termin termine link links
  konto konten account accounts lizenz lizenzen version app nutzung einsatz chat chats raum raume besprechung
  besprechungen einladung einladungen kanal kanale webinar webinare sprechstunde sprechstunden anruf anrufe
  videokonferenz videokonferenzen telefonat telefonate
`);
