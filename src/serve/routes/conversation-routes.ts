import type { FastifyInstance } from 'fastify';
import type { ConversationSnapshot } from '../../model/conversation-snapshot.js';
import { atQuery, conversationSchema, conversationsQuery, errorSchema, idParams } from '../api-schemas.js';
import { ApiError } from '../api-error.js';
import type { ServiceContext } from '../service-context.js';

/** The view a request reads: now, or as of `?at=`. */
/** `limit` items of `items` from `offset` on, and whether more follow. */
function page(items: Iterable<ConversationSnapshot>, offset: number, limit: number): { page: ConversationSnapshot[]; more: boolean } {
  const out: ConversationSnapshot[] = [];
  let index = 0;
  for (const item of items) {
    if (index++ < offset) continue;
    if (out.length === limit) return { page: out, more: true };
    out.push(item);
  }
  return { page: out, more: false };
}

/**
 * `GET /api/conversations` (now or `?at=`, `?active=true`, paged), `GET /api/conversations/:id`
 * and `GET /api/conversations/:id/history`: the shapes `replay` prints.
 *
 * @example
 * await app.register(conversationRoutes(context));
 */
export function conversationRoutes(context: ServiceContext) {
  return (app: FastifyInstance, _options: unknown, done: () => void) => {
    app.get<{ Querystring: { at?: string; active?: boolean; limit: number; offset: number } }>('/api/conversations', {
      schema: {
        summary: 'Conversation snapshots, now or as of an instant',
        description: 'Every conversation, in the order first seen (paged: a `Link: <…>; rel="next"` header names the next page), or with `active=true` only those under way.',
        querystring: conversationsQuery,
        response: { 200: { type: 'array', items: conversationSchema }, 400: errorSchema },
      },
    }, async (request, reply) => {
      const { at, active, limit, offset } = request.query;
      const items = active === true
        ? (at === undefined ? context.feed.floor() : await context.reads.active(at))
        : await context.reads.conversations(at);
      const result = page(items, offset, limit);
      if (result.more) {
        const next = new URLSearchParams({ ...(at !== undefined ? { at } : {}), ...(active === true ? { active: 'true' } : {}), limit: String(limit), offset: String(offset + limit) });
        void reply.header('link', `</api/conversations?${next.toString()}>; rel="next"`);
      }
      return result.page;
    });

    app.get<{ Params: { id: string }; Querystring: { at?: string } }>('/api/conversations/:id', {
      schema: {
        summary: 'One conversation snapshot, now or as of an instant',
        params: idParams, querystring: atQuery,
        response: { 200: conversationSchema, 400: errorSchema, 404: errorSchema },
      },
    }, async (request) => {
      const snapshot = await context.reads.conversation(request.params.id, request.query.at);
      if (snapshot === undefined) throw new ApiError(404, 'not-found', `no conversation ${JSON.stringify(request.params.id)}${request.query.at === undefined ? '' : ` as of ${request.query.at}`}`);
      return snapshot;
    });

    app.get<{ Params: { id: string } }>('/api/conversations/:id/history', {
      schema: {
        summary: 'The events applied to one conversation, in order',
        params: idParams,
        response: { 200: { type: 'array', items: { type: 'object', additionalProperties: true } }, 404: errorSchema },
      },
    }, async (request) => {
      const history = await context.reads.history(request.params.id);
      if (history.length === 0) throw new ApiError(404, 'not-found', `no conversation ${JSON.stringify(request.params.id)}`);
      return history;
    });
    done();
  };
}
