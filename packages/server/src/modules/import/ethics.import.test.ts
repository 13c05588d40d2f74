/**
 * Medical-ethics events through GraphQL on a real hub: banners (two on one day, told apart by their number), a
 * thank-you letter naming a person, a refused red envelope with its amount and a complaint committed with the
 * cells equal to a recomputation, the same file again changing nothing, a changed amount updating one, every
 * kind of bad row reported with nothing written, another branch's department and person out of scope for a
 * secretary.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { idCard, sheetsXlsx } from '../../test-support/import-files.js';
import { cellDifferences, checksums, commitFile, dryRun, idsIn, importWorld, type ImportWorld } from '../../test-support/import-hub.js';

const HEADERS = ['类型', '科室', '身份证号', '日期', '同日序号', '金额', '医院'];
const TABLES = ['ethics_event'];

describe('import/ethics', () => {
  let hub: TestHub;
  let client: pg.Client;
  let w: ImportWorld;
  /** A department of a branch (mine) and one outside it (theirs), by name; a branch's code each (theirs: another branch). */
  let mine: { dept: string; code: string };
  let theirs: { dept: string; code: string };
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const file = (rows: unknown[][]) => sheetsXlsx({ 医德医风: { headers: HEADERS, rows } });
  const good = () => [
    ['锦旗', mine.dept, '', '2026-03-08', '', '', ''],
    ['锦旗', mine.dept, '', '2026/3/8', 2, '', ''],
    ['感谢信', mine.dept, idsIn(w, mine.code)[0], '2026-04-01', '', '', ''],
    ['拒收红包', mine.dept, idsIn(w, mine.code)[1], '2026年5月4日', '', 800, ''],
    ['投诉', theirs.dept, '', '2026-02-10', '', '', ''],
  ];

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    w = await importWorld(client, gql, 23, 'ET');
    // Mine: a department of an active branch; theirs: another department (another branch's, or the committee's).
    const { rows } = await client.query(
      `select name, branch_id from department where hospital_id = $1 order by branch_id = any($2::int[]) desc nulls last, id`,
      [w.h.hospital, w.branches],
    );
    const other = rows.find((d) => d.branch_id !== rows[0].branch_id)!;
    mine = { dept: rows[0].name, code: w.codes[w.branches.indexOf(rows[0].branch_id)] };
    theirs = { dept: other.name, code: w.codes.find((c) => c !== mine.code)! };
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should commit a good file, the cells equal to a recomputation; the same file again changes nothing; a new amount updates one', async () => {
    const f = await file(good());
    const before = await checksums(client, TABLES);
    const last = (await client.query(`select coalesce(max(id), 0) as n from ethics_event`)).rows[0].n;
    const r = await dryRun(gql, 'ETHICS', f);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 5, create: 5, update: 0, unchanged: 0 });
    expect(await checksums(client, TABLES)).toEqual(before);
    const c = await commitFile(gql, 'ETHICS', f, r.fileHash);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    const stored = await client.query(
      `select type, occurred_on::text as on, member_id is not null as person, amount::float8 as amount from ethics_event
       where id > $1 order by occurred_on, id`,
      [last],
    );
    expect(stored.rows).toEqual([
      { type: 'complaint', on: '2026-02-10', person: false, amount: null },
      { type: 'banner', on: '2026-03-08', person: false, amount: null },
      { type: 'banner', on: '2026-03-08', person: false, amount: null },
      { type: 'thank_letter', on: '2026-04-01', person: true, amount: null },
      { type: 'refused_red_envelope', on: '2026-05-04', person: true, amount: 800 },
    ]);

    const middle = await checksums(client, TABLES);
    const again = await dryRun(gql, 'ETHICS', f);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 5 });
    expect((await commitFile(gql, 'ETHICS', f, again.fileHash)).data!.importCommit).toMatchObject({ unchanged: 5, committed: true });
    expect({ ...(await checksums(client, TABLES)), audit_log: '' }).toEqual({ ...middle, audit_log: '' });

    const rows = good();
    rows[3][5] = 1200.5;
    const changed = await file(rows);
    const d = await dryRun(gql, 'ETHICS', changed);
    expect(d).toMatchObject({ create: 0, update: 1, unchanged: 4, problemCount: 0 });
    expect((await commitFile(gql, 'ETHICS', changed, d.fileHash)).errors).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    expect((await client.query(`select count(*)::int as n from ethics_event where amount = 1200.5`)).rows[0].n).toBe(1);
    expect((await client.query(`select count(*)::int as n from audit_log where action = 'import.ethics'`)).rows[0].n).toBe(3);
  }, 120_000);

  it('should report every bad row and write nothing', async () => {
    const person = idsIn(w, mine.code)[2];
    const f = await file([
      ['感谢信', mine.dept, person, '2026-01-20', '', '', ''], // row 2: fine
      ['锦旗', mine.dept, '', '2026-01-20', '', 300, ''], // row 3: an amount on a banner
      ['拒收红包', mine.dept, person, '2026-01-20', '', '', ''], // row 4: a red envelope without its amount
      ['投诉', mine.dept, '', '2099-01-20', '', '', ''], // row 5: in the future
      ['投诉', '不存在的科室', '', '2026-01-20', '', '', ''], // row 6: no such department
      ['感谢信', mine.dept, idCard('19800101', 998), '2026-01-20', '', '', ''], // row 7: nobody
      ['感谢信', mine.dept, person, '2026-01-20', 1, '', ''], // row 8: row 2 again
      ['医疗纠纷', mine.dept, '', '2026-01-21', 3, '', ''], // row 9: number 3 with no 1 nor 2
      ['表扬', mine.dept, '', '2026-01-20', '', '', ''], // row 10: unknown type
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'ETHICS', f);
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => `${p.column} ${p.header} ${p.reason} ${p.zh} / ${p.en}`);
    expect(at(2)).toEqual([]);
    expect(at(3).join()).toMatch(/^F 金额 input\/inconsistent 只有拒收红包记录金额/);
    expect(at(4).join()).toMatch(/^F 金额 input\/required 拒收红包须填写金额/);
    expect(at(5).join()).toMatch(/^D 日期 input\/date_out_of_range/);
    expect(at(6).join()).toMatch(/^B 科室 id\/not_found/);
    expect(at(7).join()).toMatch(/^C 身份证号 id\/not_found/);
    expect(at(8).join()).toMatch(/^E 同日序号 input\/duplicate 与第 2 行重复/);
    expect(at(9).join()).toMatch(/^E 同日序号 input\/inconsistent 同日序号须连续/);
    expect(at(10).join()).toMatch(/^A 类型 input\/out_of_range/);
    expect(r.problemCount).toBe(8);
    expect((await commitFile(gql, 'ETHICS', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should make another branch’s department and person auth/out_of_scope for a secretary of one branch', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'eth-secretary', AccountRole.SECRETARY, [w.branches[w.codes.indexOf(mine.code)]]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const f = await file([
      ['锦旗', mine.dept, '', '2026-02-02', '', '', ''],
      ['锦旗', theirs.dept, '', '2026-02-02', '', '', ''],
      ['感谢信', mine.dept, idsIn(w, theirs.code)[0], '2026-02-02', '', '', ''],
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(as, 'ETHICS', f);
    expect(r.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [3, 'B', 'auth/out_of_scope'],
      [4, 'C', 'auth/out_of_scope'],
    ]);
    expect(await checksums(client, TABLES)).toEqual(before);
  });
});
