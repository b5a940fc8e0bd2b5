import { describe, expect, it } from 'vitest';
import { ingestGenesys } from '../../../src/ingest/index.js';
import { createTracker } from '../../../src/tracker/create-tracker.js';
import { SAMPLES, sampleText } from './samples.js';

/** The events of `ingest genesys <file>` (the same reader and end-of-input flush as the command). */
async function ingestFile(name: string): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of ingestGenesys(sampleText(name))) events.push(event);
  return events;
}

describe('each sample ingested on its own, the outputs concatenated and replayed', () => {
  it('gives duplicates, not conflicts, except where one payload cannot know what another states', async () => {
    const events = (await Promise.all(SAMPLES.map(ingestFile))).flat();
    const results = createTracker().load(events);
    const rejected = results.flatMap((result, i) => {
      if (result.status !== 'rejected') return [];
      const event = events[i] as { participantId: string; type: string; time: string };
      return [`${result.reason} ${event.participantId.slice(0, 8)} ${event.type} ${event.time}`];
    });
    expect(results.filter((r) => r.status === 'duplicate').length).toBeGreaterThan(0);
    expect(rejected.sort()).toEqual([
      // Three EventBridge samples of one customer leg: customer.start names externalContact "uwu" and
      // externalOrganization "America", customer.end other ids, the third variant none; each file alone
      // adds the participant with what it says.
      'conflicting-duplicate 9fb2ca78 participant.added 2022-04-06T09:30:44.949Z',
      'conflicting-duplicate 9fb2ca78 participant.added 2022-04-06T09:30:44.949Z',
      // The flat REST chat (GET /chats/{id}) carries no startAlertingTime: alone, its agent legs join
      // alerting at startTime; the nested REST listing dates the alert 23–84 ms later (offering, then alerting).
      'conflicting-duplicate 9bdd231e participant.added 2022-03-08T15:48:27.922Z',
      'conflicting-duplicate a47f27c1 participant.added 2022-03-08T15:47:47.597Z',
      'conflicting-duplicate d36875ce participant.added 2022-03-08T15:49:01.053Z',
      // The users-topic notification carries no startTime: alone, its five participants are added at
      // their earliest own time, which the REST samples' startTime precedes.
      'participant-exists 450c4e18 participant.added 2022-03-08T15:47:47.484Z',
      'participant-exists 9bdd231e participant.added 2022-03-08T15:48:58.144Z',
      'participant-exists a47f27c1 participant.added 2022-03-08T15:48:17.797Z',
      'participant-exists d36875ce participant.added 2022-03-08T15:49:04.274Z',
      'participant-exists d97d3759 participant.added 2022-03-08T15:47:47.432Z',
    ].sort());
  });

  it('an entity reference with or without selfUri, keys in any order and empty values are the same participant.added', async () => {
    const rest = JSON.parse(sampleText('chat-rest-get-chat-conversation-acd-transfer-two-alert-timeouts')) as { participants: Record<string, unknown>[] };
    const bare = structuredClone(rest);
    for (const participant of bare.participants) {
      for (const field of ['user', 'queue']) delete (participant[field] as Record<string, unknown> | undefined)?.selfUri;
      const routing = participant.conversationRoutingData as Record<string, unknown> | undefined;
      if (routing !== undefined) participant.conversationRoutingData = { language: {}, ...Object.fromEntries(Object.entries(routing).reverse()), skills: [] };
    }
    const [a, b] = await Promise.all([rest, bare].map(async (payload) => {
      const events: unknown[] = [];
      for await (const event of ingestGenesys(JSON.stringify(payload))) events.push(event);
      return events;
    }));
    const results = createTracker().load([...a!, ...b!]);
    expect(results.slice(a!.length).map((r) => r.status)).toEqual(b!.map(() => 'duplicate'));
  });
});
