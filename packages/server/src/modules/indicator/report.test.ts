/**
 * Reported and undisclosed figures (reportIndicatorValue): a figure kept outside the hub reads back as
 * REPORTED where there are no records; records win where there are (the report beside them); a figure
 * withheld reads null with NOT_DISCLOSED (never 0, never 未填报) and makes every total above it incomplete;
 * every bad report is refused with a coded, bilingual problem naming its argument, and writes nothing.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId as gid } from '../../graphql/global-id.js';
import { rebuildCells, verifyCells } from '../../indicators/cells.js';
import { buildFixture, type Fixture } from '../../test-support/fixtures.js';
import { startTestHub, type TestHub } from '../../test-support/hub.js';

const REPORT = `mutation($o: ID!, $i: String!, $p: String!, $d: IndicatorDisclosure, $v: Float, $n: Float, $den: Float, $s: String) {
  reportIndicatorValue(orgId: $o, indicatorId: $i, period: $p, disclosure: $d, value: $v, numerator: $n, denominator: $den, source: $s) { rows } }`;

const POINT = `value numerator denominator nullReason status provenance incomplete
  reported { period disclosure value numerator denominator source reportedAt }`;

describe('indicator/reported and undisclosed figures', () => {
  let hub: TestHub;
  let f: Fixture;
  let db: pg.Client;
  const org = (o: { id: number }) => gid('Organization', o.id);

  const report = (o: { id: number }, indicatorId: string, period: string, fig: Record<string, unknown> = {}) =>
    hub.gql(REPORT, { o: org(o), i: indicatorId, p: period, ...fig });

  const value = async (o: { id: number }, id: string, period: string) => {
    const res = await hub.gql(
      `query($o: ID!, $p: Period!, $ids: [String!]) { indicators(orgId: $o, period: $p, ids: $ids) { values { ${POINT} } } }`,
      {
        o: org(o),
        p: period,
        ids: [id],
      },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.indicators.values[0];
  };

  const reportCount = async () => Number((await db.query('select count(*) from indicator_report')).rows[0].count);

  beforeAll(async () => {
    hub = await startTestHub();
    db = new pg.Client({ connectionString: hub.db.url });
    await db.connect();
    f = await buildFixture(hub.orm.em.fork(), { generalBranches: 2, branchesPerGeneral: 2, membersPerBranch: 3 });
    // Three banners recorded in October for the third branch's department.
    await db.query(
      `insert into ethics_event (type, department_id, occurred_on, created_at, updated_at)
       select 'banner', $1, d, now(), now() from unnest('{2026-10-03,2026-10-12,2026-10-20}'::date[]) d`,
      [f.departments[2]!.id],
    );
    await db.query('begin');
    await rebuildCells(db);
    await db.query('commit');
  });
  afterAll(async () => {
    await db.end();
    await hub.close();
  });

  it('should read a reported count where there are no records, withheld as NOT_DISCLOSED, and totals above as incomplete', async () => {
    const [b0, b1, b2] = f.branches;
    expect((await report(b0!, 'ethics_banners', '2026-10', { v: 12, s: '2026 年度党建工作报告' })).errors).toBeUndefined();
    expect((await report(b1!, 'ethics_banners', '2026-10', { d: 'NOT_DISCLOSED' })).errors).toBeUndefined();
    expect((await report(b2!, 'ethics_banners', '2026-10', { v: 5 })).errors).toBeUndefined();

    expect(await value(b0!, 'ethics_banners', '2026-10')).toMatchObject({
      value: 12,
      provenance: 'REPORTED',
      incomplete: false,
      reported: { period: '2026-10', disclosure: 'REPORTED', value: 12, source: '2026 年度党建工作报告' },
    });
    const withheld = await value(b1!, 'ethics_banners', '2026-10');
    expect(withheld).toMatchObject({
      value: null,
      numerator: null,
      nullReason: 'NOT_DISCLOSED',
      status: null,
      provenance: 'NOT_DISCLOSED',
    });
    expect(withheld.reported.disclosure).toBe('NOT_DISCLOSED');
    // Records win: the report stands beside them.
    expect(await value(b2!, 'ethics_banners', '2026-10')).toMatchObject({
      value: 3,
      provenance: 'RECORDS',
      reported: { value: 5 },
      incomplete: false,
    });
    // The first general branch: its reported child adds, its withheld child makes the total incomplete.
    expect(await value(f.generalBranches[0]!, 'ethics_banners', '2026-10')).toMatchObject({
      value: 12,
      provenance: 'REPORTED',
      incomplete: true,
    });
    expect(await value(f.generalBranches[1]!, 'ethics_banners', '2026-10')).toMatchObject({
      value: 3,
      provenance: 'RECORDS',
      incomplete: false,
    });
    expect(await value(f.committee, 'ethics_banners', '2026-10')).toMatchObject({
      value: 15,
      provenance: 'RECORDS',
      incomplete: true,
      reported: null,
    });
    // Another month: nothing reported, nothing recorded.
    expect(await value(b0!, 'ethics_banners', '2026-09')).toMatchObject({ value: 0, provenance: 'RECORDS', reported: null });
  });

  it('should take a quarterly score for a monthly rate (the national platform), with its counts adding up the tree', async () => {
    const [b0, , , b3] = f.branches;
    expect(
      (await report(b0!, 'outpatient_satisfaction', '2026-Q3', { n: 90, den: 100, s: '国家卫健委满意度平台' })).errors,
    ).toBeUndefined();
    expect((await report(b3!, 'outpatient_satisfaction', '2026-Q3', { v: 80 })).errors).toBeUndefined();
    expect(await value(b0!, 'outpatient_satisfaction', '2026-Q3')).toMatchObject({
      value: 90,
      numerator: 90,
      denominator: 100,
      provenance: 'REPORTED',
    });
    expect(await value(b3!, 'outpatient_satisfaction', '2026-Q3')).toMatchObject({
      value: 80,
      numerator: null,
      denominator: null,
      provenance: 'REPORTED',
    });
    // The committee adds the counts it has and says the rest is missing (80 % of how many is not known).
    expect(await value(f.committee, 'outpatient_satisfaction', '2026-Q3')).toMatchObject({
      value: 90,
      numerator: 90,
      denominator: 100,
      incomplete: true,
    });
    // A month of the quarter is not the quarter's score.
    expect(await value(b0!, 'outpatient_satisfaction', '2026-09')).toMatchObject({
      value: null,
      nullReason: 'NOT_REPORTED',
      reported: null,
    });
  });

  it('should correct a report by reporting again, the audit log keeping both', async () => {
    const b0 = f.branches[0]!;
    expect((await report(b0, 'ethics_banners', '2026-10', { v: 14 })).errors).toBeUndefined();
    expect(await value(b0, 'ethics_banners', '2026-10')).toMatchObject({ value: 14, provenance: 'REPORTED' });
    const { rows } = await db.query(
      `select before, after from audit_log where action = 'indicator.report' and after->>'indicatorId' = 'ethics_banners' and after->>'period' = '2026-10' and (after->>'value')::float = 14`,
    );
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].before.value)).toBe(12);
  });

  it('should refuse every bad report with a coded, bilingual problem naming its argument, and write nothing', async () => {
    const b0 = f.branches[0]!;
    const before = await reportCount();
    const cases: [string, string, Record<string, unknown>, string, string][] = [
      ['ethics_banners', '2026-10', { d: 'NOT_DISCLOSED', v: 3 }, 'value', 'input/inconsistent'],
      ['outpatient_satisfaction', '2026-10', { n: 120, den: 100 }, 'numerator', 'input/out_of_range'],
      ['outpatient_satisfaction', '2026-10', { n: 10 }, 'denominator', 'input/required'],
      ['outpatient_satisfaction', '2026-10', { v: 101 }, 'value', 'input/out_of_range'],
      ['outpatient_satisfaction', '2026-10', { v: 50, n: 90, den: 100 }, 'value', 'input/inconsistent'],
      ['outpatient_satisfaction', '2026-10', { n: 0, den: 0 }, 'denominator', 'input/out_of_range'],
      ['ethics_banners', '2026-10', {}, 'value', 'input/required'],
      ['ethics_banners', '2026-10', { v: -1 }, 'value', 'input/out_of_range'],
      ['ethics_banners', '2026-10', { v: 3, den: 4 }, 'denominator', 'input/inconsistent'],
      ['ethics_banners', '2099-01', { v: 3 }, 'period', 'period/future'],
      ['general_meeting_rate', '2026-08', { v: 90 }, 'period', 'period/invalid'],
      ['general_meeting_rate', '2026-YTD', { v: 90 }, 'period', 'period/invalid'],
      ['honors_count', '2026-Q3', { v: 2 }, 'period', 'period/invalid'],
      ['ethics_banners', 'last month', { v: 3 }, 'period', 'period/invalid'],
      ['integration_index', '2026-10', { v: 90 }, 'indicatorId', 'indicator/derived'],
      ['no_such_indicator', '2026-10', { v: 1 }, 'indicatorId', 'indicator/unknown'],
      ['ethics_banners', '2026-10', { v: 3, s: 'x'.repeat(501) }, 'source', 'input/too_long'],
    ];
    for (const [id, period, fig, field, reason] of cases) {
      const res = await report(b0, id, period, fig);
      const problems = res.errors?.[0]?.extensions?.problems as { field: string; reason: string; zh: string; en: string }[] | undefined;
      expect(problems, `${id} ${period} ${JSON.stringify(fig)}`).toBeDefined();
      expect(problems).toContainEqual(expect.objectContaining({ field: `reportIndicatorValue.${field}`, reason }));
      for (const p of problems!) expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(res.errors![0]!.message).toMatch(/ \/ /);
    }
    const missing = await hub.gql(REPORT, { o: gid('Organization', 999_999), i: 'ethics_banners', p: '2026-10', v: 1 });
    expect(missing.errors?.[0]?.extensions?.problems).toContainEqual(
      expect.objectContaining({ field: 'reportIndicatorValue.orgId', reason: 'id/not_found' }),
    );
    expect(await reportCount()).toBe(before);
  });

  it('should refuse a character text cannot hold (a NUL) as bad input, in a write and in a filter, writing nothing', async () => {
    const before = await reportCount();
    const res = await report(f.branches[0]!, 'ethics_banners', '2026-10', { v: 3, s: 'a\u0000b' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'input/invalid_character' });
    expect(res.errors![0]!.message).toMatch(/ \/ /);
    expect(await reportCount()).toBe(before);
    const read = await hub.gql(`query($t: String!) { activities(first: 1, filter: { title: { contains: $t } }) { nodes { id } } }`, {
      t: 'x\u0000',
    });
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'input/invalid_character' });
  });

  it('should leave the cells exact: reports sit beside them, never in them', async () => {
    await db.query('begin');
    const { checked, differences } = await verifyCells(db);
    await db.query('commit');
    expect(checked).toBeGreaterThan(0);
    expect(differences).toEqual([]);
  });
});
