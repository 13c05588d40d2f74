/// <reference lib="dom" />
/**
 * The dashboard as the demo analyst (分析人员) sees it, in a real Chromium on the real hub: an analyst reads
 * counts, aggregates and indicators but no row of a person, and small cells come back withheld (SUPPRESSED).
 * Every page must ask only what an analyst may read (no GraphQL error at all, so no person list was fetched),
 * show no error panel, and show a withheld cell as 人数过少·已隐藏 with its explanation, never as 0.
 */
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchChromium } from '../support/browser.ts';
import { demoLink, gql, type HubProcess } from '../support/hub-process.ts';
import { chartOption, photograph, screenshotsDir, settle, startDashboardHub, waitForCharts, watchProblems } from './harness.ts';

/** 心血管内科医疗党支部 in the demo data (as test/dashboard/pages/branches.ts). */
const BRANCH_ID = 'T3JnYW5pemF0aW9uOjM';
/** The nine pages (and the branch profile, an indicator with its evidence, kiosk and deck modes). */
const PAGES = [
  ['overview', '/'],
  ['indicator', '/indicators/three_meetings_one_lesson_rate'],
  ['indicator-satisfaction', '/indicators/outpatient_satisfaction?by=DEPARTMENT'],
  ['indicator-withheld', '/indicators/new_probationary_count'],
  ['branches', '/branches'],
  ['branch', `/branches/${BRANCH_ID}`],
  ['org-life', '/organization-life'],
  ['development', '/development'],
  ['development-branch', `/development?org=${BRANCH_ID}`],
  ['branch-en', `/branches/${BRANCH_ID}?lang=en`],
  ['overview-en', '/?lang=en'],
  ['satisfaction', '/satisfaction'],
  ['honors', '/honors'],
  ['meeting', '/meeting'],
  ['kiosk', '/?kiosk=1'],
  ['kiosk-org-life', '/organization-life?kiosk=1'],
] as const;
const WITHHELD = '人数过少·已隐藏';
const VIEWPORT = { width: 1920, height: 1080 };

describe.runIf(hasBrowser)('e2e/dashboard as the analyst', () => {
  let dataDir: string;
  let hub: HubProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[] = [];
  let names: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-analyst-'));
    hub = await startDashboardHub(dataDir);
    browser = await launchChromium();
    await mkdir(screenshotsDir, { recursive: true });
    // People's names the page must never show (read as the committee, who may).
    const res = await gql(hub.url, '{ members(first: 200) { nodes { name } } }');
    names = (res.data?.members?.nodes ?? []).map((m: { name: string }) => m.name).filter((n: string) => n.length >= 2);
    if (names.length === 0) throw new Error(`no names to look for: ${JSON.stringify(res.errors)}`);
    // Charts drawn at once (the viewer's reduced motion: no animation): what the analyst may see is the point here, and
    // every page's animated first draw is dashboard.e2e's. A second of animation a chart was Chromium's busiest work.
    context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    page = await context.newPage();
    problems = watchProblems(page, new URL(hub.url).origin);
    const link = demoLink(hub, 'analyst');
    if (!link) throw new Error(`the hub printed no analyst link:\n${hub.output().slice(-2000)}`);
    await page.goto(link);
    await page.locator('[data-testid=account-role]').waitFor({ timeout: 30_000 });
    const role = await page.locator('[data-testid=account-role]').innerText();
    if (role !== '分析人员') throw new Error(`signed in as ${role}, not the analyst`);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    hub?.killAll();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /**
   * Goes to a path, signed in as the analyst, in the one page the file keeps open (as an analyst follows links), and
   * waits until nothing is loading or unanswered. A new page a visit cost a renderer process and a first load in it,
   * ≈ 4 CPU-seconds against ≈ 1–1.5 for a load in a page already open (dashboard.e2e says where that was measured).
   */
  const visit = async (path: string): Promise<void> => {
    // Off the earlier page before its problems are cleared: what it does while it unloads is that test's failure, and
    // what the new page does from its first request on is this one's.
    await page.goto('about:blank');
    problems.length = 0;
    await page.goto(`${hub.url}${path}`);
    await page.locator('[data-testid=nav], [data-testid=kiosk-paused], main').first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'), undefined, { timeout: 30_000 }).catch(() => undefined);
    await settle(page);
  };

  for (const [name, path] of PAGES) {
    it(`${name} (${path}): loads for the analyst without an error panel or a GraphQL error, and shows no person`, async () => {
      await visit(path);
      await photograph(page, join(screenshotsDir, `analyst-${name}.png`), VIEWPORT);
      const alerts = await page.locator('[role=alert]').allInnerTexts();
      expect(alerts, 'error panels').toEqual([]);
      expect(problems).toEqual([]);
      const text = await page.locator('body').innerText();
      expect(
        names.filter((n) => text.includes(n)),
        'names of people on the page',
      ).toEqual([]);
    });
  }

  /** The indicators whose value the hub withholds from the analyst (SUPPRESSED) for an organisation and month. */
  const suppressedIds = async (orgId: string, period: string): Promise<string[]> => {
    const res = await page.request.post(`${hub.url}/graphql`, {
      data: {
        query: `query($o: ID!, $p: Period!) { indicators(orgId: $o, period: $p) { values { indicator { id } value nullReason } } }`,
        variables: { o: orgId, p: period },
      },
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors, 'the analyst may read indicator values').toBeUndefined();
    return body.data.indicators.values.filter((v: any) => v.nullReason === 'SUPPRESSED').map((v: any) => v.indicator.id);
  };

  it('should show withheld values on the overview as 人数过少·已隐藏 with the reason, never as 0', async () => {
    await visit('/');
    const period = await page.locator('[data-testid=period-picker]').inputValue();
    const org = await page.locator('select[data-testid=org-picker]').inputValue();
    const hidden = await suppressedIds(org, period);
    // The demo hospital has withheld values for an analyst (new members this month: fewer than 5).
    expect(hidden.length, 'indicators withheld on the demo board').toBeGreaterThan(0);
    for (const id of hidden) {
      const cell = page.locator(`[data-testid=row-${id}] td`).first();
      expect(await cell.innerText(), `${id} in the board's table`).toBe(WITHHELD);
      expect(await cell.getAttribute('title')).toContain('涉及人数少于 5 人，为保护个人信息已隐藏');
    }
    const card = page.locator('[data-testid^=kpi-] [data-withheld]').first();
    expect(await card.innerText()).toBe(WITHHELD);
    expect(await card.getAttribute('title')).toContain('同组中另一项也可能因此隐藏');
    await page.locator('[data-testid^=kpi-] [data-withheld]').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotsDir, 'analyst-overview-withheld.png') });
    expect(problems).toEqual([]);
  });

  it('should show withheld branch values in the comparison as 人数过少·已隐藏, sorted last, never as 0', async () => {
    const ids = ['new_probationary_count', 'three_meetings_one_lesson_rate'];
    await visit(`/branches?ids=${ids.join(',')}&sort=new_probationary_count`);
    const cells = page.locator('td[data-col=new_probationary_count]');
    await expect.poll(() => cells.count(), { timeout: 30_000 }).toBeGreaterThan(1);
    const texts = await cells.allInnerTexts();
    const hidden = texts.filter((x) => x.includes(WITHHELD));
    expect(hidden.length, 'branches whose new members are withheld').toBeGreaterThan(0);
    // Hidden rows last: once one reads 人数过少·已隐藏, every row after it does (or has no value at all).
    const first = texts.findIndex((x) => x.includes(WITHHELD));
    expect(texts.slice(first).every((x) => !/\d/.test(x))).toBe(true);
    const cell = page.locator('td[data-col=new_probationary_count] [data-withheld]').first();
    expect(await cell.getAttribute('title')).toContain('涉及人数少于 5 人');
    // The heatmap's legend names the grey: not reported, or withheld.
    expect(await page.locator('[data-testid=branches-compare], body').first().innerText()).toBeTruthy();
    await photograph(page, join(screenshotsDir, 'analyst-branches-withheld.png'), VIEWPORT);
    expect(problems).toEqual([]);
  });

  it('should draw withheld groups on the branch profile as labelled gaps, never 0 bars, and say the funnel is partial', async () => {
    await visit(`/branches/${BRANCH_ID}`);
    const charts = ['branch-stage-funnel', 'branch-age', 'branch-education', 'branch-title'];
    await waitForCharts(page, charts);
    let gaps = 0;
    for (const name of charts.slice(1)) {
      const o = await chartOption(page, name);
      const labels: string[] = o.xAxis[0].data;
      const data: unknown[] = o.series[0].data;
      labels.forEach((label, i) => {
        if (label.includes(WITHHELD)) {
          gaps++;
          expect(data[i], `${name}: ${label}`).toBe('-');
        } else expect(typeof data[i], `${name}: ${label}`).toBe('number');
      });
    }
    const funnel = await chartOption(page, 'branch-stage-funnel');
    const partial = (funnel.series[0].data as { now: number | null; partial: boolean }[]).filter((d) => d.partial);
    expect(gaps + partial.length, 'withheld groups on the demo profile').toBeGreaterThan(0);
    if (gaps || partial.length) expect(await page.locator('[data-testid=profile-withheld]').innerText()).toContain('涉及人数少于 5 人');
    expect(problems).toEqual([]);
  });

  it('should give the analyst an indicator’s evidence as totals alone, withheld where too few people stand behind them', async () => {
    await visit('/indicators/new_probationary_count');
    const panel = page.locator('#evidence');
    await panel.locator('[data-testid=evidence-analyst]').waitFor({ timeout: 30_000 });
    // No record table for an analyst (each record is one person's), and the counts read as withheld, not 0.
    expect(await panel.locator('table').count()).toBe(0);
    const withheld = panel.locator('[data-withheld]');
    expect(await withheld.innerText()).toContain(WITHHELD);
    expect(await panel.innerText()).not.toMatch(/构成合计的 0 条记录/);
    expect(await page.locator('[data-testid=indicator-current] [data-withheld]').innerText()).toBe(WITHHELD);
    await photograph(page, join(screenshotsDir, 'analyst-indicator-withheld.png'), VIEWPORT);
    expect(problems).toEqual([]);
  });
});
