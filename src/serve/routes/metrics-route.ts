import type { FastifyInstance } from 'fastify';
import { requireInstant } from '../../events/time.js';
import { durationProblem, intervalProblem, parseDuration } from '../../time/duration.js';
import { errorSchema, metricsQuery, metricsSchema } from '../api-schemas.js';
import { ApiError } from '../api-error.js';
import type { ServiceContext } from '../service-context.js';
import { startOfUtcDay } from '../../time/start-of-utc-day.js';

/** A duration parameter in ms (the same rules as the CLI's `--interval` and `--sla`), or its default. */
function durationParam(name: 'interval' | 'sla', text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = parseDuration(text);
  const problem = name === 'interval' ? intervalProblem(text) : ms === undefined ? durationProblem(text) : undefined;
  if (problem !== undefined || ms === undefined) throw new ApiError(400, 'invalid-query', `${name}: ${problem ?? durationProblem(text)}`);
  return ms;
}

/**
 * `GET /api/metrics`: the JSON of `metrics --format json --from <start of day>`: observations at
 * `at` (default the latest event) and aggregates from `from` (default the start of that UTC day).
 * Without parameters it is the live report the stream carries, at no cost.
 *
 * @example
 * await app.register(metricsRoute(context));
 */
export function metricsRoute(context: ServiceContext) {
  return (app: FastifyInstance, _options: unknown, done: () => void) => {
    app.get<{ Querystring: { at?: string; from?: string; interval?: string; sla?: string } }>('/api/metrics', {
      schema: {
        summary: 'Observations at an instant and aggregates per interval, per queue and overall',
        querystring: metricsQuery,
        response: { 200: metricsSchema, 400: errorSchema },
      },
    }, async (request) => {
      const { at, from, interval, sla } = request.query;
      const intervalMs = durationParam('interval', interval, context.intervalMs);
      const serviceLevelMs = durationParam('sla', sla, context.serviceLevelMs);
      const live = at === undefined && from === undefined && intervalMs === context.intervalMs && serviceLevelMs === context.serviceLevelMs;
      if (live) return context.feed.metrics();
      const until = at === undefined ? context.reads.latestTime() : requireInstant(at);
      const start = from !== undefined ? requireInstant(from) : until === undefined ? undefined : startOfUtcDay(until);
      return context.reads.metrics({
        ...(until !== undefined ? { at: until } : {}), ...(start !== undefined ? { from: start } : {}), intervalMs, serviceLevelMs,
      });
    });
    done();
  };
}
