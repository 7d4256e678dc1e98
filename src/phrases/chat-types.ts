// The chat surfaces' section of the phrase book: what Slack and Teams say besides answers and
// notices (App Home, assistant panel, welcome, buttons, replies to clicks and slash commands).
// Status words, "Notify me" and the failure reply come from the shared sections.

export interface ChatPhrases {
  /** A "Notify me" click or subscription on a server without notifications. */
  notificationsNotSetUp: string;
  /** Verdict confirm: the yes button's label, sent as the typed reply when clicked ("ja, das trifft zu"). */
  confirmYes: string;
  /** Verdict confirm: the no button's label and reply ("nein, nichts davon"). */
  confirmNo: string;
  /** The button under a four-eyes proposal. */
  approveProposal: (id: string) => string;
  /** The subscription command for one topic, as a person would type it ("abonnieren zoom"). */
  subscribeCommand: (topic: string) => string;
  /** A button in a channel whose private confirmation could not reach the person's personal chat. */
  personalChatFailed: (command: string) => string;
  /** An invoke the bot does not know (an old card, another app's verb). */
  unknownAction: string;
  /** Title of a Teams card's refresh action (Universal Actions). */
  refresh: string;
  /** The Teams app package's texts (manifest.json shows both languages side by side). */
  teamsApp: {
    /** Up to 40 characters: both languages share Teams' 80. */
    short: string;
    full: string;
    /** Suggested questions; each title is sent as the message when picked (Teams: 32 characters, description 128). */
    commands: { title: string; description: string }[];
    /**
     * The search message extension's command: titles up to 14 characters (both languages share
     * Teams' 32), descriptions up to 60 (they share 128).
     */
    search: { title: string; description: string; parameterTitle: string; parameterDescription: string };
  };
  /** Teams: the message when the bot is added to a conversation. */
  welcome: (organization: string) => string;
  /** Slack slash command without a question. */
  howToAsk: (command: string) => string;
  /** A Slack slash command this app does not have. */
  unknownCommand: (command: string) => string;
  /** A Slack request failed before it could be answered. */
  requestFailed: string;
  /** Slack's assistant panel and example questions. */
  assistant: {
    greeting: (organization: string) => string;
    promptsTitle: string;
    /** The status shown while the answer is computed. */
    thinking: string;
    askTool: (tool: string) => string;
    askToolWithCitizens: (tool: string) => string;
    askCategory: (category: string) => string;
  };
  /** Slack's App Home tab. */
  home: {
    title: (organization: string) => string;
    intro: string;
    examples: string;
    /** How to subscribe; `button` is the label of the "Notify me" button under an answer. */
    howTo: (button: string) => string;
    subscriptions: string;
    noSubscriptions: string;
    storageDown: string;
    unsubscribe: string;
    allChanges: string;
    category: (label: string) => string;
    latest: string;
    admin: string;
    reviewsDue: string;
    noReviewsDue: string;
    reviewDueOn: (date: string) => string;
    history: string;
    gaps: string;
    /** Under the "Nicht eingeordnet: …" line: how an admin files such a word. */
    fileWord: string;
    report: string;
    proposals: string;
  };
}
