// Slack and Teams in (British) English.
import type { ChatPhrases } from './chat-types.js';

export const chatEn: ChatPhrases = {
  notificationsNotSetUp: 'Notifications are not set up on this server.',
  confirmYes: 'yes, that applies',
  confirmNo: 'no, none of that',
  approveProposal: (id) => `Approve proposal ${id}`,
  subscribeCommand: (topic) => `subscribe ${topic}`,
  personalChatFailed: (c) => `I could not write to you privately. Please open a chat with me and write "${c}".`,
  unknownAction: 'This button no longer exists. Please ask your question again.',
  refresh: 'Refresh',
  teamsApp: {
    short: 'May I use this IT tool?',
    full:
      'Answers questions like "May I use Zoom for a confidential call?" from the catalogue of assessed IT tools: approved, ' +
      'approved with conditions, not approved or not yet decided – with sources.',
    commands: [
      { title: 'May I use Zoom?', description: 'Whether a tool is approved, and under which conditions' },
      { title: 'Zoom for a confidential call?', description: 'The answer takes the situation into account' },
      { title: 'Which video conferencing tools?', description: 'An overview of the assessed tools of one category' },
    ],
    search: {
      title: 'Check a tool',
      description: "Insert an IT tool's status into the chat",
      parameterTitle: 'Tool/question',
      parameterDescription: 'e.g. Zoom, or "Zoom for a confidential call?"',
    },
  },
  welcome: (org) =>
    `Hello! I answer questions on whether you may use an IT tool at work, from the catalogue of assessed tools (${org}). ` +
    'Ask, for example: "May I use Zoom with citizens?" or "Which video conferencing tools are approved?" ' +
    'In channels and group chats, @mention me with your question.',
  howToAsk: (c) => `Write your question after the command, for example: ${c} May I use Zoom with citizens?`,
  unknownCommand: (c) => `I do not know this command. Ask with ${c}, for example: ${c} May I use Zoom with citizens?`,
  requestFailed: 'Sorry, your request could not be handled just now. Please try again in a moment.',
  assistant: {
    greeting: (org) => `Hello! I tell you whether you may use an IT tool at work, from the catalogue of assessed tools (${org}). Just ask, for example:`,
    promptsTitle: 'For example:',
    thinking: 'is checking the catalogue …',
    askTool: (t) => `May I use ${t}?`,
    askToolWithCitizens: (t) => `May I use ${t} with citizens?`,
    askCategory: (c) => `Which ${c} tools are approved?`,
  },
  home: {
    title: (org) => `Compliance answers – ${org}`,
    intro:
      'I answer whether you may use an IT tool at work, and tell you when the status of a tool changes. Write to me under "Messages", mention me in a channel or use /compliance.',
    examples: 'Example questions',
    howTo: (b) => `Subscribe with "subscribe zoom", "subscribe video conferencing" or the "${b}" button under an answer.`,
    subscriptions: 'Your subscriptions',
    noSubscriptions: 'You have no subscriptions.',
    storageDown: 'Storage cannot be reached just now: subscriptions cannot be shown here for the moment.',
    unsubscribe: 'Unsubscribe',
    allChanges: 'all changes',
    category: (l) => `${l} (category)`,
    latest: 'Latest changes in the catalogue',
    admin: 'For admins',
    reviewsDue: 'Review due',
    noReviewsDue: 'No review is due.',
    reviewDueOn: (d) => `due since ${d}`,
    history: 'History',
    gaps: 'Asked about, but not in the catalogue',
    fileWord: 'File a word: `admin context add <context> <word>`',
    report: 'Usage report',
    proposals: 'Open proposals',
  },
};
