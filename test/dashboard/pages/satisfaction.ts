/** 满意度: the trend, the department ranking and the score distribution are the API's numbers. */
import { monthsBefore, parsePeriod } from '@party-hub/schema/indicators';
import { expect } from 'vitest';
import type { PageSpec } from '../page-spec.ts';

const ROOT = `{ organizations(first: 1, filter: { kind: { eq: COMMITTEE } }) { nodes { id } } }`;
const IDS = ['outpatient_satisfaction', 'inpatient_satisfaction', 'staff_satisfaction'];
const DATA = `query ($orgId: ID!, $ids: [String!]!, $from: Period!, $to: Period!, $period: Period!) {
  indicatorSeries(ids: $ids, orgId: $orgId, from: $from, to: $to, grain: MONTH) { indicator { id } points { period value target { target } } }
  indicatorBreakdown(id: "inpatient_satisfaction", orgId: $orgId, period: $period, by: DEPARTMENT) { rows { department { name } point { value } } }
}`;
const BANDS = [
  { lt: 60 },
  { gte: 60, lt: 70 },
  { gte: 70, lt: 80 },
  { gte: 80, lt: 90 },
  { gte: 90, lt: 95 },
  { gte: 95, lt: 100 },
  { eq: 100 },
];
// One score band's responses per survey (the SDL has no score key to group by): asked once per band.
const BAND = `query ($orgId: ID!, $from: LocalDate!, $to: LocalDate!, $score: IntFilter) {
  surveyResponsesAggregate(groupBy: [SURVEY], filter: { orgId: $orgId, survey: { kind: { eq: INPATIENT } }, respondedOn: { gte: $from, lte: $to }, overallScore: $score }) {
    groups { keys { survey { id scale } } count }
  }
}`;

const drawn = (v: any) => (v === null || v === undefined || v === '-' ? null : typeof v === 'object' ? v.value : v);

export default [
  {
    name: 'satisfaction',
    path: '/satisfaction?survey=inpatient_satisfaction',
    charts: ['satisfaction-trend', 'satisfaction-departments', 'satisfaction-distribution'],
    verify: async ({ graphql, option, query }) => {
      const month = query.get('month') ?? '2026-10';
      const orgId = query.get('org') ?? (await graphql(ROOT)).organizations.nodes[0].id;
      const api = await graphql(DATA, { orgId, ids: IDS, from: monthsBefore(month, 23), to: month, period: month });

      // Trend: 24 months, each series the API's values with gaps kept as gaps, and the target line.
      const trend = await option('satisfaction-trend');
      expect(trend.xAxis[0].data).toHaveLength(24);
      expect(trend.series).toHaveLength(3);
      api.indicatorSeries.forEach((s: any, i: number) => {
        expect(trend.series[i].data.map(drawn)).toEqual(s.points.map((p: any) => p.value));
        expect(trend.series[i].markLine.data[0].yAxis).toBe(s.points.at(-1).target.target);
      });
      const staff = api.indicatorSeries.find((s: any) => s.indicator.id === 'staff_satisfaction');
      expect(staff.points.some((p: any) => p.value === null)).toBe(true);

      // Departments: the reported ones, best first, with the API's values.
      const depts = await option('satisfaction-departments');
      const reported = api.indicatorBreakdown.rows
        .filter((r: any) => r.point.value !== null)
        .sort((a: any, b: any) => b.point.value - a.point.value);
      expect(depts.series[0].data.map(drawn)).toEqual(reported.map((r: any) => r.point.value));
      expect(new Set(depts.yAxis[0].data)).toEqual(new Set(reported.map((r: any) => r.department.name)));

      // Distribution: per survey, each band's share of its responses, from one aggregate per band.
      const base = { orgId, from: `${month}-01`, to: parsePeriod(month).end };
      const all = (await graphql(BAND, base)).surveyResponsesAggregate.groups.filter((g: any) => g.keys.survey.scale !== 'LIKERT_5');
      const bands = await Promise.all(BANDS.map((b) => graphql(BAND, { ...base, score: b })));
      const dist = await option('satisfaction-distribution');
      expect(dist.series).toHaveLength(all.length);
      all.forEach((s: any, i: number) => {
        const counts = bands.map(
          (b: any) => b.surveyResponsesAggregate.groups.find((g: any) => g.keys.survey.id === s.keys.survey.id)?.count ?? 0,
        );
        expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(s.count);
        expect(dist.series[i].data.map(drawn)).toEqual(counts.map((c: number) => Math.round((c / s.count) * 1000) / 10));
      });
    },
  },
] satisfies PageSpec[];
