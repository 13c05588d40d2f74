/** 总览: each headline card shows the API's value for the month, and its sparkline the API's 12 months. */
import { INDICATORS, monthsBefore } from '@party-hub/schema/indicators';
import { expect } from 'vitest';
import type { PageSpec } from '../page-spec.ts';

const HEADLINE = INDICATORS.filter((d) => d.headline).map((d) => d.id);
const ROOT = `{ organizations(first: 1, filter: { kind: { eq: COMMITTEE } }) { nodes { id } } }`;
const DATA = `query ($orgId: ID!, $ids: [String!]!, $period: Period!, $from: Period!, $to: Period!) {
  indicators(orgId: $orgId, period: $period, ids: $ids) { values { indicator { id } value nullReason } }
  indicatorSeries(ids: $ids, orgId: $orgId, from: $from, to: $to, grain: MONTH) { indicator { id } points { period value } }
}`;

const drawn = (v: any) => (v === null || v === undefined || v === '-' ? null : typeof v === 'object' ? v.value : v);

export default [
  {
    name: 'overview',
    path: '/',
    charts: HEADLINE.map((id) => `overview-spark-${id}`),
    verify: async ({ graphql, option, page, query }) => {
      const month = query.get('month')!;
      const orgId = (await graphql(ROOT)).organizations.nodes[0].id;
      const api = await graphql(DATA, { orgId, ids: HEADLINE, period: month, from: monthsBefore(month, 11), to: month });
      expect(await page.locator('[data-testid^=kpi-]:not([data-testid=kpi-value])').count()).toBe(HEADLINE.length);
      for (const v of api.indicators.values) {
        const text = (await page.locator(`[data-testid=kpi-${v.indicator.id}] [data-testid=kpi-value]`).innerText()).trim();
        if (v.value === null) expect(text, v.indicator.id).toBe(v.nullReason === 'NO_SUBJECTS' ? '无统计对象' : '未填报');
        // Shown to one decimal (rates, points) or whole (counts).
        else expect(Math.abs(Number(text.replace(/[^\d.]/g, '')) - v.value), `${v.indicator.id}: ${text}`).toBeLessThanOrEqual(0.0501);
      }
      for (const s of api.indicatorSeries) {
        const o = await option(`overview-spark-${s.indicator.id}`);
        expect(o.xAxis[0].data, s.indicator.id).toEqual(s.points.map((p: any) => p.period));
        expect(o.series[0].data.map(drawn), s.indicator.id).toEqual(s.points.map((p: any) => p.value));
      }
    },
  },
] satisfies PageSpec[];
