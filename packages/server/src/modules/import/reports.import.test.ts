/**
 * Reported figures through GraphQL on a real hub: a count, a rate from its counts (the indicator named in
 * Chinese), a quarter and a withheld year committed (no cell moves: the cells still equal a recomputation),
 * the same file again changing nothing, a corrected value updating one, every kind of bad row reported with
 * nothing written, another branch's report out of scope for a secretary.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { sheetsXlsx } from '../../test-support/import-files.js';
import { cellDifferences, checksums, commitFile, dryRun, importWorld, type ImportWorld } from '../../test-support/import-hub.js';

const HEADERS = ['党组织', '指标', '期间', '未公开', '数值', '分子', '分母', '来源'];
const TABLES = ['indicator_report'];

describe('import/reports', () => {
  let hub: TestHub;
  let client: pg.Client;
  let w: ImportWorld;
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const file = (rows: unknown[][]) => sheetsXlsx({ 上报指标: { headers: HEADERS, rows } });
  const good = () => [
    [w.codes[0], 'central_group_study_count', '2026-01', '', 4, '', '', '支部台账'],
    [w.codes[0], '党员志愿服务参与率', '2026-Q1', '', '', 12, 20, ''],
    [w.codes[1], 'honors_count', '2025', '是', '', '', '', ''],
    [w.codes[1], 'complaint_count', '2026', '否', 0, '', '', '年度报告'],
  ];

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    w = await importWorld(client, gql, 27, 'RP');
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should commit a good file, the cells equal to a recomputation; the same file again changes nothing; a corrected value updates one', async () => {
    const f = await file(good());
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'REPORTS', f);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 4, create: 4, update: 0, unchanged: 0 });
    expect(await checksums(client, TABLES)).toEqual(before);
    const c = await commitFile(gql, 'REPORTS', f, r.fileHash);
    expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    const stored = await client.query(
      `select o.code, r.indicator_id, r.period, r.disclosure, r.value::float8 as value, r.numerator::float8 as numerator,
         r.denominator::float8 as denominator, r.source
       from indicator_report r join organization o on o.id = r.org_id order by r.id`,
    );
    expect(stored.rows).toEqual([
      {
        code: w.codes[0],
        indicator_id: 'central_group_study_count',
        period: '2026-01',
        disclosure: 'reported',
        value: 4,
        numerator: null,
        denominator: null,
        source: '支部台账',
      },
      {
        code: w.codes[0],
        indicator_id: 'volunteer_participation_rate',
        period: '2026-Q1',
        disclosure: 'reported',
        value: 60,
        numerator: 12,
        denominator: 20,
        source: null,
      },
      {
        code: w.codes[1],
        indicator_id: 'honors_count',
        period: '2025',
        disclosure: 'not_disclosed',
        value: null,
        numerator: null,
        denominator: null,
        source: null,
      },
      {
        code: w.codes[1],
        indicator_id: 'complaint_count',
        period: '2026',
        disclosure: 'reported',
        value: 0,
        numerator: null,
        denominator: null,
        source: '年度报告',
      },
    ]);

    const middle = await checksums(client, TABLES);
    const again = await dryRun(gql, 'REPORTS', f);
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 4 });
    expect((await commitFile(gql, 'REPORTS', f, again.fileHash)).data!.importCommit).toMatchObject({ unchanged: 4, committed: true });
    expect({ ...(await checksums(client, TABLES)), audit_log: '' }).toEqual({ ...middle, audit_log: '' });

    const rows = good();
    rows[0][4] = 5;
    const changed = await file(rows);
    const d = await dryRun(gql, 'REPORTS', changed);
    expect(d).toMatchObject({ create: 0, update: 1, unchanged: 3, problemCount: 0 });
    expect((await commitFile(gql, 'REPORTS', changed, d.fileHash)).errors).toBeUndefined();
    expect(await cellDifferences(client)).toEqual([]);
    expect((await client.query(`select value::float8 as v from indicator_report where period = '2026-01'`)).rows[0].v).toBe(5);
    expect((await client.query(`select count(*)::int as n from audit_log where action = 'import.reports'`)).rows[0].n).toBe(3);
  }, 120_000);

  it('should report every bad row and write nothing', async () => {
    const f = await file([
      [w.codes[0], 'service_event_count', '2026-02', '', 3, '', '', ''], // row 2: fine
      [w.codes[0], 'no_such_indicator', '2026-02', '', 3, '', '', ''], // row 3: unknown indicator
      [w.codes[0], 'integration_index', '2026-02', '', 3, '', '', ''], // row 4: computed, not reported
      [w.codes[0], 'service_event_count', '二月', '', 3, '', '', ''], // row 5: not a period
      [w.codes[0], 'service_event_count', '2099', '', 3, '', '', ''], // row 6: to come
      [w.codes[0], 'honors_count', '2026-03', '', 3, '', '', ''], // row 7: a month of a yearly indicator
      [w.codes[0], 'service_event_count', '2026-03', '是', 3, '', '', ''], // row 8: withheld with a number
      [w.codes[0], 'service_event_count', '2026-04', '', '', '', '', ''], // row 9: a count without its value
      [w.codes[0], 'volunteer_participation_rate', '2026-Q2', '', '', 30, 20, ''], // row 10: numerator past the denominator
      [w.codes[0], 'service_event_count', '2026-02', '', 4, '', '', ''], // row 11: row 2 again
      ['不存在的支部', 'service_event_count', '2026-02', '', 3, '', '', ''], // row 12: unknown organisation
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(gql, 'REPORTS', f);
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => `${p.column} ${p.header} ${p.reason} ${p.zh} / ${p.en}`);
    expect(at(2)).toEqual([]);
    expect(at(3).join()).toMatch(/^B 指标 indicator\/unknown/);
    expect(at(4).join()).toMatch(/^B 指标 indicator\/derived/);
    expect(at(5).join()).toMatch(/^C 期间 period\/invalid/);
    expect(at(6).join()).toMatch(/^C 期间 period\/future/);
    expect(at(7).join()).toMatch(/^C 期间 period\/invalid .*按年考核/);
    expect(at(8).join()).toMatch(/^E 数值 input\/inconsistent/);
    expect(at(9).join()).toMatch(/^E 数值 input\/required/);
    expect(at(10).join()).toMatch(/^F 分子 input\/out_of_range 分子不能大于分母/);
    expect(at(11).join()).toMatch(/^C 期间 input\/duplicate 与第 2 行重复/);
    expect(at(12).join()).toMatch(/^A 党组织 id\/not_found/);
    expect(r.problemCount).toBe(10);
    expect((await commitFile(gql, 'REPORTS', f, r.fileHash)).errors?.[0]?.extensions?.reason).toBe('import/has_problems');
    expect(await checksums(client, TABLES)).toEqual(before);
  });

  it('should make another branch’s report auth/out_of_scope for a secretary of one branch', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'rep-secretary', AccountRole.SECRETARY, [w.branches[0]]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const f = await file([
      [w.codes[0], 'service_event_count', '2026-05', '', 3, '', '', ''],
      [w.codes[1], 'service_event_count', '2026-05', '', 3, '', '', ''],
    ]);
    const before = await checksums(client, TABLES);
    const r = await dryRun(as, 'REPORTS', f);
    expect(r.problems.map((p) => [p.row, p.column, p.reason])).toEqual([[3, 'A', 'auth/out_of_scope']]);
    expect(await checksums(client, TABLES)).toEqual(before);
  });
});
