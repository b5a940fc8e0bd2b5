import { startService, type RunningService, type ServiceOptions } from '../../src/serve/start-service.js';
import { SseParser, type SseMessage } from '../../web/src/sse.js';
import { tempStoreDir } from './temp-store.js';

/** A service on 127.0.0.1 and a free port, over a store in a temporary directory. */
export interface TestService {
  readonly service: RunningService;
  readonly data: string;
  /** `fetch` on the service. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Closes the service and removes its store. */
  stop(): Promise<void>;
}

/**
 * Starts a service for a test (`startService` on `127.0.0.1:0`); `stop()` it in `finally`.
 *
 * @example
 * const { api, stop } = await testService();
 */
export async function testService(options: Partial<ServiceOptions> = {}, data = tempStoreDir()): Promise<TestService> {
  const service = await startService({ data: data.dir, host: '127.0.0.1', port: 0, webRoot: '/nonexistent', ...options });
  return {
    service, data: data.dir,
    api: (path, init) => fetch(new URL(path, service.url), init),
    stop: async () => {
      await service.close();
      data.remove();
    },
  };
}

/** A JSONL body of events. */
export const jsonl = (events: readonly unknown[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

/** An open `GET /api/stream`: the messages so far, and a wait for the next that matches. */
export interface StreamReader {
  readonly messages: SseMessage[];
  next(match?: (message: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  close(): void;
}

/**
 * Opens the stream of a service and parses its Server-Sent Events.
 *
 * @example
 * const stream = await openStream(service.url);
 * const state = await stream.next((m) => m.event === 'state');
 */
export async function openStream(url: string, headers: Record<string, string> = {}): Promise<StreamReader> {
  const controller = new AbortController();
  const response = await fetch(new URL('/api/stream', url), { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  if (!response.ok || response.body === null) throw new Error(`stream answered ${response.status}`);
  const parser = new SseParser();
  const messages: SseMessage[] = [];
  let seen = 0;
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        messages.push(...parser.push(decoder.decode(chunk, { stream: true })));
        for (const wake of waiters) wake();
      }
    } catch {
      // closed by the test
    }
  })();
  return {
    messages,
    next(match = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          while (seen < messages.length) {
            const message = messages[seen++]!;
            if (match(message)) {
              waiters.delete(look);
              clearTimeout(timer);
              resolve(message);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no matching stream message in ${timeoutMs} ms (${messages.length} seen)`));
        }, timeoutMs);
        waiters.add(look);
        look();
      });
    },
    close: () => controller.abort(),
  };
}
