/**
 * A breakdown compared with another period in one request (compareTo): each row's value then and the change,
 * like for like (a quarterly indicator asked for a month compares the same months to date), the same rows
 * as the breakdown of that period asked on its own would give for them.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId as gid } from '../../graphql/global-id.js';
import { rebuildCells } from '../../indicators/cells.js';
import { startTestHub, type TestHub } from '../../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../../test-support/random-hospital.js';

const BREAKDOWN = `query($id: String!, $o: ID!, $p: Period!, $by: BreakdownBy, $c: CompareTo) {
  indicatorBreakdown(id: $id, orgId: $o, period: $p, by: $by, compareTo: $c) {
    period compareTo comparedPeriod totalChange
    total { judgedPeriod value } totalCompared { judgedPeriod value }
    rows { organization { id } department { id } point { judgedPeriod value } compared { judgedPeriod value } change } } }`;

type Row = {
  organization: { id: string } | null;
  department: { id: string } | null;
  point: { value: number | null };
  compared: { value: number | null } | null;
  change: number | null;
};

describe('indicator/breakdown compared with another period', () => {
  let hub: TestHub;
  let h: RandomHospital;
  const ask = async (vars: Record<string, unknown>) => {
    const res = await hub.gql(BREAKDOWN, { o: gid('Organization', h.committee), ...vars });
    expect(res.errors).toBeUndefined();
    return res.data!.indicatorBreakdown;
  };
  const key = (r: Row) => r.organization?.id ?? r.department!.id;

  beforeAll(async () => {
    hub = await startTestHub();
    const client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 11, '2026-06');
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    await client.end();
  });
  afterAll(() => hub.close());

  it('should give each child’s value in the previous period and the change, as that period’s own breakdown has them', async () => {
    const b = await ask({ id: 'org_life_attendance_rate', p: '2026-Q1', c: 'PREVIOUS' });
    const then = await ask({ id: 'org_life_attendance_rate', p: '2025-Q4' });
    expect(b).toMatchObject({ compareTo: 'PREVIOUS', comparedPeriod: '2025-Q4' });
    expect(b.totalCompared.value).toBe(then.total.value);
    const was = new Map((then.rows as Row[]).map((r) => [key(r), r.point.value]));
    expect(b.rows.length).toBeGreaterThan(1);
    let compared = 0;
    for (const r of b.rows as Row[]) {
      expect(r.compared!.value).toBe(was.get(key(r)));
      if (r.point.value != null && r.compared!.value != null) {
        compared++;
        expect(r.change).toBeCloseTo(r.point.value - r.compared!.value, 3);
      } else expect(r.change).toBeNull();
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('should compare a quarterly duty asked for a month with the same months a year earlier', async () => {
    const b = await ask({ id: 'general_meeting_rate', p: '2026-05', c: 'SAME_PERIOD_LAST_YEAR' });
    expect(b).toMatchObject({
      comparedPeriod: '2025-QTD05',
      total: { judgedPeriod: '2026-QTD05' },
      totalCompared: { judgedPeriod: '2025-QTD05' },
    });
    const then = await ask({ id: 'general_meeting_rate', p: '2025-05' });
    expect(b.totalCompared.value).toBe(then.total.value);
  });

  it('should compare departments too, and give nothing to compare without compareTo', async () => {
    const b = await ask({ id: 'outpatient_satisfaction', p: '2026-05', by: 'DEPARTMENT', c: 'SAME_PERIOD_LAST_YEAR' });
    const then = await ask({ id: 'outpatient_satisfaction', p: '2025-05', by: 'DEPARTMENT' });
    const was = new Map((then.rows as Row[]).map((r) => [key(r), r.point.value]));
    expect(b.rows.length).toBeGreaterThan(0);
    for (const r of b.rows as Row[]) expect(r.compared!.value).toBe(was.get(key(r)));
    const plain = await ask({ id: 'outpatient_satisfaction', p: '2026-05', by: 'DEPARTMENT' });
    expect(plain).toMatchObject({ compareTo: null, comparedPeriod: null, totalCompared: null, totalChange: null });
    for (const r of plain.rows as Row[]) expect(r).toMatchObject({ compared: null, change: null });
  });
});
