import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import helmet from '@fastify/helmet';
import fastifySseModule, { type SSEPluginOptions } from '@fastify/sse';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { createRequire } from 'node:module';
import { InvalidInstantError } from '../errors/invalid-instant-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { bearerCheck, hostIsLoopback } from './access.js';
import { ApiError } from './api-error.js';
import { conversationRoutes } from './routes/conversation-routes.js';
import { eventsRoute } from './routes/events-route.js';
import { healthRoute } from './routes/health-route.js';
import { metricsRoute } from './routes/metrics-route.js';
import { streamRoute } from './routes/stream-route.js';
import type { ServiceContext } from './service-context.js';

/** The plugin as Node loads it (CommonJS: its module object is the wrapped plugin; the typings name its parts). */
const fastifySse = fastifySseModule as unknown as FastifyPluginAsync<SSEPluginOptions>;

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Where the built dashboard is (`npm run build` puts it in `dist/web`). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

export interface ServerOptions {
  /** With a token, every request but `/healthz` and the page's static files needs `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** The built dashboard (default `dist/web`). */
  readonly webRoot?: string;
  /** Log requests (pino, JSON on stdout). */
  readonly logger?: boolean;
}

/** The strict Content-Security-Policy of every answer: the page runs only its own script and styles. */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"],
    fontSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'none'"], frameAncestors: ["'none'"], formAction: ["'self'"],
  },
};

/** Paths anyone may read: the health check and the page's files (which hold no data). */
const isPublic = (path: string) => path === '/healthz' || !(path.startsWith('/api/') || path === '/openapi.json');

/** What a request got wrong, naming the parameter: `querystring: unknown parameter "color"`. */
function validationMessage(error: FastifyError): string {
  const where = error.validationContext ?? 'request';
  return (error.validation ?? []).map((v) => {
    const params = v.params as { additionalProperty?: string };
    if (params.additionalProperty !== undefined) return `${where}: unknown parameter ${JSON.stringify(params.additionalProperty)}`;
    const field = v.instancePath.replace(/^\//, '');
    return `${where}${field === '' ? '' : ` ${field}`}: ${v.message ?? 'is not valid'}`;
  }).join('; ');
}

/** An error as the API answers it: a status, a stable code and a sentence; a bug is a 500 without details. */
function answerOf(error: FastifyError | Error): { status: number; body: { error: string; message: string } } {
  if (error instanceof ApiError) return { status: error.statusCode, body: { error: error.code, message: error.message } };
  if (error instanceof InvalidInstantError || error instanceof InvalidOptionError) return { status: 400, body: { error: 'invalid-query', message: error.message } };
  const fastifyError = error as FastifyError;
  if (fastifyError.validation !== undefined) return { status: 400, body: { error: 'invalid-request', message: validationMessage(fastifyError) } };
  const status = fastifyError.statusCode ?? 500;
  if (status < 500) return { status, body: { error: fastifyError.code ?? 'bad-request', message: fastifyError.message } };
  return { status: 500, body: { error: 'internal', message: 'the service failed to answer; see its log' } };
}

/**
 * The HTTP service over a live tracker: the JSON API, the stream, `/healthz`, the OpenAPI
 * document (`/openapi.json`) and the dashboard, under a strict Content-Security-Policy. Bind it
 * with `app.listen({ host: '127.0.0.1', port })`.
 *
 * @example
 * const app = await createServer(context, { token: process.env.PARTICIPANT_TRACKER_TOKEN });
 * await app.listen({ host: '127.0.0.1', port: 8080 });
 */
export async function createServer(context: ServiceContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === true, bodyLimit: context.bodyLimitBytes, forceCloseConnections: true,
    // An unknown query parameter is an error, not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
  });
  // Response schemas document the API; answers are written as they are.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = answerOf(error);
    if (status === 500) request.log.error({ err: error }, 'request failed');
    void reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => void reply.code(404).send({ error: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}` }));

  const authorized = options.token === undefined ? undefined : bearerCheck(options.token);
  app.addHook('onRequest', async (request, reply) => {
    if (authorized === undefined) {
      if (!hostIsLoopback(request.headers.host)) {
        return reply.code(403).send({ error: 'forbidden-host', message: 'without a token the service answers only requests to 127.0.0.1 or localhost' });
      }
      return;
    }
    if (isPublic(request.url.split('?')[0]!)) return;
    if (!authorized(request.headers.authorization)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'this service needs Authorization: Bearer <token>' });
    }
  });

  await app.register(helmet, { contentSecurityPolicy: CONTENT_SECURITY_POLICY, crossOriginEmbedderPolicy: false });
  await app.register(fastifySse, { heartbeatInterval: 15_000 });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'participant-tracker', description: 'Live conversations, participants and metrics of Genesys Cloud chat and callback interactions', version },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: options.token === undefined ? [] : [{ bearer: [] }],
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(healthRoute(context));
  await app.register(conversationRoutes(context));
  await app.register(metricsRoute(context));
  await app.register(streamRoute(context));
  await app.register(eventsRoute(context));

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  if (existsSync(`${webRoot}/index.html`)) {
    await app.register(fastifyStatic, { root: webRoot, index: 'index.html', cacheControl: true, maxAge: 0 });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.code(503).type('text/plain').send('The dashboard is not built: run npm run build.\n'));
  }
  return app;
}
