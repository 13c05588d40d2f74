/**
 * /indicators/:id — the series drawn is indicatorSeries' values (this year and the same months a year
 * earlier, aligned by month, nulls as gaps), the breakdown bars are indicatorBreakdown's rows in rank order.
 */
import { monthsBefore } from '@party-hub/schema/indicators';
import { expect } from 'vitest';
import type { PageContext, PageSpec } from '../page-spec.ts';

const ROOT = `{ organizations(first: 1, filter: { kind: { eq: COMMITTEE } }) { nodes { id } } }`;
const SERIES = `query ($id: String!, $orgId: ID!, $from: Period!, $to: Period!) {
  indicatorSeries(ids: [$id], orgId: $orgId, from: $from, to: $to, grain: MONTH) { points { period value } }
}`;
const BREAKDOWN = `query ($id: String!, $orgId: ID!, $period: Period!, $by: BreakdownBy!) {
  indicatorBreakdown(id: $id, orgId: $orgId, period: $period, by: $by) {
    rows { rank organization { name } department { name } point { value } }
    total { target { target } }
  }
}`;

const drawnValue = (v: any): unknown =>
  v === null || v === undefined || v === '-' ? null : typeof v === 'object' ? drawnValue(v.value) : v;

function verifyIndicator(id: string, by: 'CHILD_ORGANIZATION' | 'DEPARTMENT') {
  return async ({ graphql, option, query }: PageContext) => {
    const month = query.get('month') ?? '2026-10';
    const orgId = query.get('org') ?? (await graphql(ROOT)).organizations.nodes[0].id;

    const { indicatorSeries } = await graphql(SERIES, { id, orgId, from: monthsBefore(month, 23), to: month });
    const byPeriod = new Map(indicatorSeries[0].points.map((p: any) => [p.period, p.value]));
    const recent = Array.from({ length: 12 }, (_, i) => monthsBefore(month, 11 - i));
    const series = await option('indicator-series');
    expect(series.xAxis[0].data).toEqual(recent);
    expect(series.series).toHaveLength(2);
    expect(series.series[0].data.map(drawnValue)).toEqual(recent.map((m) => byPeriod.get(m) ?? null));
    expect(series.series[1].data.map(drawnValue)).toEqual(recent.map((m) => byPeriod.get(monthsBefore(m, 12)) ?? null));

    const { indicatorBreakdown } = await graphql(BREAKDOWN, { id, orgId, period: month, by });
    const rows = [...indicatorBreakdown.rows].sort((a: any, b: any) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
    expect(rows.length).toBeGreaterThan(0);
    const bars = await option('indicator-breakdown');
    expect(bars.yAxis[0].data).toEqual(rows.map((r: any) => r.organization?.name ?? r.department?.name));
    expect(bars.series[0].data.map(drawnValue)).toEqual(rows.map((r: any) => r.point.value));
    expect(bars.series[0].markLine.data[0].xAxis).toBe(indicatorBreakdown.total.target.target);
  };
}

export default [
  {
    name: 'indicator-three-meetings',
    path: '/indicators/three_meetings_one_lesson_rate',
    charts: ['indicator-series', 'indicator-breakdown'],
    verify: verifyIndicator('three_meetings_one_lesson_rate', 'CHILD_ORGANIZATION'),
  },
  {
    name: 'indicator-outpatient-by-department',
    path: '/indicators/outpatient_satisfaction?by=DEPARTMENT',
    charts: ['indicator-series', 'indicator-breakdown'],
    verify: verifyIndicator('outpatient_satisfaction', 'DEPARTMENT'),
  },
] satisfies PageSpec[];
