import type { FailOptions, FaultRoute } from './types.js';

/** A failure to answer instead of the route's normal answer. */
export interface Fault {
  readonly status: number;
  readonly retryAfterSeconds?: number;
  readonly body?: unknown;
}

/** Queued failures per route, each for a number of consecutive requests. */
export class FaultPlan {
  private readonly queues = new Map<FaultRoute, { fault: Fault; left: number }[]>();

  add(route: FaultRoute, status: number, options: FailOptions = {}): void {
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`failNext: times must be a positive integer, got ${times}`);
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new RangeError(`failNext: status must be 4xx or 5xx, got ${status}`);
    const fault: Fault = { status, retryAfterSeconds: options.retryAfterSeconds, body: options.body };
    const queue = this.queues.get(route) ?? [];
    queue.push({ fault, left: times });
    this.queues.set(route, queue);
  }

  /** The failure for this request on `route`, if one is queued (and uses it up). */
  take(route: FaultRoute): Fault | undefined {
    const queue = this.queues.get(route);
    const head = queue?.[0];
    if (queue === undefined || head === undefined) return undefined;
    head.left -= 1;
    if (head.left === 0) queue.shift();
    return head.fault;
  }
}
