// Small closed word lists the question reader needs, loaded from lexicon/words.yaml and folded like
// the question (see text/normalize.ts fold()): function words, negations, the phrases that
// introduce a tool name, titles before person names, compound heads. Whether a word is an ordinary
// word is not decided by lists but by the dictionaries (text/lexicon.ts).
import path from 'node:path';
import { lexiconDir, lexiconYaml } from '../text/lexicon-data.js';
import { fold } from '../text/normalize.js';

type Raw = Record<string, string | string[]>;

function readLists(): Raw {
  // The same parsed data text/lexicon.ts reads its ordinary words from.
  const data = lexiconYaml('words.yaml');
  if (typeof data !== 'object' || data === null) throw new Error(`${path.join(lexiconDir(), 'words.yaml')}: expected a mapping of word lists`);
  return data as Raw;
}

const raw = readLists();

/** The list `name` of words.yaml as folded words (a string is split at white space). */
function words(name: string): string[] {
  const v = raw[name];
  const list = typeof v === 'string' ? v.split(/\s+/) : Array.isArray(v) ? v.map(String) : undefined;
  if (!list) throw new Error(`lexicon/words.yaml: list "${name}" is missing`);
  const out = list.map((w) => w.trim()).filter(Boolean);
  if (out.length === 0) throw new Error(`lexicon/words.yaml: list "${name}" is empty`);
  return out;
}
const set = (name: string): ReadonlySet<string> => new Set(words(name).map(fold));
const phrases = (name: string): ReadonlySet<string> => new Set(words(name).map((p) => p.split(/\s+/).map(fold).join(' ')));

/** Every list name words.yaml must define (the test checks each loads). */
export const LIST_NAMES = Object.keys(raw);

export const STOPWORDS = set('stopwords');
export const NEGATORS = set('negators');
export const NEGATION_BREAKERS = set('negation_breakers');
export const NEGATING_PREFIXES: readonly string[] = words('negating_prefixes').map(fold);
export const MODALS = set('modals');
export const SUBJECTS = set('subjects');
export const USE_VERBS = set('use_verbs');
export const MEANS_WORDS = set('means_words');
export const COMPANY_WORDS = set('company_words');
export const TOOL_PREPOSITIONS = set('tool_prepositions');
export const COORDINATORS = set('coordinators');
export const ALSO_WORDS = set('also_words');
export const OR_WORDS = set('or_words');
export const NEGATED_LIST_JOINERS = set('negated_list_joiners');
export const ACQUAINTANCE_FILLERS = set('acquaintance_fillers');
export const ALLOWED_WORDS = set('allowed_words');
export const APPROVAL_NOUNS = set('approval_nouns');
export const APPROVAL_PREPOSITIONS = set('approval_prepositions');
export const REASON_CONJUNCTIONS = set('reason_conjunctions');
export const REASON_CONJUNCTIONS_CLAUSE_START = set('reason_conjunctions_clause_start');
export const COPULAS = set('copulas');
export const QUESTION_OPENERS = set('question_openers');
export const TOPIC_ANCHORS = phrases('topic_anchors');
export const REPLACED_BEFORE = phrases('replaced_before');
export const FILLERS = set('fillers');
export const TOOL_NOUNS = set('tool_nouns');
export const DETERMINERS = set('determiners');
export const QUANTIFIERS = set('quantifiers');
export const INFLECTIONS: readonly string[] = words('inflections').map(fold);
export const COMPOUND_HEADS = set('compound_heads');
export const TIME_WORDS = set('time_words');
export const NUMERALS = set('numerals');
export const PERSON_TITLES = set('person_titles');
export const PERSON_ROLES = set('person_roles');
export const PERSON_VERBS = set('person_verbs');
export const AFFILIATION_WORDS = set('affiliation_words');
export const AFFILIATION_HEADS = set('affiliation_heads');
export const SOURCE_PREPOSITIONS = set('source_prepositions');
export const HOST_PREPOSITIONS = set('host_prepositions');
export const COMPARISON_PARTICLES = set('comparison_particles');
export const COMPARISON_VERB_BEFORE = set('comparison_verb_before');
export const SWITCH_PREPOSITIONS = set('switch_prepositions');
export const SWITCH_VERBS = set('switch_verbs');
export const ACQUAINTANCE_VERBS = set('acquaintance_verbs');
export const CONTACT_VERBS = set('contact_verbs');
export const UNRELATED_HEADS = set('unrelated_heads');
/** Ordinary words the dictionaries lack (read by text/lexicon.ts itself; listed here for the tests). */
export const ORDINARY_WORDS = set('ordinary_words');
export const LINK_VERBS = set('link_verbs');
export const LINK_PREPOSITIONS = set('link_prepositions');
export const INTEGRATION_NOUNS = phrases('integration_nouns');
export const INTEGRATION_PREPOSITIONS = set('integration_prepositions');
export const PRODUCT_DOMAINS = set('product_domains');
export const TRANSFER_VERBS = set('transfer_verbs');
export const PLACE_PREPOSITIONS = set('place_prepositions');
export const SLOT_ADVERBIAL_PREPOSITIONS = set('slot_adverbial_prepositions');
export const PRODUCT_HEADS = set('product_heads');
export const BESIDE_JOINERS = phrases('beside_joiners');
export const LINK_PARTICLES = set('link_particles');
export const BESIDE_FILLERS = set('beside_fillers');
