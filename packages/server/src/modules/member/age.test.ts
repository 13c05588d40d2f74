/**
 * Age structure without pulling people: members grouped by age band (the age reached in a year, edges the
 * query sets) and filtered by birth year — never by birth date, which would let a caller find a birthday.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId as gid } from '../../graphql/global-id.js';
import { startTestHub, type TestHub } from '../../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../../test-support/random-hospital.js';

const AGES = `query($edges: [Int!], $year: Int, $filter: MemberFilter) {
  membersAggregate(filter: $filter, groupBy: [AGE_BAND], ageBandEdges: $edges, asOfYear: $year, totals: GRAND_TOTAL) {
    groups { keys { ageBand } isTotal count } } }`;

describe('member/age bands and the birth-year filter', () => {
  let hub: TestHub;
  let h: RandomHospital;
  let years: number[];

  beforeAll(async () => {
    hub = await startTestHub();
    const client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 5, '2026-06');
    // Birth dates spread over forty years (the random hospital gives everyone one), a few unknown.
    await client.query(
      `update member set birth_date = case when id % 17 = 0 then null else make_date(1960 + (id * 7) % 40, 1 + id % 12, 1 + id % 28) end`,
    );
    years = (await client.query<{ y: number | null }>(`select extract(year from birth_date)::int as y from member`)).rows
      .map((r) => r.y)
      .filter((y): y is number => y != null);
    await client.end();
  });
  afterAll(() => hub.close());

  const ask = async (vars: Record<string, unknown>) => hub.gql(AGES, vars);

  it('should count people per age band reached in the year, in band order, with the edges asked', async () => {
    const res = await ask({ edges: [30, 40, 50], year: 2026, filter: { orgId: gid('Organization', h.committee) } });
    expect(res.errors).toBeUndefined();
    const groups = res.data!.membersAggregate.groups as { keys: { ageBand: string | null }; isTotal: boolean; count: number }[];
    const band = (age: number) => (age < 30 ? '<30' : age < 40 ? '30–39' : age < 50 ? '40–49' : '≥50');
    const expected = new Map<string, number>();
    for (const y of years) expected.set(band(2026 - y), (expected.get(band(2026 - y)) ?? 0) + 1);
    const detail = groups.filter((g) => !g.isTotal && g.keys.ageBand != null);
    expect(detail.map((g) => g.keys.ageBand)).toEqual(['<30', '30–39', '40–49', '≥50'].filter((b) => expected.has(b)));
    for (const g of detail) expect(g.count).toBe(expected.get(g.keys.ageBand!));
    expect(detail.length).toBeGreaterThan(1);
  });

  it('should filter by birth year as an age range would', async () => {
    const res = await hub.gql(`query { membersAggregate(filter: { birthYear: { gte: 1980, lt: 1990 } }) { groups { count } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.membersAggregate.groups[0].count).toBe(years.filter((y) => y >= 1980 && y < 1990).length);
  });

  it('should refuse bands that overlap, run backwards or reach past the range, and a year to come, naming the argument', async () => {
    for (const [vars, field] of [
      [{ edges: [40, 30] }, 'ageBandEdges'],
      [{ edges: [30, 30] }, 'ageBandEdges'],
      [{ edges: [] }, 'ageBandEdges'],
      [{ edges: [30, 500] }, 'ageBandEdges'],
      [{ year: 2999 }, 'asOfYear'],
    ] as const) {
      const res = await ask(vars);
      expect(res.errors?.[0]?.extensions, JSON.stringify(vars)).toMatchObject({
        reason: 'aggregate/invalid',
        field: `membersAggregate.${field}`,
      });
      expect(res.errors![0]!.message).toMatch(/ \/ /);
    }
  });
});
