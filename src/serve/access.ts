import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** Host names that reach only this machine. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Whether an address to bind to reaches only this machine (127.0.0.0/8, ::1, localhost).
 *
 * @example
 * isLoopback('127.0.0.1'); // true
 * isLoopback('0.0.0.0');   // false
 */
export function isLoopback(host: string): boolean {
  if (LOOPBACK_NAMES.has(host)) return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * Whether a request's `Host` header names this machine: without a token, the service answers
 * only those, so a web page elsewhere cannot reach it through a name that resolves to 127.0.0.1
 * (DNS rebinding).
 *
 * @example
 * hostIsLoopback('127.0.0.1:8080'); // true
 * hostIsLoopback('evil.example:8080'); // false
 */
export function hostIsLoopback(hostHeader: string | undefined): boolean {
  if (hostHeader === undefined) return false;
  const host = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
  return isLoopback(host.toLowerCase());
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Checks `Authorization: Bearer <token>` in constant time.
 *
 * @example
 * const allowed = bearerCheck('s3cret');
 * allowed('Bearer s3cret'); // true
 */
export function bearerCheck(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(token);
  return (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    return match !== null && timingSafeEqual(digest(match[1]!), expected);
  };
}
