// The buttons under Slack messages: an answer's (feedback, notify, confirm), a proposal's approve and
// the App Home's (unsubscribe, admin). Each parses Bolt's block_actions payload and hands it to the
// chat turn (src/chat/turn.ts), which decodes and carries it out; the reply is posted here.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseTopicKey } from '../../src/storage/index.js';
import { slackErrorCode } from './errors.js';
import type { ListenerDeps } from './listener-deps.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { requestModal } from './request-modal.js';
import { phrases } from '../../src/phrases/index.js';
import { failureText } from '../../src/failure.js';
import { CONFIRM_ACTION_PREFIX, FEEDBACK_ACTION_PREFIX, NOTIFY_ACTION_PREFIX } from './render.js';
import { languageOfBlock, messageThread, renderReply, responseThread, slackUser } from './reply.js';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type Click = (args: ButtonArgs) => Promise<void>;

export interface ClickHandlers {
  feedback: Click;
  approve: Click;
  notify: Click;
  confirm: Click;
  homeUnsubscribe: Click;
  homeAdmin: Click;
  /** "Request an assessment" / "I need this too": opens the request form as a modal. */
  requestOpen: Click;
}

export function createClickHandlers(deps: ListenerDeps): ClickHandlers {
  const { logger, turn, core } = deps;
  const defaultLanguage = () => core.knowledgeBase.organization.default_language;
  const render = (conversationKey?: string) => (r: Parameters<typeof renderReply>[0]) =>
    renderReply(r, { core, feedback: turn.feedback, requests: turn.requests, ...(conversationKey !== undefined ? { conversationKey } : {}) });

  /** An ephemeral reply to a click: through response_url when there is one, else chat.postEphemeral (or the DM, from the App Home). */
  const reply = async ({ body, respond, client }: ButtonArgs, text: string): Promise<void> => {
    const userId = body.user.id;
    const channel = body.channel?.id ?? body.container?.channel_id;
    try {
      const safe = escapeMrkdwn(text);
      if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text: safe });
      else if (channel) await client.chat.postEphemeral({ channel, user: userId, text: safe });
      else await client.chat.postMessage({ channel: userId, text: safe });
    } catch (err) {
      logger.error({ slackError: slackErrorCode(err), err: { type: (err as Error).name } }, 'click confirmation failed');
    }
  };

  return {
    async feedback({ action, respond, body }) {
      // The button's value: `<verdict>|<tool ids>` (render.ts).
      const [verdict, ids] = (action.value ?? '').split('|');
      const helpful = action.action_id === `${FEEDBACK_ACTION_PREFIX}yes`;
      const lang = languageOfBlock(action.block_id, defaultLanguage());
      const work = async () => {
        try {
          const thanks = await turn.feedbackClick({ verdict, toolIds: ids ? ids.split(',').filter(Boolean) : [], helpful }, lang);
          if (thanks && body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text: thanks });
        } catch (err) {
          logger.error({ err: { type: (err as Error).name } }, 'feedback not recorded');
        }
      };
      await deps.track(work());
    },

    async approve({ action, respond, body }) {
      const channel = body.channel?.id ?? body.user.id;
      const user = slackUser(core, body.user.id, channel, channel.startsWith('D'), '');
      const thread = responseThread(respond, logger, 'ephemeral', render(), { failedLog: 'approval reply failed', keepOriginal: true });
      await deps.track(turn.approveClick(action.value ?? '', user, thread));
    },

    async notify(args) {
      const { body, action, client } = args;
      const language = languageOfBlock(action.block_id, defaultLanguage());
      const toolId = action.value ?? action.action_id.slice(NOTIFY_ACTION_PREFIX.length);
      const userId = body.user.id;
      const conversationId = body.channel?.id ?? body.container?.channel_id ?? userId;
      const work = async () => {
        const user = slackUser(core, userId, conversationId, conversationId.startsWith('D'), '');
        const { text, subscribed } = await turn.notifyClick(toolId, user, language);
        await reply(args, text);
        if (subscribed && deps.home) await deps.home.publish(client, userId);
      };
      await deps.track(work());
    },

    /** Yes or no under a `confirm` answer: the typed reply, answered in the same conversation and thread. */
    async confirm({ body, action, client }) {
      const language = languageOfBlock(action.block_id, defaultLanguage());
      const channel = body.channel?.id ?? body.container?.channel_id;
      if (!channel) return;
      const threadTs = (body.container as { thread_ts?: string } | undefined)?.thread_ts;
      const where = { channel, ...(threadTs ? { thread_ts: threadTs } : {}) };
      const conversationKey = action.value ?? '';
      const thread = messageThread(client, logger, where, render(conversationKey));
      const choice = action.action_id.slice(CONFIRM_ACTION_PREFIX.length);
      await deps.track(turn.confirmClick(choice, { platform: 'slack', conversationKey, language, kind: 'confirm' }, thread));
    },

    /** The request form as a modal (views.open needs the click's trigger id within 3 seconds). */
    async requestOpen(args) {
      const { body, action, client } = args;
      const form = turn.requestForm(action.value);
      const work = async () => {
        if (!form) return reply(args, phrases(defaultLanguage()).chat.unknownAction);
        try {
          await client.views.open({ trigger_id: body.trigger_id, view: requestModal(form) });
        } catch (err) {
          logger.error({ slackError: slackErrorCode(err), err: { type: (err as Error).name } }, 'views.open of the request form failed');
          await reply(args, failureText(form.language, core.knowledgeBase.organization));
        }
      };
      await deps.track(work());
    },

    /** "Unsubscribe" in the App Home: the refreshed view is the confirmation (a message would be noise). */
    async homeUnsubscribe({ body, action, client }) {
      const userId = body.user.id;
      const work = async () => {
        const key = action.value ?? '';
        if (!parseTopicKey(key) || !deps.unsubscribe) return;
        try {
          await deps.unsubscribe(`slack:${userId}`, key);
        } catch (err) {
          // The refreshed view says that the store cannot be reached.
          logger.error({ err: { type: (err as Error).name } }, 'unsubscribe from the App Home failed');
        }
        if (deps.home) await deps.home.publish(client, userId);
      };
      await deps.track(work());
    },

    /** An admin button of the App Home: the admin command's reply goes to the admin's DM. */
    async homeAdmin({ body, action, client }) {
      const userId = body.user.id;
      const user = slackUser(core, userId, userId, true, '');
      const thread = messageThread(client, logger, { channel: userId }, render());
      await deps.track(turn.message({ platform: 'slack', text: `admin ${action.value ?? ''}`, user, kind: 'home-admin' }, { post: thread.post }));
    },
  };
}
