import type { FastifyInstance } from 'fastify';
import { healthSchema } from '../api-schemas.js';
import type { ServiceContext } from '../service-context.js';

/**
 * `GET /healthz`, answered without a token: ready, the latest event's time and age, the lag,
 * and each source's state.
 *
 * @example
 * await app.register(healthRoute(context));
 */
export function healthRoute(context: ServiceContext) {
  return (app: FastifyInstance, _options: unknown, done: () => void) => {
    app.get('/healthz', {
      schema: { summary: 'Health: ready, latest event, lag, sources', response: { 200: healthSchema } },
    }, () => context.health());
    done();
  };
}
