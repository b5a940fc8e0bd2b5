import WebSocket from 'ws';

/** What the socket tells its owner. */
export interface NotificationSocketEvents {
  /** A message arrived: parsed JSON (`undefined` with `error` when it was not JSON), stamped with its arrival (ms). */
  onMessage(message: unknown, receivedAtMs: number, error?: string): void;
  /** The socket is gone (once): closed by either side, dropped, or declared dead. */
  onClose(reason: string): void;
}

/** Liveness settings. */
export interface LivenessOptions {
  /** The heartbeat interval assumed until one is observed, in ms (Genesys: about 30 s). */
  readonly heartbeatMs?: number;
  /** Wall clock in ms. */
  readonly now?: () => number;
  /** The largest message accepted, in bytes (8 MiB); a larger one closes the socket. */
  readonly maxMessageBytes?: number;
}

const HEARTBEAT = 'WebSocket Heartbeat';

/** Whether a message is Genesys' heartbeat or the answer to a ping (`channel.metadata`). */
function isMetadata(message: unknown): { heartbeat: boolean } | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { topicName, eventBody } = message as { topicName?: unknown; eventBody?: { message?: unknown } };
  if (topicName !== 'channel.metadata') return undefined;
  return { heartbeat: eventBody?.message === HEARTBEAT };
}

/**
 * The WebSocket of one Genesys notification channel, watched for liveness. Genesys sends a
 * heartbeat about every 30 s; the interval actually observed between two heartbeats replaces
 * the assumed one. After 1.5 intervals without any message the socket sends
 * `{"message":"ping"}`; when still nothing has arrived after three intervals, it is declared
 * dead and closed, so a socket that stays open but silent is not trusted for ever.
 *
 * @example
 * const socket = await NotificationSocket.open(channel.connectUri, { onMessage, onClose });
 * socket.close('shutting down');
 */
export class NotificationSocket {
  private lastArrivalMs: number;
  private lastHeartbeatMs: number | undefined;
  private pinged = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  /** The heartbeat interval in force, in ms: observed, else assumed. */
  heartbeatMs: number;
  /** The interval actually observed between two heartbeats, in ms. */
  observedHeartbeatMs: number | undefined;

  private constructor(private readonly ws: WebSocket, private readonly events: NotificationSocketEvents, private readonly now: () => number, assumedMs: number) {
    this.heartbeatMs = assumedMs;
    this.lastArrivalMs = now();
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => this.arrive(data, isBinary));
    ws.on('close', (code: number, reason: Buffer) => this.finish(`the socket closed (${code}${reason.length > 0 ? ` ${reason.toString('utf8').slice(0, 120)}` : ''})`));
    ws.on('error', (error: Error) => this.finish(`socket error: ${error.message}`));
    this.timer = setInterval(() => this.check(), Math.max(20, Math.min(1000, assumedMs / 6)));
  }

  /** Opens the socket at `connectUri`; rejects when it cannot be opened. */
  static open(connectUri: string, events: NotificationSocketEvents, options: LivenessOptions = {}): Promise<NotificationSocket> {
    const now = options.now ?? Date.now;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(connectUri, { maxPayload: options.maxMessageBytes ?? 8 * 1024 * 1024, handshakeTimeout: 30_000 });
      const fail = (error: Error) => {
        ws.removeAllListeners();
        ws.on('error', () => undefined);
        ws.terminate();
        reject(error);
      };
      ws.once('error', fail);
      ws.once('unexpected-response', (_request, response) => fail(new Error(`the channel refused the socket: HTTP ${response.statusCode ?? '?'}`)));
      ws.once('open', () => {
        ws.removeAllListeners();
        resolve(new NotificationSocket(ws, events, now, options.heartbeatMs ?? 30_000));
      });
    });
  }

  /** Closes the socket (normal closure); `onClose` gets `reason`. */
  close(reason: string): void {
    if (this.closed) return;
    this.finish(reason);
    this.ws.close(1000);
  }

  /** Wall-clock ms of the latest message. */
  get lastMessageMs(): number {
    return this.lastArrivalMs;
  }

  private arrive(data: WebSocket.RawData, isBinary: boolean): void {
    const at = this.now();
    this.lastArrivalMs = at;
    this.pinged = false;
    const text = isBinary ? undefined : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
    let message: unknown;
    try {
      if (text === undefined) throw new Error('a binary message');
      message = JSON.parse(text);
    } catch (error) {
      this.events.onMessage(undefined, at, error instanceof SyntaxError ? `not JSON: ${error.message}` : (error as Error).message);
      return;
    }
    const metadata = isMetadata(message);
    if (metadata?.heartbeat === true) {
      if (this.lastHeartbeatMs !== undefined && at > this.lastHeartbeatMs) {
        this.observedHeartbeatMs = at - this.lastHeartbeatMs;
        this.heartbeatMs = this.observedHeartbeatMs;
      }
      this.lastHeartbeatMs = at;
    }
    this.events.onMessage(message, at);
  }

  private check(): void {
    const silence = this.now() - this.lastArrivalMs;
    if (silence >= 3 * this.heartbeatMs && this.pinged) {
      this.finish(`no heartbeat or pong for ${(silence / 1000).toFixed(1)} s (heartbeat every ${(this.heartbeatMs / 1000).toFixed(1)} s)`);
      this.ws.terminate();
    } else if (silence >= 1.5 * this.heartbeatMs && !this.pinged && this.ws.readyState === WebSocket.OPEN) {
      this.pinged = true;
      this.ws.send('{"message":"ping"}');
    }
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.events.onClose(reason);
  }
}
