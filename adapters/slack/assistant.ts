// Slack's AI-assistant panel ("Agents & AI Apps") through Bolt's Assistant class: a greeting with
// suggested prompts from the knowledge base when a thread starts, an "is checking…" status while
// an answer is computed, the thread titled after its first question, answers and follow-ups in the
// assistant thread. Under the agent messaging experience (agent-view.ts) no thread_started event
// comes, but replies in a DM question's thread still arrive here: they are its follow-ups.
// Mentions are handled in listeners.ts.
import { Assistant } from '@slack/bolt';
import type { ComplianceCore } from '../../src/core.js';
import type { KnowledgeBase } from '../../src/kb/model.js';
import type { Language } from '../../src/model/language.js';
import type { Logger } from '../../src/logger.js';
import { phrases } from '../../src/phrases/index.js';
import { exampleQuestions } from '../../src/layout/example-questions.js';
import { slackErrorCode } from './errors.js';
import { guessLanguage } from './question.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';
import type { Block, SlackMessage } from './render.js';

export interface SuggestedPrompt {
  title: string;
  message: string;
}

/** The example questions (src/layout/example-questions.ts), cut to Slack's lengths. */
export function suggestedPrompts(kb: KnowledgeBase, lang: Language, popularToolIds: readonly string[] = []): SuggestedPrompt[] {
  return exampleQuestions(kb, lang, popularToolIds).map((x) => ({ title: truncate(x.title, 75), message: truncate(x.message, 300) }));
}

/** The first message of a new assistant thread. */
export function greetingMessage(kb: KnowledgeBase, lang: Language): SlackMessage {
  const text = phrases(lang).chat.assistant.greeting(kb.organization.name);
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }];
  return { text, blocks };
}

export interface AssistantDeps {
  core: ComplianceCore;
  logger: Logger;
  /** The person's language as known (their last subscription command), else the catalogue's. */
  languageOf?: (userId: string) => Promise<Language>;
  popularTools?: () => Promise<string[]>;
  /** True when the event comes from a bot (the bot's own messages included). */
  isFromBot(event: { bot_id?: string; subtype?: string; user?: string }, botUserId: string | undefined): boolean;
  /** Answers `text` in the thread: the same path as a DM (commands, engine, failure message). */
  answer(input: { channel: string; threadTs: string; questionTs: string; text: string; userId: string | undefined; teamId: string }): Promise<void>;
  track<T>(work: Promise<T>): Promise<T>;
  /** Threads titled already ("channel:thread_ts"); shared with the agent view's top-level questions. */
  titled?: Set<string>;
}

/** Titles are the thread's first question, shortened: Slack shows them in the history list. */
const TITLE_MAX = 80;

export function createAssistant(deps: AssistantDeps): Assistant {
  const { logger } = deps;
  const language = () => deps.core.knowledgeBase.organization.default_language;
  // Threads titled already (per instance, bounded): only the first question names the thread.
  const titled = deps.titled ?? new Set<string>();
  const bestEffort = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (err) {
      // Outside an assistant thread (a plain DM thread) Slack refuses these calls: the answer still goes out.
      logger.debug({ slackError: slackErrorCode(err), what }, 'assistant call refused');
    }
  };

  return new Assistant({
    threadStarted: async ({ event, client, setSuggestedPrompts }) => {
      const kb = deps.core.knowledgeBase;
      const thread = event.assistant_thread;
      let lang = language();
      try {
        if (deps.languageOf && thread.user_id) lang = await deps.languageOf(thread.user_id);
      } catch {
        lang = language();
      }
      let popular: string[] = [];
      try {
        popular = (await deps.popularTools?.()) ?? [];
      } catch {
        popular = [];
      }
      const greeting = greetingMessage(kb, lang);
      await deps.track(
        (async () => {
          try {
            await client.chat.postMessage({ channel: thread.channel_id, thread_ts: thread.thread_ts, text: greeting.text, blocks: greeting.blocks });
          } catch (err) {
            logger.error({ slackError: slackErrorCode(err) }, 'assistant greeting failed');
          }
          await bestEffort('setSuggestedPrompts', () =>
            setSuggestedPrompts({ prompts: suggestedPrompts(kb, lang, popular) as [SuggestedPrompt, ...SuggestedPrompt[]], title: phrases(lang).chat.assistant.promptsTitle }),
          );
        })(),
      );
    },
    // The panel tells which channel the person looks at; the answers do not depend on it.
    threadContextChanged: async () => {},
    userMessage: async ({ message, context, setStatus, setTitle }) => {
      const m = message as { bot_id?: string; subtype?: string; user?: string; text?: string; channel: string; thread_ts?: string; ts: string };
      if (deps.isFromBot(m, context.botUserId) || m.thread_ts === undefined) return;
      const text = m.text ?? '';
      if (text.trim() === '') return;
      const threadKey = `${m.channel}:${m.thread_ts}`;
      const work = async () => {
        await bestEffort('setStatus', () => setStatus(phrases(guessLanguage(text, language())).chat.assistant.thinking));
        if (!titled.has(threadKey)) {
          if (titled.size >= 10_000) titled.clear();
          titled.add(threadKey);
          await bestEffort('setTitle', () => setTitle(truncate(text.replace(/<@[^>]+>/g, '').replace(/\s+/g, ' ').trim(), TITLE_MAX)));
        }
        await deps.answer({ channel: m.channel, threadTs: m.thread_ts as string, questionTs: m.ts, text, userId: m.user, teamId: context.teamId ?? '' });
      };
      await deps.track(work());
    },
  });
}
