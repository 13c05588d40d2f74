/**
 * Small cells, as an analyst sees them: on random small hospitals, every aggregate over person facts is asked
 * by an analyst and by the committee (who sees every figure, and the persons behind each group), and checked
 * by rules written here, not by the code under test: no visible group stands on 1–4 persons; every group that
 * does is null with `suppressed`; zeros stay; visible groups agree with the committee's; and no set of sibling
 * groups (one grouping, all keys but one equal) has a lone suppressed group, which its total minus the visible
 * siblings would give away. Dropping the complementary step makes the last check fail on these hospitals.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { startTestHub, type SignedInClient, type TestHub } from '../../test-support/hub.js';
import { randomHospital } from '../../test-support/random-hospital.js';

const MIN_CELL = 5;

interface Group {
  keys: Record<string, unknown>;
  groupedBy: string[];
  count: number | null;
  suppressed: boolean;
  persons: number | null;
}

interface Case {
  name: string;
  query: (persons: string) => string;
  /** The committee's persons of a group (count of members, or distinct members). */
  personsOf: (g: Group) => number;
}

const keysOf = (g: Group) => JSON.stringify([g.groupedBy.toSorted(), Object.entries(g.keys).toSorted(([a], [b]) => a.localeCompare(b))]);
/** Keys as plain values (a relation key's id). */
const flat = (keys: Record<string, any>) =>
  Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v && typeof v === 'object' ? v.id : (v ?? null)]));

const CASES: Case[] = [
  {
    name: 'members by branch and gender, with subtotals',
    query: () => `{ membersAggregate(groupBy: [ORGANIZATION_BRANCH, GENDER], totals: ROLLUP) {
      groups { keys { organizationBranch { id } gender } groupedBy count suppressed } } }`,
    personsOf: (g) => g.count!,
  },
  {
    name: 'attendance by activity type and year, every combination',
    query: (p) => `{ attendancesAggregate(groupBy: [ACTIVITY_TYPE, ACTIVITY_HELD_ON_YEAR], totals: CUBE) {
      groups { keys { activityType activityHeldOnYear } groupedBy count suppressed ${p} } } }`,
    personsOf: (g) => g.persons!,
  },
  {
    name: 'development steps by stage and branch, with subtotals',
    query: (p) => `{ developmentEventsAggregate(groupBy: [STAGE, ORGANIZATION_BRANCH], totals: ROLLUP) {
      groups { keys { stage organizationBranch { id } } groupedBy count suppressed ${p} } } }`,
    personsOf: (g) => g.persons!,
  },
  {
    name: 'honours by hospital and recipient, with the grand total',
    query: (p) => `{ honorsAggregate(groupBy: [HOSPITAL, RECIPIENT_TYPE], totals: GRAND_TOTAL) {
      groups { keys { hospital { id } recipientType } groupedBy count suppressed ${p} } } }`,
    personsOf: (g) => g.persons!,
  },
];

const PERSONS = 'persons: countDistinct(field: MEMBER)';

async function groups(client: SignedInClient | TestHub, c: Case): Promise<Group[]> {
  const res = await client.gql(c.query(c.name.startsWith('members') ? '' : PERSONS));
  expect(res.errors).toBeUndefined();
  const answer = Object.values(res.data!)[0] as { groups: (Group & { keys: Record<string, any> })[] };
  return answer.groups.map((g) => ({ ...g, keys: flat(g.keys), persons: g.persons ?? null }));
}

/** The sets of siblings: same grouping, every grouped key but one equal. */
function siblingSets(gs: Group[]): Group[][] {
  const sets = new Map<string, Group[]>();
  for (const g of gs)
    for (const varying of g.groupedBy) {
      const id = JSON.stringify([
        g.groupedBy.toSorted(),
        varying,
        Object.entries(g.keys)
          .filter(([k]) => k.toUpperCase().replace(/_/g, '') !== varying.replace(/_/g, ''))
          .toSorted(([a], [b]) => a.localeCompare(b)),
      ]);
      sets.set(id, [...(sets.get(id) ?? []), g]);
    }
  return [...sets.values()].filter((s) => s.length > 1);
}

describe('graphql/aggregate small cells (HUB_MIN_CELL = 5) for an analyst', () => {
  let hub: TestHub;
  let analyst: SignedInClient;
  beforeAll(async () => {
    hub = await startTestHub();
    const db = new pg.Client({ connectionString: hub.db.url });
    await db.connect();
    try {
      for (const seed of [31, 32, 33, 34, 35, 36]) await randomHospital(db, seed, '2025-12');
    } finally {
      await db.end();
    }
    analyst = await hub.as(AccountRole.ANALYST);
  }, 120_000);
  afterAll(() => hub.close());

  for (const c of CASES) {
    it(`should leave no visible or derivable group of 1–4 persons: ${c.name}`, async () => {
      const full = new Map((await groups(hub, c)).map((g) => [keysOf(g), g]));
      const seen = await groups(analyst, c);
      expect(seen.length).toBe(full.size);
      let small = 0;
      for (const g of seen) {
        const truth = full.get(keysOf(g))!;
        const persons = c.personsOf(truth);
        const where = `${c.name} ${keysOf(g)}`;
        expect(truth.suppressed, where).toBe(false); // the committee sees everything
        if (persons > 0 && persons < MIN_CELL) {
          small++;
          expect({ where, suppressed: g.suppressed }).toEqual({ where, suppressed: true });
        }
        if (g.suppressed) expect({ where, count: g.count, persons: g.persons }).toEqual({ where, count: null, persons: null });
        else expect({ where, count: g.count }).toEqual({ where, count: truth.count });
        if (truth.count === 0) expect(g.suppressed, `${where}: a zero stays`).toBe(false);
      }
      expect(small, 'these hospitals have small groups to hide').toBeGreaterThan(0);
      for (const set of siblingSets(seen)) {
        const hidden = set.filter((g) => g.suppressed);
        expect(hidden.length, `a lone suppressed sibling in ${JSON.stringify(set.map(keysOf))}`).not.toBe(1);
      }
    });
  }

  it('should drop suppressed groups from a having condition, so no condition tells their size', async () => {
    const q = `{ attendancesAggregate(groupBy: [ACTIVITY_TYPE], having: [{ measure: { fn: COUNT }, gte: 1 }]) {
      groups { keys { activityType } count suppressed } } }`;
    const all = await analyst.gql(`{ attendancesAggregate(groupBy: [ACTIVITY_TYPE]) { groups { keys { activityType } suppressed } } }`);
    const hiddenTypes = all.data!.attendancesAggregate.groups.filter((g: any) => g.suppressed).map((g: any) => g.keys.activityType);
    const res = await analyst.gql(q);
    expect(res.errors).toBeUndefined();
    const shown = res.data!.attendancesAggregate.groups.map((g: any) => g.keys.activityType);
    for (const t of hiddenTypes) expect(shown).not.toContain(t);
  });

  it('should not suppress anything for the committee or a secretary (they see the persons themselves)', async () => {
    const secretary = await hub.as(AccountRole.SECRETARY);
    for (const client of [hub, secretary]) {
      const res = await client.gql(`{ membersAggregate(groupBy: [ORGANIZATION_BRANCH, GENDER]) { groups { suppressed } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.membersAggregate.groups.some((g: any) => g.suppressed)).toBe(false);
    }
  });
});
