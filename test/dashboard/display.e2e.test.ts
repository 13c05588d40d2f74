/**
 * A wall display (大屏) in Chromium: the demo committee (its session, as the other browser tests sign in), makes a display link
 * on the Tokens page (screenshot: test/screenshots/display-link-zh.png); a second, fresh browser — the meeting
 * room's TV — opens the link and lands on the overview in kiosk mode without signing in, its live socket up
 * (screenshot: display-kiosk-zh.png); the committee revokes the display's token in the list, and the TV, whose
 * socket the hub closes (4401), is on the sign-in page within seconds, its display cookie gone.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { addSession, gql, type HubProcess } from '../support/hub-process.ts';
import { axeFindings, screenshotsDir, startDashboardHub, watchProblems } from './harness.ts';

describe('dashboard/display', () => {
  let dataDir: string;
  let hub: HubProcess;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-display-'));
    hub = await startDashboardHub(dataDir);
    browser = await launchChromium();
    await mkdir(screenshotsDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    hub?.killAll();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('should let the committee make a display link that a fresh TV browser opens into the kiosk overview, until it is revoked', async () => {
    const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    try {
      const page = await desk.newPage();
      const deskProblems = watchProblems(page, new URL(hub.url).origin);
      await addSession(desk, hub.url);
      await page.goto(`${hub.url}/tokens`);
      await page.locator('[data-testid=display-card]').waitFor({ timeout: 30_000 });
      expect(await page.locator('#display-title').innerText()).toBe('大屏链接');
      // The pages the kiosk turns through are offered, the overview first.
      const options = await page.locator('[data-testid=field-display-page] option').allInnerTexts();
      expect(options[0]).toBe('总览（大屏模式）');
      expect(options).toContain('荣誉（大屏模式）');
      await page.locator('[data-testid=field-display-name]').fill('三楼会议室');
      await page.locator('[data-testid=field-display-days]').fill('30');
      await page.locator('[data-testid=display-create]').click();
      const urlField = page.locator('[data-testid=display-url]');
      await urlField.waitFor({ timeout: 30_000 });
      const url = await urlField.inputValue();
      expect(url).toMatch(new RegExp(`^${hub.url}/auth/display/[A-Za-z0-9_-]{43}$`));
      expect(await page.locator('[data-testid=display-note]').innerText()).toBe(
        '在会议室电视的浏览器中打开一次；之后该屏幕无需登录即可只读显示看板 30 天，可随时在下方列表撤销',
      );
      expect(await page.locator('[data-testid=display-copy]').isVisible()).toBe(true);
      expect(await axeFindings(page)).toEqual([]);
      await page.screenshot({ path: join(screenshotsDir, 'display-link-zh.png'), fullPage: true });

      // The TV: a browser that never signed in.
      const screen = await tv.newPage();
      const tvProblems = watchProblems(screen, new URL(hub.url).origin);
      await screen.goto(url);
      await expect.poll(() => new URL(screen.url()).pathname + new URL(screen.url()).search, { timeout: 30_000 }).toBe('/?kiosk=1');
      await expect.poll(() => screen.locator('[data-testid=live-mark]').getAttribute('class'), { timeout: 30_000 }).toContain('live');
      await screen.locator('.chart, canvas').first().waitFor({ timeout: 30_000 });
      await screen.waitForTimeout(1500);
      expect(new URL(screen.url()).pathname).toBe('/');
      expect((await tv.cookies()).map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['hub_display', true, 'Strict']]);
      await screen.screenshot({ path: join(screenshotsDir, 'display-kiosk-zh.png') });
      // Out of kiosk mode the header says it is a display, read-only, and offers signing out only.
      const desk2 = await tv.newPage();
      await desk2.goto(`${hub.url}/honors`);
      await expect.poll(() => desk2.locator('[data-testid=account-role]').innerText(), { timeout: 30_000 }).toBe('大屏（只读）');
      expect(await desk2.locator('[data-testid=sign-out]').isVisible()).toBe(true);
      expect(await desk2.locator('[data-testid=api-tokens], [data-testid=change-password]').count()).toBe(0);
      await desk2.close();

      // The display's token is in the committee's list; revoking it ends the display.
      await page.locator('[data-testid=token-refresh]').click();
      const row = page.locator('[data-testid=token-row]', { hasText: '大屏 · 三楼会议室' });
      await row.waitFor({ timeout: 30_000 });
      await row.locator('[data-testid=token-revoke]').click();
      await row.locator('[data-testid=token-revoke]').click();
      await expect.poll(() => row.getAttribute('data-state')).toBe('revoked');
      const revokedAt = Date.now();
      await expect.poll(() => new URL(screen.url()).pathname, { timeout: 5_000, interval: 100 }).toBe('/signin');
      const tookMs = Date.now() - revokedAt;
      expect(tookMs).toBeLessThan(5_000);
      await expect.poll(async () => (await tv.cookies()).map((c) => c.name)).toEqual([]);
      await screen.locator('input[autocomplete=username], #username, [data-testid=signin-username]').first().waitFor({ timeout: 10_000 });
      await screen.screenshot({ path: join(screenshotsDir, 'display-revoked-zh.png') });
      // The link worked once.
      const again = await tv.request.get(url, { maxRedirects: 0 });
      expect(again.status()).toBe(410);
      expect(deskProblems).toEqual([]);
      // What the board asked while its display ended is answered as nobody's (and sent to the sign-in page): nothing else.
      expect(tvProblems.filter((p) => !/HTTP 401|HTTP 410|status of 401|status of 410|请先登录 \/ sign in first/.test(p))).toEqual([]);
    } finally {
      await desk.close();
      await tv.close();
    }
  });

  it('should let a display leave by its account menu: signed out for good, its token revoked', async () => {
    const made = await gql(hub.url, 'mutation { createDisplayLink(input: { name: "走廊", days: 3, path: "/honors" }) { url } }');
    expect(made.errors).toBeUndefined();
    const tv = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    try {
      const screen = await tv.newPage();
      await screen.goto(`${hub.url}${made.data.createDisplayLink.url}`);
      await expect.poll(() => screen.locator('[data-testid=account-role]').innerText(), { timeout: 30_000 }).toBe('大屏（只读）');
      expect(new URL(screen.url()).pathname).toBe('/honors');
      await screen.locator('[data-testid=sign-out]').click();
      await expect.poll(() => new URL(screen.url()).pathname).toBe('/signin');
      await expect.poll(async () => (await tv.cookies()).map((c) => c.name)).toEqual([]);
      const tokens = await gql(hub.url, '{ apiTokens { name revokedAt } }');
      expect(tokens.data.apiTokens.find((t: { name: string }) => t.name === '大屏 · 走廊').revokedAt).not.toBeNull();
    } finally {
      await tv.close();
    }
  });
});
