/**
 * Small cells on the board, as an analyst sees them on the demo hospital: every indicator over person facts,
 * broken down under the committee and under each general branch, asked by an analyst and by the committee
 * (who sees every figure), and checked by rules written here: a row standing on 1–4 persons is null with
 * SUPPRESSED (numerator and denominator too); visible rows equal the committee's; zeros stay; no set of
 * siblings has a lone suppressed row (the parent's total minus the others would give it); a single value
 * asked alone agrees with its breakdown row; the evidence of a suppressed value has no counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { AccountRole } from '../domain/enums.js';
import { toGlobalId } from '../graphql/global-id.js';
import { startTestHub, type SignedInClient, type TestHub } from '../test-support/hub.js';
import { BASIS, MEMBERS_INDICATOR } from './suppress.js';

const MIN_CELL = 5;
const PERIODS = ['2026-05', '2026-Q1', '2025'];

interface Row {
  organization: { id: string };
  point: { value: number | null; numerator: number | null; denominator: number | null; nullReason: string | null };
}

const BREAKDOWN = `query($id: String!, $org: ID!, $p: Period!) { indicatorBreakdown(id: $id, orgId: $org, period: $p) {
  rows { organization { id } point { value numerator denominator nullReason } } } }`;

describe('indicators small cells (HUB_MIN_CELL = 5) for an analyst, on the demo hospital', () => {
  let hub: TestHub;
  let analyst: SignedInClient;
  let parents: number[];
  beforeAll(async () => {
    hub = await startTestHub({ seededTo: '2026-06-30' });
    analyst = await hub.as(AccountRole.ANALYST);
    const db = new pg.Client({ connectionString: hub.db.url });
    await db.connect();
    parents = (
      await db.query(`select id from organization o where kind in ('committee', 'general_branch')
        and exists (select 1 from organization c where c.parent_id = o.id) order by id`)
    ).rows.map((r) => r.id as number);
    await db.end();
  }, 180_000);
  afterAll(() => hub.close());

  async function rows(client: SignedInClient | TestHub, id: string, org: number, p: string): Promise<Row[]> {
    const res = await client.gql(BREAKDOWN, { id, org: toGlobalId('Organization', org), p });
    expect(res.errors, `${id} ${org} ${p}`).toBeUndefined();
    return res.data!.indicatorBreakdown.rows;
  }

  it('should suppress every breakdown row over 1–4 persons, and leave none derivable from its siblings', async () => {
    let suppressed = 0;
    let checked = 0;
    for (const org of parents)
      for (const p of PERIODS) {
        const members = new Map((await rows(hub, MEMBERS_INDICATOR, org, p)).map((r) => [r.organization.id, r.point.denominator ?? 0]));
        for (const [id, basis] of Object.entries(BASIS)) {
          const truth = new Map((await rows(hub, id, org, p)).map((r) => [r.organization.id, r.point]));
          const seen = await rows(analyst, id, org, p);
          for (const r of seen) {
            const t = truth.get(r.organization.id)!;
            const persons =
              basis === 'members' ? members.get(r.organization.id)! : ((basis === 'numerator' ? t.numerator : t.denominator) ?? 0);
            const where = `${id} ${p} ${r.organization.id} (${persons} persons)`;
            checked++;
            if (persons > 0 && persons < MIN_CELL) expect(r.point.nullReason, where).toBe('SUPPRESSED');
            if (r.point.nullReason === 'SUPPRESSED') {
              suppressed++;
              expect({ where, ...r.point, nullReason: null }).toEqual({
                where,
                value: null,
                numerator: null,
                denominator: null,
                nullReason: null,
              });
            } else expect({ where, ...r.point }).toEqual({ where, ...t });
            if (!t.value && !t.numerator && !t.denominator) expect(r.point.nullReason, `${where}: a zero stays`).not.toBe('SUPPRESSED');
          }
          const hidden = seen.filter((r) => r.point.nullReason === 'SUPPRESSED');
          const open = seen.filter(
            (r) => r.point.nullReason !== 'SUPPRESSED' && (r.point.numerator || r.point.denominator || r.point.value),
          );
          if (hidden.length === 1)
            expect(open.length, `${id} ${p} under ${org}: a lone suppressed row beside ${open.length} open ones`).toBe(0);
        }
      }
    expect(checked).toBeGreaterThan(500);
    expect(suppressed, 'the demo hospital has small branches').toBeGreaterThan(0);
  }, 300_000);

  it('should answer a value asked alone as its breakdown row, and withhold the evidence counts of a suppressed one', async () => {
    const [committee] = parents;
    let compared = 0;
    for (const id of ['new_probationary_count', 'org_life_attendance_rate', 'volunteer_participation_rate']) {
      for (const r of await rows(analyst, id, committee!, '2025')) {
        const alone = await analyst.gql(
          `query($org: ID!, $ids: [String!]) { indicators(orgId: $org, period: "2025", ids: $ids) { values { value nullReason } } }`,
          { org: r.organization.id, ids: [id] },
        );
        expect(alone.errors).toBeUndefined();
        const v = alone.data!.indicators.values[0];
        expect({ id, org: r.organization.id, ...v }).toEqual({
          id,
          org: r.organization.id,
          value: r.point.value,
          nullReason: r.point.nullReason,
        });
        compared++;
        if (r.point.nullReason !== 'SUPPRESSED') continue;
        const ev = `query($org: ID!, $id: String!) { indicatorEvidence(id: $id, orgId: $org, period: "2025") { numerator denominator totalCount nullReason } }`;
        const mine = await analyst.gql(ev, { org: r.organization.id, id });
        expect(mine.data!.indicatorEvidence).toEqual({ numerator: null, denominator: null, totalCount: null, nullReason: 'SUPPRESSED' });
        const theirs = await hub.gql(ev, { org: r.organization.id, id });
        expect(theirs.data!.indicatorEvidence.nullReason).toBeNull();
      }
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('should show the committee every figure (nothing suppressed for roles with personal access)', async () => {
    const res = await hub.gql(`query($org: ID!) { indicators(orgId: $org, period: "2026-05") { values { nullReason } } }`, {
      org: toGlobalId('Organization', parents.at(-1)!),
    });
    expect(res.data!.indicators.values.filter((v: { nullReason: string }) => v.nullReason === 'SUPPRESSED')).toEqual([]);
  });

  it('should count the branch-level board cells an analyst sees suppressed (the figure the README gives)', async () => {
    const db = new pg.Client({ connectionString: hub.db.url });
    await db.connect();
    const branches = (await db.query(`select id from organization where kind = 'branch' and dissolved_on is null order by id`)).rows;
    await db.end();
    let cells = 0;
    let hidden = 0;
    for (const { id } of branches) {
      const res = await analyst.gql(`query($org: ID!) { indicators(orgId: $org, period: "2026-05") { values { nullReason } } }`, {
        org: toGlobalId('Organization', id),
      });
      const values = res.data!.indicators.values as { nullReason: string | null }[];
      cells += values.length;
      hidden += values.filter((v) => v.nullReason === 'SUPPRESSED').length;
    }
    console.info(`demo branch-level cells suppressed for an analyst (2026-05): ${hidden} of ${cells} in ${branches.length} branches`);
    expect(hidden).toBeGreaterThan(0);
    expect(hidden).toBeLessThan(cells);
  });
});
