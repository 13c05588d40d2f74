/**
 * Single sign-on in Chromium, end to end: the built hub (HUB_CAS_URL set) and a CAS server in this process on
 * another site (`localhost` while the hub is `127.0.0.1`: the callback is a cross-site navigation, as with a
 * hospital's real 统一身份认证平台). The sign-in page offers the button, the browser goes to CAS and back, and
 * the dashboard opens signed in to the account an administrator linked; an unlinked user comes back to the
 * sign-in page with the reason in the language in view.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchChromium } from '../support/browser.ts';
import { embeddedDbUrl, type HubProcess } from '../support/hub-process.ts';
import { screenshotsDir, startDashboardHub, watchProblems } from './harness.ts';

/** A CAS 3.0 server: /cas/login signs in `user` at once; /cas/p3/serviceValidate answers each ticket once. */
function fakeCas(): { server: Server; user: { name: string } } {
  const tickets = new Map<string, { name: string; service: string }>();
  const user = { name: 'e2e.zhang' };
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const service = url.searchParams.get('service') ?? '';
    if (url.pathname === '/cas/login') {
      const ticket = `ST-${randomBytes(12).toString('hex')}`;
      tickets.set(ticket, { name: user.name, service });
      res.writeHead(302, { location: `${service}&ticket=${ticket}` }).end();
      return;
    }
    const issued = tickets.get(url.searchParams.get('ticket') ?? '');
    tickets.delete(url.searchParams.get('ticket') ?? '');
    const ok = issued && issued.service === service;
    res
      .writeHead(200, { 'content-type': 'application/xml' })
      .end(
        `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">${
          ok
            ? `<cas:authenticationSuccess><cas:user>${issued.name}</cas:user></cas:authenticationSuccess>`
            : `<cas:authenticationFailure code="INVALID_TICKET">no</cas:authenticationFailure>`
        }</cas:serviceResponse>`,
      );
  });
  return { server, user };
}

describe.runIf(hasBrowser)('e2e/sso in Chromium', () => {
  let dataDir: string;
  let hub: HubProcess;
  let browser: Browser;
  const cas = fakeCas();

  beforeAll(async () => {
    await new Promise<void>((r) => cas.server.listen(0, '127.0.0.1', r));
    const casUrl = `http://localhost:${(cas.server.address() as AddressInfo).port}/cas`;
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-sso-'));
    hub = await startDashboardHub(dataDir, { HUB_CAS_URL: casUrl });
    const db = new pg.Client({ connectionString: embeddedDbUrl(hub, join(dataDir, 'hub')) });
    await db.connect();
    await db.query(
      `insert into account_identity (provider, subject, account_id) select 'cas', 'e2e.zhang', id from account where username = 'demo-secretary'`,
    );
    await db.end();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    hub?.killAll();
    await new Promise((r) => cas.server.close(r));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('should sign in with the 统一身份认证 button: to CAS on another site and back, into the linked account, back on the page it came from', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const problems = watchProblems(page, new URL(hub.url).origin);
    try {
      cas.user.name = 'e2e.zhang';
      await page.goto(`${hub.url}/signin?lang=zh-CN&next=%2Fhonors`);
      const button = page.locator('[data-testid=signin-sso-cas]');
      await expect.poll(() => button.innerText(), { timeout: 30_000 }).toBe('统一身份认证登录（CAS）');
      await page.screenshot({ path: join(screenshotsDir, 'signin-sso-zh.png') });
      await button.click();
      await expect.poll(() => page.locator('[data-testid=account-name]').innerText(), { timeout: 30_000 }).toBe('支部书记（演示）');
      expect(new URL(page.url()).pathname).toBe('/honors'); // the page the visitor was sent to sign in from
      expect(problems.filter((p) => !/localhost/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('should bring an unlinked CAS user back to the sign-in page with the reason, in Chinese and in English', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    try {
      cas.user.name = 'nobody.linked';
      await page.goto(`${hub.url}/signin?lang=zh-CN`);
      await page.locator('[data-testid=signin-sso-cas]').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('error'), { timeout: 30_000 }).toBe('auth/not_linked');
      const alert = page.locator('[data-testid=signin-error]');
      await expect.poll(() => alert.innerText()).toMatch(/^您的统一身份尚未关联本系统的账号：请联系管理员关联/);
      await page.screenshot({ path: join(screenshotsDir, 'signin-sso-not-linked-zh.png') });
      await page.goto(`${hub.url}/signin?lang=en&error=auth%2Fnot_linked`);
      await expect.poll(() => alert.innerText()).toMatch(/ask your administrator to link it/);
      await page.goto(`${hub.url}/signin?lang=en&error=%3Cb%3Eanything%3C%2Fb%3E`);
      await page.locator('[data-testid=signin-sso-cas]').waitFor();
      expect(await alert.count()).toBe(0); // a reason the page does not know puts nothing on it
    } finally {
      await context.close();
    }
  });
});
