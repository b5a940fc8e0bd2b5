import type { FastifyInstance } from 'fastify';
import { StreamClient } from '../stream-client.js';
import type { ServiceContext } from '../service-context.js';

/**
 * `GET /api/stream`: the floor as Server-Sent Events: a `state` frame on connect (or what was
 * missed since `Last-Event-ID`), then `changes` frames at most every 250 ms. A slow client never
 * holds up the others (see `StreamClient`).
 *
 * @example
 * await app.register(streamRoute(context));
 */
export function streamRoute(context: ServiceContext) {
  return (app: FastifyInstance, _options: unknown, done: () => void) => {
    app.get('/api/stream', {
      sse: { kind: 'only', heartbeat: true },
      schema: {
        summary: 'The floor, live (Server-Sent Events)',
        description: 'Event `state` (every conversation under way, today\'s metrics, health), then `changes` (the conversations changed since the frame before, those no longer under way in `finished`) at most every 250 ms. Reconnect with `Last-Event-ID` to get only what was missed.',
        produces: ['text/event-stream'],
      },
    }, async (request, reply) => {
      reply.sse.keepAlive();
      reply.sse.sendHeaders();
      context.streamClients.count++;
      const lastEventId = request.headers['last-event-id'];
      const client = new StreamClient(context.feed, reply.raw, typeof lastEventId === 'string' ? lastEventId : undefined, (why) => {
        request.log.warn({ why }, 'stream client let go');
        reply.raw.destroy();
      }, context.streamLimits);
      reply.sse.onClose(() => {
        context.streamClients.count--;
        client.close();
      });
    });
    done();
  };
}
