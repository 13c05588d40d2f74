/**
 * Research projects through GraphQL on a real hub: projects of branches and the committee committed with the
 * cells equal to a recomputation, the same file again changing nothing, a changed status updating one, every
 * kind of bad row reported with nothing written, another branch's project out of scope for a secretary.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { sheetsXlsx } from '../../test-support/import-files.js';
import { cellDifferences, checksums, commitFile, dryRun, importWorld, type ImportWorld } from '../../test-support/import-hub.js';

const HEADERS = ['党组织', '课题名称', '级别', '立项日期', '状态'];
const TABLES = ['research_project'];

describe('import/research', () => {
  let hub: TestHub;
  let client: pg.Client;
  let w: ImportWorld;
  let committee: string;
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const file = (rows: unknown[][]) => sheetsXlsx({ 党建课题: { headers: HEADERS, rows } });
  const good = () => [
    [w.codes[0], '公立医院党建与业务融合研究', '院级', '2026-03-01', '在研'],
    [w.codes[1], '党支部标准化建设路径', '市级', '2026/4/2', '已立项'],
    [committee, '“双培养”机制研究', '省级', '2026年1月15日', '已结题'],
  ];

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    w = await importWorld(client, gql, 22, 'RP');
    committee = (await client.query(`select name from organization where id = $1`, [w.h.committee])).rows[0].name;
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should commit a good file, the cells equal to a recomputation; the same file again changes nothing; a new status updates one', async () => {
    const f = await file(good());
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'RESEARCH', f);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 3, create: 3, update: 0, unchanged: 0 });
    expect(await checksums(client, TABLES)).toEqual(before);
    const c = await commitFile(gql, 'RESEARCH', f, r.fileHash);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    const stored = await client.query(
      `select organization_id, level, approved_on::text, status from research_project
       where title in ('公立医院党建与业务融合研究', '党支部标准化建设路径', '“双培养”机制研究') order by approved_on`,
    );
    expect(stored.rows).toEqual([
      { organization_id: w.h.committee, level: 'provincial', approved_on: '2026-01-15', status: 'completed' },
      { organization_id: w.branches[0], level: 'hospital', approved_on: '2026-03-01', status: 'in_progress' },
      { organization_id: w.branches[1], level: 'municipal', approved_on: '2026-04-02', status: 'approved' },
    ]);

    const middle = await checksums(client, TABLES);
    const again = await dryRun(gql, 'RESEARCH', f);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    expect((await commitFile(gql, 'RESEARCH', f, again.fileHash)).data!.importCommit).toMatchObject({ unchanged: 3, committed: true });
    expect({ ...(await checksums(client, TABLES)), audit_log: '' }).toEqual({ ...middle, audit_log: '' });

    const rows = good();
    rows[1][4] = '在研';
    const changed = await file(rows);
    const d = await dryRun(gql, 'RESEARCH', changed);
    expect(d).toMatchObject({ create: 0, update: 1, unchanged: 2, problemCount: 0 });
    expect((await commitFile(gql, 'RESEARCH', changed, d.fileHash)).errors).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    expect((await client.query(`select count(*)::int as n from audit_log where action = 'import.research'`)).rows[0].n).toBe(3);
  }, 120_000);

  it('should report every bad row and write nothing', async () => {
    const f = await file([
      [w.codes[0], '课题甲', '院级', '2026-02-01', '在研'], // row 2: fine
      [w.codes[0], '课题乙', '院级', '2099-02-01', '在研'], // row 3: in the future
      ['不存在的支部', '课题丙', '院级', '2026-02-01', '在研'], // row 4: unknown organisation
      [w.codes[0], '课题丁', '特级', '2026-02-01', '在研'], // row 5: unknown level
      [w.codes[0], '课题甲', '市级', '2026-02-01', '已结题'], // row 6: row 2 again
      [w.codes[0], '', '院级', '2026-02-01', '在研'], // row 7: no title
      [w.codes[0], '课题戊', '院级', '1900-01-01', '在研'], // row 8: before the earliest fact
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'RESEARCH', f);
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => `${p.column} ${p.header} ${p.reason} ${p.zh} / ${p.en}`);
    expect(at(2)).toEqual([]);
    expect(at(3).join()).toMatch(/^D 立项日期 input\/date_out_of_range 已发生的事实日期不能晚于今天/);
    expect(at(4).join()).toMatch(/^A 党组织 id\/not_found/);
    expect(at(5).join()).toMatch(/^C 级别 input\/out_of_range .*可填：国家级、省级/);
    expect(at(6).join()).toMatch(/^B 课题名称 input\/duplicate 与第 2 行重复/);
    expect(at(7).join()).toMatch(/^B 课题名称 input\/required/);
    expect(at(8).join()).toMatch(/^D 立项日期 input\/date_out_of_range 日期不能早于/);
    expect(r.problemCount).toBe(6);
    expect((await commitFile(gql, 'RESEARCH', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should make another branch’s and the committee’s projects auth/out_of_scope for a secretary of one branch', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'rp-secretary', AccountRole.SECRETARY, [w.branches[0]]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const f = await file([
      [w.codes[0], '课题己', '院级', '2026-02-02', '在研'],
      [w.codes[1], '课题己', '院级', '2026-02-02', '在研'],
      [committee, '课题庚', '院级', '2026-02-02', '在研'],
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(as, 'RESEARCH', f);
    expect(r.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [3, 'A', 'auth/out_of_scope'],
      [4, 'A', 'auth/out_of_scope'],
    ]);
    expect((await commitFile(as, 'RESEARCH', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });
});
