// The request section of the phrase book: asking for an assessment of a tool the catalogue does not
// know, joining the waiting list of a tool in assessment, what admins are told and how they decide,
// and the notices requesters get. `n` is a count of people; names come as written.

export interface RequestPhrases {
  /** The button under an `unknown` answer (the form's title too). */
  requestButton: string;
  /** The button under a `pending` answer: join the waiting list. */
  waitlistButton: string;
  form: {
    title: string;
    waitlistTitle: string;
    tool: string;
    purpose: string;
    purposeHint: string;
    /** Above the yes/no of each context. */
    contexts: string;
    /** One context as a yes/no question ("Bürgerinnen und Bürger beteiligt?"). */
    context: (label: string) => string;
    yes: string;
    no: string;
    submit: string;
    cancel: string;
  };
  /** Replies to the requester. */
  created: (name: string) => string;
  joined: (name: string, n: number) => string;
  already: (name: string, n: number) => string;
  waitlistJoined: (name: string, n: number) => string;
  waitlistAlready: (name: string, n: number) => string;
  /** The tool is in the catalogue already (and not in assessment): no request needed. */
  known: (name: string, status: string) => string;
  /** How the requester hears the outcome: in this chat, or (web chat) not at all. */
  willNotify: string;
  cannotNotify: (contact: string) => string;
  nameMissing: string;
  purposeMissing: string;
  tooLong: (field: string, max: number) => string;
  unavailable: string;
  notSetUp: string;
  /** For the admins. */
  admin: {
    newRequest: (name: string, id: string) => string;
    joinedCount: (name: string, id: string, n: number) => string;
    purposes: string;
    contexts: string;
    none: string;
    people: (n: number) => string;
    since: (days: number) => string;
    heading: string;
    /** The App Home's button that lists them (`admin requests`). */
    listButton: string;
    waiting: string;
    howToDecide: (startCommand: string, declineCommand: string) => string;
    startButton: string;
    declineButton: string;
    reasonLabel: string;
    started: (name: string, id: string, reply: string) => string;
    declined: (name: string, n: number) => string;
    /** `list`: the command that lists them on the reader's surface. */
    notFound: (id: string, list: string) => string;
    notOpen: (id: string, status: string) => string;
    reasonMissing: string;
    /** The request commands' grammar, one line per command, without the chat's `admin ` prefix. */
    usage: string[];
    status: Record<'open' | 'waiting' | 'declined' | 'closed', string>;
  };
  /** Lines of the change notices requesters receive. */
  notice: {
    requested: string;
    declined: string;
    declinedLine: (reason: string) => string;
    startedLine: (n: number) => string;
    decidedLine: (n: number) => string;
  };
  /** The usage report and `compliance-bot report`. */
  report: {
    heading: string;
    line: (name: string, n: number, days: number) => string;
    none: string;
  };
}
