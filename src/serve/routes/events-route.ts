import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { errorSchema, intakeSchema } from '../api-schemas.js';
import { ApiError } from '../api-error.js';
import { intakeEvents, type LineResult } from '../event-intake.js';
import type { ServiceContext } from '../service-context.js';

/** A body's bytes up to `limit`; past it, the rest is drained unread and `over.exceeded` says so. */
async function* capped(body: Readable, limit: number, over: { exceeded: boolean }): AsyncGenerator<Buffer, void, undefined> {
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = limit - bytes;
    bytes += chunk.length;
    if (chunk.length > room) {
      over.exceeded = true;
      if (room > 0) yield chunk.subarray(0, room);
      body.resume();
      return;
    }
    yield chunk;
  }
}

/**
 * `POST /api/events`: a JSONL or JSON-array body of v1 events, applied as it streams in and
 * answered once every line is durable, with one result per line (applied, duplicate, or
 * rejected with the reason), as `validate` reports. A body over the limit is answered 413: the
 * lines before the limit stay applied, and the answer lists them (the line the limit cuts is
 * rejected as not JSON).
 *
 * @example
 * await app.register(eventsRoute(context));
 */
export function eventsRoute(context: ServiceContext) {
  return (app: FastifyInstance, _options: unknown, done: () => void) => {
    // The body is read here, line by line, not parsed whole by Fastify.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const source = context.sources.add('http', 'http');
    source.running();

    app.post('/api/events', {
      schema: {
        summary: 'Apply events: a JSONL or JSON-array body of v1 events',
        description: `Each line is applied as it arrives and acknowledged once durable. At most ${context.bodyLimitBytes} bytes per body (413 beyond: the lines before the limit stay applied).`,
        response: { 200: intakeSchema, 413: intakeSchema, 400: errorSchema },
      },
    }, async (request, reply) => {
      const declared = Number(request.headers['content-length']);
      if (declared > context.bodyLimitBytes) {
        throw new ApiError(413, 'body-too-large', `the body is ${declared} bytes; at most ${context.bodyLimitBytes} are accepted: split it`);
      }
      const over = { exceeded: false };
      const results: LineResult[] = [];
      const summary = await intakeEvents(capped(request.body as Readable, context.bodyLimitBytes, over), context.feed.submit, source, { onResult: (r) => results.push(r) });
      results.sort((a, b) => a.line - b.line);
      if (over.exceeded) void reply.code(413);
      return { lines: summary.lines, applied: summary.applied, duplicates: summary.duplicates, rejected: summary.rejected, results };
    });
    done();
  };
}
