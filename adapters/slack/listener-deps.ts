// Types shared by the modules of this folder, apart so that none of them imports another in a circle.
import type { ChatTurn } from '../../src/chat/turn.js';
import type { ComplianceCore } from '../../src/core.js';
import type { Logger } from '../../src/logger.js';
import type { Dedupe } from '../../src/storage/dedupe.js';
import type { AnsweredMessages } from './answered.js';
import type { Home } from './home.js';

export interface ListenerDeps {
  core: ComplianceCore;
  logger: Logger;
  dedupe: Dedupe;
  /** The conversation: commands or question, failure reply, explanation, button payloads. */
  turn: ChatTurn;
  /** Registers work that stop() waits for; returns the same promise. */
  track<T>(work: Promise<T>): Promise<T>;
  /** False once stop() was called: new input is acknowledged and dropped. */
  accepting(): boolean;
  /** Which bot message answered which question (for edited questions). */
  answered: AnsweredMessages;
  /** The App Home tab; absent: app_home_opened is ignored. */
  home?: Home;
  /** Unsubscribes from the App Home; absent (no storage configured): no buttons are shown anyway. */
  unsubscribe?: (subscriberKey: string, topicKey: string) => Promise<boolean>;
}
