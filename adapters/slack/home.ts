// The App Home tab: what the bot can do with example questions, the person's subscriptions with
// an "Unsubscribe" button each, the latest changes in the catalogue and, for admins, the entries
// whose review is due, the top of the gap report (unknown tools, words not understood) and the open requests for an assessment, with buttons for the common admin commands.
// Published with views.publish when the tab is opened and after the person changes a subscription.
// When the store cannot be reached the view is published without the parts that need it, and says so.
import type { webApi } from '@slack/bolt';
import type { ComplianceCore } from '../../src/core.js';
import type { KnowledgeBase } from '../../src/kb/model.js';
import type { Language } from '../../src/model/language.js';
import { formatDate, phrases } from '../../src/phrases/index.js';
import type { Logger } from '../../src/logger.js';
import type { Topic } from '../../src/storage/index.js';
import { topicKey } from '../../src/storage/index.js';
import { topicName } from '../../src/subscriptions/resolve.js';
import { dueReviews, latestChanges, type OverviewSource } from '../../src/subscriptions/overview.js';
import { slackErrorCode } from './errors.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';
import type { Block } from './render.js';
import { suggestedPrompts } from './assistant.js';
import { requestBacklogLines } from '../../src/requests/format.js';

/** action_id of the "Unsubscribe" buttons; the value is the topic key (`tool:zoom`, `category:x`, `all`). */
export const HOME_UNSUBSCRIBE_ACTION = 'home-unsubscribe';
/** action_id of the admin buttons; the value is the admin command without `admin ` (`history zoom`, `report`). */
export const HOME_ADMIN_ACTION = 'home-admin';

export interface HomeView {
  type: 'home';
  blocks: Block[];
}

/** What the view shows about subscriptions: the list, or why there is none. */
export type SubscriptionsPart = { kind: 'list'; topics: Topic[] } | { kind: 'unavailable' } | { kind: 'off' };

export interface HomeInput {
  kb: KnowledgeBase;
  lang: Language;
  subscriptions: SubscriptionsPart;
  admin: boolean;
  gaps: string[];
  /** "Nicht eingeordnet: Impfschaden 3×" (admins), or null. */
  unexplained?: string | null;
  /** For admins: the open requests for an assessment, most people first (src/requests/format.ts). */
  requests?: string[];
  popularToolIds: string[];
  /** ISO date of today, for "review due". */
  today: string;
}

const text = (t: string) => ({ type: 'mrkdwn' as const, text: truncate(t, 3000) });
const plain = (t: string) => ({ type: 'plain_text' as const, text: truncate(t, 75), emoji: true });
const header = (t: string): Block => ({ type: 'header', text: { type: 'plain_text', text: truncate(t, 150), emoji: true } });
const section = (t: string): Block => ({ type: 'section', text: text(t) });

function subscriptionName(kb: KnowledgeBase, topic: Topic, lang: Language): string {
  const p = phrases(lang).chat.home;
  if (topic.kind === 'all') return p.allChanges;
  const name = topicName(kb, topic, lang);
  return topic.kind === 'category' ? p.category(name) : name;
}

/** The home view's blocks (pure: everything it shows is in `input`). Stays within 100 blocks. */
export function renderHome(input: HomeInput): HomeView {
  const { kb, lang } = input;
  const book = phrases(lang);
  const p = book.chat.home;
  const blocks: Block[] = [header(p.title(kb.organization.name)), section(escapeMrkdwn(p.intro))];
  const examples = suggestedPrompts(kb, lang, input.popularToolIds).map((x) => `• ${escapeMrkdwn(x.message)}`);
  if (examples.length > 0) blocks.push(section(`*${escapeMrkdwn(p.examples)}*\n${examples.join('\n')}`));

  blocks.push({ type: 'divider' }, header(p.subscriptions));
  const subs = input.subscriptions;
  if (subs.kind === 'off') blocks.push(section(escapeMrkdwn(book.chat.notificationsNotSetUp)));
  else if (subs.kind === 'unavailable') blocks.push(section(`:warning: ${escapeMrkdwn(p.storageDown)}`));
  else if (subs.topics.length === 0) blocks.push(section(`${escapeMrkdwn(p.noSubscriptions)}\n${escapeMrkdwn(p.howTo(book.ui.notifyMe))}`));
  else {
    for (const topic of subs.topics.slice(0, 30)) {
      blocks.push({
        type: 'section',
        text: text(escapeMrkdwn(subscriptionName(kb, topic, lang))),
        accessory: { type: 'button', action_id: `${HOME_UNSUBSCRIBE_ACTION}:${topicKey(topic)}`, value: topicKey(topic), text: plain(p.unsubscribe) },
      });
    }
  }

  blocks.push({ type: 'divider' }, header(p.latest));
  const latest = latestChanges(kb, 5).map((c) => `• *${escapeMrkdwn(c.name)}*: ${escapeMrkdwn(book.status[c.status])} (${formatDate(c.updated, lang)})`);
  if (latest.length > 0) blocks.push(section(latest.join('\n')));

  if (input.admin) {
    blocks.push({ type: 'divider' }, header(p.admin), section(`*${escapeMrkdwn(p.reviewsDue)}*`));
    const due = dueReviews(kb, input.today, 5);
    if (due.length === 0) blocks.push(section(escapeMrkdwn(p.noReviewsDue)));
    for (const d of due) {
      blocks.push({
        type: 'section',
        text: text(`*${escapeMrkdwn(d.name)}*: ${escapeMrkdwn(p.reviewDueOn(formatDate(d.reviewDue, lang)))}`),
        accessory: { type: 'button', action_id: `${HOME_ADMIN_ACTION}:history:${d.id}`, value: `history ${d.id}`, text: plain(p.history) },
      });
    }
    if (input.gaps.length > 0) blocks.push(section(`*${escapeMrkdwn(p.gaps)}*\n${input.gaps.slice(0, 5).map((g) => `• ${escapeMrkdwn(g)}`).join('\n')}`));
    if (input.unexplained) blocks.push(section(`${escapeMrkdwn(input.unexplained)}\n${escapeMrkdwn(p.fileWord)}`));
    if (input.requests && input.requests.length > 0) {
      blocks.push(section(`*${escapeMrkdwn(book.request.admin.heading)}*\n${input.requests.slice(0, 10).map((r) => `• ${escapeMrkdwn(r)}`).join('\n')}`));
    }
    blocks.push({
      type: 'actions',
      block_id: 'home-admin-actions',
      elements: [
        { type: 'button', action_id: `${HOME_ADMIN_ACTION}:report`, value: 'report', text: plain(p.report) },
        { type: 'button', action_id: `${HOME_ADMIN_ACTION}:proposals`, value: 'proposals', text: plain(p.proposals) },
        { type: 'button', action_id: `${HOME_ADMIN_ACTION}:requests`, value: 'requests', text: plain(book.request.admin.listButton) },
      ],
    });
  }
  return { type: 'home', blocks: blocks.slice(0, 100) };
}

export interface HomeDeps {
  core: ComplianceCore;
  logger: Logger;
  source: OverviewSource;
}

export interface Home {
  /** The view for `userId` as it is now (storage read, failures turned into the "unavailable" part). */
  view(userId: string): Promise<HomeView>;
  /** views.publish of that view; failures are logged, never thrown. */
  publish(client: webApi.WebClient, userId: string): Promise<void>;
  /** The person's language as last stored (a subscription command's), else the catalogue's. */
  language(userId: string): Promise<Language>;
}

export function createHome(deps: HomeDeps): Home {
  const { core, logger, source } = deps;
  const language = async (userId: string): Promise<Language> => {
    try {
      const stored = await source.storage?.()?.conversations.get(`slack:${userId}`);
      if (stored?.language) return stored.language;
    } catch {
      // the catalogue's language will do
    }
    return core.knowledgeBase.organization.default_language;
  };

  const view = async (userId: string): Promise<HomeView> => {
    const kb = core.knowledgeBase;
    const lang = await language(userId);
    let subscriptions: SubscriptionsPart;
    if (!source.storage) subscriptions = { kind: 'off' };
    else {
      const storage = source.storage();
      if (!storage) subscriptions = { kind: 'unavailable' };
      else {
        try {
          subscriptions = { kind: 'list', topics: await storage.subscriptions.list(`slack:${userId}`) };
        } catch (err) {
          logger.warn({ err: { type: (err as Error).name } }, 'App Home without subscriptions: storage failed');
          subscriptions = { kind: 'unavailable' };
        }
      }
    }
    const admin = source.isAdmin?.(`slack:${userId}`) ?? false;
    let gaps: string[] = [];
    if (admin && source.gaps) {
      try {
        gaps = await source.gaps(lang);
      } catch {
        gaps = [];
      }
    }
    let unexplained: string | null = null;
    if (admin && source.unexplained) unexplained = await source.unexplained(lang).catch(() => null);
    let requests: string[] = [];
    const store = admin ? source.storage?.() : null;
    if (store) {
      try {
        // "Name: 3 people, for 5 days", most people first (the report's lines without their heading).
        requests = requestBacklogLines(await store.requests.listOpen(), lang, new Date());
      } catch {
        requests = [];
      }
    }
    let popularToolIds: string[] = [];
    try {
      popularToolIds = (await source.popularTools?.()) ?? [];
    } catch {
      popularToolIds = [];
    }
    return renderHome({ kb, lang, subscriptions, admin, gaps, unexplained, requests, popularToolIds, today: new Date().toISOString().slice(0, 10) });
  };

  return {
    view,
    language,
    async publish(client, userId) {
      try {
        await client.views.publish({ user_id: userId, view: await view(userId) });
      } catch (err) {
        logger.error({ slackError: slackErrorCode(err), err: { type: (err as Error).name } }, 'views.publish failed');
      }
    },
  };
}
