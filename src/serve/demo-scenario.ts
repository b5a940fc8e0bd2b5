import type { SimulationOptions } from '../sim/index.js';

/** How much history `serve --demo` plays at once before it runs in step with the wall clock. */
export const DEMO_HISTORY_MS = 2 * 60 * 60_000;

/**
 * The contact center of `serve --demo`: three queues with their own load and media, served by a
 * tier-1 team and a sales team, for a day.
 *
 * @example
 * simulate({ ...DEMO_SCENARIO, seed: 7, start: new Date() });
 */
export const DEMO_SCENARIO: SimulationOptions = {
  duration: '24h',
  queues: [
    { name: 'Support', arrivalsPerHour: 90, media: 'mixed', callbackShare: 0.25, aht: '240s' },
    { name: 'Billing', arrivalsPerHour: 40, media: 'chat', aht: '180s' },
    { name: 'Sales', arrivalsPerHour: 45, media: 'mixed', callbackShare: 0.4, aht: '300s' },
  ],
  agentGroups: [
    { name: 'Tier 1', agents: 10, queues: ['Support', 'Billing'] },
    { name: 'Sales team', agents: 6, queues: ['Sales'] },
  ],
};
