import type { MediaType } from '../model/enums.js';
import type { GenesysApi } from './genesys-api.js';

/** What a backfill covers: the gap, and whose conversations. */
export interface BackfillScope {
  /** The gap's start and end, wall-clock ms. */
  readonly from: number;
  readonly to: number;
  readonly queues: readonly string[];
  readonly users: readonly string[];
  /** The conversations known to be under way when the gap began, and those waiting for a dated start. */
  readonly known: readonly { readonly id: string; readonly media: MediaType }[];
}

/** What a backfill did. */
export interface BackfillCounts {
  /** Conversations known to be under way, fetched again. */
  readonly active: number;
  /** Conversations the analytics details query found in the gap that were not known. */
  readonly found: number;
  /** REST conversations fed to the differ. */
  readonly fetched: number;
  /** Conversations Genesys no longer has (404). */
  readonly missing: number;
}

/** One page of the analytics details query, as much as backfill reads of it. */
interface DetailsPage {
  readonly conversations?: readonly { conversationId?: unknown; participants?: readonly { sessions?: readonly { mediaType?: unknown }[] }[] }[];
  readonly totalHits?: number;
}

const PAGE_SIZE = 100;
/** Analytics pages read per backfill at most (10,000 conversations). */
const MAX_PAGES = 100;

/** The chat or callback media of an analytics conversation; `undefined` for other media. */
function mediaOf(conversation: NonNullable<DetailsPage['conversations']>[number]): MediaType | undefined {
  for (const participant of conversation.participants ?? []) {
    for (const session of participant.sessions ?? []) {
      if (session.mediaType === 'chat' || session.mediaType === 'callback') return session.mediaType;
    }
  }
  return undefined;
}

/** The analytics details query for conversations of the scope's queues and users that started in `[from, to]`. */
export function detailsQuery(scope: Pick<BackfillScope, 'from' | 'to' | 'queues' | 'users'>, pageNumber: number): Record<string, unknown> {
  const who = [
    ...scope.queues.map((value) => ({ dimension: 'queueId', value })),
    ...scope.users.map((value) => ({ dimension: 'userId', value })),
  ];
  return {
    interval: `${new Date(scope.from).toISOString()}/${new Date(scope.to).toISOString()}`,
    order: 'asc',
    orderBy: 'conversationStart',
    paging: { pageSize: PAGE_SIZE, pageNumber },
    segmentFilters: [
      { type: 'or', predicates: who },
      { type: 'or', predicates: [{ dimension: 'mediaType', value: 'chat' }, { dimension: 'mediaType', value: 'callback' }] },
    ],
  };
}

/** The REST path of a conversation. */
export function conversationPath(media: MediaType, id: string): string {
  return `/api/v2/conversations/${media === 'chat' ? 'chats' : 'callbacks'}/${encodeURIComponent(id)}`;
}

/**
 * Fills a gap in the notifications, which Genesys never replays: every conversation known to be
 * under way is fetched again (`GET /api/v2/conversations/chats|callbacks/{id}`), and the
 * conversations that started in the gap (the analytics details query with an interval filter,
 * paged) are fetched too, whether they ended in the gap or not. Each REST conversation goes to
 * `feed`, the same snapshot differ as the notifications, so nothing is counted twice.
 *
 * @example
 * const counts = await backfill(api, { from, to: Date.now(), queues, users: [], known: ingest.underWay() }, push);
 * // { active: 12, found: 3, fetched: 15, missing: 0 }
 */
export async function backfill(api: GenesysApi, scope: BackfillScope, feed: (conversation: unknown) => void): Promise<BackfillCounts> {
  const wanted = new Map<string, MediaType>(scope.known.map(({ id, media }) => [id, media]));
  const active = wanted.size;
  // Genesys refuses an empty interval: a gap of no length has no conversations to find.
  for (let page = 1; page <= MAX_PAGES && scope.to > scope.from; page++) {
    const { body } = await api.request('POST', '/api/v2/analytics/conversations/details/query', detailsQuery(scope, page));
    const conversations = (body as DetailsPage | undefined)?.conversations ?? [];
    for (const conversation of conversations) {
      const media = mediaOf(conversation);
      if (typeof conversation.conversationId === 'string' && media !== undefined && !wanted.has(conversation.conversationId)) wanted.set(conversation.conversationId, media);
    }
    if (conversations.length < PAGE_SIZE) break;
  }
  let fetched = 0;
  let missing = 0;
  for (const [id, media] of wanted) {
    const answer = await api.request('GET', conversationPath(media, id));
    if (answer.status === 404) {
      missing++;
      continue;
    }
    fetched++;
    feed(answer.body);
  }
  return { active, found: wanted.size - active, fetched, missing };
}
