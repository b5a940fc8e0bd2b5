import { mkdir, readFile } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Served } from './served.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const sample = new URL('../../examples/contact-center.jsonl', import.meta.url);
const images = new URL('../../docs/images/', import.meta.url);
const TOKEN = 'browser-test-token-0123456789abcdef';

/** The tiles' metric keys and where /api/metrics has each one. */
const OBSERVED = ['waiting', 'oldestWaitingMs', 'alerting', 'interacting', 'held', 'afterCallWork', 'scheduledCallbacks'] as const;
const TOTALS = ['offered', 'answered', 'abandoned', 'serviceLevel', 'averageSpeedOfAnswerMs'] as const;

/** The `data-value` each tile should carry for a metrics report's overall figures. */
function expectedTiles(report: any): Record<string, string> {
  const raw = (v: number | null) => (v === null ? '' : String(v));
  return Object.fromEntries([
    ...OBSERVED.map((k) => [k, raw(report.overall.observations[k])]),
    ...TOTALS.map((k) => [k, raw(report.overall.total[k])]),
  ]);
}

/** The tiles' `data-value`s on the page, for the keys {@link expectedTiles} gives. */
async function shownTiles(page: Page): Promise<Record<string, string | null>> {
  const shown: Record<string, string | null> = {};
  for (const key of [...OBSERVED, ...TOTALS]) shown[key] = await page.getAttribute(`[data-metric="${key}"]`, 'data-value');
  return shown;
}

/** Whether every tile shows the `data-value` of `expected` (runs in the page). */
const tilesShow = (expected: Record<string, string>) =>
  Object.entries(expected).every(([key, value]) => (globalThis as any).document.querySelector(`[data-metric="${key}"]`)?.getAttribute('data-value') === value);

/** The values of `attribute` on the elements `selector` finds. */
const attributes = (page: Page, selector: string, attribute: string): Promise<(string | null)[]> =>
  page.locator(selector).evaluateAll((found, name) => found.map((e) => e.getAttribute(name)), attribute);

/** The ids of the conversations the floor list shows, sorted. */
const shownConversations = async (page: Page): Promise<(string | null)[]> =>
  (await attributes(page, '#floor-body tr[data-conversation]', 'data-conversation')).sort();

let browser: Browser;
let context: BrowserContext | undefined;
/** Console errors and warnings, and uncaught page errors, of the test's pages. */
let problems: string[] = [];

/** A page in a fresh context (no storage from another test) whose console problems are collected. */
async function openPage(viewport = { width: 1366, height: 768 }): Promise<Page> {
  context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return page;
}

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  problems = [];
});
afterAll(async () => {
  await browser?.close();
});

describe('dashboard over a fixed log (with a token)', () => {
  let served: Served;
  /** The JSON answer of a GET on the service. */
  const getJson = async (path: string): Promise<any> => (await served.api(path)).json();
  beforeAll(async () => {
    served = await serve(['--token', TOKEN], TOKEN);
    const posted = await served.api('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/x-ndjson' }, body: await readFile(sample) });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toMatchObject({ applied: 34, rejected: 0 });
  });
  afterAll(async () => {
    await served?.stop();
  });

  it('takes the token from the fragment, drops it from the address bar, and shows tiles equal to /api/metrics', async () => {
    const page = await openPage();
    await page.goto(`${served.url}#token=${TOKEN}`);
    const report = await getJson('/api/metrics');
    const expected = expectedTiles(report);
    await page.waitForFunction(tilesShow, expected);
    expect(await shownTiles(page)).toEqual(expected);
    expect(await page.evaluate('location.href')).toBe(served.url);
    expect(await page.evaluate('sessionStorage.getItem("participant-tracker.token")')).toBe(TOKEN);
    expect(await page.getAttribute('body', 'data-mode')).toBe('live');
    const live = (await getJson('/api/conversations?active=true')).map((c: { id: string }) => c.id).sort();
    expect(await shownConversations(page)).toEqual(live);
    expect(problems).toEqual([]);
  });

  it('asks for the token on a 401, then loads', async () => {
    const page = await openPage();
    await page.goto(served.url);
    await page.waitForSelector('#token-dialog[open]');
    await page.fill('#token-dialog input[name="token"]', TOKEN);
    await page.press('#token-dialog input[name="token"]', 'Enter');
    await page.waitForSelector('#floor-body tr[data-conversation]');
    expect(await page.$eval('#token-dialog', (dialog) => dialog.open)).toBe(false);
    // The 401s before the token was given are the only console errors.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  });

  it('the scrubber at a past instant shows the floor and metrics /api/conversations?at= and /api/metrics?at= give', async () => {
    const page = await openPage();
    await page.goto(`${served.url}#token=${TOKEN}`);
    await page.waitForSelector('#scrubber:not([disabled])');
    const at = '2026-11-21T10:08:00.000Z';
    await page.$eval('#scrubber', (range, ms) => {
      range.value = String(ms);
      range.dispatchEvent(new Event('input', { bubbles: true }));
    }, Date.parse(at));
    await page.waitForSelector(`[data-view-time][data-value="${at}"]`);
    expect(await page.getAttribute('body', 'data-mode')).toBe('past');
    const floor = (await getJson(`/api/conversations?at=${at}&active=true`)).map((c: { id: string }) => c.id).sort();
    expect(floor).toEqual(['cb-2001', 'chat-1001']);
    expect(await shownConversations(page)).toEqual(floor);
    const report = await getJson(`/api/metrics?at=${at}&from=2026-11-21T00:00:00.000Z`);
    expect(await shownTiles(page)).toEqual(expectedTiles(report));
    expect(await attributes(page, '#agents-body tr[data-agent]', 'data-agent')).toEqual(['u-bo']);
    expect(await attributes(page, '#agents-body tr[data-agent]', 'data-state')).toEqual(['connected']);

    await page.click('#live-button');
    await page.waitForSelector('body[data-mode="live"]');
    expect(await page.getAttribute('[data-view-time]', 'data-value')).toBe('2026-11-21T10:46:10.000Z');
    expect(problems).toEqual([]);
  });

  it('opens a conversation\'s timeline from the keyboard, and closes it with Escape', async () => {
    const page = await openPage();
    await page.goto(`${served.url}#token=${TOKEN}`);
    const opener = page.locator('#floor-body tr[data-conversation="chat-1002"] button');
    await opener.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#drilldown[open] .lane');
    expect(await page.textContent('#drilldown-title')).toBe('Conversation chat-1002');
    expect(await attributes(page, '#drilldown .lane', 'data-participant')).toEqual(['cust-3', 'acd-3', 'agent-4']);
    expect(await page.$$eval('#drilldown .lane[data-participant="agent-4"] .segment', (s) => s.map((e) => e.textContent))).toEqual(['alerting', 'connected']);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#drilldown:not([open])', { state: 'attached' });
    expect(await page.evaluate('document.activeElement?.closest("tr")?.dataset.conversation')).toBe('chat-1002');
    expect(problems).toEqual([]);
  });

  it('shows names from events as text: markup in them is never run, and no URL from data is loaded', async () => {
    const img = '<img src=x onerror=window.__xss=1>';
    const script = '<script>window.__xss=2</script>';
    const event = (id: string, time: string, participantId: string, type: string, extra: object = {}) =>
      JSON.stringify({ id, type, time, conversationId: 'xss-1', participantId, ...extra });
    const log = [
      event('x1', '2026-11-21T10:50:00.000Z', 'x-cust', 'participant.added', { media: 'chat', purpose: 'customer', state: 'connected', name: img, avatarImageUrl: 'http://127.0.0.1:9/avatar.png', attributes: { note: script } }),
      event('x2', '2026-11-21T10:50:00.100Z', 'x-acd', 'participant.added', { media: 'chat', purpose: 'acd', state: 'connected', name: img, queue: { id: 'q-x', name: script } }),
      event('x3', '2026-11-21T10:50:05.000Z', 'x-agent', 'participant.added', { media: 'chat', purpose: 'agent', name: script, user: { id: 'u-x', name: script }, queue: { id: 'q-x', name: script } }),
      event('x4', '2026-11-21T10:50:06.000Z', 'x-agent', 'participant.connected'),
    ].join('\n');
    expect((await served.api('/api/events', { method: 'POST', body: log })).status).toBe(200);

    const page = await openPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${served.url}#token=${TOKEN}`);
    await page.waitForSelector('#floor-body tr[data-conversation="xss-1"]');
    expect(await page.textContent('#floor-body tr[data-conversation="xss-1"] td:nth-child(3)')).toBe(img);
    expect(await page.textContent('#floor-body tr[data-conversation="xss-1"] td:nth-child(2)')).toBe(`${script} · chat`);
    expect(await page.textContent('#agents-body tr[data-agent="u-x"] th')).toBe(script);
    await page.selectOption('#queue-select', { label: script });
    await page.click('#floor-body tr[data-conversation="xss-1"] button');
    await page.waitForSelector('#drilldown[open] .lane');
    expect(await page.$$eval('#drilldown .lane-heading', (h) => h.map((e) => e.firstChild?.textContent))).toEqual([img, img, script]);
    await page.waitForTimeout(500);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await page.$$eval('main img, main script, dialog img, dialog script', (found) => found.length)).toBe(0);
    expect(requested.filter((u) => !u.startsWith(served.url))).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('dashboard over the demo', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(['--demo']);
  });
  afterAll(async () => {
    await served?.stop();
  });

  it('writes the screenshots for the docs: laptop (1366×768) and wall display (1920×1080), without console errors', async () => {
    await mkdir(images, { recursive: true });
    for (const [width, height, file] of [[1366, 768, 'dashboard.png'], [1920, 1080, 'dashboard-wall.png']] as const) {
      const page = await openPage({ width, height });
      await page.goto(served.url);
      await page.waitForSelector('#agents-body tr[data-agent]');
      await page.waitForFunction('Number(document.querySelector(\'[data-metric="offered"]\')?.getAttribute("data-value")) > 0');
      // Let uPlot settle into the final widths.
      await page.waitForTimeout(1000);
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await page.screenshot({ path: new URL(file, images).pathname });
      expect(problems).toEqual([]);
      await context?.close();
      context = undefined;
    }
  });
});
