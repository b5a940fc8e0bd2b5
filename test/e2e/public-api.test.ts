import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** The names the built root declares (`export { … }` and `export type { … }` lists), values and types alike. */
function declaredNames(declarations: string): string[] {
  const names: string[] = [];
  for (const [, list] of declarations.matchAll(/export (?:type )?\{([^}]*)\}/g)) {
    for (const item of list!.split(',')) {
      const name = item.trim().replace(/^type /, '');
      if (name !== '') names.push(name);
    }
  }
  return names.sort();
}

describe('the public API of the built package', () => {
  it('exports exactly these runtime names (a new export must be added here and in docs/api.md)', async () => {
    const lib = await import('participant-tracker');
    expect(Object.keys(lib).sort()).toEqual([
      'DIRECTIONS', 'DISCONNECT_TYPES', 'ERROR_CODES', 'EVENT_LIMITS', 'EVENT_TYPES', 'FLAGGED_REASONS', 'HeapExhaustedError',
      'InvalidInstantError', 'InvalidOptionError', 'MEDIA_TYPES', 'PARTICIPANT_PURPOSES', 'PARTICIPANT_STATES',
      'ParticipantTrackerError', 'StoreError', 'UPLOAD_STATUSES', 'WRAPUP_PROMPTS', 'callbackParticipantMachine', 'chatParticipantMachine',
      'computeMetrics', 'createGenesysIngest', 'createLiveMetrics', 'createTracker', 'erlangA', 'erlangC', 'ingestGenesys', 'openEventStore', 'parseEvent',
      'participantViolations', 'replayLog', 'simulate',
    ]);
  });

  it('participant-tracker/serve exports the live service alone', async () => {
    expect(Object.keys(await import('participant-tracker/serve'))).toEqual(['startService']);
    const documented = read('docs/api.md');
    expect(declaredNames(read('dist/serve/index.d.ts')).filter((name) => !documented.includes(`\`${name}`))).toEqual([]);
  });

  it('participant-tracker/genesys exports the connector and the payload renderers', async () => {
    expect(Object.keys(await import('participant-tracker/genesys')).sort()).toEqual([
      'GenesysApiError', 'analyticsConversation', 'createGenesysArchive', 'genesysEnvironment', 'genesysFeed', 'notificationTopics',
      'queueNotification', 'restConversation', 'startGenesysConnector',
    ]);
    const documented = read('docs/api.md');
    expect(declaredNames(read('dist/connector/index.d.ts')).filter((name) => !documented.includes(`\`${name}`))).toEqual([]);
  });

  it('participant-tracker/scale exports the publisher, the worker and the gateway', async () => {
    expect(Object.keys(await import('participant-tracker/scale')).sort()).toEqual([
      'DEFAULT_PARTITIONS', 'DEFAULT_SUBJECT_PREFIX', 'EVENT_STREAM_DEFAULTS', 'MAX_PARTITIONS', 'ScaleError', 'connectToNats', 'createEventPublisher',
      'ensureEventStream', 'eventSubject', 'partitionOf', 'startGateway', 'startTrackerWorker',
    ]);
    const documented = read('docs/api.md');
    expect(declaredNames(read('dist/scale/index.d.ts')).filter((name) => !documented.includes(`\`${name}`))).toEqual([]);
  });

  it('docs/api.md names every export, values and types', () => {
    const names = declaredNames(read('dist/index.d.ts'));
    expect(names.length).toBeGreaterThan(27);
    const documented = read('docs/api.md');
    expect(names.filter((name) => !documented.includes(`\`${name}`))).toEqual([]);
  });

  it('every error is a ParticipantTrackerError with a stable code', async () => {
    const lib = await import('participant-tracker');
    const errors = [
      [new lib.InvalidInstantError('x'), 'INVALID_INSTANT'],
      [new lib.InvalidOptionError('x'), 'INVALID_OPTION'],
      [new lib.HeapExhaustedError(1, 2, 3), 'HEAP_EXHAUSTED'],
      [new lib.StoreError('STORE_LOCKED', 'x'), 'STORE_LOCKED'],
    ] as const;
    for (const [error, code] of errors) {
      expect(error).toBeInstanceOf(lib.ParticipantTrackerError);
      expect(error.code).toBe(code);
      expect(lib.ERROR_CODES).toContain(code);
    }
    expect(new lib.InvalidInstantError('x').name).toBe('InvalidInstantError');
  });
});
