// English texts of the request section (request-types.ts).
import type { RequestPhrases } from './request-types.js';

const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);
const ordinal = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};
const since = (days: number) => (days < 1 ? 'since today' : days === 1 ? 'for 1 day' : `for ${days} days`);

export const requestEn: RequestPhrases = {
  requestButton: 'Request an assessment',
  waitlistButton: 'I need this too – please let me know',
  form: {
    title: 'Request an assessment',
    waitlistTitle: 'Join the waiting list',
    tool: 'Tool',
    purpose: 'What do you want to use it for?',
    purposeHint: 'A sentence or two is enough. Please no names or other personal data.',
    contexts: 'Does this apply to the use?',
    context: (label) => `${label.charAt(0).toLocaleUpperCase('en')}${label.slice(1)}?`,
    yes: 'Yes',
    no: 'No',
    submit: 'Send',
    cancel: 'Cancel',
  },
  created: (name) => `Your request for an assessment of ${name} has been received. You are the first person to request it.`,
  joined: (name, n) => `${name} has been requested before; yours has been added. You are the ${ordinal(n)} person to request it.`,
  already: (name, n) => `You have already requested an assessment of ${name} (as the ${ordinal(n)} person).`,
  waitlistJoined: (name, n) => `You are on the waiting list for ${name}. You are the ${ordinal(n)} person waiting for it.`,
  waitlistAlready: (name, n) => `You are already on the waiting list for ${name} (as the ${ordinal(n)} person).`,
  known: (name, status) => `${name} is in the catalogue already: ${status}. Just ask about ${name}.`,
  willNotify: 'You will hear here once it is decided, and at every later change.',
  cannotNotify: (contact) => `The web chat cannot notify you. Ask again later, or contact: ${contact}`,
  nameMissing: 'Please give the name of the tool.',
  purposeMissing: 'Please say briefly what you want to use the tool for.',
  tooLong: (field, max) => `${field}: at most ${max} characters.`,
  unavailable: 'Requests cannot be saved just now. Please try again in a few minutes.',
  notSetUp: 'Requests for an assessment are not set up on this server.',
  admin: {
    newRequest: (name, id) => `📝 New request for an assessment: ${name} (${id})`,
    joinedCount: (name, id, n) => `📝 Another request for ${name} (${id}): now ${people(n)}.`,
    purposes: 'Purpose',
    contexts: 'Ticked',
    none: 'No open requests.',
    people,
    since,
    heading: 'Open requests for an assessment',
    listButton: 'Show requests',
    waiting: 'Waiting lists (in assessment)',
    howToDecide: (start, decline) => `To decide: \`${start}\` or \`${decline}\``,
    startButton: 'Start an assessment',
    declineButton: 'Decline',
    reasonLabel: 'Reason',
    started: (name, id, reply) => `Assessment of ${name} (${id}) started.\n${reply}`,
    declined: (name, n) => `Request for ${name} declined; ${people(n)} ${n === 1 ? 'is' : 'are'} told the reason.`,
    notFound: (id, list) => `No request ${id}. \`${list}\` lists the open ones.`,
    notOpen: (id, status) => `Request ${id} is no longer open (${status}).`,
    reasonMissing: 'Please give a reason; the requesters receive it.',
    usage: ['requests', 'requests start <request> <tool-id> <category> [name…]', 'requests decline <request> <reason…>'],
    status: { open: 'open', waiting: 'in assessment', declined: 'declined', closed: 'done' },
  },
  notice: {
    requested: 'Assessment requested',
    declined: 'declined',
    declinedLine: (reason) => `The requested assessment was declined. Reason: ${reason}`,
    startedLine: (n) => `The assessment was requested (by ${people(n)}) and has started.`,
    decidedLine: (n) => `The requested assessment (by ${people(n)}) has been decided.`,
  },
  report: {
    heading: 'Open requests for an assessment (by number of people and age)',
    line: (name, n, days) => `${name}: ${people(n)}, ${since(days)}`,
    none: 'No open requests for an assessment.',
  },
};
