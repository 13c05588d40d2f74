/**
 * 录入 and 导入 in Chromium, as a branch secretary (demo-secretary, by its one-time link): a 支部党员大会 with 20
 * attendees recorded by keyboard alone in under a minute, while the overview board open in a second page shows
 * the organisational-life cell change live; a refused save shows the hub's problem beside its field (zh, then en);
 * the meeting edited from the list of recent ones, then cancelled; the members template downloaded, filled with
 * 3 bad rows, each shown with its row, fixed and committed; the board offers the secretary its own branch only.
 * An analyst has no 录入 in the menu.
 * Screenshots: test/screenshots/entry-*.png, import-*.png.
 */
import ExcelJS from 'exceljs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { demoLink, gql, type HubProcess } from '../support/hub-process.ts';
import {
  axeFindings,
  demoSecretary,
  idCard,
  lastCompleteMonth,
  screenshotsDir,
  startDashboardHub,
  unexpected,
  watchProblems,
} from './harness.ts';

const VIEWPORT = { width: 1366, height: 900 };

describe('dashboard/entry', () => {
  let dataDir: string;
  let hub: HubProcess;
  let browser: Browser;
  /** demo-secretary's browser, signed in by the first test (its link works once). */
  let secretary: { context: BrowserContext; page: Page; problems: string[] };
  let branch: { id: string; name: string };
  let otherBranch: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-entry-'));
    hub = await startDashboardHub(dataDir);
    browser = await launchChromium();
    await mkdir(screenshotsDir, { recursive: true });
    // The demo secretary's branch is the demo data's first; another branch is out of its scope.
    const res = await gql(
      hub.url,
      `{ organizations(filter: { kind: { eq: BRANCH } }, first: 2, orderBy: [{ field: ID }]) { nodes { id name } } }`,
    );
    [branch, { name: otherBranch }] = res.data.organizations.nodes;
    secretary = await demoSecretary(browser, hub, { viewport: VIEWPORT, locale: 'zh-CN', acceptDownloads: true });
  });
  afterAll(async () => {
    await secretary?.context.close();
    await browser?.close();
    hub?.killAll();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('should record a 支部党员大会 with 20 attendees by keyboard in under a minute, and the open overview shows it live', async () => {
    const { context, page, problems } = secretary;
    // The overview board, open in a second page of the same session: its organisational-life attendance cell.
    const board = await context.newPage();
    const boardProblems = watchProblems(board, new URL(hub.url).origin);
    await board.goto(`${hub.url}/`);
    const cell = board.locator('[data-testid=row-org_life_attendance_rate] td.num').first();
    await expect.poll(() => cell.innerText(), { timeout: 60_000 }).toMatch(/\d|—/);
    await expect.poll(() => board.locator('[data-testid=live-mark]').getAttribute('class'), { timeout: 30_000 }).toMatch(/\blive\b/);
    const before = (await cell.innerText()).trim();

    await page.bringToFront();
    await page.locator('[data-testid=nav-entry]').click();
    await page.locator('[data-testid=meeting-form]').waitFor();
    expect(await page.locator('[data-testid=nav-entry]').innerText()).toBe('录入');
    const rows = page.locator('[data-testid=meeting-row]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
    // Names, not masks: the secretary's own members (the read is audited by the hub).
    expect(await rows.first().locator('.name').innerText()).not.toMatch(/\*/);
    const date = `${lastCompleteMonth()}-20`;

    // From here on, the keyboard only; the clock runs from the first key to the hub's answer.
    const started = performance.now();
    await page.locator('[data-testid=meeting-type]').focus();
    await page.keyboard.press('Tab'); // the type stays 支部党员大会 (the default)
    // Tabbing into the date selects today's: typed over, as people write a date (the form reads 2026/11/20 as 2026-11-20).
    await page.keyboard.type(date.replaceAll('-', '/'));
    await page.keyboard.press('Tab'); // the status stays 已开展 (held)
    await page.keyboard.press('Tab');
    await page.keyboard.type('支部党员大会（键盘录入）');
    await page.keyboard.press('Tab');
    await page.keyboard.type('三楼会议室');
    await page.keyboard.press('Tab'); // 全部出席
    await page.keyboard.press('Tab'); // 全部清除
    await page.keyboard.press('Tab'); // the first member's row
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press(i === 4 || i === 11 ? '2' : i === 7 ? '3' : '1');
      if (i !== 4) continue;
      // Marked 请假, the row shows a reason input: Shift+Tab back from the next row reaches it, Tab leaves it.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.type('门诊值班');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid=meeting-notice]').waitFor({ timeout: 30_000 });
    const seconds = (performance.now() - started) / 1000;
    console.log(`a 20-attendee meeting by keyboard: ${seconds.toFixed(1)} s from the first key to the hub's answer`);
    expect(seconds).toBeLessThan(60);
    expect(await page.locator('[data-testid=meeting-notice]').innerText()).toMatch(/已保存“支部党员大会（键盘录入）”（21 行）/);
    expect(await page.locator('[data-testid=meeting-tally]').innerText()).toContain('出席 17 · 请假 2 · 缺席 1');

    // What the hub holds: the meeting, 20 attendance rows as marked.
    const held = await gql(
      hub.url,
      `query($org: ID!) { activities(filter: { orgId: $org, title: { eq: "支部党员大会（键盘录入）" } }) { nodes { type heldOn location
         attendances(first: 100) { nodes { status reason } } } } }`,
      { org: branch.id },
    );
    const [meeting] = held.data.activities.nodes;
    expect(meeting).toMatchObject({ type: 'BRANCH_GENERAL_MEETING', heldOn: date, location: '三楼会议室' });
    const statuses = meeting.attendances.nodes.map((a: { status: string }) => a.status);
    expect(statuses.toSorted()).toEqual([...Array(1).fill('ABSENT'), ...Array(2).fill('LEAVE'), ...Array(17).fill('PRESENT')]);
    const reasons = meeting.attendances.nodes.filter((a: { reason: string | null }) => a.reason);
    expect(reasons).toEqual([{ status: 'LEAVE', reason: '门诊值班' }]);
    expect(await rows.nth(4).locator('[data-testid=meeting-reason]').inputValue()).toBe('门诊值班');

    // The board open beside it changed without a reload.
    await board.waitForFunction(
      (old) => document.querySelector('[data-testid=row-org_life_attendance_rate] td.num')?.textContent?.trim() !== old,
      before,
      { polling: 50, timeout: 15_000 },
    );
    console.log(`overview 组织生活出勤率 ${before} → ${(await cell.innerText()).trim()}`);
    expect(await board.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await page.screenshot({ path: join(screenshotsDir, 'entry-meeting-1366-zh-CN.png'), fullPage: true });
    await board.close();
    expect(problems).toEqual([]);
    expect(boardProblems).toEqual([]);
  });

  it('should show the hub’s problem beside its field, in Chinese and in English, and write nothing', async () => {
    const { page, problems } = secretary;
    problems.length = 0;
    await page.locator('[data-testid=meeting-new]').click();
    await page.locator('[data-testid=meeting-date]').fill('2099-12-31');
    await page.locator('[data-testid=meeting-title-input]').fill('未来的会议');
    await page.locator('[data-testid=meeting-all-present]').click();
    await page.locator('[data-testid=meeting-save]').click();
    const error = page.locator('[data-testid=error-meeting-input-heldOn]');
    await error.waitFor({ timeout: 15_000 });
    expect(await error.innerText()).toMatch(/不能晚于今天/);
    expect(await page.locator('#meeting-input-heldOn').getAttribute('aria-invalid')).toBe('true');
    // The focus went to the field refused.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('meeting-input-heldOn');
    expect(await page.locator('[data-testid=meeting-error]').innerText()).toMatch(/未保存/);
    await page.screenshot({ path: join(screenshotsDir, 'entry-problem-1366-zh-CN.png'), fullPage: true });
    await page.locator('[data-testid=lang-toggle]').click();
    await expect.poll(() => error.innerText()).toMatch(/cannot be dated after today/);
    expect(await page.locator('main').innerText()).toMatch(/Attendance/);
    expect(await page.locator('main').innerText()).not.toMatch(/\b(entry|imports)\.[a-zA-Z]+/);
    await page.screenshot({ path: join(screenshotsDir, 'entry-problem-1366-en.png'), fullPage: true });
    await page.locator('[data-testid=lang-toggle]').click();
    const none = await gql(hub.url, `{ activities(filter: { title: { eq: "未来的会议" } }) { totalCount } }`);
    expect(none.data.activities.totalCount).toBe(0);
    expect(unexpected(problems)).toEqual([]);
  });

  it('should edit the meeting from the list of recent ones, then cancel it', async () => {
    const { page, problems } = secretary;
    problems.length = 0;
    const row = page.locator('[data-testid=meeting-recent-row]', { hasText: '支部党员大会（键盘录入）' });
    expect(await row.innerText()).toContain('17/20 出席');
    await row.locator('[data-testid=meeting-edit]').click();
    await expect.poll(() => page.locator('#meeting-title').innerText()).toMatch(/修改会议/);
    expect(await page.locator('[data-testid=meeting-title-input]').inputValue()).toBe('支部党员大会（键盘录入）');
    // The absent member came after all: → on their row (absent wraps round to present).
    await page.locator('[data-row="7"] [data-mark=ABSENT]').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[data-row="7"] [data-mark=PRESENT]').getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('18/20 出席');
    await row.locator('[data-testid=meeting-cancel]').click();
    await row.locator('[data-testid=meeting-cancel]').click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('CANCELLED');
    const res = await gql(hub.url, `{ activities(filter: { title: { eq: "支部党员大会（键盘录入）" } }) { nodes { status } } }`);
    expect(res.data.activities.nodes).toEqual([{ status: 'CANCELLED' }]);
    expect(problems).toEqual([]);
  });

  it('should download the members template, show each of 3 bad rows beside its row, and commit the fixed file', async () => {
    const { page, problems } = secretary;
    problems.length = 0;
    await page.locator('[data-testid=nav-import]').click();
    await page.locator('[data-testid=import-form]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=import-template]').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as never);
    // The data sheet comes first (the parser reads the first); 填写说明 after it.
    const sheet = wb.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    // A required column's header is marked 身份证号*.
    const bare = (h: string) => h.replace(/[*＊\s]/g, '');
    expect(headers.map(bare)).toContain('身份证号');
    // Three people; the file carries three mistakes: a wrong check digit, a branch out of scope, a date that is no date.
    const person = (i: number, over: Record<string, string> = {}) => {
      const birth = `19${80 + i}0${i + 1}1${i}`;
      const id = idCard(birth, 100 + i);
      const values: Record<string, string> = {
        姓名: `导入测试${i}`,
        身份证号: id,
        性别: Number(id[16]) % 2 ? '男' : '女',
        所在党支部: branch.name,
        政治面貌: '正式党员',
        入党日期: `20${10 + i}-07-01`,
        转正日期: `20${11 + i}-07-01`,
        学历: '大学本科',
        职称: '中级',
        人员类别: '医师',
        ...over,
      };
      return headers.map((h) => values[bare(h)] ?? '');
    };
    const write = async (rows: string[][], name: string) => {
      const out = new ExcelJS.Workbook();
      const ws = out.addWorksheet(sheet.name);
      ws.addRow(headers);
      for (const r of rows) ws.addRow(r);
      ws.columns.forEach((c) => (c.numFmt = '@'));
      const path = join(dataDir, name);
      await writeFile(path, Buffer.from(await out.xlsx.writeBuffer()));
      return path;
    };
    const goodId = idCard('19800110', 100);
    const badId = goodId.slice(0, 17) + (goodId[17] === '1' ? '2' : '1');
    const bad = await write(
      [person(0, { 身份证号: badId }), person(1, { 所在党支部: otherBranch }), person(2, { 入党日期: '2015年13月40日' })],
      '名册-有错.xlsx',
    );
    await page.locator('[data-testid=import-file]').setInputFiles(bad);
    await page.locator('[data-testid=import-dry-run]').click();
    const table = page.locator('[data-testid=import-problems]');
    await table.waitFor({ timeout: 30_000 });
    const found = await page.locator('[data-testid=import-problem]').allInnerTexts();
    expect(found).toHaveLength(3);
    // Each beside its row as Excel numbers it (the header is row 1).
    expect(found.map((r) => r.split('\t')[1])).toEqual(['2', '3', '4']);
    expect(found[1]).toMatch(/范围|scope/);
    expect(await page.locator('[data-testid=import-problem-count]').innerText()).toMatch(/共 3 个问题/);
    expect(await page.locator('[data-testid=import-commit]').count()).toBe(0);
    await page.locator('[data-testid=import-errors-workbook]').waitFor();
    await page.screenshot({ path: join(screenshotsDir, 'import-problems-1366-zh-CN.png'), fullPage: true });
    const [errors] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=import-errors-workbook]').click()]);
    expect(errors.suggestedFilename()).toBe('名册-有错-错误说明.xlsx');

    const fixed = await write([person(0), person(1), person(2)], '名册.xlsx');
    await page.locator('[data-testid=import-file]').setInputFiles(fixed);
    await page.locator('[data-testid=import-dry-run]').click();
    await page.locator('[data-testid=import-clean]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=import-counts]').innerText()).toMatch(/新建 3，更新 0，不变 0/);
    await page.locator('[data-testid=import-commit]').click();
    await page.locator('[data-testid=import-committed]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=import-committed]').innerText()).toMatch(/已导入：新建 3/);
    await page.screenshot({ path: join(screenshotsDir, 'import-committed-1366-zh-CN.png'), fullPage: true });
    const members = await gql(hub.url, `{ members(filter: { orgId: "${branch.id}" }) { nodes { name } } }`);
    expect(members.data.members.nodes.map((m: { name: string }) => m.name).filter((n: string) => n.startsWith('导入测试'))).toHaveLength(3);
    expect(problems).toEqual([]);
  });

  it('should download the activities template, show each of 3 bad meetings beside its row, commit the fixed file, and export the branch’s roll', async () => {
    const { page, problems } = secretary;
    problems.length = 0;
    await page.goto(`${hub.url}/import`);
    await page.locator('[data-testid=import-form]').waitFor();
    await page.locator('[data-testid=import-kind]').selectOption('ACTIVITIES');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=import-template]').click()]);
    expect(download.suggestedFilename()).toBe('activities-template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as never);
    expect(wb.worksheets.slice(0, 2).map((w) => w.name)).toEqual(['活动', '出勤']);
    const bare = (h: string) => h.replace(/[*＊\s]/g, '');
    const headersOf = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const [activitySheet, attendanceSheet] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    const headers = headersOf(activitySheet);
    const meeting = (i: number, over: Record<string, string> = {}) => {
      const values: Record<string, string> = {
        党组织: branch.name,
        活动类型: '主题党日',
        日期: `2026-0${i + 1}-15`,
        主题: `导入的主题党日${i}`,
        地点: '党员活动室',
        ...over,
      };
      return headers.map((h) => values[bare(h)] ?? '');
    };
    const write = async (rows: string[][], name: string) => {
      const out = new ExcelJS.Workbook();
      out.addWorksheet('活动').addRow(headers);
      for (const r of rows) out.getWorksheet('活动')!.addRow(r);
      out.addWorksheet('出勤').addRow(headersOf(attendanceSheet));
      const path = join(dataDir, name);
      await writeFile(path, Buffer.from(await out.xlsx.writeBuffer()));
      return path;
    };
    const bad = await write(
      [meeting(0, { 活动类型: '茶话会' }), meeting(1, { 日期: '2026年13月1日' }), meeting(2, { 党组织: otherBranch })],
      '活动-有错.xlsx',
    );
    await page.locator('[data-testid=import-file]').setInputFiles(bad);
    await page.locator('[data-testid=import-dry-run]').click();
    await page.locator('[data-testid=import-problems]').waitFor({ timeout: 30_000 });
    const found = await page.locator('[data-testid=import-problem]').allInnerTexts();
    expect(found).toHaveLength(3);
    expect(found.map((r) => r.split('\t')[1])).toEqual(['2', '3', '4']);
    expect(found[0]).toMatch(/茶话会/);
    expect(found[2]).toMatch(/范围|scope/);
    expect(await page.locator('[data-testid=import-commit]').count()).toBe(0);
    await page.screenshot({ path: join(screenshotsDir, 'import-activities-problems-1366-zh-CN.png'), fullPage: true });

    const fixed = await write([meeting(0), meeting(1), meeting(2)], '活动.xlsx');
    await page.locator('[data-testid=import-file]').setInputFiles(fixed);
    await page.locator('[data-testid=import-dry-run]').click();
    await page.locator('[data-testid=import-clean]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=import-commit]').click();
    await page.locator('[data-testid=import-committed]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=import-committed]').innerText()).toMatch(/新建 3/);
    const held = await gql(
      hub.url,
      `{ activities(filter: { orgId: "${branch.id}", title: { startsWith: "导入的主题党日" } }) { nodes { title heldOn } } }`,
    );
    expect(held.errors).toBeUndefined();
    expect(held.data.activities.nodes).toHaveLength(3);

    // The roll as the hub holds it, for this secretary's branch only, in the template's layout, naming its exporter.
    await page.locator('[data-testid=import-kind]').selectOption('MEMBERS');
    const [roll] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=import-export]').click()]);
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load((await readFile(await roll.path())) as never);
    const rows: string[] = [];
    exported.worksheets[0]!.eachRow((row, n) => void (n > 1 && rows.push(String((row.values as unknown[])[6]))));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows).size).toBe(1);
    expect(exported.getWorksheet('导出信息')!.getCell('A1').text).toBe('导出人');

    // 2026's meetings with their attendance, in the activities template's two sheets (with the three just imported).
    await page.locator('[data-testid=import-kind]').selectOption('ACTIVITIES');
    await page.locator('[data-testid=import-export-year]').selectOption('2026'); // the year of the meetings the file above held
    const [meetings] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=import-export]').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(await meetings.path())) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['活动', '出勤', '导出信息']);
    const titles: string[] = [];
    book.getWorksheet('活动')!.eachRow((row, n) => void (n > 1 && titles.push(String((row.values as unknown[])[4]))));
    expect(titles.filter((x) => x.startsWith('导入的主题党日'))).toHaveLength(3);
    expect(problems).toEqual([]);
  });

  it('should show the hub’s problems beside their fields on the small forms, and save once corrected', async () => {
    const { page, problems } = secretary;
    problems.length = 0;
    // 科室月度数据: a figure that is no number is said here; a month ahead, by the hub, beside the month.
    await page.goto(`${hub.url}/entry/metrics`);
    await page.locator('[data-testid=metrics-form]').waitFor();
    await expect.poll(() => page.locator('[data-testid=metrics-department] option').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.locator('[data-testid=metrics-OUTPATIENT_VISITS]').fill('一千二');
    await page.locator('[data-testid=metrics-OUTPATIENT_VISITS]').press('Enter');
    await expect.poll(() => page.locator('[data-testid=error-metrics-code-OUTPATIENT_VISITS]').innerText()).toBe('请填写数字');
    await page.locator('[data-testid=metrics-OUTPATIENT_VISITS]').fill('１,２００');
    await page.locator('[data-testid=metrics-month]').fill('2099-01');
    await page.locator('[data-testid=metrics-save]').click();
    await expect.poll(() => page.locator('[data-testid=error-metrics-month]').innerText(), { timeout: 15_000 }).toMatch(/不能晚于今天/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('metrics-month');
    await page.locator('[data-testid=metrics-month]').fill(lastCompleteMonth());
    await page.locator('[data-testid=metrics-save]').click();
    // Polled on the form's whole text: a refusal instead would be read out in the failure.
    await expect.poll(() => page.locator('[data-testid=metrics-entry]').innerText(), { timeout: 15_000 }).toContain('已报送 1 项');
    expect(await page.locator('[data-testid=error-metrics-month]').count()).toBe(0);

    // 报送指标值: a rate whose numerator exceeds its denominator, refused beside the numerator; then withheld instead.
    await page.goto(`${hub.url}/entry/report`);
    await page.locator('[data-testid=report-form]').waitFor();
    await page.locator('[data-testid=report-indicator]').selectOption('outpatient_satisfaction');
    await page.locator('[data-testid=report-numerator]').fill('90');
    await page.locator('[data-testid=report-denominator]').fill('80');
    await page.locator('[data-testid=report-save]').click();
    const numerator = page.locator('[data-testid=error-report-numerator]');
    await expect.poll(() => numerator.innerText(), { timeout: 15_000 }).toBe('分子不能大于分母');
    await page.screenshot({ path: join(screenshotsDir, 'entry-report-problem-1366-zh-CN.png'), fullPage: true });
    await page.locator('[data-testid=lang-toggle]').click();
    await expect.poll(() => numerator.innerText()).toBe('the numerator cannot exceed the denominator');
    await page.locator('[data-testid=lang-toggle]').click();
    await page.locator('[data-testid=report-withheld]').check();
    await page.locator('[data-testid=report-save]').click();
    await expect.poll(() => page.locator('[data-testid=report-notice]').innerText(), { timeout: 15_000 }).toMatch(/^已报送：门诊/);

    // 发展环节: a full member's development has ended: a step for them is refused beside the step.
    const full = await gql(
      hub.url,
      `query($org: ID!) { members(filter: { orgId: $org, politicalStatus: { eq: FULL_MEMBER }, membershipStatus: { eq: ACTIVE } }, first: 1) { nodes { id } } }`,
      { org: branch.id },
    );
    await page.goto(`${hub.url}/entry/development`);
    await page.locator('[data-testid=dev-form]').waitFor();
    await expect.poll(() => page.locator('[data-testid=dev-person] option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await page.locator('[data-testid=dev-person]').selectOption(full.data.members.nodes[0].id);
    await page.locator('[data-testid=dev-stage]').selectOption('TARGET_CONFIRMED');
    await page.locator('[data-testid=dev-date]').fill(`${lastCompleteMonth()}-10`);
    await page.locator('[data-testid=dev-save]').click();
    await expect.poll(() => page.locator('[data-testid=error-dev-stage]').innerText(), { timeout: 15_000 }).toMatch(/发展程序已结束/);
    await page.screenshot({ path: join(screenshotsDir, 'entry-development-problem-1366-zh-CN.png'), fullPage: true });
    expect(unexpected(problems)).toEqual([]);
  });

  it('should fit every entry page on a phone without sideways scrolling, and pass axe on a wide screen', async () => {
    const { page, problems } = secretary;
    problems.length = 0;
    for (const path of ['/entry', '/entry/development', '/entry/metrics', '/entry/report', '/import']) {
      await page.setViewportSize(VIEWPORT);
      await page.goto(`${hub.url}${path}`);
      await page.locator('form').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await axeFindings(page), `axe on ${path}`).toEqual([]);
      await page.setViewportSize({ width: 390, height: 844 });
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth, `${path} is ${scrollWidth - clientWidth} px wider than the phone`).toBeLessThanOrEqual(clientWidth);
    }
    await page.screenshot({ path: join(screenshotsDir, 'import-390-zh-CN.png'), fullPage: true });
    await page.setViewportSize(VIEWPORT);
    expect(problems).toEqual([]);
  });

  it('should show the secretary its own branch only: the board’s picker offers its subtree, never another branch or the committee', async () => {
    const { page, problems } = secretary;
    await page.goto(`${hub.url}/`);
    const picker = page.locator('select[data-testid=org-picker]').first();
    await picker.waitFor({ timeout: 30_000 });
    const options = (await picker.locator('option').allInnerTexts()).map((o) => o.trim());
    expect(options[0]).toBe(branch.name);
    expect(options).not.toContain(otherBranch);
    expect(options.filter((o) => /党委|党总支/.test(o))).toEqual([]);
    // And the hub answers its people of that branch only (the page asks with the same cookie).
    const people = await page.evaluate(async () => {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ members(first: 1000) { nodes { organization { name } } } }' }),
      });
      return ((await res.json()) as { data: { members: { nodes: { organization: { name: string } }[] } } }).data.members.nodes;
    });
    expect(people.length).toBeGreaterThan(0);
    expect(new Set(people.map((m) => m.organization.name))).toEqual(new Set([branch.name]));
    expect(problems).toEqual([]);
  });

  it('should offer no 录入 or 导入 to an analyst', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await page.goto(demoLink(hub, 'analyst')!);
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe('/');
      await page.locator('[data-testid=nav]').waitFor();
      expect(await page.locator('[data-testid=nav-entry]').count()).toBe(0);
      expect(await page.locator('[data-testid=nav-import]').count()).toBe(0);
      await page.goto(`${hub.url}/entry`);
      await page.locator('[data-testid=entry-no-permission]').waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
    }
  });
});
