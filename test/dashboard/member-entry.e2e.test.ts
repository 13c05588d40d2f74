/**
 * 录入 · 党员信息 in Chromium, as a branch secretary (demo-secretary, by its one-time link) whose scope the
 * administrator widened to a second branch: a new person's record with a mistyped ID-card number is refused
 * beside that field (zh, then en), fixed by keyboard and saved; the record opens masked (the ID-card number not
 * shown, nor sent back); the person is transferred to the second branch (whose page, open beside it, counts them
 * live), then their membership ended (confirmed,
 * with a reason). The page passes axe and fits a phone.
 * Screenshots: test/screenshots/member-*.png.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { demoLink, gql, openLink, type HubProcess } from '../support/hub-process.ts';
import { axeFindings, demoSecretary, idCard, screenshotsDir, startDashboardHub, unexpected, watchProblems } from './harness.ts';

const VIEWPORT = { width: 1366, height: 900 };

/** As the administrator (by its demo link): `username` reaches `org` too, from today. */
async function widenScope(hub: HubProcess, username: string, org: string): Promise<void> {
  const cookie = await openLink(demoLink(hub, 'administrator')!);
  const post = async (query: string, variables: object = {}) => {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const { accounts } = await post(`{ accounts(first: 100) { nodes { id username } } }`);
  const account = accounts.nodes.find((a: { username: string }) => a.username === username);
  await post(`mutation($a: ID!, $o: ID!) { addScope(accountId: $a, organizationId: $o) { id } }`, { a: account.id, o: org });
}

describe('dashboard/member-entry', () => {
  let dataDir: string;
  let hub: HubProcess;
  let browser: Browser;
  let secretary: { context: BrowserContext; page: Page; problems: string[] };
  let branches: { id: string; name: string }[];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-member-entry-'));
    hub = await startDashboardHub(dataDir);
    browser = await launchChromium();
    await mkdir(screenshotsDir, { recursive: true });
    // The demo secretary's branch is the demo data's first; the second is made its scope too (a transfer's two ends).
    const res = await gql(
      hub.url,
      `{ organizations(filter: { kind: { eq: BRANCH } }, first: 2, orderBy: [{ field: ID }]) { nodes { id name } } }`,
    );
    branches = res.data.organizations.nodes;
    await widenScope(hub, 'demo-secretary', branches[1]!.id);
    secretary = await demoSecretary(browser, hub, { viewport: VIEWPORT, locale: 'zh-CN' });
  });
  afterAll(async () => {
    await secretary?.context.close();
    await browser?.close();
    hub?.killAll();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('should refuse a mistyped ID-card number beside its field, save it fixed, open the record masked, and transfer the person', async () => {
    const { page, problems } = secretary;
    await page.locator('[data-testid=nav-entry]').click();
    await page.locator('[data-testid=entry-tab-member]').click();
    await page.locator('[data-testid=member-entry]').waitFor();
    // The secretary's own members, by name (not masked), searchable.
    await expect.poll(() => page.locator('[data-testid=member-result]').count(), { timeout: 30_000 }).toBeGreaterThan(5);
    expect(await page.locator('[data-testid=member-result]').first().innerText()).not.toMatch(/\*/);

    await page.locator('[data-testid=member-new]').click();
    await page.locator('[data-testid=member-form]').waitFor();
    const good = idCard('19900512', 123);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    // By keyboard, in the page's order: name, ID-card number, (gender: chosen by the number's 17th digit when valid) …
    await page.locator('#member-input-name').focus();
    await page.keyboard.type('测试新党员');
    await page.keyboard.press('Tab');
    await page.keyboard.type(bad);
    await page.locator('[data-testid=member-gender]').selectOption('MALE');
    await page.locator('[data-testid=member-ethnicity]').fill('汉族');
    await page.locator('[data-testid=member-politicalStatus]').selectOption('FULL_MEMBER');
    await page.locator('[data-testid=member-joinedOn]').fill('2015/6/1');
    await page.locator('[data-testid=member-convertedOn]').fill('2016-06-01');
    await page.locator('[data-testid=member-education]').selectOption('MASTER');
    await page.locator('[data-testid=member-professionalTitle]').selectOption('INTERMEDIATE');
    await page.locator('[data-testid=member-staffCategory]').selectOption('PHYSICIAN');
    await page.locator('[data-testid=member-isFrontline]').check();
    await page.locator('[data-testid=member-mobile]').press('Enter');

    const error = page.locator('[data-testid=error-member-input-idCardNo]');
    await expect.poll(() => error.innerText(), { timeout: 15_000 }).toMatch(/校验位不正确/);
    expect(await page.locator('#member-input-idCardNo').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('member-input-idCardNo');
    expect(await page.locator('[data-testid=member-error]').innerText()).toMatch(/未保存/);
    await page.screenshot({ path: join(screenshotsDir, 'member-problem-1366-zh-CN.png'), fullPage: true });
    await page.locator('[data-testid=lang-toggle]').click();
    await expect.poll(() => error.innerText()).toMatch(/check digit is wrong/);
    expect(await page.locator('main').innerText()).not.toMatch(/\bentry\.[a-zA-Z.]+/);
    await page.screenshot({ path: join(screenshotsDir, 'member-problem-1366-en.png'), fullPage: true });
    await page.locator('[data-testid=lang-toggle]').click();
    const none = await gql(hub.url, `query($o: ID!) { members(filter: { orgId: $o }, first: 1000) { nodes { name } } }`, {
      o: branches[0]!.id,
    });
    expect(none.data.members.nodes.map((m: { name: string }) => m.name)).not.toContain('测试新党员');

    // Fixed in place, saved with Ctrl+Enter; the birth date comes from the number.
    await page.locator('#member-input-idCardNo').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(good);
    await expect.poll(() => page.locator('[id=member-input-birthDate-hint]').innerText()).toContain('1990-05-12');
    await page.keyboard.press('Control+Enter');
    const notice = page.locator('[data-testid=member-notice]');
    await expect
      .poll(() => page.locator('[data-testid=member-entry]').innerText(), { timeout: 15_000 })
      .toContain('已新建“测试新党员”的记录');
    expect(await notice.innerText()).toMatch(/已新建/);
    await expect.poll(() => page.locator('#member-record-title').innerText(), { timeout: 15_000 }).toBe('更正记录：测试新党员');
    expect(await page.locator('[data-testid=member-status]').innerText()).toContain(branches[0]!.name);
    // The record opens masked: the number is neither in the box nor anywhere on the page, only its masked form.
    expect(await page.locator('[data-testid=member-idCardNo]').inputValue()).toBe('');
    expect(await page.locator('main').innerText()).not.toContain(good);
    expect(await page.locator('[id=member-input-idCardNo-hint]').innerText()).toMatch(/1101\*+\d{3}[\dX]/);
    const made = await gql(
      hub.url,
      `query($o: ID!) { members(filter: { orgId: $o }, first: 1000) { nodes { id name birthDate gender isFrontline idCardNo(reveal: true) } } }`,
      { o: branches[0]!.id },
    );
    const person = made.data.members.nodes.find((m: { name: string }) => m.name === '测试新党员');
    expect(person).toMatchObject({ birthDate: '1990-05-12', gender: 'MALE', isFrontline: true, idCardNo: good });

    // Shown whole on request (the hub audits the reveal), masked again once a write is saved.
    await page.locator('[data-testid=member-reveal]').click();
    await expect.poll(() => page.locator('[data-testid=member-idCardNo]').inputValue(), { timeout: 15_000 }).toBe(good);
    expect(await page.locator('[data-testid=member-revealed]').innerText()).toMatch(/审计日志/);

    // The second branch's page, open beside the form: its member count follows the transfer live.
    const board = await secretary.context.newPage();
    const boardProblems = watchProblems(board, new URL(hub.url).origin);
    await board.goto(`${hub.url}/branches/${encodeURIComponent(branches[1]!.id)}`);
    const count = board.locator('dl.facts div', { hasText: '党员（正式与预备）' }).locator('dd');
    await expect.poll(() => count.innerText(), { timeout: 60_000 }).toMatch(/^\d+/);
    await expect.poll(() => board.locator('[data-testid=live-mark]').getAttribute('class'), { timeout: 30_000 }).toMatch(/\blive\b/);
    const before = Number.parseInt(await count.innerText(), 10);
    await page.bringToFront();

    // 组织关系转接 to the second branch (left and arrived today, the defaults).
    await page.locator('[data-testid=transfer-to]').selectOption(branches[1]!.id);
    await page.locator('[data-testid=transfer-reason]').fill('调往另一科室');
    await page.locator('[data-testid=transfer-reason]').press('Enter');
    await expect
      .poll(() => page.locator('[data-testid=member-entry]').innerText(), { timeout: 15_000 })
      .toContain(`已将“测试新党员”转入${branches[1]!.name}`);
    await expect.poll(() => page.locator('[data-testid=member-status]').innerText(), { timeout: 15_000 }).toContain(branches[1]!.name);
    await expect.poll(() => page.locator('[data-testid=member-reveal]').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('[data-testid=member-idCardNo]').inputValue()).toBe('');
    await page.screenshot({ path: join(screenshotsDir, 'member-transferred-1366-zh-CN.png'), fullPage: true });
    const moved = await gql(hub.url, `query($id: ID!) { members(filter: { id: { eq: $id } }) { nodes { organization { id } } } }`, {
      id: person.id,
    });
    expect(moved.data.members.nodes[0].organization.id).toBe(branches[1]!.id);
    await expect.poll(() => count.innerText(), { timeout: 15_000 }).toMatch(new RegExp(`^${before + 1}\\b`));
    expect(await board.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await board.close();
    expect(boardProblems).toEqual([]);
    expect(unexpected(problems)).toEqual([]);
  });

  it('should end a membership only when confirmed and with a reason, and then offer neither end nor transfer', async () => {
    const { page, problems } = secretary;
    problems.length = 0;
    // The person is in the second branch now: found there by name, picked with Enter.
    await page.goto(`${hub.url}/entry/member?org=${encodeURIComponent(branches[1]!.id)}`);
    await expect.poll(() => page.locator('[data-testid=member-result]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.locator('[data-testid=member-search]').fill('测试新');
    await expect.poll(() => page.locator('[data-testid=member-result]').count()).toBe(1);
    await page.locator('[data-testid=member-search]').press('Enter');
    await expect.poll(() => page.locator('#member-record-title').innerText(), { timeout: 15_000 }).toBe('更正记录：测试新党员');
    await page.locator('[data-testid=end-status]').selectOption('TRANSFERRED_OUT');
    await page.locator('[data-testid=end-save]').click();
    // Not ticked: the form's own check, beside the tick.
    await expect.poll(() => page.locator('[data-testid=error-end-confirm]').innerText()).toBe('请先勾选确认');
    await page.locator('[data-testid=end-confirm]').check();
    await page.locator('[data-testid=end-confirm]').press('Control+Enter');
    // No reason: the hub's, beside the reason.
    await expect.poll(() => page.locator('[data-testid=error-end-reason]').innerText(), { timeout: 15_000 }).toBe('须说明理由');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('end-reason');
    await page.keyboard.type('调往外院工作');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid=member-entry]').innerText(), { timeout: 15_000 })
      .toContain('已结束“测试新党员”的组织关系（已转出）');
    await expect.poll(() => page.locator('[data-testid=member-status]').innerText()).toContain('已转出');
    expect(await page.locator('[data-testid=end-form]').count()).toBe(0);
    expect(await page.locator('[data-testid=transfer-form]').count()).toBe(0);
    expect(unexpected(problems)).toEqual([]);
  });

  it('should pass axe on a wide screen and fit a phone without sideways scrolling', async () => {
    const { page, problems } = secretary;
    problems.length = 0;
    await page.goto(`${hub.url}/entry/member`);
    await expect.poll(() => page.locator('[data-testid=member-result]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.locator('[data-testid=member-result]').first().click();
    await page.locator('[data-testid=transfer-form]').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    expect(await axeFindings(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await page.screenshot({ path: join(screenshotsDir, 'member-390-zh-CN.png'), fullPage: true });
    await page.setViewportSize(VIEWPORT);
    expect(problems).toEqual([]);
  });
});
