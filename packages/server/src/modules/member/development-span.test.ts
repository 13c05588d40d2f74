/**
 * DevelopmentSpan is the development record measured: for a random hospital, the list and the
 * aggregate's percentiles per stretch equal a recomputation from the raw steps (first date of each step,
 * whole calendar months between), the way the development page measured them in the browser before.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPANS } from '../../domain/development.js';
import { startTestHub, type TestHub } from '../../test-support/hub.js';
import { randomHospital } from '../../test-support/random-hospital.js';

const completedMonths = (from: string, to: string) => {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
};

const percentile = (sorted: number[], p: number) => {
  const at = (sorted.length - 1) * p;
  return sorted[Math.floor(at)]! + (sorted[Math.ceil(at)]! - sorted[Math.floor(at)]!) * (at - Math.floor(at));
};

describe('member/development spans', () => {
  let hub: TestHub;
  let expected: Map<string, number[]>;

  beforeAll(async () => {
    hub = await startTestHub();
    const client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    await randomHospital(client, 11, '2026-06');
    const { rows } = await client.query<{ member_id: number; stage: string; on: string }>(
      `select member_id, stage, min(event_date)::text as on from development_event group by 1, 2`,
    );
    await client.end();
    const first = new Map<number, Map<string, string>>();
    for (const r of rows) first.set(r.member_id, (first.get(r.member_id) ?? new Map()).set(r.stage, r.on));
    expected = new Map(SPANS.map((s) => [s.span.toUpperCase(), [] as number[]]));
    for (const steps of first.values()) {
      for (const s of SPANS) {
        const a = steps.get(s.from);
        const b = steps.get(s.to);
        if (a && b && b >= a) expected.get(s.span.toUpperCase())!.push(completedMonths(a, b));
      }
    }
    for (const months of expected.values()) months.sort((x, y) => x - y);
  });
  afterAll(() => hub.close());

  it('should list one span per person and stretch completed, with its whole months', async () => {
    const res = await hub.gql(`{ developmentSpans(first: 1000) { totalCount nodes { span months fromStage toStage member { id } } } }`);
    expect(res.errors).toBeUndefined();
    const total = [...expected.values()].reduce((n, m) => n + m.length, 0);
    expect(total).toBeGreaterThan(10);
    expect(res.data!.developmentSpans.totalCount).toBe(total);
    const bySpan = new Map<string, number[]>();
    for (const n of res.data!.developmentSpans.nodes) bySpan.set(n.span, [...(bySpan.get(n.span) ?? []), n.months]);
    for (const [span, months] of expected)
      expect(
        (bySpan.get(span) ?? []).toSorted((x, y) => x - y),
        span,
      ).toEqual(months);
  });

  it('should give each stretch’s quartiles and the share below the rules’ minimum in one aggregate', async () => {
    const res = await hub.gql(`{ developmentSpansAggregate(groupBy: [SPAN]) { groups { keys { span } count
      p25: percentile(field: MONTHS, p: 0.25) median(field: MONTHS) p75: percentile(field: MONTHS, p: 0.75) belowMinimumRate } } }`);
    expect(res.errors).toBeUndefined();
    for (const g of res.data!.developmentSpansAggregate.groups) {
      const months = expected.get(g.keys.span)!;
      const minimum = SPANS.find((s) => s.span.toUpperCase() === g.keys.span)!.minimumMonths;
      expect(g.count).toBe(months.length);
      expect(g.median).toBeCloseTo(percentile(months, 0.5), 9);
      expect(g.p25).toBeCloseTo(percentile(months, 0.25), 9);
      expect(g.p75).toBeCloseTo(percentile(months, 0.75), 9);
      if (minimum == null) expect(g.belowMinimumRate).toBeNull();
      else expect(g.belowMinimumRate).toBeCloseTo((100 * months.filter((m) => m < minimum).length) / months.length, 9);
    }
  });
});
