/**
 * 党员发展: the funnel is the API's people by stage, in pipeline order, each stage as wide as its people (正式党员
 * are the figure beside it, not a stage); the share bars are the API's series.
 */
import { monthsBefore } from '@party-hub/schema/indicators';
import { expect } from 'vitest';
import type { PageSpec } from '../page-spec.ts';

const ROOT = `{ organizations(first: 1, filter: { kind: { eq: COMMITTEE } }) { nodes { id } } }`;
const DATA = `query ($orgId: ID!, $from: Period!, $to: Period!) {
  membersAggregate(filter: { orgId: $orgId, membershipStatus: { eq: ACTIVE } }, groupBy: [POLITICAL_STATUS]) { groups { keys { politicalStatus } count } }
  indicatorSeries(ids: ["high_knowledge_share_new", "frontline_share_new"], orgId: $orgId, from: $from, to: $to, grain: MONTH) { indicator { id } points { period value target { target } } }
  developmentSpansAggregate(filter: { orgId: $orgId }, groupBy: [SPAN]) { groups { keys { span } median(field: MONTHS) } }
}`;
const SPANS = ['APPLICANT', 'ACTIVIST', 'TARGET', 'PROBATION'];
const ORDER = ['APPLICANT', 'ACTIVIST', 'DEVELOPMENT_TARGET', 'ADMISSION_PENDING', 'PROBATIONARY'];

export default [
  {
    name: 'development',
    path: '/development',
    charts: ['development-funnel', 'development-stage-time', 'development-share'],
    verify: async ({ page, graphql, option, query }) => {
      const month = query.get('month') ?? '2026-10';
      const from = monthsBefore(month, 11);
      const orgId = query.get('org') ?? (await graphql(ROOT)).organizations.nodes[0].id;
      const api = await graphql(DATA, { orgId, from, to: month });

      const funnel = await option('development-funnel');
      const count = (s: string) => api.membersAggregate.groups.find((g: any) => g.keys.politicalStatus === s)?.count ?? 0;
      const expected = ORDER.map(count);
      // Each stage's width is its people, on one scale from 0 to the largest stage.
      expect(funnel.series[0].data.map((d: any) => d.value)).toEqual(expected);
      expect([funnel.series[0].min, funnel.series[0].max]).toEqual([0, Math.max(1, ...expected)]);
      expect(funnel.series[0].sort).toBe('none');
      // Full members: the figure beside the funnel.
      const full = (await page.locator('[data-testid=full-members]').innerText()).replace(/[^\d]/g, '');
      expect(Number(full)).toBe(count('FULL_MEMBER'));

      const share = await option('development-share');
      expect(share.xAxis[0].data).toHaveLength(12);
      ['high_knowledge_share_new', 'frontline_share_new'].forEach((id, i) => {
        const points = api.indicatorSeries.find((s: any) => s.indicator.id === id).points;
        const drawn = share.series[i].data.map((v: any) => (v === null || v === '-' ? null : v));
        expect(drawn).toEqual(points.map((p: any) => (p.value === null ? null : Math.round(p.value * 10) / 10)));
        expect(share.series[i].markLine.data[0].yAxis).toBe(points[0].target.target);
      });

      const stage = await option('development-stage-time');
      expect(stage.series[1].markLine.data.map((d: any) => d.yAxis)).toEqual([12]);
      expect(stage.series[1].data.some((v: any) => typeof v === 'number' && v > 0)).toBe(true);
      // The medians drawn are the hub's, stretch by stretch (the chart rounds to a tenth).
      const medians = SPANS.map((k) => api.developmentSpansAggregate.groups.find((g: any) => g.keys.span === k)?.median ?? null);
      const drawnMedians = stage.series[1].data.map((v: any) => (typeof v === 'number' ? v : (v?.value ?? null)));
      expect(drawnMedians).toEqual(medians.map((m) => (m === null ? null : Math.round(m * 10) / 10)));
    },
  },
] satisfies PageSpec[];
