import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { normalizeTime, timeProblem } from '../events/time.js';
import { startOfUtcDay } from '../time/start-of-utc-day.js';
import type { AnalyticsConversation } from './analytics-conversation.js';

/** The body of `POST /api/v2/analytics/conversations/details/query` (`ConversationQuery`), the parts this archive answers. */
export interface DetailsQueryBody {
  /** `start/end`, ISO-8601 times with a zone; the end is exclusive. */
  readonly interval: string;
  /** `asc` (default) or `desc`. */
  readonly order?: string;
  /** `conversationStart` (default), `segmentStart` or `segmentEnd`. */
  readonly orderBy?: string;
  /** Page size (default 25) and page number (from 1, default 1). */
  readonly paging?: { readonly pageSize?: number; readonly pageNumber?: number };
  /** Filters are not supported: a non-empty one is refused. */
  readonly conversationFilters?: readonly unknown[];
  readonly segmentFilters?: readonly unknown[];
  readonly evaluationFilters?: readonly unknown[];
  readonly surveyFilters?: readonly unknown[];
  readonly resolutionFilters?: readonly unknown[];
  /** Aggregations are not supported: a non-empty list is refused. */
  readonly aggregations?: readonly unknown[];
}

/**
 * The response (`AnalyticsConversationQueryResponse`): one page of records, and how many match
 * in all. An empty page has no `conversations` (Genesys leaves empty lists out: `{ totalHits: 0 }`).
 */
export interface DetailsQueryResponse {
  readonly conversations?: AnalyticsConversation[];
  readonly totalHits: number;
}

/** Genesys' default page size. */
export const DEFAULT_PAGE_SIZE = 25;

const UNSUPPORTED = ['conversationFilters', 'segmentFilters', 'evaluationFilters', 'surveyFilters', 'resolutionFilters', 'aggregations'] as const;
const ORDER_BY = ['conversationStart', 'segmentStart', 'segmentEnd'] as const;

/** A query's interval in canonical ISO times. */
export interface QueryInterval {
  readonly start: string;
  readonly end: string;
}

/**
 * Reads a `start/end` interval (ISO-8601 times with a zone; the end after the start), or
 * throws an `InvalidOptionError` that says what is wrong.
 *
 * @example
 * parseInterval('2026-11-21T08:00:00Z/2026-11-21T09:00:00Z');
 * // { start: '2026-11-21T08:00:00.000Z', end: '2026-11-21T09:00:00.000Z' }
 */
export function parseInterval(interval: unknown): QueryInterval {
  if (typeof interval !== 'string') throw new InvalidOptionError('interval is required: "start/end", ISO-8601 times with a zone');
  const parts = interval.split('/');
  if (parts.length !== 2) throw new InvalidOptionError(`interval "${interval.slice(0, 80)}" is not "start/end"`);
  const [start, end] = parts.map((part, i) => {
    const time = normalizeTime(part);
    if (time === undefined) throw new InvalidOptionError(`interval ${i === 0 ? 'start' : 'end'} ${timeProblem(part) ?? part}`);
    return time;
  }) as [string, string];
  if (end <= start) throw new InvalidOptionError(`interval end ${end} is not after its start ${start}`);
  return { start, end };
}

/** The latest `segmentEnd` of a record; `undefined` while a segment is under way (its activity goes on). */
function lastActivity(record: AnalyticsConversation): string | undefined {
  let last = record.conversationStart;
  for (const participant of record.participants) {
    for (const session of participant.sessions) {
      for (const segment of session.segments) {
        if (segment.segmentEnd === undefined) return undefined;
        if (segment.segmentEnd > last) last = segment.segmentEnd;
      }
    }
  }
  return last;
}

/**
 * Whether a record answers a query over `interval`, with Genesys' documented rule
 * (`ConversationQuery.interval`): the conversation started on a (UTC) day the interval touches,
 * and it started, ended or had activity during the interval. So a conversation that started
 * before the interval on its first day and was still going on in it is included; one that
 * started the day before is not searched.
 *
 * @example
 * matchesInterval(record, parseInterval('2026-11-21T09:00:00Z/2026-11-21T10:00:00Z'));
 */
export function matchesInterval(record: AnalyticsConversation, interval: QueryInterval): boolean {
  const start = record.conversationStart;
  const lastDay = startOfUtcDay(new Date(Date.parse(interval.end) - 1).toISOString());
  if (start < startOfUtcDay(interval.start) || startOfUtcDay(start) > lastDay) return false;
  if (start >= interval.end) return false;
  const last = lastActivity(record);
  return last === undefined || last >= interval.start;
}

function positiveInteger(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new InvalidOptionError(`${name} must be a whole number from 1, not ${JSON.stringify(value)}`);
  return value;
}

/** The sort key of a record for `orderBy`. */
function sortKey(record: AnalyticsConversation, orderBy: (typeof ORDER_BY)[number]): string {
  if (orderBy === 'segmentEnd') return lastActivity(record) ?? '\uffff';
  if (orderBy === 'segmentStart') {
    let first: string | undefined;
    for (const p of record.participants) for (const s of p.sessions) for (const g of s.segments) if (first === undefined || g.segmentStart < first) first = g.segmentStart;
    return first ?? record.conversationStart;
  }
  return record.conversationStart;
}

/**
 * Answers a details query over `records`: the records of the body's `interval` (see
 * {@link matchesInterval}), sorted by `orderBy` (`conversationStart` by default; equal keys by
 * conversation id) in `order` (`asc` by default), one page of `paging` (25 a page, page 1 by
 * default), and `totalHits`, the number of records matching before paging (an empty page is
 * `{ totalHits }` alone, as Genesys answers). A body it cannot
 * answer (no interval, a filter, an unknown `order`) throws an `InvalidOptionError`, where
 * Genesys answers 400.
 *
 * @example
 * detailsQueryResponse(records, { interval: '2026-11-21T08:00:00Z/2026-11-21T09:00:00Z', paging: { pageSize: 50, pageNumber: 1 } });
 * // { conversations: [ …up to 50 records… ], totalHits: 112 }
 */
export function detailsQueryResponse(records: Iterable<AnalyticsConversation>, body: DetailsQueryBody): DetailsQueryResponse {
  if (typeof body !== 'object' || body === null) throw new InvalidOptionError('a details query body is an object with an interval');
  const interval = parseInterval(body.interval);
  for (const name of UNSUPPORTED) {
    const value = body[name];
    if (value !== undefined && (!Array.isArray(value) || value.length > 0)) throw new InvalidOptionError(`${name} are not supported`);
  }
  const order = body.order ?? 'asc';
  if (order !== 'asc' && order !== 'desc') throw new InvalidOptionError(`order must be asc or desc, not ${JSON.stringify(order)}`);
  const orderBy = (body.orderBy ?? 'conversationStart') as (typeof ORDER_BY)[number];
  if (!ORDER_BY.includes(orderBy)) throw new InvalidOptionError(`orderBy must be one of ${ORDER_BY.join(', ')}, not ${JSON.stringify(body.orderBy)}`);
  const pageSize = positiveInteger('paging.pageSize', body.paging?.pageSize, DEFAULT_PAGE_SIZE);
  const pageNumber = positiveInteger('paging.pageNumber', body.paging?.pageNumber, 1);

  const keyed = [...records].filter((record) => matchesInterval(record, interval)).map((record) => ({ record, key: sortKey(record, orderBy) }));
  const sign = order === 'asc' ? 1 : -1;
  keyed.sort((a, b) => sign * (a.key < b.key ? -1 : a.key > b.key ? 1 : a.record.conversationId < b.record.conversationId ? -1 : a.record.conversationId > b.record.conversationId ? 1 : 0));
  const from = (pageNumber - 1) * pageSize;
  const page = keyed.slice(from, from + pageSize).map(({ record }) => record);
  return page.length === 0 ? { totalHits: keyed.length } : { conversations: page, totalHits: keyed.length };
}
