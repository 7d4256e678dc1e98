// Who files a request and what they are told, shared by the service and the filing step.
import type { ConversationTarget } from '../model/conversation-target.js';
import type { Language } from '../model/language.js';
import type { FileResult } from '../storage/index.js';

/** Who files a request, as an adapter knows them. */
export interface Requester {
  /** Subscriber key: `slack:U123`, `teams:<user id>`, `web:<session>`. */
  key: string;
  language: Language;
  /** Their private conversation (DM), where the outcome is told; absent in the web chat. */
  target?: ConversationTarget;
}

export interface RequestReply {
  ok: boolean;
  text: string;
  result?: FileResult;
}
