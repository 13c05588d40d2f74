/**
 * A board is pushed: a write reaches the open overview's card in the push (IndicatorBoardLive), the page
 * asking the hub for no board — the first push whole, the next one a patch the page applies to it. A board whose socket was cut comes back up to date: the overview is open in Chromium, its live socket (routed
 * through Playwright, which can cut it) is closed as a hub restart closes it, a write goes through the API while
 * the socket is down (its notification reaches no one on this board), and once the socket is let through again
 * the card shows the write within the reconnect jitter (0–3 s) plus a load, with no reload of the page and
 * long before the one-minute fallback poll.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchChromium } from '../support/browser.ts';
import { addSession, gql, type HubProcess } from '../support/hub-process.ts';
import { lastCompleteMonth, startDashboardHub, watchProblems } from './harness.ts';

/** graphql-ws retries a socket closed with "service restart" (as a hub going down for a deploy closes it). */
const SERVICE_RESTART = 1012;

describe.runIf(hasBrowser)('e2e/dashboard reconnect', () => {
  let dataDir: string;
  let hub: HubProcess;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-reconnect-'));
    hub = await startDashboardHub(dataDir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    hub?.killAll();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** A free clinic held by the first branch last month: one more on the overview's service events card. */
  const clinic = async (title: string) => {
    const branch = (
      await gql(hub.url, `{ br: organizations(filter: { kind: { eq: BRANCH } }, first: 1, orderBy: [{ field: ID }]) { nodes { id } } }`)
    ).data.br.nodes[0].id as string;
    return gql(hub.url, `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`, {
      i: { organizationId: branch, type: 'FREE_CLINIC', title, heldOn: `${lastCompleteMonth()}-15`, status: 'HELD', beneficiaryCount: 40 },
    });
  };

  it('should show a write in the pushed board, and reload the board within the 3 s jitter once its socket is back, showing a write it missed', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    try {
      await addSession(context, hub.url);
      const page = await context.newPage();
      const problems = watchProblems(page, new URL(hub.url).origin);
      const open: WebSocketRoute[] = [];
      let link: 'up' | 'down' | 'back' = 'up';
      let backAt = 0;
      let patchPushes = 0;
      await page.routeWebSocket(/\/graphql$/, (ws) => {
        if (link === 'down') {
          void ws.close({ code: SERVICE_RESTART, reason: 'restarting' });
          return;
        }
        if (link === 'back') backAt ||= performance.now();
        const server = ws.connectToServer();
        // Passed on by hand (a server route with a handler forwards nothing itself), counting the patch pushes.
        server.onMessage((m) => {
          if (typeof m === 'string' && m.includes('"type":"next"') && m.includes('"patch":[')) patchPushes++;
          ws.send(m);
        });
        open.push(ws, server);
      });
      await page.goto(`${hub.url}/`);
      const value = page.locator('[data-testid=kpi-service_event_count] [data-testid=kpi-value]');
      await value.waitFor({ timeout: 60_000 });
      await expect.poll(() => value.innerText(), { timeout: 30_000 }).toMatch(/\d/);
      const mark = page.locator('[data-testid=live-mark]');
      await expect.poll(() => mark.getAttribute('class'), { timeout: 30_000 }).toBe('live live');
      // Live: a write reaches the open board in the push itself (IndicatorBoardLive), with no request for the board.
      let boardPosts = 0;
      page.on('request', (r) => {
        if (r.method() === 'POST' && (r.postData() ?? '').includes('query IndicatorBoard(')) boardPosts++;
      });
      const first = (await value.innerText()).trim();
      expect((await clinic('义诊（在线时）')).errors).toBeUndefined();
      await page.waitForFunction(
        (old) => document.querySelector('[data-testid=kpi-service_event_count] [data-testid=kpi-value]')?.textContent?.trim() !== old,
        first,
        {
          polling: 20,
          timeout: 15_000,
        },
      );
      // The next push is a patch (live(orgId, patches: true)), applied to the first push's board.
      const pushed = (await value.innerText()).trim();
      expect((await clinic('义诊（补丁）')).errors).toBeUndefined();
      await page.waitForFunction(
        (old) => document.querySelector('[data-testid=kpi-service_event_count] [data-testid=kpi-value]')?.textContent?.trim() !== old,
        pushed,
        {
          polling: 20,
          timeout: 15_000,
        },
      );
      expect(boardPosts).toBe(0);
      expect(patchPushes).toBeGreaterThan(0);
      const before = (await value.innerText()).trim();

      link = 'down';
      for (const ws of open.splice(0)) await ws.close({ code: SERVICE_RESTART, reason: 'restarting' });
      await expect.poll(() => mark.getAttribute('class'), { timeout: 10_000 }).toBe('live polling');
      expect((await clinic('义诊（断线期间）')).errors).toBeUndefined();
      await page.waitForTimeout(1000);
      expect((await value.innerText()).trim()).toBe(before); // missed: nothing reached the board

      link = 'back';
      await expect.poll(() => mark.getAttribute('class'), { timeout: 30_000 }).toBe('live live');
      await page.waitForFunction(
        (old) => document.querySelector('[data-testid=kpi-service_event_count] [data-testid=kpi-value]')?.textContent?.trim() !== old,
        before,
        {
          polling: 20,
          timeout: 15_000,
        },
      );
      const elapsed = performance.now() - backAt;
      console.log(`socket back → board reloaded ${before} → ${(await value.innerText()).trim()}: ${Math.round(elapsed)} ms (jitter 0–3 s)`);
      expect(elapsed).toBeLessThan(10_000);
      expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
