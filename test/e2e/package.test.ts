import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (args: string[]) => execFileSync('npx', ['participant-tracker', ...args], { encoding: 'utf8' });

describe('the installed package', () => {
  it('imports from its own name (package self-reference, built dist with types)', async () => {
    const lib = await import('participant-tracker');
    const tracker = lib.createTracker();
    const result = tracker.apply({
      id: 'e1', type: 'participant.added', time: '2026-11-21T10:00:00Z', conversationId: 'c', participantId: 'p', media: 'chat', purpose: 'customer',
    });
    expect(result.status).toBe('applied');
    expect(Object.keys(lib)).toEqual(expect.arrayContaining(['createTracker', 'parseEvent', 'chatParticipantMachine', 'callbackParticipantMachine', 'participantViolations']));
  });

  it('npx participant-tracker --help lists the CLI', () => {
    expect(run(['--help'])).toMatch(/^Usage: participant-tracker/);
  });
});
