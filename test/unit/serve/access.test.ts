import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerCheck, hostIsLoopback, isLoopback } from '../../../src/serve/access.js';
import { testService, type TestService } from '../../support/service.js';

const TOKEN = 'correct-horse-battery-staple';

/** A GET with a chosen Host header (fetch does not let one set it). */
function getWithHost(url: string, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve access', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('with a token, every API request needs Authorization: Bearer; /healthz and the page do not', async () => {
    t = await testService({ token: TOKEN });
    for (const path of ['/api/conversations', '/api/metrics', '/api/stream', '/openapi.json']) {
      const response = await t.api(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toMatchObject({ error: 'unauthorized' });
    }
    expect((await t.api('/api/conversations', { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
    expect((await t.api('/api/conversations', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await t.api('/api/events', { method: 'POST', body: '' })).status).toBe(401);
    expect((await t.api('/healthz')).status).toBe(200);
    expect((await t.api('/')).status).toBe(503); // no dashboard built in this test: answered, not refused
  });

  it('without a token, only requests addressed to the loopback host are answered (DNS rebinding)', async () => {
    t = await testService();
    expect(await getWithHost(t.service.url, '/api/metrics', 'attacker.example:80')).toBe(403);
    expect(await getWithHost(t.service.url, '/api/metrics', 'localhost:1234')).toBe(200);
    expect(await getWithHost(t.service.url, '/api/metrics', '127.0.0.1')).toBe(200);
  });

  it('every answer carries a strict Content-Security-Policy and nosniff', async () => {
    t = await testService();
    const response = await t.api('/api/metrics');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self';font-src 'self';object-src 'none';base-uri 'none';frame-ancestors 'none';form-action 'self'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('access rules', () => {
  it('loopback addresses and names', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '192.168.1.4', '::', 'example.com', '127.0.0.1.example.com'].map(isLoopback)).toEqual([false, false, false, false, false]);
    expect(['[::1]:8080', 'LOCALHOST:80', '127.0.0.1'].map(hostIsLoopback)).toEqual([true, true, true]);
    expect([undefined, '[::]:80', 'evil.example'].map(hostIsLoopback)).toEqual([false, false, false]);
  });

  it('a bearer token matches exactly, in any case of the scheme', () => {
    const allowed = bearerCheck(TOKEN);
    expect(allowed(`Bearer ${TOKEN}`)).toBe(true);
    expect(allowed(`bearer ${TOKEN}`)).toBe(true);
    expect(allowed(`Bearer ${TOKEN}x`)).toBe(false);
    expect(allowed(TOKEN)).toBe(false);
    expect(allowed(undefined)).toBe(false);
    expect(allowed(`Basic ${TOKEN}`)).toBe(false);
  });
});
