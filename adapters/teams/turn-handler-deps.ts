// The Teams turn handler's dependencies, apart so that the modules of this folder do not import each other in a circle.
import type { ChatCommands } from '../../src/chat/commands.js';
import type { ChatTurnDeps } from '../../src/chat/turn.js';
import type { ComplianceCore } from '../../src/core.js';
import type { Language } from '../../src/model/language.js';
import type { Logger } from '../../src/logger.js';
import type { Dedupe } from '../../src/storage/dedupe.js';
import type { ConversationTarget } from '../types.js';

export interface NotifyRequest {
  platform: 'teams';
  userId: string;
  conversationId: string;
  toolId: string;
  language: Language;
  target: ConversationTarget;
}

/** Subscribes the user to changes of a tool; resolves with the confirmation to show. */
export type NotifyRequestHandler = (req: NotifyRequest) => Promise<string>;

export interface TurnHandlerDeps {
  core: ComplianceCore;
  logger: Logger;
  onNotifyRequest?: NotifyRequestHandler;
  /** Subscription and admin words; questions go to the engine when it returns null. */
  commands?: ChatCommands;
  /** The optional LLM explanation; the sent answer is updated with it when it arrives. */
  summarize?: ChatTurnDeps['summarize'];
  /** A click on "helpful" / "not helpful"; the buttons are shown only when this is set. */
  onFeedback?: ChatTurnDeps['onFeedback'];
  /** "Request an assessment" / "I need this too": the form card and its submission. */
  requests?: ChatTurnDeps['requests'];
  /** Handles each activity id once (shared across instances when backed by the shared store). */
  dedupe?: Dedupe;
  /** The bot's app id ('' with authentication off): opening a person's personal chat needs it. */
  appId?: string;
  /**
   * The bot was removed from a conversation (installationUpdate "remove"): delete what was stored
   * for it. `personKey` is the subscriber key of the person whose personal chat it was.
   */
  onRemoved?: (removed: { conversationId: string; personKey?: string; teamId?: string }) => Promise<void>;
  /** A channel of a team subscribed ("… here"): noted so that removing the app from the team removes it. */
  onChannelSubscribed?: (teamId: string, conversationId: string) => Promise<void>;
  /** Most-asked tool ids, for the search message extension's initial run (message-extension.ts). */
  popularTools?: () => Promise<string[]>;
}
