import { PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { HeapExhaustedError } from '../errors/heap-exhausted-error.js';

const MB = 1048576;
const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);

/** The semi-space size V8 was started with (`--max-semi-space-size`, in MB; 16 by default on 64-bit). */
function semiSpaceMb(): number {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const flag = flags.reverse().find((f) => f.startsWith('--max-semi-space-size='));
  const mb = Number(flag?.split('=')[1]);
  return Number.isFinite(mb) && mb > 0 ? mb : 16;
}

/** The old generation's share of V8's heap limit, which also reserves three semi-spaces for the young generation. */
function oldGenerationLimit(): number {
  return getHeapStatistics().heap_size_limit - 3 * semiSpaceMb() * MB;
}

/** Bytes used in the old generation (what survived the young generation's collections). */
function oldGenerationUsed(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!YOUNG_SPACES.has(space.space_name)) used += space.space_used_size;
  return used;
}

/** Watches the heap while a log is read. */
export interface HeapGuard {
  /** Throws a `HeapExhaustedError` once the live heap passed the share of the limit. */
  check(): void;
  stop(): void;
}

/**
 * Watches what survives each full garbage collection (the live heap, not garbage waiting to be
 * collected) and says when what was added since the watch began passes `share` of the room the
 * heap had left then, so a replay can stop with a clear message and leave room to report,
 * instead of dying in V8's out-of-memory abort.
 *
 * @example
 * const guard = watchHeap(0.85);
 * for await (const chunk of stream) { guard.check(); … }
 * guard.stop();
 */
export function watchHeap(share: number): HeapGuard {
  const limit = oldGenerationLimit();
  const baseline = oldGenerationUsed();
  const allowed = baseline + share * Math.max(0, limit - baseline);
  let live = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) live = oldGenerationUsed();
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    check() {
      if (live > allowed) throw new HeapExhaustedError(live - baseline, live, limit);
    },
    stop: () => observer.disconnect(),
  };
}
