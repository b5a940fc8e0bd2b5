export { simulate } from './simulate.js';
export {
  resolveScenario, simulationOptionsSchema, SIMULATION_DEFAULTS,
  type SimulationOptions, type QueueOptions, type AgentGroupOptions, type CallbackOptions, type QueueDefaults,
  type AgentGroupDefaults, type Duration, type SimulatedMedia, type Scenario, type QueueScenario,
  type AgentGroupScenario, type ScenarioResult, type ScenarioIssue,
} from './scenario.js';
export { jsonLines } from './jsonl.js';
export { paceEvents, systemClock, type PaceOptions, type WallClock } from './realtime.js';
export { erlangB, erlangC, type ErlangCInput, type ErlangCResult } from './erlang-c.js';
export { erlangA, type ErlangAInput, type ErlangAResult } from './erlang-a.js';
export { createRandom, type Random } from './random.js';
export type { HandleTimeDistribution } from './distributions.js';
