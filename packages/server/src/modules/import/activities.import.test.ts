/**
 * Activities with attendance (two sheets) through GraphQL on a real hub: the template, a good file committed
 * with the cells equal to a recomputation, the same file again changing nothing, an edit updating exactly what
 * changed, every kind of bad row reported at its sheet, row and column with nothing written, and a secretary's
 * rows of another branch each an auth/out_of_scope problem.
 */
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { rebuildCells } from '../../indicators/cells.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { idCard, sheetsXlsx } from '../../test-support/import-files.js';
import { cellDifferences, checksums, commitFile, dryRun, idsIn, importWorld, type ImportWorld } from '../../test-support/import-hub.js';

const ACT = ['党组织', '活动类型', '日期', '主题', '状态', '地点', '应到人数'];
const ATT = ['党组织', '活动类型', '日期', '主题', '身份证号', '出勤状态', '角色', '时长（小时）', '原因'];
const TABLES = ['activity', 'attendance'];

describe('import/activities', () => {
  let hub: TestHub;
  let client: pg.Client;
  let w: ImportWorld;
  let a: string;
  let b: string;
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);

  /** Two meetings of branch a (one organisational life), one service activity of branch b, with attendance. */
  const good = () => {
    const [a1, a2, a3] = idsIn(w, a);
    const [b1] = idsIn(w, b);
    return {
      活动: {
        headers: ACT,
        rows: [
          [a, '支部党员大会', '2026-05-12', '五月支部党员大会', '已开展', '示教室', 3],
          [a, '主题党日', '2026/5/20', '走进社区', '', '', ''],
          [b, '义诊', '2026年4月8日', '社区义诊', '已开展', '广场', ''],
        ],
      },
      出勤: {
        headers: ATT,
        rows: [
          [a, '支部党员大会（三会一课）', '2026-05-12', '五月支部党员大会', a1, '出席', '主讲', 2],
          [a, '支部党员大会', '2026-05-12', '五月支部党员大会', a2, '请假', '', '', '外出进修'],
          [a, '支部党员大会', '2026-05-12', '五月支部党员大会', a3, '免出勤', '', ''],
          [a, '主题党日', '2026-05-20', '走进社区', a1, 'Present', '', 1.5],
          [b, '义诊', '2026-04-08', '社区义诊', b1, '出席', '志愿者', 4],
        ],
      },
    };
  };

  /** A person of branch a from `day` on (a dated stint: transferred in), with the cells recomputed: their ID-card number. */
  const transferredIn = async (day: string) => {
    const no = idCard('19850101', 555);
    const org = (await client.query(`select id from organization where code = $1`, [a])).rows[0].id;
    const { rows } = await client.query(
      `insert into member (hospital_id, organization_id, name, gender, education, professional_title, staff_category,
         political_status, membership_status, joined_on, converted_on, birth_date, id_card_no)
       values ($1, $2, '郑七', 'male', 'master', 'intermediate', 'physician', 'full_member', 'active', '2010-05-01', '2011-05-01', '1985-01-01', $3)
       returning id`,
      [w.h.hospital, org, no],
    );
    await client.query(`update membership set from_on = $2, kind = 'transferred_in' where member_id = $1`, [rows[0].id, day]);
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    return no;
  };

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    w = await importWorld(client, gql, 21, 'ZB');
    expect(w.codes.length).toBeGreaterThanOrEqual(2);
    [a, b] = w.codes as [string, string];
    expect(idsIn(w, a).length).toBeGreaterThanOrEqual(3);
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should serve a template of two sheets with dropdowns from the SDL labels and a 填写说明 sheet', async () => {
    const res = await fetch(`${hub.url}/import/template/activities.xlsx`, { headers: { cookie: hub.cookie } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.worksheets.map((s) => s.name).slice(0, 3)).toEqual(['活动', '出勤', '填写说明']);
    const att = wb.getWorksheet('出勤')!;
    const headers = (att.getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['党组织*', '身份证号', '工号', '原因', '出勤状态*']));
    const dv = att.getCell(3, headers.indexOf('出勤状态*') + 1).dataValidation;
    const lists = wb.getWorksheet('选项')!;
    const labels = lists.getColumn(String(dv.formulae[0]).match(/\$([A-Z]+)\$/)![1]).values.filter(Boolean);
    expect(labels).toEqual(['出席', '请假', '缺席', '免于参加']);
    const types = (wb.getWorksheet('活动')!.getRow(1).values as string[]).indexOf('活动类型*');
    const typeList = wb.getWorksheet('活动')!.getCell(2, types).dataValidation;
    expect(lists.getColumn(String(typeList.formulae[0]).match(/\$([A-Z]+)\$/)![1]).values).toContain('支部党员大会');
    // Filled in as a clerk would (dropdown labels, a date typed as a date), it reads without a problem.
    const fill = (sheet: string, values: Record<string, unknown>) => {
      const ws = wb.getWorksheet(sheet)!;
      const heads = (ws.getRow(1).values as string[]).slice(1).map((h) => h.replace('*', ''));
      for (const [h, v] of Object.entries(values)) ws.getCell(2, heads.indexOf(h) + 1).value = v as never;
    };
    const key = { 党组织: a, 活动类型: '主题党日', 日期: new Date(Date.UTC(2026, 5, 3)), 主题: '模板填写' };
    fill('活动', { ...key, 状态: '已开展', 应到人数: 2 });
    fill('出勤', { ...key, 身份证号: idsIn(w, a)[0], 出勤状态: '出席', '时长（小时）': 1 });
    const filled = await dryRun(gql, 'ACTIVITIES', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(filled.problems).toEqual([]);
    expect(filled.sheets.map((x) => x.create)).toEqual([1, 1]);
  });

  it('should commit a good file whole, with the cells equal to a recomputation; the same file again changes nothing', async () => {
    const file = await sheetsXlsx(good());
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'ACTIVITIES', file);
    expect(r.problems).toEqual([]);
    expect(r.sheets).toEqual([
      { sheet: '活动', rows: 3, create: 3, update: 0, unchanged: 0 },
      { sheet: '出勤', rows: 5, create: 5, update: 0, unchanged: 0 },
    ]);
    expect(await checksums(client, TABLES)).toEqual(before);
    const c = await commitFile(gql, 'ACTIVITIES', file, r.fileHash);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(c.data!.importCommit).toMatchObject({ create: 8, update: 0, unchanged: 0, committed: true });
    expect(await cellDifferences(client)).toEqual([]);
    const stored = await client.query(
      `select a.title, a.status, a.location, a.expected_count, t.status as attendance, t.role, t.hours, t.reason
       from activity a join attendance t on t.activity_id = a.id where a.title = '五月支部党员大会' order by t.status`,
    );
    expect(stored.rows).toEqual([
      {
        title: '五月支部党员大会',
        status: 'held',
        location: '示教室',
        expected_count: 3,
        attendance: 'exempt',
        role: 'attendee',
        hours: null,
        reason: null,
      },
      {
        title: '五月支部党员大会',
        status: 'held',
        location: '示教室',
        expected_count: 3,
        attendance: 'leave',
        role: 'attendee',
        hours: null,
        reason: '外出进修',
      },
      {
        title: '五月支部党员大会',
        status: 'held',
        location: '示教室',
        expected_count: 3,
        attendance: 'present',
        role: 'lecturer',
        hours: 2,
        reason: null,
      },
    ]);
    const audit = await client.query(`select entity, after from audit_log where action = 'import.activities'`);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after).toMatchObject({ fileHash: r.fileHash, create: 8, sheets: [{ sheet: '活动' }, { sheet: '出勤' }] });

    const middle = await checksums(client, TABLES);
    const again = await dryRun(gql, 'ACTIVITIES', file);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 8, problemCount: 0 });
    const c2 = await commitFile(gql, 'ACTIVITIES', file, again.fileHash);
    expect(c2.data!.importCommit).toMatchObject({ create: 0, update: 0, unchanged: 8, committed: true });
    const after = await checksums(client, TABLES);
    expect({ ...after, audit_log: '' }).toEqual({ ...middle, audit_log: '' });

    // An edit: one activity's place, one person's status, a new attendee of a recorded activity (no 活动 row).
    const edited = good();
    edited.活动.rows[0][5] = '会议室';
    edited.出勤.rows[1][5] = '缺席';
    edited.出勤.rows.push([b, '义诊', '2026-04-08', '社区义诊', idsIn(w, b)[1], '出席', '', '']);
    edited.活动.rows.splice(2, 1);
    const changed = await sheetsXlsx(edited);
    const d3 = await dryRun(gql, 'ACTIVITIES', changed);
    expect(d3.problems).toEqual([]);
    expect(d3.sheets).toEqual([
      { sheet: '活动', rows: 2, create: 0, update: 1, unchanged: 1 },
      { sheet: '出勤', rows: 6, create: 1, update: 1, unchanged: 4 },
    ]);
    const c3 = await commitFile(gql, 'ACTIVITIES', changed, d3.fileHash);
    expect(c3.errors).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    // The reason stays with the status changed (请假 → 缺席); a blank reason keeps the stored one.
    const reasonOf = async () =>
      (
        await client.query(
          `select t.status, t.reason from attendance t join activity a on a.id = t.activity_id where a.title = '五月支部党员大会' and t.status in ('leave', 'absent')`,
        )
      ).rows;
    expect(await reasonOf()).toEqual([{ status: 'absent', reason: '外出进修' }]);
    edited.出勤.rows[1][8] = '';
    const blank = await dryRun(gql, 'ACTIVITIES', await sheetsXlsx(edited));
    expect(blank).toMatchObject({ create: 0, update: 0, problemCount: 0 });
    edited.出勤.rows[1][8] = '值夜班';
    const reworded = await sheetsXlsx(edited);
    const d4 = await dryRun(gql, 'ACTIVITIES', reworded);
    expect(d4.sheets[1]).toMatchObject({ update: 1 });
    expect((await commitFile(gql, 'ACTIVITIES', reworded, d4.fileHash)).errors).toBeUndefined();
    expect(await reasonOf()).toEqual([{ status: 'absent', reason: '值夜班' }]);
  }, 120_000);

  it('should report every bad row at its sheet, row and column, and write nothing', async () => {
    const newcomer = await transferredIn('2026-05-15');
    const f = good();
    const [a1] = idsIn(w, a);
    const [b1] = idsIn(w, b);
    f.活动.rows.push(
      ['不存在的支部', '主题党日', '2026-05-01', '甲', '', '', ''], // row 5: unknown organisation
      [a, '主题党日', '2026-13-01', '乙', '', '', ''], // row 6: bad date
      [a, '座谈会', '2026-05-02', '丙', '', '', ''], // row 7: unknown label
      [a, '主题党日', '2026-05-20', '走进社区', '', '', ''], // row 8: the same activity as row 3
      [a, '主题党日', '2099-01-01', '丁', '', '', ''], // row 9: held in the future
    );
    f.出勤.rows.push(
      [a, '支部党员大会', '2026-05-12', '五月支部党员大会', a1, '出席', '', ''], // row 7: the same person as row 2
      [a, '支部党员大会', '2026-05-12', '五月支部党员大会', b1, '出席', '', ''], // row 8: of another branch
      [a, '支部党员大会', '2026-05-12', '五月支部党员大会', idCard('19900101', 999), '出席', '', ''], // row 9: nobody
      [a, '党课', '2026-05-12', '没有这次党课', a1, '出席', '', ''], // row 10: no such activity
      [a, '支部党员大会', '2026-05-12', '五月支部党员大会', idsIn(w, a)[1], '迟到', '', ''], // row 11: unknown status
      [a, '主题党日', '2026-05-20', '走进社区', idsIn(w, a)[1], '出席', '', '', '迟到十分钟'], // row 12: a reason for one present
      [a, '支部党员大会', '2026-05-12', '五月支部党员大会', newcomer, '出席', '', ''], // row 13: transferred in after the day
    );
    const file = await sheetsXlsx(f);
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'ACTIVITIES', file);
    const at = (sheet: string, row: number) =>
      r.problems.filter((p) => p.sheet === sheet && p.row === row).map((p) => `${p.column} ${p.header} ${p.reason} ${p.zh} / ${p.en}`);
    expect(at('活动', 5).join()).toMatch(/^A 党组织 id\/not_found .*没有党组织“不存在的支部”/);
    expect(at('活动', 6).join()).toMatch(/^C 日期 input\/out_of_range .*不是存在的日期/);
    expect(at('活动', 7).join()).toMatch(/^B 活动类型 .*可填：支部党员大会、支委会.*allowed: Branch general meeting/);
    expect(at('活动', 8).join()).toMatch(/^D 主题 input\/duplicate 与第 3 行重复/);
    expect(at('活动', 9).join()).toMatch(/^C 日期 input\/date_out_of_range .*不能晚于今天/);
    expect(at('出勤', 7).join()).toMatch(/^E 身份证号 input\/duplicate .*与第 2 行重复.*同一活动中同一人重复出现/);
    expect(at('出勤', 8).join()).toMatch(/^E 身份证号 input\/not_in_organization/);
    expect(at('出勤', 9).join()).toMatch(/^E 身份证号 id\/not_found/);
    expect(at('出勤', 10).join()).toMatch(/^D 主题 id\/not_found .*没有这项活动/);
    expect(at('出勤', 11).join()).toMatch(/^F 出勤状态 .*可填：出席、请假、缺席、免于参加/);
    expect(at('出勤', 12).join()).toMatch(/^I 原因 input\/inconsistent .*出席的人不填请假\/缺席原因/);
    const aName = (await client.query(`select name from organization where code = $1`, [a])).rows[0].name;
    expect(at('出勤', 13)).toEqual([
      `E 身份证号 input/not_in_organization 此人在 2026-05-12 不是 ${aName} 的党员 / this person was not a member of ${aName} on 2026-05-12`,
    ]);
    expect(r.problemCount).toBe(12);
    // The same person at a meeting after the transfer: no problem.
    const later = { 出勤: { headers: ATT, rows: [[a, '主题党日', '2026-05-20', '走进社区', newcomer, '出席', '', '']] } };
    const ok = await dryRun(gql, 'ACTIVITIES', await sheetsXlsx(later));
    expect(ok.problems).toEqual([]);
    const c = await commitFile(gql, 'ACTIVITIES', file, r.fileHash);
    expect(c.errors?.[0]?.extensions).toMatchObject({ reason: 'import/has_problems' });
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should name a person by 工号 alone or with the ID-card number (the same person), and refuse two that disagree or neither', async () => {
    const [c1, c2, c3] = idsIn(w, a) as [string, string, string];
    for (const [no, card] of [
      ['S-A1', c1],
      ['S-A2', c2],
      ['S-A3', c3],
    ])
      await client.query(`update member set staff_no = $1 where id_card_no = $2`, [no, card]);
    const headers = [...ATT, '工号'];
    const at = (card: string, staff: string, status = '请假') => [a, '主题党日', '2026-05-20', '走进社区', card, status, '', '', '', staff];
    const before = await checksums(client, TABLES);
    const bad = await dryRun(
      gql,
      'ACTIVITIES',
      await sheetsXlsx({ 出勤: { headers, rows: [at('', 'S-A2'), at(c1, 'S-A2'), at('', ''), at('', 'S-NONE')] } }),
    );
    const problems = bad.problems.map((p) => `${p.row} ${p.column} ${p.header} ${p.reason}`);
    expect(problems).toEqual(['3 J 工号 input/inconsistent', '4 E 身份证号 input/required', '5 J 工号 id/not_found']);
    expect(bad.problems[0]!.zh).toBe('身份证号与工号分别属于两名不同的人员：请核对');
    expect(JSON.stringify(bad.problems)).not.toContain('S-A1');
    expect(await checksums(client, TABLES)).toEqual(before);
    const good = await sheetsXlsx({ 出勤: { headers, rows: [at('', 'S-A2'), at(c3, 'S-A3', '缺席')] } });
    const d = await dryRun(gql, 'ACTIVITIES', good);
    expect(d.problems).toEqual([]);
    expect(d.sheets).toEqual([{ sheet: '出勤', rows: 2, create: 2, update: 0, unchanged: 0 }]);
    expect((await commitFile(gql, 'ACTIVITIES', good, d.fileHash)).errors).toBeUndefined();
    const stored = await client.query(
      `select m.staff_no, t.status from attendance t join activity a on a.id = t.activity_id join member m on m.id = t.member_id
       where a.title = '走进社区' and m.staff_no is not null order by m.staff_no`,
    );
    expect(stored.rows).toEqual([
      { staff_no: 'S-A1', status: 'present' },
      { staff_no: 'S-A2', status: 'leave' },
      { staff_no: 'S-A3', status: 'absent' },
    ]);
    expect(await cellDifferences(client)).toEqual([]);
    // The same file again: nothing changes (the person found by staff number is the stored attendance's).
    expect(await dryRun(gql, 'ACTIVITIES', good)).toMatchObject({ create: 0, update: 0, unchanged: 2 });
  });

  it('should hand the workbook back with a 错误说明 column on each sheet, and read attendance alone from a CSV', async () => {
    const f = good();
    f.活动.rows[1][2] = '2099-01-01';
    f.出勤.rows[0][5] = '迟到';
    const res = await gql(
      `mutation($f: String!) { importDryRun(kind: ACTIVITIES, file: $f) { problemCount errorsWorkbook problems { sheet row column zh } } }`,
      {
        f: (await sheetsXlsx(f)).toString('base64'),
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.importDryRun.problemCount, JSON.stringify(res.data)).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.data!.importDryRun.errorsWorkbook, 'base64') as never);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['活动', '出勤']);
    expect(wb.getWorksheet('活动')!.getCell(1, ACT.length + 1).value).toBe('错误说明');
    expect(wb.getWorksheet('活动')!.getCell(3, ACT.length + 1).text).toMatch(/C列“日期”：已开展的活动日期不能晚于今天/);
    expect(wb.getWorksheet('出勤')!.getCell(2, ATT.length + 1).text).toMatch(/F列“出勤状态”：“迟到” 不是可选值/);
    // A CSV of attendance alone (its header says which sheet it is), naming recorded activities: nothing new, and
    // the one status the edit above changed (请假 → 缺席) back.
    const csv = [ATT, ...good().出勤.rows].map((r) => r.join(',')).join('\r\n');
    const r = await dryRun(gql, 'ACTIVITIES', csv);
    expect(r.problems).toEqual([]);
    expect(r.sheets).toEqual([{ sheet: '出勤', rows: 5, create: 0, update: 1, unchanged: 4 }]);
  });

  it('should keep a title as typed (Chinese punctuation), and find a meeting recordActivity recorded by it', async () => {
    const title = '学习贯彻，七一讲话（第一次）';
    const rec = await gql(`mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`, {
      i: { organizationId: toGlobalId('Organization', w.branches[0]!), type: 'PARTY_LECTURE', title, heldOn: '2026-07-01' },
    });
    expect(rec.errors).toBeUndefined();
    const f = await sheetsXlsx({ 活动: { headers: ACT, rows: [[a, '党课', '2026-07-01', title, '', '', '']] } });
    expect((await dryRun(gql, 'ACTIVITIES', f)).sheets).toEqual([{ sheet: '活动', rows: 1, create: 0, update: 0, unchanged: 1 }]);
    const other = await sheetsXlsx({ 活动: { headers: ACT, rows: [[a, '党课', '2026-07-02', `${title}：续`, '', '', '']] } });
    const r = await dryRun(gql, 'ACTIVITIES', other);
    expect((await commitFile(gql, 'ACTIVITIES', other, r.fileHash)).errors).toBeUndefined();
    expect((await client.query(`select title from activity where held_on = '2026-07-02'`)).rows).toEqual([{ title: `${title}：续` }]);
  });

  it('should suggest close names for a misspelt organisation, and never create one', async () => {
    const name = (await client.query(`select name from organization where id = $1`, [w.branches[0]])).rows[0].name as string;
    const r = await dryRun(
      gql,
      'ACTIVITIES',
      await sheetsXlsx({ 活动: { headers: ACT, rows: [[`${name}x`, '主题党日', '2026-05-03', '错字', '', '', '']] } }),
    );
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].zh).toContain(`是否是：“${name}”`);
  });

  it('should make each row of another branch an auth/out_of_scope problem for a secretary of one branch', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'act-secretary', AccountRole.SECRETARY, [w.branches[0]]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const file = await sheetsXlsx({
      活动: {
        headers: ACT,
        rows: [
          [a, '主题党日', '2026-06-01', '六月主题党日', '', '', ''],
          [b, '主题党日', '2026-06-01', '六月主题党日', '', '', ''],
        ],
      },
      出勤: { headers: ATT, rows: [[b, '义诊', '2026-04-08', '社区义诊', idsIn(w, b)[0], '缺席', '', '']] },
    });
    const before = await checksums(client, TABLES);
    const r = await dryRun(as, 'ACTIVITIES', file);
    expect(r.problems.map((p) => [p.sheet, p.row, p.column, p.reason])).toEqual([
      ['活动', 3, 'A', 'auth/out_of_scope'],
      ['出勤', 2, 'A', 'auth/out_of_scope'],
    ]);
    expect((await commitFile(as, 'ACTIVITIES', file, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });
});
