import { InvalidOptionError } from '../errors/invalid-option-error.js';

/** Partitions of the event stream when none are given. */
export const DEFAULT_PARTITIONS = 16;

/** The most partitions an event stream may have. */
export const MAX_PARTITIONS = 1024;

/**
 * The first token(s) of every subject the tracker publishes on, when none is given: events go to
 * `participant-tracker.events.<partition>`. A deployment that shares a NATS account between
 * several trackers gives each its own prefix.
 */
export const DEFAULT_SUBJECT_PREFIX = 'participant-tracker';

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const utf8 = new TextEncoder();

/**
 * The 32-bit FNV-1a hash of a string's UTF-8 bytes, as an unsigned integer. (A lone surrogate,
 * which UTF-8 cannot hold, counts as U+FFFD, as `TextEncoder` writes it.)
 *
 * @example
 * fnv1a32(''); // 2166136261 (0x811c9dc5)
 * fnv1a32('a'); // 3826002220 (0xe40c292c)
 */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of utf8.encode(text)) hash = Math.imul(hash ^ byte, FNV_PRIME);
  return hash >>> 0;
}

/**
 * Checks a partition count: an integer from 1 to {@link MAX_PARTITIONS}; anything else is an
 * `InvalidOptionError` saying so.
 *
 * @example
 * requirePartitionCount(16); // 16
 * requirePartitionCount(0); // throws InvalidOptionError
 */
export function requirePartitionCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > MAX_PARTITIONS) {
    throw new InvalidOptionError(`the partition count must be an integer from 1 to ${MAX_PARTITIONS}, not ${String(count)}`);
  }
  return count;
}

/**
 * The partition a conversation's events go to: the 32-bit FNV-1a hash of the UTF-8 bytes of its
 * id, modulo the partition count. Every event of a conversation lands in one partition, so one
 * worker sees them all, in order. This function is part of the stored data's format: the test
 * vectors in docs/scale-out.md pin it, and changing it (or the count) moves conversations.
 *
 * @example
 * partitionOf('c1', 16); // 9
 * partitionOf('c1', 1); // 0
 */
export function partitionOf(conversationId: string, count: number = DEFAULT_PARTITIONS): number {
  return fnv1a32(conversationId) % requirePartitionCount(count);
}

/**
 * Checks a subject prefix: one or more dot-separated tokens, each non-empty, without
 * whitespace, control characters or the wildcards `*` and `>`; anything else is an
 * `InvalidOptionError`.
 *
 * @example
 * requireSubjectPrefix('acme.tracker'); // 'acme.tracker'
 * requireSubjectPrefix('acme.*'); // throws InvalidOptionError
 */
export function requireSubjectPrefix(prefix: string): string {
  const badToken = prefix.split('.').find((token) => token === '' || /[\s\u0000-\u001f\u007f*>]/u.test(token));
  if (badToken !== undefined) {
    throw new InvalidOptionError(`the subject prefix ${JSON.stringify(prefix)} is not a NATS subject: its tokens must be non-empty, without spaces, control characters, "*" or ">"`);
  }
  return prefix;
}

/**
 * The subject a partition's events are published on: `<prefix>.events.<partition>`.
 *
 * @example
 * eventSubject('participant-tracker', 4); // 'participant-tracker.events.4'
 * eventSubject('acme', partitionOf('c1', 16)); // 'acme.events.9'
 */
export function eventSubject(prefix: string, partition: number): string {
  if (!Number.isInteger(partition) || partition < 0 || partition >= MAX_PARTITIONS) {
    throw new InvalidOptionError(`a partition is an integer from 0 to ${MAX_PARTITIONS - 1}, not ${String(partition)}`);
  }
  return `${requireSubjectPrefix(prefix)}.events.${partition}`;
}

/**
 * The subject filter that takes every partition's events: `<prefix>.events.*` (the event
 * stream's subject).
 *
 * @example
 * eventSubjects('participant-tracker'); // 'participant-tracker.events.*'
 */
export function eventSubjects(prefix: string): string {
  return `${requireSubjectPrefix(prefix)}.events.*`;
}
