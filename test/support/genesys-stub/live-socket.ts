import type { Duplex } from 'node:stream';
import { WebSocket, type RawData } from 'ws';
import { heartbeat, pong } from './envelopes.js';

/** Shared switch: while `stalled`, sockets send nothing at all. */
export interface SendGate {
  stalled: boolean;
}

/**
 * One WebSocket on a channel, server side: heartbeats every `heartbeatMs`, `{"message":"ping"}`
 * answered with a pong (and told to `onPing`), other client messages handed to `onMessage`. Everything it sends goes
 * through the gate, so a stall loses heartbeats, pongs and notifications alike.
 */
export class LiveSocket {
  private readonly timer: NodeJS.Timeout;
  private readonly closedListeners: (() => void)[] = [];

  constructor(
    readonly ws: WebSocket,
    /** The TCP socket under it, for dropping without a close frame. */
    private readonly raw: Duplex,
    readonly channelId: string,
    private readonly gate: SendGate,
    heartbeatMs: number,
    onMessage: (socket: LiveSocket, message: Record<string, unknown>) => void,
    onPing: () => void,
  ) {
    this.timer = setInterval(() => this.send(heartbeat()), heartbeatMs).unref();
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      let message: unknown;
      try {
        message = JSON.parse(rawText(data));
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message)) return;
      const fields = message as Record<string, unknown>;
      if (fields.message === 'ping') {
        onPing();
        this.send(pong());
      } else onMessage(this, fields);
    });
    ws.on('error', () => {
      // A client that sends garbage frames or vanishes: ws closes the socket, 'close' follows.
    });
    ws.on('close', () => {
      clearInterval(this.timer);
      for (const listener of this.closedListeners.splice(0)) listener();
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends `text` unless stalled or no longer open; whether it went out. */
  send(text: string): boolean {
    if (this.gate.stalled || !this.open) return false;
    this.ws.send(text);
    return true;
  }

  /** Closes with a close frame (`1001` going away, `1000` normal, …). */
  close(code: number, reason: string): void {
    clearInterval(this.timer);
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
  }

  /** Destroys the TCP connection: no close frame, the client sees 1006. */
  drop(): void {
    clearInterval(this.timer);
    this.raw.destroy();
  }

  /** Ends it at once (for shutting the stub down). */
  terminate(): void {
    clearInterval(this.timer);
    this.ws.terminate();
  }

  /** Calls `listener` once the socket has closed. */
  onClosed(listener: () => void): void {
    if (this.ws.readyState === WebSocket.CLOSED) listener();
    else this.closedListeners.push(listener);
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
