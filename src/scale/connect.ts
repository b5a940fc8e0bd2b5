import { connect, type NatsConnection } from '@nats-io/transport-node';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { ScaleError } from '../errors/scale-error.js';
import { printable } from '../text/printable.js';

/** How {@link connectToNats} connects. */
export interface NatsConnectOptions {
  /** How long the first connection may take before the server counts as unreachable (ms, default 2,000). */
  readonly connectTimeoutMs?: number;
  /** The wait between two reconnection attempts once connected (ms, default 500). */
  readonly reconnectWaitMs?: number;
  /** The client's name, as the server's monitoring shows it (default `participant-tracker`). */
  readonly name?: string;
}

const SCHEMES = new Set(['nats:', 'tls:']);

/**
 * The server address as the client takes it: `nats://host:port` or `tls://host:port`; a bare
 * `host:port` means `nats://host:port`. Anything else is an `InvalidOptionError`.
 *
 * @example
 * natsServerAddress('127.0.0.1:4222'); // 'nats://127.0.0.1:4222'
 * natsServerAddress('http://x'); // throws InvalidOptionError
 */
export function natsServerAddress(url: string): string {
  const address = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `nats://${url}`;
  let parsed: URL | undefined;
  try {
    parsed = new URL(address);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !SCHEMES.has(parsed.protocol) || parsed.hostname === '' || parsed.pathname.replace(/^\/$/, '') !== '') {
    throw new InvalidOptionError(`${JSON.stringify(printable(url))} is not a NATS server address (nats://host:port)`);
  }
  return address;
}

/** Why a first connection failed, in a few words. */
function reasonOf(error: unknown, timeoutMs: number): string {
  const { name, message } = error as { name?: string; message?: string };
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  return printable(String(message ?? error));
}

/**
 * Connects to a NATS server. The first connection must succeed within the connect timeout:
 * otherwise a `ScaleError` (`NATS_UNREACHABLE`) says `cannot reach NATS at <url>: <reason>`.
 * Once connected, the client reconnects for ever (every `reconnectWaitMs`) when the server goes
 * away, so a worker outlives a server restart; requests made meanwhile wait or time out.
 *
 * @example
 * const nc = await connectToNats('nats://127.0.0.1:4222');
 * try { … } finally { await nc.drain(); }
 */
export async function connectToNats(url: string, options: NatsConnectOptions = {}): Promise<NatsConnection> {
  const servers = natsServerAddress(url);
  const timeout = options.connectTimeoutMs ?? 2000;
  try {
    return await connect({
      servers,
      name: options.name ?? 'participant-tracker',
      timeout,
      maxReconnectAttempts: -1,
      reconnectTimeWait: options.reconnectWaitMs ?? 500,
      pingInterval: 10_000,
    });
  } catch (error) {
    throw new ScaleError('NATS_UNREACHABLE', `cannot reach NATS at ${printable(url)}: ${reasonOf(error, timeout)}`);
  }
}
