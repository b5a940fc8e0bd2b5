import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TrackerEvent } from '../../../src/events/tracker-event.js';
import { openEventStore, type EventStore } from '../../../src/store/event-store.js';
import type { ApplyResult } from '../../../src/tracker/apply-result.js';
import { createTracker, type ConversationChange, type Tracker, type TrackerView } from '../../../src/tracker/create-tracker.js';
import { scratchSpace } from '../../support/temp-store.js';
import { addChatAgent, ev } from '../../support/tracker-fixtures.js';
import { iso } from '../../support/walks.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const { tempDir, closeAfter } = scratchSpace();

/** A tracker on the store in `dir` and the store itself (the tracker's own handle: read it while the tracker runs); closed after the test if left open. */
function openTracker(dir: string, retentionMs?: number): { tracker: Tracker; store: EventStore } {
  const store = openEventStore(dir, { synchronous: 'NORMAL' });
  const tracker = closeAfter(createTracker(retentionMs === undefined ? { store } : { store, retentionMs }));
  return { tracker, store };
}

/** An event of conversation `conversationId` (the fixtures' `ev`, which puts everything in `c1`). */
const at = (conversationId: string, type: string, participantId: string, ms: number, fields: Record<string, unknown> = {}): TrackerEvent =>
  ev(type, participantId, ms, { conversationId, ...fields });
const added = (conversationId: string, ms: number, participantId = 'a1') => addChatAgent(participantId, ms, { conversationId });
const connected = (conversationId: string, ms: number, participantId = 'a1') => at(conversationId, 'participant.connected', participantId, ms);
const disconnected = (conversationId: string, ms: number, participantId = 'a1') =>
  at(conversationId, 'participant.disconnected', participantId, ms, { disconnectType: 'client' });

/** A tracker in memory and one on a store, fed the same inputs: every result must be the same. */
function pair(stored: Tracker) {
  const memory = createTracker();
  return {
    memory,
    apply(input: unknown): ApplyResult {
      const expected = memory.apply(input);
      const result = stored.apply(input);
      expect(result).toEqual(expected);
      return result;
    },
  };
}

const byId = <T extends { id: string }>(items: T[]) => items.sort((a, b) => (a.id < b.id ? -1 : 1));
const idsOf = (view: TrackerView, which: 'conversations' | 'active') => view[which]().map((c) => c.id).sort();

/** Everything a tracker answers, independent of listing order. */
function reads(tracker: Tracker, ids: readonly string[], instants: readonly number[]) {
  return {
    conversations: byId(tracker.conversations()),
    one: ids.map((id) => tracker.conversation(id)),
    participant: ids.map((id) => tracker.participant(id, 'a1')),
    histories: ids.map((id) => tracker.history(id)),
    rejections: tracker.rejections(),
    active: byId(tracker.active()),
    stats: tracker.stats(),
    at: instants.map((t) => ({
      all: byId(tracker.at(iso(t)).conversations()),
      active: byId(tracker.at(iso(t)).active()),
      one: ids.map((id) => tracker.at(iso(t)).conversation(id)),
    })),
    between: instants.flatMap((from) => instants.filter((until) => until >= from).map((until) => byId(tracker.between(iso(from), iso(until)).conversations()))),
  };
}

const evicted = (store: EventStore, id: string) => store.conversation(id)?.evicted;

describe('durability: what apply and submit return is stored', () => {
  it('a tracker closed and reopened reads the same', () => {
    const dir = tempDir();
    const { tracker } = openTracker(dir);
    const both = pair(tracker);
    const events = [
      added('c1', 0), connected('c1', 1000), at('c1', 'participant.holdStarted', 'a1', 2000),
      added('c2', 500), at('c2', 'participant.acwEnded', 'a1', 600), disconnected('c2', 700),
      added('c3', 800), { id: 'bad', type: 'participant.added' },
    ];
    for (const event of events) both.apply(event);
    const ids = ['c1', 'c2', 'c3'];
    const instants = [0, 650, 1500, 3000];
    const before = reads(tracker, ids, instants);
    expect(before).toEqual(reads(both.memory, ids, instants));
    tracker.close();
    expect(reads(openTracker(dir).tracker, ids, instants)).toEqual(before);
  });

  it('an applied event and a resolved submit are on disk when the process dies at once (SIGKILL, no close)', async () => {
    const dir = tempDir();
    const scriptDir = tempDir();
    // Submits first, then applies: nothing after the last apply commits what it left pending.
    const submitted = [added('c1', 0), connected('c1', 1000), added('c2', 2000)];
    const applied = [at('c1', 'participant.acwEnded', 'a1', 1500), connected('c2', 3000), disconnected('c1', 4000)];
    writeFileSync(join(scriptDir, 'events.json'), JSON.stringify({ applied, submitted }));
    const script = join(scriptDir, 'crash.mts');
    const module = (path: string) => JSON.stringify(pathToFileURL(join(repoRoot, path)).href);
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';\n` +
        `import { openEventStore } from ${module('src/store/event-store.ts')};\n` +
        `import { createTracker } from ${module('src/tracker/create-tracker.ts')};\n` +
        `const { applied, submitted } = JSON.parse(readFileSync(${JSON.stringify(join(scriptDir, 'events.json'))}, 'utf8'));\n` +
        'const tracker = createTracker({ store: openEventStore(process.argv[2]) });\n' +
        'await Promise.all(submitted.map((event) => tracker.submit(event)));\n' +
        'for (const event of applied) tracker.apply(event);\n' +
        "process.stdout.write('done\\n', () => process.kill(process.pid, 'SIGKILL'));\n",
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    try {
      const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the child did not finish: ${stderr}`)), 30_000);
        child.on('exit', (_code, killedBy) => {
          clearTimeout(timer);
          resolve(killedBy);
        });
      });
      expect({ signal, stdout, stderr }).toEqual({ signal: 'SIGKILL', stdout: 'done\n', stderr: '' });
    } finally {
      await killGroup(child.pid!);
    }
    const { tracker } = openTracker(dir);
    const memory = createTracker();
    for (const event of [...submitted, ...applied]) memory.apply(event);
    expect(reads(tracker, ['c1', 'c2'], [0, 1200, 5000])).toEqual(reads(memory, ['c1', 'c2'], [0, 1200, 5000]));
    expect(tracker.history('c1')).toEqual([submitted[0], submitted[1], applied[2]]);
    expect(tracker.rejections().map((r) => r.event)).toEqual([applied[0]]);
  });
});

/** Kills a process group and waits until none of its processes is left (tsx's esbuild service outlives a killed node). */
async function killGroup(pgid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(-pgid, 'SIGKILL');
  const deadline = Date.now() + 15_000;
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(alive()).toBe(false);
}

describe('submit: group commit', () => {
  it('gives what apply gives, for every kind of result', async () => {
    const { tracker } = openTracker(tempDir());
    const memory = createTracker();
    const first = added('c1', 0);
    const hold = at('c1', 'participant.holdStarted', 'a1', 3000);
    const inputs: unknown[] = [
      first, connected('c1', 1000), hold,
      JSON.parse(JSON.stringify(first)), // duplicate
      { ...connected('c1', 1500), id: first.id }, // conflicting-duplicate
      at('c1', 'participant.acwEnded', 'a1', 3500), // illegal-transition
      { id: 'no-time', type: 'participant.connected', conversationId: 'c1', participantId: 'a1' }, // invalid-event
      disconnected('c1', 2000), // late: the hold is overturned
    ];
    const expected = inputs.map((input) => memory.apply(input));
    expect(expected.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'duplicate', 'rejected', 'rejected', 'rejected', 'applied']);
    expect(expected[7]).toMatchObject({ overturned: [{ event: hold }] });
    expect(await Promise.all(inputs.map((input) => tracker.submit(input)))).toEqual(expected);
    expect(reads(tracker, ['c1'], [0, 2500])).toEqual(reads(memory, ['c1'], [0, 2500]));
  });

  it('applies at once, commits every submit of a tick in one transaction, and resolves only after that commit', async () => {
    const { tracker, store } = openTracker(tempDir());
    let transactions = 0;
    const transaction = store.transaction.bind(store);
    store.transaction = (work) => {
      transactions++;
      return transaction(work);
    };
    const events = [added('c1', 0), connected('c1', 1000), added('c2', 500), added('c3', 600)];
    const promises = events.map((e) => tracker.submit(e));
    // Applied at once (reads see it), not committed yet.
    expect(tracker.participant('c1', 'a1')?.state).toBe('connected');
    expect(store.counts().events).toBe(0);
    expect(transactions).toBe(0);
    let settled = 0;
    for (const p of promises) void p.then(() => settled++);
    await Promise.resolve();
    expect(settled).toBe(0);
    expect(await Promise.all(promises)).toEqual(events.map((event) => ({ status: 'applied', event })));
    expect(transactions).toBe(1);
    expect(store.counts().events).toBe(4);

    // The next tick's submits are the next transaction.
    const later = [disconnected('c1', 2000), disconnected('c2', 2000)];
    await Promise.all(later.map((e) => tracker.submit(e)));
    expect(transactions).toBe(2);
    expect(store.counts().events).toBe(6);
  });

  it('close commits what is submitted and resolves it', async () => {
    const dir = tempDir();
    const { tracker } = openTracker(dir);
    const event = added('c1', 0);
    const pending = tracker.submit(event);
    tracker.close();
    expect(await pending).toEqual({ status: 'applied', event });
    expect(openTracker(dir).tracker.history('c1')).toEqual([event]);
  });

  it('subscribers hear of the change once it is committed, never at submit', async () => {
    const { tracker, store } = openTracker(tempDir());
    const heard: { id: string; state: string | undefined; storedEvents: number }[] = [];
    tracker.subscribe((change) => heard.push({ id: change.conversationId, state: change.snapshot.participants[0]?.state, storedEvents: store.counts().events }));
    const pending = [tracker.submit(added('c1', 0)), tracker.submit(connected('c1', 1000)), tracker.submit(added('c2', 500))];
    expect(heard).toEqual([]);
    await Promise.resolve();
    expect(heard).toEqual([]);
    await Promise.all(pending);
    // One change per conversation, its final state, told when all three events were stored.
    expect(heard.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([
      { id: 'c1', state: 'connected', storedEvents: 3 },
      { id: 'c2', state: 'alerting', storedEvents: 3 },
    ]);
  });
});

describe('retention: idle finished conversations leave memory', () => {
  it('with retentionMs 60000, a finished conversation 61 s older than the latest event is evicted; 59 s older, under way or in ACW, it stays', () => {
    const dir = tempDir();
    const { tracker, store } = openTracker(dir, 60_000);
    for (const event of [
      added('old', 0), disconnected('old', 1000), // finished, last event at 1 s
      added('recent', 0), disconnected('recent', 3000), // finished, last event at 3 s
      added('alerting', 0), // never finished
      added('acw', 0), disconnected('acw', 500), at('acw', 'participant.acwStarted', 'a1', 500), // in after-call work
      added('latest', 62_000),
    ]) {
      expect(tracker.apply(event).status).toBe('applied');
    }
    // A few more events, so that a look for idle conversations has come round.
    for (let i = 0; i < 6; i++) tracker.apply(at('latest', 'participant.updated', 'a1', 62_000, { attributes: { k: String(i) } }));
    const flags = () => ['old', 'recent', 'alerting', 'acw', 'latest'].map((id) => [id, evicted(store, id)]);
    expect(flags()).toEqual([['old', true], ['recent', false], ['alerting', false], ['acw', false], ['latest', false]]);
    tracker.close();
    // Closing lets the idle ones leave: the same ones.
    const reopened = openEventStore(dir);
    try {
      expect(['old', 'recent', 'alerting', 'acw', 'latest'].map((id) => [id, reopened.conversation(id)?.evicted])).toEqual([
        ['old', true], ['recent', false], ['alerting', false], ['acw', false], ['latest', false],
      ]);
      expect(reopened.residentConversations()).toEqual(['recent', 'alerting', 'acw', 'latest']);
    } finally {
      reopened.close();
    }
  });

  it('an evicted conversation reads as it would in memory: stats, conversation, participant, history, at, between, active, rejections', () => {
    const dir = tempDir();
    const { tracker, store } = openTracker(dir, 0);
    const both = pair(tracker);
    const inputs = [
      added('done', 0), connected('done', 1000), at('done', 'participant.holdStarted', 'a1', 2000), at('done', 'participant.holdEnded', 'a1', 3000),
      at('done', 'participant.parked', 'a1', 3500), // illegal for a chat: a standing rejection
      disconnected('done', 4000), at('done', 'participant.acwStarted', 'a1', 4000),
      at('done', 'participant.wrapupApplied', 'a1', 5000, { wrapup: { code: 'sale', durationSeconds: 30 } }), at('done', 'participant.acwEnded', 'a1', 6000),
      added('quick', 1500), disconnected('quick', 2500),
      added('live', 2000), connected('live', 2200),
    ];
    for (const input of inputs) both.apply(input);
    expect(['done', 'quick', 'live'].map((id) => evicted(store, id))).toEqual([true, true, false]);
    const ids = ['done', 'quick', 'live', 'unknown'];
    const instants = [0, 1000, 2000, 2499, 2500, 3200, 4000, 4500, 5500, 6000, 7000];
    const expected = reads(both.memory, ids, instants);
    expect(expected.rejections.map((r) => r.reason)).toEqual(['illegal-transition']);
    expect(reads(tracker, ids, instants)).toEqual(expected);
    tracker.close();
    expect(reads(openTracker(dir, 0).tracker, ids, instants)).toEqual(expected);
  });

  it('a late event for an evicted conversation brings it back and re-folds it (a hold that started before the disconnect)', () => {
    const dir = tempDir();
    const { tracker, store } = openTracker(dir, 60_000);
    const both = pair(tracker);
    for (const input of [added('c1', 0), connected('c1', 1000), disconnected('c1', 5000), added('c2', 100_000)]) both.apply(input);
    for (let i = 0; i < 3; i++) both.apply(at('c2', 'participant.updated', 'a1', 100_000, { attributes: { k: String(i) } }));
    expect(evicted(store, 'c1')).toBe(true);
    const lateHold = at('c1', 'participant.holdStarted', 'a1', 3000);
    expect(both.apply(lateHold)).toEqual({ status: 'applied', event: lateHold });
    expect(tracker.history('c1').map((e) => e.type)).toEqual(['participant.added', 'participant.connected', 'participant.holdStarted', 'participant.disconnected']);
    expect(tracker.at(iso(4000)).participant('c1', 'a1')).toEqual(both.memory.at(iso(4000)).participant('c1', 'a1'));
    expect(tracker.at(iso(4000)).participant('c1', 'a1')).toMatchObject({ held: true, startHoldTime: iso(3000) });
    // After-call work that started late makes it a conversation under way again: it stays.
    const lateAcw = at('c1', 'participant.acwStarted', 'a1', 5000);
    both.apply(lateAcw);
    expect(evicted(store, 'c1')).toBe(false);
    const ids = ['c1', 'c2'];
    const instants = [2000, 4000, 5000, 100_000];
    const expected = reads(both.memory, ids, instants);
    expect(reads(tracker, ids, instants)).toEqual(expected);
    tracker.close();
    expect(reads(openTracker(dir, 60_000).tracker, ids, instants)).toEqual(expected);
  });

  it('a late event for an evicted conversation overturns the events it makes illegal, as in memory', () => {
    const dir = tempDir();
    const { tracker, store } = openTracker(dir, 0);
    const both = pair(tracker);
    const hold = at('c1', 'participant.holdStarted', 'a1', 3000);
    const holdEnd = at('c1', 'participant.holdEnded', 'a1', 4000);
    const lastDisconnect = disconnected('c1', 5000);
    for (const input of [added('c1', 0), connected('c1', 1000), hold, holdEnd, lastDisconnect, added('c2', 6000)]) both.apply(input);
    expect(evicted(store, 'c1')).toBe(true);
    const early = disconnected('c1', 2000);
    const result = both.apply(early);
    expect(result).toMatchObject({ status: 'applied', overturned: [{ event: hold }, { event: holdEnd }, { event: lastDisconnect }] });
    const ids = ['c1', 'c2'];
    const instants = [1500, 2000, 3500, 6000];
    const expected = reads(both.memory, ids, instants);
    expect(expected.rejections.map((r) => r.event)).toEqual([hold, holdEnd, lastDisconnect]);
    expect(reads(tracker, ids, instants)).toEqual(expected);
    tracker.close();
    expect(reads(openTracker(dir, 0).tracker, ids, instants)).toEqual(expected);
  });

  it('an evicted conversation\'s event sent again is a duplicate; its id with other content is a conflicting-duplicate; nothing changes', () => {
    const dir = tempDir();
    const { tracker, store } = openTracker(dir, 0);
    const both = pair(tracker);
    const first = added('c1', 0);
    const last = disconnected('c1', 2000);
    for (const input of [first, connected('c1', 1000), last, added('c2', 3000)]) both.apply(input);
    expect(evicted(store, 'c1')).toBe(true);
    const ids = ['c1', 'c2'];
    const instants = [500, 1500, 3000];
    const before = reads(both.memory, ids, instants);

    expect(both.apply(JSON.parse(JSON.stringify(last)))).toEqual({ status: 'duplicate', eventId: last.id });
    expect(both.apply({ ...first, participantId: 'a2' })).toMatchObject({ status: 'rejected', reason: 'conflicting-duplicate', eventId: first.id, field: 'id' });
    expect(evicted(store, 'c1')).toBe(true);
    expect(store.counts().events).toBe(4);
    expect(reads(tracker, ids, instants)).toEqual(before);
    expect(reads(both.memory, ids, instants)).toEqual(before);
    tracker.close();
    expect(reads(openTracker(dir, 0).tracker, ids, instants)).toEqual(before);
  });

  it('a retry in another conversation replaces an evicted conversation\'s standing-rejected event, after reopening too', () => {
    const dir = tempDir();
    const { tracker } = openTracker(dir, 0);
    const both = pair(tracker);
    const refused = at('c1', 'participant.holdStarted', 'a1', 2000); // after the disconnect: illegal
    for (const input of [added('c1', 0), disconnected('c1', 1000), refused]) both.apply(input);
    const retry = { ...added('c2', 3000), id: refused.id };
    both.apply(added('c3', 2500));
    expect(both.apply(retry)).toMatchObject({ status: 'applied', replaced: { event: refused } });
    const ids = ['c1', 'c2', 'c3'];
    const expected = reads(both.memory, ids, [3000]);
    expect(expected.rejections).toEqual([]);
    expect(reads(tracker, ids, [3000])).toEqual(expected);
    tracker.close();
    const reopened = openTracker(dir, 0);
    expect(reads(reopened.tracker, ids, [3000])).toEqual(expected);
  });

  it('a retry of an evicted conversation\'s standing-rejected event replaces it', () => {
    const dir = tempDir();
    const { tracker, store } = openTracker(dir, 0);
    const both = pair(tracker);
    const refused = at('c1', 'participant.holdStarted', 'a1', 3000); // after the disconnect: illegal
    for (const input of [added('c1', 0), connected('c1', 1000), disconnected('c1', 2000), refused, added('c2', 4000)]) both.apply(input);
    expect(evicted(store, 'c1')).toBe(true);
    expect(tracker.rejections().map((r) => r.event)).toEqual([refused]);

    const retry = { ...at('c1', 'participant.updated', 'a1', 3000, { attributes: { note: 'retried' } }), id: refused.id };
    const result = both.apply(retry);
    expect(result).toMatchObject({ status: 'applied', event: retry, replaced: { event: refused, reason: 'illegal-transition', seq: 3 } });
    const ids = ['c1', 'c2'];
    const instants = [2500, 3000, 4000];
    const expected = reads(both.memory, ids, instants);
    expect(expected.rejections).toEqual([]);
    expect(expected.histories[0]!.map((e) => e.id)).toContain(refused.id);
    expect(expected.stats.events).toBe(5);
    expect(reads(tracker, ids, instants)).toEqual(expected);
    tracker.close();
    const reopened = openTracker(dir, 0);
    expect(reads(reopened.tracker, ids, instants)).toEqual(expected);
    expect(reopened.store.counts().events).toBe(5);
    // The retried id now holds the new content: sending the refused event again conflicts with it.
    expect(reopened.tracker.apply(refused)).toMatchObject({ status: 'rejected', reason: 'conflicting-duplicate' });
  });
});

describe('reopening', () => {
  it('restores the conversations under way, as they were; subscribers are told of nothing restored', () => {
    const dir = tempDir();
    const first = openTracker(dir, 0).tracker;
    for (const input of [added('c1', 0), connected('c1', 1000), added('c2', 0), disconnected('c2', 500), added('c3', 800)]) first.apply(input);
    const c1 = first.conversation('c1')!;
    const c3 = first.conversation('c3')!;
    first.close();

    const { tracker, store } = openTracker(dir, 0);
    expect(store.residentConversations()).toEqual(['c1', 'c3']);
    const changes: ConversationChange[] = [];
    tracker.subscribe((change) => changes.push(change));
    expect(byId(tracker.active())).toEqual([c1, c3]);
    tracker.load([]);
    tracker.settle();
    expect(changes).toEqual([]);

    tracker.apply(added('c4', 2000));
    expect(changes.map((c) => c.conversationId)).toEqual(['c4']);
    tracker.apply(at('c1', 'participant.holdStarted', 'a1', 2000));
    expect(changes.map((c) => c.conversationId)).toEqual(['c4', 'c1']);
    expect(changes[1]!.previous).toEqual(c1);
    expect(changes[1]!.snapshot.participants[0]).toMatchObject({ held: true });
    tracker.stage(connected('c3', 2500));
    tracker.stage(added('c5', 2500));
    tracker.settle();
    expect(changes.slice(2).map((c) => [c.conversationId, c.previous])).toEqual([['c3', c3], ['c5', undefined]]);
  });

  it('stats after reopening equal stats before closing', () => {
    const dir = tempDir();
    const { tracker } = openTracker(dir, 0);
    const both = pair(tracker);
    const refused = at('c1', 'participant.acwEnded', 'a1', 500);
    for (const input of [
      added('c1', 0), added('c1', 10, 'a2'), refused, connected('c1', 1000), disconnected('c1', 2000), disconnected('c1', 2000, 'a2'),
      added('c2', 100), at('c2', 'participant.holdStarted', 'a1', 200), added('c3', 300), added('c3', 400, 'a2'),
      { ...disconnected('c1', 600), id: refused.id }, // retry of the refused one
      { id: 'garbage' },
    ]) {
      both.apply(input);
    }
    const stats = tracker.stats();
    expect(stats).toEqual(both.memory.stats());
    expect(stats).toEqual({ conversations: 3, participants: 5, events: 10 });
    tracker.close();
    expect(openTracker(dir, 0).tracker.stats()).toEqual(stats);
  });
});

describe('between(from, until): the conversations whose span meets the window, as of until', () => {
  /** Conversations around the window [30 s, 40 s]. */
  function feed(apply: (input: unknown) => unknown): void {
    for (const input of [
      added('before', 0), disconnected('before', 10_000), // ends before the window
      added('endsJustBefore', 20_000), disconnected('endsJustBefore', 29_999),
      added('endsAtFrom', 20_000), disconnected('endsAtFrom', 30_000),
      added('across', 5_000), connected('across', 6_000), disconnected('across', 45_000), // no event in the window, under way through it
      added('inside', 32_000), connected('inside', 33_000), disconnected('inside', 38_000),
      added('startsAtUntil', 40_000), connected('startsAtUntil', 41_000), disconnected('startsAtUntil', 50_000),
      added('startsJustAfter', 40_001), disconnected('startsJustAfter', 50_000),
      added('after', 41_000), disconnected('after', 50_000),
      added('underWay', 25_000), connected('underWay', 26_000), // never finishes
      added('lateStart', 1_000_000), // the latest event: every finished one is idle
    ]) {
      apply(input);
    }
  }
  const window = [iso(30_000), iso(40_000)] as const;
  const expectedIds = ['across', 'endsAtFrom', 'inside', 'startsAtUntil', 'underWay'];

  it.each([
    ['evicted', 0],
    ['kept in memory', 3_600_000],
  ])('finished conversations %s', (_label, retentionMs) => {
    const dir = tempDir();
    const { tracker, store } = openTracker(dir, retentionMs);
    const both = pair(tracker);
    feed((input) => both.apply(input));
    expect(evicted(store, 'across')).toBe(retentionMs === 0);

    const memoryView = both.memory.between(...window);
    expect(idsOf(memoryView, 'conversations')).toEqual(expectedIds);
    const check = (view: TrackerView) => {
      expect(idsOf(view, 'conversations')).toEqual(expectedIds);
      expect(byId(view.conversations())).toEqual(byId(memoryView.conversations()));
      // As of until: still connected at 40 s; just added at 40 s.
      expect(view.participant('across', 'a1')?.state).toBe('connected');
      expect(view.participant('startsAtUntil', 'a1')?.state).toBe('alerting');
      expect(view.participant('inside', 'a1')?.state).toBe('disconnected');
      expect(view.conversation('before')).toBeUndefined();
      expect(idsOf(view, 'active')).toEqual(['across', 'startsAtUntil', 'underWay']);
    };
    check(tracker.between(...window));
    tracker.close();
    check(openTracker(dir, retentionMs).tracker.between(...window));
  });

  it('a window of one instant, and a window that ends before it starts', () => {
    const dir = tempDir();
    const { tracker } = openTracker(dir, 0);
    feed((input) => tracker.apply(input));
    expect(idsOf(tracker.between(iso(29_999), iso(29_999)), 'conversations')).toEqual(['across', 'endsAtFrom', 'endsJustBefore', 'underWay']);
    expect(idsOf(tracker.between(iso(40_001), iso(40_001)), 'conversations')).toEqual(['across', 'startsAtUntil', 'startsJustAfter', 'underWay']);
    expect(idsOf(tracker.between(iso(40_000), iso(30_000)), 'conversations')).toEqual([]);
  });
});

describe('at(t).active(): the conversations under way at t', () => {
  it('after-call work is under way; disconnected without it is not; evicted or not', () => {
    const dir = tempDir();
    const { tracker, store } = openTracker(dir, 0);
    const both = pair(tracker);
    for (const input of [
      added('acw', 0), connected('acw', 1000), disconnected('acw', 5000), at('acw', 'participant.acwStarted', 'a1', 5000),
      at('acw', 'participant.acwEnded', 'a1', 9000),
      added('plain', 0), connected('plain', 1000), disconnected('plain', 4000),
      added('later', 7000), disconnected('later', 8000),
      added('end', 20_000),
    ]) {
      both.apply(input);
    }
    expect(['acw', 'plain', 'later'].map((id) => evicted(store, id))).toEqual([true, true, true]);
    const cases: [number, string[]][] = [
      [0, ['acw', 'plain']],
      [3000, ['acw', 'plain']],
      [4000, ['acw']],
      [6000, ['acw']], // in after-call work
      [7500, ['acw', 'later']],
      [8000, ['acw']],
      [9000, []],
      [20_000, ['end']],
    ];
    const check = (t: Tracker) => {
      for (const [ms, ids] of cases) expect([ms, idsOf(t.at(iso(ms)), 'active')]).toEqual([ms, ids]);
    };
    check(both.memory);
    check(tracker);
    expect(tracker.at(iso(6000)).active().find((c) => c.id === 'acw')?.participants[0]?.state).toBe('disconnected');
    tracker.close();
    check(openTracker(dir, 0).tracker);
  });
});

describe('reads of a store-backed tracker that mutation testing found unpinned', () => {
  it('a conversation is under way while any participant is, evicted or not: one disconnected agent does not finish it', () => {
    const dir = tempDir();
    const { tracker } = openTracker(dir, 0);
    const both = pair(tracker);
    for (const input of [added('c1', 0), added('c1', 100, 'a2'), connected('c1', 200, 'a2'), disconnected('c1', 1000), added('c2', 5000), disconnected('c2', 6000)]) {
      both.apply(input);
    }
    tracker.close();
    const reopened = openTracker(dir, 0);
    expect(evicted(reopened.store, 'c1')).toBe(false);
    expect(evicted(reopened.store, 'c2')).toBe(true);
    expect(idsOf(reopened.tracker, 'active')).toEqual(['c1']);
    expect(idsOf(reopened.tracker.at(iso(5500)), 'active')).toEqual(['c1', 'c2']);
    expect(idsOf(reopened.tracker.at(iso(6500)), 'active')).toEqual(['c1']);
  });

  it('between(): its view lists, iterates and filters the conversations under way like the tracker does', () => {
    const dir = tempDir();
    const { tracker } = openTracker(dir, 0);
    const both = pair(tracker);
    for (const input of [added('c1', 0), disconnected('c1', 1000), added('c2', 2000), added('c3', 2500), disconnected('c3', 2600), added('c4', 9000)]) both.apply(input);
    for (const subject of [tracker, both.memory]) {
      const window = subject.between(iso(1500), iso(3000));
      expect(window.conversations().map((c) => c.id).sort()).toEqual(['c2', 'c3']);
      expect([...window.eachConversation()].map((c) => c.id).sort()).toEqual(['c2', 'c3']);
      expect(idsOf(window, 'active')).toEqual(['c2']);
      expect(window.participant('c3', 'a1')).toMatchObject({ state: 'disconnected' });
      expect(window.conversation('c4')).toBeUndefined();
      expect(window.conversation('c2')?.participants.map((p) => p.id)).toEqual(['a1']);
    }
  });

  it('stats() counts submitted events and new conversations before their commit, as a tracker in memory does', async () => {
    const dir = tempDir();
    const { tracker } = openTracker(dir, 0);
    const memory = createTracker();
    for (const input of [added('c1', 0), disconnected('c1', 1000)]) {
      tracker.apply(input);
      memory.apply(input);
    }
    const later = [added('c2', 2000), connected('c2', 2500), added('c3', 3000)];
    const acknowledged = later.map((input) => tracker.submit(input));
    for (const input of later) memory.apply(input);
    // Before the group commit: two conversations and three events wait in memory only.
    expect(tracker.stats()).toEqual(memory.stats());
    await Promise.all(acknowledged);
    expect(tracker.stats()).toEqual(memory.stats());
    expect(tracker.stats()).toEqual({ conversations: 3, participants: 3, events: 5 });
  });
});
