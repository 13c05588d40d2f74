/**
 * Development steps through GraphQL on a real hub: a full member's whole record (their status and dates as the
 * roll has them), a non-member's way to activist and another's to probation (their status following), committed
 * with the cells equal to a recomputation; the same file again changing nothing; training hours added updating
 * one; every kind of bad row reported with nothing written; a secretary's other branch out of scope.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { idCard, roll, rollXlsx, sheetsXlsx } from '../../test-support/import-files.js';
import { cellDifferences, checksums, commitFile, dryRun, idsIn, importWorld, type ImportWorld } from '../../test-support/import-hub.js';

const HEADERS = ['身份证号', '医院', '阶段', '日期', '介绍人1身份证号', '介绍人2身份证号', '培训学时'];
const TABLES = ['development_event', 'member'];

/** A date moved by whole months and days. */
const shift = (date: string, months: number, days = 0) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + months, d + days)).toISOString().slice(0, 10);
};

describe('import/development', () => {
  let hub: TestHub;
  let client: pg.Client;
  let w: ImportWorld;
  /** Non-members of the first branch, imported from a roll. */
  let masses: string[];
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const file = (rows: unknown[][]) => sheetsXlsx({ 发展党员: { headers: HEADERS, rows } });
  /** A full member of the first branch: their ID, joining and conversion dates on the roll. */
  const member = () => w.people.find((p) => p[3] === w.codes[0])!.map(String);
  const statusOf = async (id: string) =>
    (
      await client.query(
        `select political_status, joined_on::text as joined_on, converted_on::text as converted_on from member where id_card_no = $1`,
        [id],
      )
    ).rows[0];

  /** The full member's whole record, ending where the roll has them (a full member). */
  const wholeRecord = () => {
    const [, id, , , , joined, converted] = member();
    const [i1, i2] = idsIn(w, w.codes[0]).filter((x) => x !== id);
    return [
      [id, '', '递交入党申请书', shift(joined, -36)],
      [id, '', '确定为入党积极分子', shift(joined, -33)],
      [id, '', 'activist_review', shift(joined, -27)],
      [id, '', '确定为发展对象', shift(joined, -12), i1, i2],
      [id, '', '政治审查', shift(joined, -10)],
      [id, '', '集中培训结业', shift(joined, -6), '', '', 24],
      [id, '', '发展公示', shift(joined, -5)],
      [id, '', '支部大会讨论接收', joined, i1, i2],
      [id, '', '上级党委审批', shift(joined, 1)],
      [id, '', '入党宣誓', shift(joined, 1, 1)],
      [id, '', '提出转正申请', shift(joined, 11)],
      [id, '', '支部大会讨论转正', shift(converted, 0, -5)],
      // Approved after the day the roll has (the roll's dates stand where the status is the same).
      [id, '', '转正审批', shift(converted, 0, 20)],
    ];
  };
  const good = () => [
    ...wholeRecord(),
    [masses[1], '', 'Application submitted', '2024-03-01'],
    [masses[1], '', '确定为入党积极分子', '2024-06-01'],
    [masses[2], '', '递交入党申请书', '2023-01-10'],
    [masses[2], '', '确定为入党积极分子', '2023-04-10'],
    [masses[2], '', '确定为发展对象', '2024-05-10'],
    [masses[2], '', '政治审查', '2024-06-10'],
    [masses[2], '', '集中培训结业', '2024-07-10', '', '', 32],
    [masses[2], '', '发展公示', '2024-08-10'],
    [masses[2], '', '支部大会讨论接收', '2024-09-10'],
    [masses[2], '', '上级党委审批', '2024-10-10'],
  ];

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    w = await importWorld(client, gql, 31, 'DV');
    // Eight non-members of the first branch (born 1990–1997), the second one's in the second branch.
    const extra = roll(8, [w.codes[0]], 8000).map((p, i) => [...p.slice(0, 3), i === 7 ? w.codes[1] : p[3], '群众', '', '', ...p.slice(7)]);
    const f = await rollXlsx(extra);
    const r = await dryRun(gql, 'MEMBERS', f);
    expect(r.problems).toEqual([]);
    expect((await commitFile(gql, 'MEMBERS', f, r.fileHash)).errors).toBeUndefined();
    masses = extra.map((p) => String(p[1]));
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should commit a good file, the statuses following and the cells equal to a recomputation; the same file again changes nothing; hours added update one', async () => {
    const f = await file(good());
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'DEVELOPMENT', f);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 23, create: 23, update: 0, unchanged: 0 });
    expect(await checksums(client, TABLES)).toEqual(before);
    const c = await commitFile(gql, 'DEVELOPMENT', f, r.fileHash);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    const [, id, , , , joined, converted] = member();
    expect(await statusOf(id)).toEqual({ political_status: 'full_member', joined_on: joined, converted_on: converted });
    expect(await statusOf(masses[1])).toEqual({ political_status: 'activist', joined_on: null, converted_on: null });
    expect(await statusOf(masses[2])).toEqual({ political_status: 'probationary', joined_on: '2024-09-10', converted_on: null });
    const intro = await client.query(
      `select count(*)::int as n from development_event e join member m on m.id = e.member_id
       where m.id_card_no = $1 and e.introducer1_id is not null and e.introducer2_id is not null`,
      [id],
    );
    expect(intro.rows[0].n).toBe(2);

    const middle = await checksums(client, TABLES);
    const again = await dryRun(gql, 'DEVELOPMENT', f);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 23, problemCount: 0 });
    expect((await commitFile(gql, 'DEVELOPMENT', f, again.fileHash)).data!.importCommit).toMatchObject({ unchanged: 23, committed: true });
    expect({ ...(await checksums(client, TABLES)), audit_log: '' }).toEqual({ ...middle, audit_log: '' });

    const rows = good();
    rows[18][6] = 40; // masses[2]'s political review: 40 hours
    rows.push([masses[1], '', '积极分子半年考察', '2024-12-01']);
    const changed = await file(rows);
    const d = await dryRun(gql, 'DEVELOPMENT', changed);
    expect(d).toMatchObject({ create: 1, update: 1, unchanged: 22, problemCount: 0 });
    expect((await commitFile(gql, 'DEVELOPMENT', changed, d.fileHash)).errors).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    expect((await client.query(`select count(*)::int as n from audit_log where action = 'import.development'`)).rows[0].n).toBe(3);
  }, 120_000);

  it('should report every bad row and write nothing', async () => {
    const full = idsIn(w, w.codes[0]).at(-1)!;
    const f = await file([
      [masses[3], '', '递交入党申请书', '2025-01-10'], // row 2: fine
      [idCard('19800101', 999), '', '递交入党申请书', '2025-01-10'], // row 3: nobody
      [masses[4], '', '递交入党申请书', '2099-01-10'], // row 4: in the future
      [masses[4], '', '入党', '2025-01-10'], // row 5: no such stage
      [masses[5], '', '确定为发展对象', '2025-01-10'], // row 6: not after an application
      [masses[3], '', '递交入党申请书', '2025-01-10'], // row 7: row 2 again
      [masses[0], '', '递交入党申请书', '2005-01-10'], // row 8: under 18
      [full, '', '递交入党申请书', '2025-01-10'], // row 9: a full member's record stopping at an application
      [masses[6], '', '递交入党申请书', '2025-01-10', idCard('19800101', 998)], // row 10: an unknown introducer
      [member()[1], '', '撤回/终止', '2026-01-10'], // row 11: after the conversion
      [masses[6], '不存在的医院', '递交入党申请书', '2025-02-10'], // row 12: no such hospital
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'DEVELOPMENT', f);
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => `${p.column} ${p.header} ${p.reason} ${p.zh} / ${p.en}`);
    expect(at(2)).toEqual([]);
    expect(at(3).join()).toMatch(/^A 身份证号 id\/not_found/);
    expect(at(4).join()).toMatch(/^D 日期 input\/date_out_of_range/);
    expect(at(5).join()).toMatch(/^C 阶段 input\/out_of_range .*可填：递交入党申请书/);
    expect(at(6).join()).toMatch(/^C 阶段 stage\/out_of_order 按发展党员程序，此时只能记录：递交入党申请书/);
    expect(at(7).join()).toMatch(/^C 阶段 input\/duplicate 与第 2 行重复/);
    expect(at(8).join()).toMatch(/^D 日期 stage\/age_requirement/);
    expect(at(9).join()).toMatch(/^C 阶段 input\/inconsistent 发展纪实未达到/);
    expect(at(10).join()).toMatch(/^E 介绍人1身份证号 id\/not_found/);
    expect(at(11).join()).toMatch(/^C 阶段 stage\/closed/);
    expect(at(12).join()).toMatch(/^B 医院 id\/not_found/);
    expect(r.problemCount).toBe(10);
    expect((await commitFile(gql, 'DEVELOPMENT', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should make another branch’s people, and a status change counting in another branch, auth/out_of_scope for a secretary of one branch', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'dev-secretary', AccountRole.SECRETARY, [w.branches[0]]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    // masses[5] was in the second branch for a while: their status counts there too.
    await client.query(
      `insert into membership (member_id, organization_id, from_on, to_on, kind) select id, $2, '2018-01-01', '2019-01-01', 'transferred_in'
       from member where id_card_no = $1`,
      [masses[5], w.branches[1]],
    );
    const f = await file([
      [masses[3], '', '递交入党申请书', '2025-02-02'],
      [masses[7], '', '递交入党申请书', '2025-02-02'],
      [masses[4], '', '递交入党申请书', '2025-02-02', idsIn(w, w.codes[1])[0]],
      [masses[5], '', '递交入党申请书', '2025-02-02'],
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(as, 'DEVELOPMENT', f);
    expect(r.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [3, 'A', 'auth/out_of_scope'],
      [4, 'E', 'auth/out_of_scope'],
      [5, 'A', 'auth/out_of_scope'],
    ]);
    expect(await checksums(client, TABLES)).toEqual(before);
  });
});
