/**
 * The administrator's pages in Chromium: demo-admin signs in by its one-time link, lands on 账号管理, creates a
 * branch secretary with a scope and finds it in the list (screenshot: test/screenshots/admin-accounts-*.png); the
 * same page in English, where it makes that secretary a committee account keeping its scope; given the audit grant on the command line (`user:grant`), it reads 审计日志 and exports
 * it; a secretary opening /admin/accounts sees "no permission", not a broken page.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { cleanEnv, demoLink, embeddedDbUrl, mainJs, type HubProcess } from '../support/hub-process.ts';
import { screenshotsDir, startDashboardHub, watchProblems } from './harness.ts';

describe('dashboard/admin', () => {
  let dataDir: string;
  let hub: HubProcess;
  let browser: Browser;
  /** demo-admin's browser, signed in by the first test (its link works once). */
  let admin: { context: BrowserContext; page: Page } | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-admin-'));
    hub = await startDashboardHub(dataDir);
    browser = await launchChromium();
    await mkdir(screenshotsDir, { recursive: true });
  });
  afterAll(async () => {
    await admin?.context.close();
    await browser?.close();
    hub?.killAll();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('should let demo-admin create a secretary with a scope and see it in the list, by keyboard-usable forms', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    admin = { context, page };
    const problems = watchProblems(page, new URL(hub.url).origin);
    {
      await page.goto(demoLink(hub, 'administrator')!);
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe('/admin/accounts');
      await page.locator('[data-testid=accounts-page]').waitFor();
      expect(await page.locator('[data-testid=nav-accounts]').innerText()).toBe('账号管理');
      await page.locator('[data-testid=account-demo-secretary]').waitFor();
      // The scope list names organisations: wait for it, then fill the form from the keyboard.
      const scope = page.locator('select[data-testid=new-scope]');
      await expect.poll(() => scope.locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(3);
      const branch = (await scope.locator('option').allInnerTexts()).find((o) => /支部/.test(o))!.trim();
      await page.locator('[data-testid=new-username]').focus();
      await page.keyboard.type('xnk.shuji');
      await page.keyboard.press('Tab');
      await page.keyboard.type('心内科支部书记');
      await page.locator('select[data-testid=new-role]').selectOption('SECRETARY');
      await scope.selectOption({ label: await scope.locator('option', { hasText: branch }).first().innerText() });
      await page.locator('[data-testid=new-password]').fill('Linshi-Mima-2026!');
      await page.locator('[data-testid=new-password]').press('Enter');
      const card = page.locator('[data-testid=account-xnk\\.shuji]');
      await card.waitFor({ timeout: 15_000 });
      expect(await card.innerText()).toContain('心内科支部书记');
      expect(await card.innerText()).toContain('支部书记');
      expect(await card.locator('[data-testid=scope]').innerText()).toContain(branch);
      expect(await page.locator('[data-testid=admin-notice]').innerText()).toMatch(/已创建账号 xnk\.shuji/);
      // Found again from the search box, as the hub lists it.
      await page.locator('[data-testid=account-search]').fill('xnk');
      await page.locator('[data-testid=account-search]').press('Enter');
      await expect.poll(() => page.locator('[data-testid=account-list] article').count()).toBe(1);
      await page.screenshot({ path: join(screenshotsDir, 'admin-accounts-1366-zh-CN.png'), fullPage: true });
      // Every label is words, not a message key the locales lack (最近登录common.colon从未 once stood here).
      expect(await card.innerText()).toMatch(/最近登录：从未/);
      expect(await page.locator('main').innerText()).not.toMatch(/\b(common|admin|state|account)\.[a-zA-Z]+/);
      await page.locator('[data-testid=lang-toggle]').click();
      await expect.poll(() => page.locator('#accounts-title').innerText()).toBe('Accounts');
      expect(await page.locator('[data-testid=admin-notice]').innerText()).toMatch(/^Created xnk\.shuji/);
      await page.screenshot({ path: join(screenshotsDir, 'admin-accounts-1366-en.png'), fullPage: true });
      // Its role changed (confirmed in the dialog), its scope kept: the card shows what the hub answered.
      page.once('dialog', (d) => void d.accept());
      await card.locator('[data-testid=role-xnk\\.shuji] select').first().selectOption('COMMITTEE');
      await card.locator('[data-testid=role-xnk\\.shuji] button').click();
      await expect.poll(() => card.locator('header').innerText(), { timeout: 15_000 }).toContain('Party committee');
      expect(await card.locator('[data-testid=scope]').innerText()).toContain(branch);
      expect(problems).toEqual([]);
    }
  });

  it('should show the audit log to demo-admin once the command line gave it the grant, and export it as CSV', async () => {
    const { page } = admin!;
    expect(await page.locator('[data-testid=nav-audit]').count()).toBe(0);
    await page.goto(new URL('/admin/audit', hub.url).href);
    await page.locator('[data-testid=no-permission]').waitFor();
    const grant = spawnSync(process.execPath, [join(dirname(mainJs), 'cli', 'user-grant.js'), '--audit', 'demo-admin'], {
      env: cleanEnv({ DATABASE_URL: embeddedDbUrl(hub, join(dataDir, 'hub')) }),
      encoding: 'utf8',
    });
    expect(grant.stdout + grant.stderr).toMatch(/gave the audit grant to "demo-admin"/);
    await page.goto(new URL('/admin/audit?lang=zh-CN', hub.url).href);
    await page.locator('[data-testid=audit-page]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=nav-audit]').innerText()).toBe('审计日志');
    await page.locator('input[placeholder="account."]').fill('account.create');
    await page.locator('input[placeholder="account."]').press('Enter');
    await expect.poll(() => page.locator('[data-testid=audit-table] tbody').innerText(), { timeout: 15_000 }).toContain('xnk.shuji');
    await page.screenshot({ path: join(screenshotsDir, 'admin-audit-1366-zh-CN.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=audit-export]').click()]);
    const bytes = await readFile(await download.path());
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('id,at,actor,action,entity,entity_id,before,after');
    expect(text).toContain('demo-admin,account.create,account');
  });

  it('should show a secretary “no permission” at /admin/accounts and no admin links in its menu', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto(demoLink(hub, 'branch secretary')!);
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe('/');
      await page.locator('[data-testid=nav]').waitFor();
      expect(await page.locator('[data-testid=nav-accounts]').count()).toBe(0);
      await page.goto(new URL('/admin/accounts', hub.url).href);
      await page.locator('[data-testid=no-permission]').waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-testid=no-permission]').innerText()).toMatch(/没有权限[\s\S]*只对系统管理员开放/);
      await page.screenshot({ path: join(screenshotsDir, 'admin-no-permission-secretary.png') });
    } finally {
      await context.close();
    }
  });
});
