/** 组织生活: the heatmap's cells are the API's meeting counts per branch and month. */
import { monthsBefore, parsePeriod } from '@party-hub/schema/indicators';
import { expect } from 'vitest';
import type { PageSpec } from '../page-spec.ts';

const ROOT = `{ organizations(first: 1, filter: { kind: { eq: COMMITTEE } }) { nodes { id } } }`;
const COUNTS = `query ($orgId: ID!, $from: LocalDate!, $to: LocalDate!) {
  activitiesAggregate(
    filter: { orgId: $orgId, type: { eq: BRANCH_COMMITTEE_MEETING }, status: { eq: HELD }, heldOn: { gte: $from, lte: $to } }
    groupBy: [ORGANIZATION_BRANCH, HELD_ON_MONTH]
    timeZone: "Asia/Shanghai"
  ) { groups { keys { organizationBranch { name } heldOnMonth } count } }
}`;

export default [
  {
    name: 'org-life',
    path: '/organization-life?kind=BRANCH_COMMITTEE_MEETING',
    charts: ['orglife-heatmap'],
    verify: async ({ graphql, option, query }) => {
      const month = query.get('month') ?? '2026-10';
      const orgId = query.get('org') ?? (await graphql(ROOT)).organizations.nodes[0].id;
      const api = await graphql(COUNTS, { orgId, from: `${monthsBefore(month, 11)}-01`, to: parsePeriod(month).end });
      const opt = await option('orglife-heatmap');
      const branches: string[] = opt.yAxis[0].data;
      const cells: { value: [number, number, number, number | null] }[] = opt.series[0].data;
      expect(cells.length).toBe(branches.length * 12);
      // Every API group of a drawn branch shows up as that cell's count; a drawn count with no group is 0.
      const months = Array.from({ length: 12 }, (_, i) => monthsBefore(month, 11 - i));
      const drawn = new Map(cells.map((c) => [`${c.value[1]}|${c.value[0]}`, c.value[3]]));
      let checked = 0;
      for (const g of api.activitiesAggregate.groups) {
        const yi = branches.indexOf(g.keys.organizationBranch?.name);
        if (yi < 0) continue;
        const xi = months.indexOf(g.keys.heldOnMonth.slice(0, 7));
        expect(drawn.get(`${yi}|${xi}`)).toBe(g.count);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
      const total = cells.reduce((s, c) => s + (c.value[3] ?? 0), 0);
      const apiTotal = api.activitiesAggregate.groups
        .filter((g: any) => branches.includes(g.keys.organizationBranch?.name))
        .reduce((s: number, g: any) => s + g.count, 0);
      expect(total).toBe(apiTotal);
    },
  },
] satisfies PageSpec[];
