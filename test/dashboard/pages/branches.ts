/**
 * /branches and one branch profile: the compare heatmap shows each branch's value from its parent's
 * indicatorBreakdown (未填报 as null, never 0); the profile's charts show the member counts, the stage
 * order and the activities per day the API returns.
 */
import { monthsBefore, parsePeriod } from '@party-hub/schema/indicators';
import { expect } from 'vitest';
import type { PageContext, PageSpec } from '../page-spec.ts';

const DEFAULT_IDS = ['three_meetings_one_lesson_rate', 'theme_party_day_rate', 'org_life_attendance_rate', 'volunteer_participation_rate'];
/** 心血管内科医疗党支部 in the demo data: the global id of Organization row 3. */
const BRANCH_ID = 'T3JnYW5pemF0aW9uOjM';
const STAGES = ['APPLICANT', 'ACTIVIST', 'DEVELOPMENT_TARGET', 'PROBATIONARY', 'FULL_MEMBER'];

const month = (ctx: PageContext) => ctx.query.get('month') ?? '2026-10';

interface Org {
  id: string;
  name: string;
  kind: string;
  parent: { id: string } | null;
}

async function verifyCompare(ctx: PageContext): Promise<void> {
  const { organizations } = await ctx.graphql<{ organizations: { nodes: Org[] } }>(
    `{ organizations(first: 1000, filter: { kind: { notIn: [PARTY_GROUP] }, dissolvedOn: { isNull: true } }, orderBy: [{ field: PATH }]) {
        nodes { id name kind parent { id } } } }`,
  );
  const branches = organizations.nodes.filter((o) => o.kind === 'BRANCH' || o.kind === 'JOINT_BRANCH');
  const parents = [...new Set(branches.map((b) => b.parent?.id ?? b.id))];
  const option = await ctx.option('branches-compare');
  const names: string[] = option.yAxis[0].data;
  expect(names).toEqual(branches.map((b) => b.name));
  const drawn = new Map<string, number | null>(
    option.series[0].data.map((d: { value: [number, number, number, number | null] }) => [`${d.value[0]}:${d.value[1]}`, d.value[3]]),
  );
  for (const [x, id] of DEFAULT_IDS.entries()) {
    for (const orgId of parents) {
      const { indicatorBreakdown } = await ctx.graphql<{
        indicatorBreakdown: { rows: { organization: { id: string } | null; point: { value: number | null } }[] };
      }>(
        `query($id: String!, $orgId: ID!, $period: Period!) { indicatorBreakdown(id: $id, orgId: $orgId, period: $period) {
            rows { organization { id } point { value } } } }`,
        { id, orgId, period: month(ctx) },
      );
      for (const r of indicatorBreakdown.rows) {
        const y = branches.findIndex((b) => b.id === r.organization?.id);
        if (y >= 0) expect(drawn.get(`${x}:${y}`), `${id} ${branches[y]!.name}`).toBe(r.point.value);
      }
    }
  }
}

async function verifyProfile(ctx: PageContext): Promise<void> {
  const d = await ctx.graphql<{
    stages: { groups: { count: number; keys: { politicalStatus: string } }[] };
    education: { groups: { count: number }[] };
  }>(
    `query($id: ID!) {
      stages: membersAggregate(filter: { orgId: $id, membershipStatus: { eq: ACTIVE } }, groupBy: [POLITICAL_STATUS]) { groups { count keys { politicalStatus } } }
      education: membersAggregate(filter: { orgId: $id, membershipStatus: { eq: ACTIVE }, politicalStatus: { in: [FULL_MEMBER, PROBATIONARY] } }, groupBy: [EDUCATION]) { groups { count } }
    }`,
    { id: BRANCH_ID },
  );
  const funnel = await ctx.option('branch-stage-funnel');
  const now = STAGES.map((s) => d.stages.groups.filter((g) => g.keys.politicalStatus === s).reduce((n, g) => n + g.count, 0));
  // Each layer: reached that stage or a later one; `now`: at that stage today.
  const reached = now.map((_, i) => now.slice(i).reduce((a, b) => a + b, 0));
  expect(funnel.series[0].data.map((p: { stage: string }) => p.stage)).toEqual(STAGES);
  expect(funnel.series[0].data.map((p: { now: number }) => p.now)).toEqual(now);
  expect(funnel.series[0].data.map((p: { value: number }) => p.value)).toEqual(reached);

  const edu = await ctx.option('branch-education');
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  expect(sum(edu.series[0].data)).toBe(sum(d.education.groups.map((g) => g.count)));
  const age = await ctx.option('branch-age');
  expect(sum(age.series[0].data)).toBeLessThanOrEqual(sum(d.education.groups.map((g) => g.count)));

  const from = `${monthsBefore(month(ctx), 11)}-01`;
  const to = parsePeriod(month(ctx)).end;
  const { activitiesAggregate } = await ctx.graphql<{ activitiesAggregate: { groups: { count: number; keys: { heldOnDay: string } }[] } }>(
    `query($id: ID!, $from: LocalDate!, $to: LocalDate!) { activitiesAggregate(filter: { orgId: $id, status: { eq: HELD }, heldOn: { gte: $from, lte: $to } },
        groupBy: [HELD_ON_DAY], timeZone: "Asia/Shanghai") { groups { count keys { heldOnDay } } } }`,
    { id: BRANCH_ID, from, to },
  );
  const cal = await ctx.option('branch-calendar');
  expect(cal.calendar[0].range).toEqual([from, to]);
  expect(cal.series[0].data).toEqual(activitiesAggregate.groups.filter((g) => g.count > 0).map((g) => [g.keys.heldOnDay, g.count]));
}

export default [
  { name: 'branches', path: '/branches', charts: ['branches-compare'], verify: verifyCompare },
  {
    name: 'branch-profile',
    path: `/branches/${BRANCH_ID}`,
    charts: ['branch-stage-funnel', 'branch-age', 'branch-education', 'branch-title', 'branch-calendar'],
    verify: verifyProfile,
  },
] satisfies PageSpec[];
