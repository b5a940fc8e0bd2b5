import { describe, expect, it } from 'vitest';
import { genesysEnvironment } from '../../../src/connector/genesys-environment.js';
import { channelTopicSets, isEntityId, notificationTopics } from '../../../src/connector/notification-topics.js';
import { retryAfterMs, retryDelay } from '../../../src/connector/retry-delay.js';

const CREDENTIALS = { GENESYS_CLIENT_ID: 'client', GENESYS_CLIENT_SECRET: 's3cret-value' };

describe('genesysEnvironment', () => {
  it('derives the API and login hosts from the region', () => {
    expect(genesysEnvironment({ ...CREDENTIALS, GENESYS_REGION: 'usw2.pure.cloud' })).toEqual({
      clientId: 'client', clientSecret: 's3cret-value', apiUrl: 'https://api.usw2.pure.cloud', loginUrl: 'https://login.usw2.pure.cloud',
    });
  });

  it('lets GENESYS_API_URL and GENESYS_LOGIN_URL override the region, without a trailing slash', () => {
    const environment = genesysEnvironment({ ...CREDENTIALS, GENESYS_REGION: 'mypurecloud.ie', GENESYS_API_URL: 'http://127.0.0.1:9000/', GENESYS_LOGIN_URL: 'http://127.0.0.1:9001/login/' });
    expect(environment.apiUrl).toBe('http://127.0.0.1:9000');
    expect(environment.loginUrl).toBe('http://127.0.0.1:9001/login');
  });

  it('names every missing or malformed variable at once, and never the secret', () => {
    expect(() => genesysEnvironment({})).toThrow(/GENESYS_CLIENT_ID is not set; GENESYS_CLIENT_SECRET is not set; GENESYS_API_URL or GENESYS_REGION must be set; GENESYS_LOGIN_URL or GENESYS_REGION must be set/);
    let message = '';
    try {
      genesysEnvironment({ ...CREDENTIALS, GENESYS_REGION: 'not a region', GENESYS_API_URL: 'ftp://x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/GENESYS_REGION is not a region/);
    expect(message).toMatch(/GENESYS_API_URL must be an http\(s\) URL/);
    expect(message).not.toContain('s3cret-value');
  });
});

describe('notification topics', () => {
  it('gives chat and callback topics per queue and user, each id once', () => {
    expect(notificationTopics(['q1', 'q1'], ['u1'])).toEqual([
      'v2.routing.queues.q1.conversations.chats', 'v2.routing.queues.q1.conversations.callbacks',
      'v2.users.u1.conversations.chats', 'v2.users.u1.conversations.callbacks',
    ]);
  });

  it('spreads topics over channels of at most 1,000', () => {
    const topics = notificationTopics(Array.from({ length: 600 }, (_, i) => `q${i}`));
    const sets = channelTopicSets(topics);
    expect(sets.map((s) => s.length)).toEqual([1000, 200]);
    expect(sets.flat()).toEqual(topics);
  });

  it('refuses ids that would change a topic\'s meaning', () => {
    expect(isEntityId('3c6f420a-26cc-4b59-84f8-3c94011d39da')).toBe(true);
    for (const bad of ['q1.conversations', 'a b', '', '*', 'x'.repeat(65)]) expect(isEntityId(bad)).toBe(false);
  });
});

describe('retryDelay', () => {
  const backoff = (random: number) => ({ initialMs: 1000, maxMs: 60_000, random: () => random });

  it('grows exponentially up to the cap, with full jitter', () => {
    expect([1, 2, 3, 4, 10].map((attempt) => retryDelay(attempt, backoff(0.999999)))).toEqual([1000, 2000, 4000, 8000, 60_000]);
    expect(retryDelay(5, backoff(0))).toBe(0);
    expect(retryDelay(3, backoff(0.5))).toBe(2000);
  });

  it('never waits less than Retry-After asks, in seconds or as an HTTP date', () => {
    expect(retryDelay(1, backoff(0), '7')).toBe(7000);
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryDelay(1, backoff(0), 'Tue, 01 Dec 2026 10:00:03 GMT', now)).toBe(3000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs('999999')).toBe(3_600_000);
  });
});
