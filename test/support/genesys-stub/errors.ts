import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** Genesys Cloud's error body for a REST failure: `{ message, code, status, contextId, details, errors }`. */
export interface GenesysError {
  message: string;
  code: string;
  status: number;
  contextId: string;
  details: unknown[];
  errors: unknown[];
}

/** The `code` and message Genesys gives for common statuses; others get `error` and a generic message. */
const known: Readonly<Record<number, readonly [string, string]>> = {
  400: ['bad.request', 'The request could not be understood by the server due to malformed syntax.'],
  401: ['bad.credentials', 'Invalid login credentials.'],
  403: ['missing.permissions', 'Unable to perform the requested action. You are missing the following permission(s).'],
  404: ['not.found', 'The requested resource was not found.'],
  405: ['method.not.allowed', 'The requested method is not supported for this resource.'],
  413: ['request.entity.too.large', 'The request is over the size limit.'],
  415: ['unsupported.media.type', 'Unsupported Media Type.'],
  429: ['too.many.requests', 'Rate limit exceeded the maximum. Retry the request in [%s] seconds'],
  500: ['internal.server.error', 'The server encountered an unexpected condition which prevented it from fulfilling the request.'],
  502: ['bad.gateway', 'The server received an invalid response from an upstream server.'],
  503: ['service.unavailable', 'Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).'],
  504: ['gateway.timeout', 'The request timed out.'],
};

/** A Genesys-like error body for `status`, with `message` replacing the stock one when given. */
export function genesysError(status: number, message?: string, code?: string): GenesysError {
  const [stockCode, stockMessage] = known[status] ?? ['error', `Error ${status}`];
  return { message: message ?? stockMessage, code: code ?? stockCode, status, contextId: randomUUID(), details: [], errors: [] };
}

/** Writes `body` as JSON (no body for HEAD), with extra headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}
