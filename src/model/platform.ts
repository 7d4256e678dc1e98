// Every surface a question can come from, in one registry. `chat`: people talk to the bot there, so
// it has conversations to reach again; `notices`: change notices are delivered there by a queue.
export const PLATFORMS = {
  slack: { chat: true, notices: true },
  teams: { chat: true, notices: true },
  web: { chat: true, notices: false },
  cli: { chat: false, notices: false },
  // AI assistants asking over the Model Context Protocol (src/mcp/): no conversations, no notices.
  mcp: { chat: false, notices: false },
} as const satisfies Record<string, { chat: boolean; notices: boolean }>;

export type Platform = keyof typeof PLATFORMS;
type PlatformWhere<K extends 'chat' | 'notices'> = { [P in Platform]: (typeof PLATFORMS)[P][K] extends true ? P : never }[Platform];
/** The platforms with conversations (a ConversationTarget names one). */
export type ChatPlatform = PlatformWhere<'chat'>;
/** The platforms change notices are delivered to, each through its own queue. */
export type NoticePlatform = PlatformWhere<'notices'>;

export const PLATFORM_NAMES = Object.keys(PLATFORMS) as Platform[];
export const NOTICE_PLATFORMS = PLATFORM_NAMES.filter((p): p is NoticePlatform => PLATFORMS[p].notices);
