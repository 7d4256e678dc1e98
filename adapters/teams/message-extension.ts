// Teams' search message extension: the person types into the compose box's search (or opens it:
// initialRun), Teams sends `composeExtension/query`, and the bot answers with one result per
// matching tool: the answer's Adaptive Card (what the chat answer shows) plus a thumbnail preview
// with the tool's status word. The person picks one and sends it into the conversation they are in.
// Matching is the core's (src/search/tool-search.ts); this file only parses and renders.
// Payload shapes: Microsoft Learn, "Respond to search command" and "Define message extension
// search commands" (value.commandId, value.parameters[{ name, value }], value.queryOptions).
import type { Activity, TurnContext } from 'botbuilder';
import { phrases } from '../../src/phrases/index.js';
import type { Logger } from '../../src/logger.js';
import { searchTools, type ToolSearchResult, type ToolSearchSource } from '../../src/search/tool-search.js';
import { escapeCardMarkdown } from './markdown.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderAnswerCard, type AdaptiveCard } from './render.js';

export const SEARCH_INVOKE = 'composeExtension/query';
/** The command's id and its one parameter's name, as the app package declares them. */
export const SEARCH_COMMAND_ID = 'searchTools';
export const SEARCH_PARAMETER = 'query';
export const THUMBNAIL_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.thumbnail';
/** Teams refuses cards of 28 KB or more in a message extension's result. */
export const MAX_RESULT_CARD_BYTES = 28 * 1024;
/** Results per page when Teams does not say (its own default page is 25). */
const DEFAULT_COUNT = 10;
const MAX_COUNT = 25;
/** How long the most-asked tools may take for the initial run before the catalogue is shown. */
const POPULAR_TIMEOUT_MS = 1_000;

export interface SearchQuery {
  /** The typed text; '' for the initial run (or an empty box). */
  text: string;
  skip: number;
  count: number;
}

export interface SearchResultAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: AdaptiveCard;
  preview: { contentType: typeof THUMBNAIL_CARD_CONTENT_TYPE; content: { title: string; subtitle?: string; text: string } };
}

export interface SearchResponseBody {
  composeExtension: { type: 'result'; attachmentLayout: 'list'; attachments: SearchResultAttachment[] };
}

export interface MessageExtensionDeps {
  core: ToolSearchSource;
  logger: Logger;
  /** Most-asked tool ids (usage counts); the initial run shows the catalogue without them. */
  popularTools?: () => Promise<string[]>;
}

function whole(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** The query in an invoke's `value`; undefined when it is not one (no parameters array). */
export function parseSearchQuery(value: unknown): SearchQuery | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { parameters?: unknown; queryOptions?: { skip?: unknown; count?: unknown } };
  if (!Array.isArray(v.parameters)) return undefined;
  const params = v.parameters.filter((p): p is { name?: unknown; value?: unknown } => typeof p === 'object' && p !== null);
  const initialRun = params.some((p) => p.name === 'initialRun');
  const typed = params.find((p) => p.name === SEARCH_PARAMETER) ?? (initialRun ? undefined : params[0]);
  const text = typeof typed?.value === 'string' ? typed.value.slice(0, 1000) : '';
  return {
    text: initialRun ? '' : text,
    skip: whole(v.queryOptions?.skip, 0),
    count: Math.min(MAX_COUNT, Math.max(1, whole(v.queryOptions?.count, DEFAULT_COUNT))),
  };
}

function bytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * The answer card, its fallback text only the headline (the card says the rest). A card of 28 KB
 * or more (a tool with very many conditions and sources) becomes the plain answer, cut to fit.
 */
export function resultCard(result: ToolSearchResult): AdaptiveCard {
  const card = renderAnswerCard(result.answer);
  card.fallbackText = result.answer.headline;
  if (bytes(card) < MAX_RESULT_CARD_BYTES) return card;
  const plain = { ...card, body: [{ type: 'TextBlock', text: '', wrap: true }], actions: [] as AdaptiveCard['actions'] };
  let text = escapeCardMarkdown(result.answer.text);
  for (;;) {
    (plain.body[0] as { text: string }).text = text;
    if (bytes(plain) < MAX_RESULT_CARD_BYTES || text.length === 0) return plain;
    text = `${text.slice(0, Math.floor(text.length * 0.8)).trimEnd()} …`;
  }
}

function attachment(result: ToolSearchResult): SearchResultAttachment {
  const a = result.answer;
  const p = phrases(a.language);
  const title = a.tools.length === 1 ? (a.tools[0]?.name ?? a.headline) : (a.unknownTool ?? a.headline);
  return {
    contentType: ADAPTIVE_CARD_CONTENT_TYPE,
    content: resultCard(result),
    preview: {
      contentType: THUMBNAIL_CARD_CONTENT_TYPE,
      content: {
        title,
        // The status word for this situation; the situation itself beneath, where one was stated.
        text: p.verdict[a.verdict],
        ...(a.contextLabels.length > 0 ? { subtitle: a.contextLabels.join(', ') } : {}),
      },
    },
  };
}

async function popular(deps: MessageExtensionDeps): Promise<string[]> {
  if (!deps.popularTools) return [];
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<string[]>((resolve) => {
      timer = setTimeout(() => resolve([]), POPULAR_TIMEOUT_MS);
    });
    return await Promise.race([deps.popularTools(), late]);
  } catch (err) {
    deps.logger.warn({ err: { type: (err as Error).name } }, 'most-asked tools unavailable for the Teams search; showing the catalogue');
    return [];
  } finally {
    clearTimeout(timer);
  }
}

/** The invoke response body for a search; never throws (a failure is an empty result list, logged). */
export async function answerSearch(value: unknown, deps: MessageExtensionDeps): Promise<SearchResponseBody> {
  const empty: SearchResponseBody = { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } };
  const query = parseSearchQuery(value);
  if (!query) return empty;
  try {
    const popularToolIds = query.text === '' ? await popular(deps) : [];
    const results = searchTools(deps.core, query.text, { popularToolIds, limit: query.skip + query.count });
    const page = results.slice(query.skip, query.skip + query.count);
    deps.logger.debug({ initialRun: query.text === '', results: page.length }, 'Teams search answered');
    return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: page.map(attachment) } };
  } catch (err) {
    // The search text is not logged: it is what a person typed.
    deps.logger.error({ err: { type: (err as Error).name } }, 'Teams search failed');
    return empty;
  }
}

/** Answers the `composeExtension/query` invoke of this turn (HTTP 200 with the result list). */
export async function respondToSearch(context: TurnContext, deps: MessageExtensionDeps): Promise<void> {
  const body = await answerSearch(context.activity.value, deps);
  await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } } as Partial<Activity>);
}
