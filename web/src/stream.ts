import type { FloorFrame } from '../../src/serve/floor-frame.js';
import { authorization } from './api.js';
import { SseParser } from './sse.js';
import { askForToken } from './token-form.js';

/** The kinds of frame `/api/stream` sends: the whole floor, or what changed. */
export type FrameKind = 'state' | 'changes';

/** How the stream connection is doing. */
export type StreamStatus =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open' }
  | { readonly kind: 'retrying'; readonly atMs: number; readonly reason: string };

/** What {@link followStream} tells its caller. */
export interface StreamHandlers {
  /** A frame arrived; `receivedAt` is `performance.now()` at its arrival. */
  frame(kind: FrameKind, frame: FloorFrame, receivedAt: number): void;
  status(status: StreamStatus): void;
}

/** Reconnection delays: 1 s, doubling, at most 10 s. */
const FIRST_DELAY_MS = 1000;
const LONGEST_DELAY_MS = 10_000;

/** Waits `ms`, or less when `signal` aborts. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = window.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { window.clearTimeout(timer); resolve(); }, { once: true });
  });

/** Why a connection ended, in a few words. */
const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : 'the stream ended');

/**
 * Follows `GET /api/stream` until `signal` aborts: reads its Server-Sent Events with `fetch` (so
 * the token travels in a header), and reconnects with backoff (1 s, 2 s … 10 s) sending the id of
 * the last frame received as `Last-Event-ID`. A 401 asks for the token first.
 *
 * @example
 * followStream({ frame: (kind, frame) => floor.apply(kind, frame), status: showStatus }, controller.signal);
 */
export async function followStream(handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  let lastId = '';
  let delay = FIRST_DELAY_MS;
  while (!signal.aborted) {
    handlers.status({ kind: 'connecting' });
    let reason = 'the stream ended';
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream', ...authorization() };
      if (lastId !== '') headers['Last-Event-ID'] = lastId;
      const response = await fetch('/api/stream', { headers, signal, cache: 'no-store' });
      if (response.status === 401) {
        await askForToken();
        continue;
      }
      if (!response.ok || response.body === null) throw new Error(`the stream answered ${response.status}`);
      handlers.status({ kind: 'open' });
      const parser = new SseParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        for (const message of parser.push(chunk.value)) {
          if (message.event !== 'state' && message.event !== 'changes') continue;
          const frame = JSON.parse(message.data) as FloorFrame;
          try {
            handlers.frame(message.event, frame, performance.now());
          } catch (error) {
            // A fault in the page, not in the stream: reported, and the stream goes on.
            reportError(error);
          }
          lastId = message.id;
          delay = FIRST_DELAY_MS;
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      reason = reasonOf(error);
    }
    handlers.status({ kind: 'retrying', atMs: Date.now() + delay, reason });
    await sleep(delay, signal);
    delay = Math.min(delay * 2, LONGEST_DELAY_MS);
  }
}
