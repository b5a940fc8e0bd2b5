import { describe, expect, it } from 'vitest';
import { resolveScenario, SIMULATION_DEFAULTS, type ScenarioResult, type SimulationOptions } from '../../../src/sim/index.js';

function resolved(options: SimulationOptions) {
  const result = resolveScenario(options);
  if (!result.ok) throw new Error(result.message);
  return result.scenario;
}

const problems = (result: ScenarioResult) => (result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`));

describe('resolveScenario', () => {
  it('fills every default: one Support queue served by one group of 14 agents', () => {
    const scenario = resolved({});
    expect(scenario.seed).toBe(1);
    expect(new Date(scenario.startMs).toISOString()).toBe(SIMULATION_DEFAULTS.start);
    expect(scenario.durationMs).toBe(3_600_000);
    expect(scenario.queues).toHaveLength(1);
    expect(scenario.queues[0]).toMatchObject({
      name: 'Support', arrivalsPerHour: [200], media: 'mixed', ahtMs: 180_000, handleTime: 'lognormal',
      patienceMs: 300_000, acwMs: 30_000, alertingTimeoutMs: 30_000, wrapupTimeoutMs: 120_000, wrapupPrompt: undefined,
    });
    expect(scenario.agentGroups).toEqual([
      { name: 'Agents', agents: 14, queues: ['Support'], chatCapacity: 2, answerProbability: 0.95, alertTimeMs: 4_000 },
    ]);
  });

  it('reads durations as text with a unit or as milliseconds, and patience none as null', () => {
    const scenario = resolved({ duration: '8h', aht: 240_000, acw: '0s', alertTime: '1.5s', patience: 'none' });
    expect(scenario.durationMs).toBe(28_800_000);
    expect(scenario.queues[0]).toMatchObject({ ahtMs: 240_000, acwMs: 0, patienceMs: null });
    expect(scenario.agentGroups[0]!.alertTimeMs).toBe(1_500);
    expect(resolved({ patience: null }).queues[0]!.patienceMs).toBeNull();
  });

  it('accepts a start as ISO text with an offset, epoch ms or a Date', () => {
    const expected = Date.parse('2026-03-02T08:00:00.000Z');
    expect(resolved({ start: '2026-03-02T09:00:00+01:00' }).startMs).toBe(expected);
    expect(resolved({ start: expected }).startMs).toBe(expected);
    expect(resolved({ start: new Date(expected) }).startMs).toBe(expected);
  });

  it('uses the top-level settings as defaults of queues and groups, which may override them', () => {
    const scenario = resolved({
      aht: '200s', chatCapacity: 3, arrivalsPerHour: [10, 20],
      queues: [{ name: 'Sales', aht: '300s' }, { name: 'Billing', media: 'callback', callbacks: { autoDialTimeout: '30s' } }],
      agentGroups: [{ name: 'Tier 1', agents: 5, queues: ['Sales'] }, { name: 'Tier 2', agents: 2, chatCapacity: 1 }],
    });
    expect(scenario.queues.map((q) => [q.name, q.ahtMs, q.arrivalsPerHour])).toEqual([
      ['Sales', 300_000, [10, 20]],
      ['Billing', 200_000, [10, 20]],
    ]);
    expect(scenario.queues[1]!.callbacks.timeoutSeconds).toBe(30);
    expect(scenario.agentGroups.map((g) => [g.name, g.queues, g.chatCapacity])).toEqual([
      ['Tier 1', ['Sales'], 3],
      ['Tier 2', ['Sales', 'Billing'], 1],
    ]);
  });

  it('names every bad field, with its path', () => {
    expect(problems(resolveScenario({ agents: 0, aht: '3 minutes', callbackShare: 2 })).sort()).toEqual([
      'agents: must be ≥ 1',
      'aht: "3 minutes" is not a duration (e.g. 500ms, 20s, 15m, 8h)',
      'callbackShare: must be between 0 and 1',
    ]);
    expect(problems(resolveScenario({ queues: [{ name: 'A', aht: '-1s' }] }))).toEqual([
      'queues.0.aht: "-1s" is not a duration (e.g. 500ms, 20s, 15m, 8h)',
    ]);
    // A number in a scenario is milliseconds; text needs its unit, so "180" is neither seconds nor minutes.
    expect(problems(resolveScenario({ aht: '180' }))).toEqual(['aht: "180" has no unit: write 180s, 180m or 180h (e.g. 500ms, 20s, 15m, 8h)']);
    expect(resolveScenario({ aht: 180_000, acw: '0' })).toMatchObject({ ok: true });
    expect(problems(resolveScenario({ answerProbability: 0 }))).toEqual(['answerProbability: must be > 0 (an agent must answer sometimes)']);
    expect(problems(resolveScenario({ start: '2026-11-21T08:00:00' }))).toEqual([
      'start: must be an ISO-8601 time with a zone (e.g. 2026-11-21T08:00:00Z)',
    ]);
    expect(problems(resolveScenario({ media: 'voice' } as never))).toEqual(['media: must be chat, callback or mixed']);
  });

  it('refuses unknown settings (a typo must not be ignored silently)', () => {
    expect(problems(resolveScenario({ agent: 5 } as never))).toEqual(['agent: is not a known setting']);
    expect(problems(resolveScenario({ queues: [{ name: 'A', ahtt: '1s' }] } as never))).toEqual(['queues.0.ahtt: is not a known setting']);
  });

  it('refuses duplicate names, unknown queues and queues that no group serves', () => {
    expect(problems(resolveScenario({
      queues: [{ name: 'A' }, { name: 'A' }, { name: 'B' }],
      agentGroups: [{ name: 'G', agents: 1, queues: ['A', 'C'] }, { name: 'G', agents: 1, queues: ['A'] }],
    }))).toEqual([
      'queues: "A" is named twice',
      'agentGroups: "G" is named twice',
      'agentGroups.0.queues: no queue is named "C"',
      'queues: no agent group serves "B"',
    ]);
  });

  it('joins the problems into one message', () => {
    const result = resolveScenario({ agents: -1 });
    expect(result.ok ? '' : result.message).toBe('agents: must be ≥ 1');
    const two = resolveScenario({ agents: -1, seed: -1 });
    expect(two.ok ? '' : two.message).toBe('seed: must be ≥ 0; agents: must be ≥ 1');
  });
});
