/**
 * The organisation tree through GraphQL on a real hub: a general branch with two branches and a party group
 * (listed before its parents), departments and their branch links committed with the cells equal to a
 * recomputation, the same file again changing nothing, a changed name renaming; every kind of bad row
 * reported with nothing written; a secretary's rows outside their subtree, and any department or link,
 * auth/out_of_scope.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { sheetsXlsx } from '../../test-support/import-files.js';
import { enumChoices } from './columns.js';
import { KINDS } from './kinds.js';
import { templateWorkbook } from './template.js';
import { cellDifferences, checksums, commitFile, dryRun, importWorld, type ImportWorld } from '../../test-support/import-hub.js';

const ORG_HEADERS = ['组织代码', '名称', '类型', '类别', '上级组织', '成立日期'];
const DEPT_HEADERS = ['科室名称', '类型', '上级科室', '医院'];
const LINK_HEADERS = ['党支部', '科室', '起始日期', '截止日期'];
const TABLES = ['organization', 'department', 'branch_department'];

const file = (orgs: unknown[][], depts: unknown[][] = [], links: unknown[][] = []) =>
  sheetsXlsx({
    党组织: { headers: ORG_HEADERS, rows: orgs },
    科室: { headers: DEPT_HEADERS, rows: depts },
    支部科室: { headers: LINK_HEADERS, rows: links },
  });
const linkRows = () => [
  ['TB1', '测试心内科', '2025-03-01', ''],
  ['TB2', '测试心内一病区', '2025-03-01', ''],
];

/** The hospital's three sheets as the kind's export declaration reads them (a stand-in for the generic exporter). */
async function exported(db: pg.ClientBase, hospital: number): Promise<Buffer> {
  const sheets: Record<string, { headers: string[]; rows: unknown[][] }> = {};
  for (const [i, spec] of KINDS.tree.sheets.entries()) {
    const x = KINDS.tree.exports![i]!;
    const columns = spec.columns.filter((c) => x.source[c.field]);
    const { rows } = await db.query(
      `select ${columns.map((c) => `${x.source[c.field]} as "${c.field}"`).join(', ')} from ${x.from}
       where ${x.hospital} = $1 and ${x.where ?? 'true'} order by ${x.key}`,
      [hospital],
    );
    const cell = (c: (typeof columns)[number], v: unknown) =>
      v == null ? '' : c.type === 'enum' ? enumChoices(c).find((e) => e.value === v)!.zh : c.type === 'boolean' ? (v ? '是' : '否') : v;
    sheets[spec.sheet] = { headers: columns.map((c) => c.header), rows: rows.map((r) => columns.map((c) => cell(c, r[c.field]))) };
  }
  return sheetsXlsx(sheets);
}

describe('import/tree', () => {
  let hub: TestHub;
  let client: pg.Client;
  let w: ImportWorld;
  let committee: { code: string; name: string };
  let stored: { name: string; type: string };
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const orgRows = () => [
    ['TP1', '测试第一党小组', '党小组', '', 'TB1', '2025-04-01'],
    ['TB1', '测试第一党支部', '党支部', '临床', 'TG1', '2025-02-01'],
    ['TB2', '测试第二党支部', '党支部', '临床', '测试党总支', '2025-02-01'],
    ['TG1', '测试党总支', '党总支', '临床', committee.code, '2025-01-01'],
    [committee.code, committee.name, '党委', '', '', ''],
  ];
  const deptRows = () => [
    ['测试心内一病区', '护理单元', '测试心内科', ''],
    ['测试心内科', '临床科室', '', ''],
    [stored.name, stored.type, '', ''],
  ];
  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    w = await importWorld(client, gql, 23, 'TR');
    await client.query(`update organization set code = 'TRC' || id where id = $1`, [w.h.committee]);
    committee = (await client.query(`select code, name from organization where id = $1`, [w.h.committee])).rows[0];
    const d = await client.query(`select name, type from department where hospital_id = $1 and closed_on is null order by id limit 1`, [
      w.h.hospital,
    ]);
    stored = d.rows[0];
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should found the tree parents first, create departments and links, the cells equal to a recomputation; the same file again changes nothing; a new name renames', async () => {
    const f = await file(orgRows(), deptRows(), linkRows());
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'TREE', f);
    expect(r.problems).toEqual([]);
    expect(r.sheets).toEqual([
      { sheet: '党组织', rows: 5, create: 4, update: 0, unchanged: 1 },
      { sheet: '科室', rows: 3, create: 2, update: 0, unchanged: 1 },
      { sheet: '支部科室', rows: 2, create: 2, update: 0, unchanged: 0 },
    ]);
    expect(await checksums(client, TABLES)).toEqual(before);
    const c = await commitFile(gql, 'TREE', f, r.fileHash);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    const tree = await client.query(
      `select o.code, o.kind, p.code as parent, o.founded_on::text as founded from organization o join organization p on p.id = o.parent_id
       where o.code in ('TB1', 'TB2', 'TG1', 'TP1') order by o.code`,
    );
    expect(tree.rows).toEqual([
      { code: 'TB1', kind: 'branch', parent: 'TG1', founded: '2025-02-01' },
      { code: 'TB2', kind: 'branch', parent: 'TG1', founded: '2025-02-01' },
      { code: 'TG1', kind: 'general_branch', parent: committee.code, founded: '2025-01-01' },
      { code: 'TP1', kind: 'party_group', parent: 'TB1', founded: '2025-04-01' },
    ]);
    const depts = await client.query(
      `select d.name, d.type, p.name as parent, b.code as branch from department d left join department p on p.id = d.parent_id
       left join organization b on b.id = d.branch_id where d.name like '测试心内%' order by d.name`,
    );
    expect(depts.rows).toEqual([
      { name: '测试心内一病区', type: 'nursing_unit', parent: '测试心内科', branch: 'TB2' },
      { name: '测试心内科', type: 'clinical', parent: null, branch: 'TB1' },
    ]);

    const middle = await checksums(client, TABLES);
    const again = await dryRun(gql, 'TREE', f);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 10, problemCount: 0 });
    expect((await commitFile(gql, 'TREE', f, again.fileHash)).data!.importCommit).toMatchObject({ unchanged: 10, committed: true });
    expect({ ...(await checksums(client, TABLES)), audit_log: '' }).toEqual({ ...middle, audit_log: '' });

    const rows = orgRows();
    rows[2][1] = '测试第二党支部（心内）';
    const renamed = await file(rows, deptRows(), linkRows());
    const d = await dryRun(gql, 'TREE', renamed);
    expect(d).toMatchObject({ create: 0, update: 1, unchanged: 9, problemCount: 0 });
    expect((await commitFile(gql, 'TREE', renamed, d.fileHash)).errors).toBeUndefined();
    expect((await client.query(`select name from organization where code = 'TB2'`)).rows).toEqual([{ name: '测试第二党支部（心内）' }]);
    expect(await cellDifferences(client)).toEqual([]);
    const audit = await client.query(`select after from audit_log where action = 'import.tree' order by id desc limit 1`);
    expect(audit.rows[0].after.renamed).toEqual([expect.objectContaining({ before: '测试第二党支部', after: '测试第二党支部（心内）' })]);
  }, 120_000);

  it('should read the hospital as its export declaration writes it back unchanged', async () => {
    await client.query(
      `update organization set code = 'TW' || id where code is null and path like (select path from organization where id = $1) || '%'`,
      [w.h.committee],
    );
    const f = await exported(client, w.h.hospital);
    const r = await dryRun(gql, 'TREE', f);
    expect(r.problems).toEqual([]);
    expect(r.rows).toBeGreaterThan(10);
    expect(r).toMatchObject({ create: 0, update: 0, unchanged: r.rows });
  });

  it('should read its own template back: three sheets, no rows, no problem', async () => {
    const r = await dryRun(gql, 'TREE', await templateWorkbook(KINDS.tree.sheets));
    expect(r.problems).toEqual([]);
    expect(r.sheets.map((s) => [s.sheet, s.rows])).toEqual([
      ['党组织', 0],
      ['科室', 0],
      ['支部科室', 0],
    ]);
  });

  it('should report every bad row and write nothing', async () => {
    const f = await file(
      [
        ['TX1', '未知上级支部', '党支部', '', '不存在的党总支', '2025-05-01'], // row 2: unknown parent
        ['TX2', '循环甲', '党总支', '', 'TX3', '2025-05-01'], // row 3: a cycle with row 4
        ['TX3', '循环乙', '党总支', '', 'TX2', '2025-05-01'], // row 4
        ['TB1', '测试第一党支部', '党支部', '', 'TB2', ''], // row 5: another parent (a move)
        ['TX4', '重复甲', '党支部', '', 'TG1', '2025-05-01'], // row 6: fine
        ['TX4', '重复乙', '党支部', '', 'TG1', '2025-05-01'], // row 7: row 6's code again
        ['TX5', '类型不明', '党小队', '', 'TG1', '2025-05-01'], // row 8: no such kind
      ],
      [],
      [['TB2', '测试心内科', '2025-06-01', '']], // row 2: the department's primary link to TB1 is open
    );
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'TREE', f);
    const at = (sheet: string, row: number) =>
      r.problems.filter((p) => p.sheet === sheet && p.row === row).map((p) => `${p.column} ${p.header} ${p.reason} ${p.zh} / ${p.en}`);
    expect(at('党组织', 2).join()).toMatch(/^E 上级组织 id\/not_found 没有党组织“不存在的党总支”/);
    expect(at('党组织', 3).join()).toMatch(/^E 上级组织 organization\/cycle/);
    expect(at('党组织', 4).join()).toMatch(/^E 上级组织 organization\/cycle/);
    expect(at('党组织', 5).join()).toMatch(/^E 上级组织 input\/inconsistent .*迁移.*moveOrganization/);
    expect(at('党组织', 6)).toEqual([]);
    expect(at('党组织', 7).join()).toMatch(/^A 组织代码 input\/duplicate 与第 6 行重复/);
    expect(at('党组织', 8).join()).toMatch(/^C 类型 input\/out_of_range .*可填：.*党总支/);
    expect(at('支部科室', 2).join()).toMatch(/^C 起始日期 branch_department\/overlap/);
    expect(r.problemCount).toBe(7);
    expect((await commitFile(gql, 'TREE', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should make rows outside a secretary’s subtree, and every department and link, auth/out_of_scope', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'tree-secretary', AccountRole.SECRETARY, [w.branches[0]]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const f = await file(
      [
        ['TS1', '秘书党小组', '党小组', '', w.codes[0], '2026-11-01'],
        ['TS2', '秘书党支部', '党支部', '', 'TG1', '2026-11-01'],
      ],
      [['秘书科', '临床科室', '', '']],
      [[w.codes[0], stored.name, '2026-11-01', '']],
    );
    const before = await checksums(client, TABLES);
    const r = await dryRun(as, 'TREE', f);
    expect(r.problems.map((p) => [p.sheet, p.row, p.column, p.reason])).toEqual([
      ['党组织', 3, 'E', 'auth/out_of_scope'],
      ['科室', 2, 'D', 'auth/out_of_scope'],
      ['支部科室', 2, 'B', 'auth/out_of_scope'],
    ]);
    expect(await checksums(client, TABLES)).toEqual(before);
  });
});
