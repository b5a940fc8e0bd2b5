import type { FastifyInstance } from 'fastify';

/**
 * The address a listening service answers on: `http://host:port/`, with the port it was given
 * (the one picked for port 0) and an IPv6 host in brackets.
 *
 * @example
 * await app.listen({ host: '127.0.0.1', port: 0 });
 * serviceUrl(app, '127.0.0.1', 0); // 'http://127.0.0.1:43127/'
 */
export function serviceUrl(app: FastifyInstance, host: string, port: number): string {
  const address = app.server.address();
  const listening = typeof address === 'object' && address !== null ? address.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${listening}/`;
}
