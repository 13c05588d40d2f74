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

const BOARD = `query ($orgId: ID!, $period: Period!) {
  indicators(orgId: $orgId, period: $period) { values { indicator { id } value status target { target } } }
}`;
const direction = new Map(INDICATORS.map((d) => [d.id, d.direction]));
/** The value as a share of its target in its direction (what "furthest from target" is measured by). */
const achievement = (id: string, value: number, target: number | null) =>
  target === null || target === 0
    ? Infinity
    : direction.get(id) === 'LOWER'
      ? value === 0
        ? 100
        : (100 * target) / value
      : (100 * value) / target;

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
      // What needs attention first: the API's below-target, then warning indicators, each furthest from target first.
      const board = (await graphql(BOARD, { orgId, period: month })).indicators.values as any[];
      const rank = { NOT_MET: 0, WARNING: 1 } as Record<string, number>;
      const expected = board
        .filter((v) => v.value !== null && v.status in rank)
        .toSorted(
          (a, b) =>
            rank[a.status]! - rank[b.status]! ||
            achievement(a.indicator.id, a.value, a.target.target) - achievement(b.indicator.id, b.value, b.target.target),
        )
        .map((v) => `${v.status}:${v.indicator.id}`);
      const rows = page.locator('[data-testid=attention-row]');
      await expect.poll(async () => (await rows.count()) >= expected.length, { timeout: 30_000 }).toBe(true);
      const shown = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-group')}:${e.getAttribute('data-id')}`));
      expect(shown.filter((x) => !x.startsWith('RECOVERED:'))).toEqual(expected);
      for (const s of api.indicatorSeries) {
        const o = await option(`overview-spark-${s.indicator.id}`);
        expect(o.xAxis[0].data, s.indicator.id).toEqual(s.points.map((p: any) => p.period));
        expect(o.series[0].data.map(drawn), s.indicator.id).toEqual(s.points.map((p: any) => p.value));
      }
    },
  },
] satisfies PageSpec[];
