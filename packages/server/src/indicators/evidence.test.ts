/**
 * Evidence and numbers agree: for every indicator, organisation level and grain, the records the
 * evidence lists add up to exactly the numerator and denominator the board shows (random hospitals).
 */
import { currentMonth, INDICATORS } from '@party-hub/schema/indicators';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../graphql/global-id.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../test-support/random-hospital.js';
import { rebuildCells } from './cells.js';

const now = currentMonth();
const LAST = `${now.year}-${String(now.month).padStart(2, '0')}`;
const lastYear = now.year - 1;

describe('indicators/evidence', () => {
  let hub: TestHub;
  let h: RandomHospital;

  beforeAll(async () => {
    hub = await startTestHub({ debug: true });
    const client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 7, LAST);
    // Results in aggregate beside the responses: each department's and the whole hospital's, in June and November.
    await client.query(
      `insert into survey_result (survey_id, department_id, month, respondents, satisfied, mean_score)
       select s.id, d.id, m.month, 20 + coalesce(d.id, 3) % 7, 15 + coalesce(d.id, 3) % 5, 80 from survey s cross join unnest($2::date[]) as m(month)
       cross join lateral (select id from department where hospital_id = s.hospital_id union all select null) d(id)
       where s.hospital_id = $1`,
      [h.hospital, [`${lastYear}-06-01`, `${lastYear}-11-01`]],
    );
    // A department closed before the periods asked (with its members and posts still pointing at it): the
    // numbers no longer count it, nor may the evidence.
    await client.query(
      `update department set closed_on = $2 where id = (select d.id from department d where d.hospital_id = $1
         order by d.type <> 'clinical', (select count(*) from member m where m.department_id = d.id) desc, d.id limit 1)`,
      [h.hospital, `${lastYear}-03-01`],
    );
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    await client.end();
  });
  afterAll(() => hub.close());

  const stored = INDICATORS.filter((d) => d.rollup !== 'DERIVED').map((d) => d.id);

  it('adds up to the numerator and denominator of every indicator, at every level and grain', async () => {
    const periods = [`${lastYear}-06`, `${lastYear}-Q4`, `${lastYear}`, `${now.year}-YTD`];
    const orgs = [h.committee, h.branches[0]!, h.branches[1]!];
    let nonZero = 0;
    for (const org of orgs) {
      for (const period of periods) {
        const board = await hub.gql(
          `query($o: ID!, $p: Period!) { indicators(orgId: $o, period: $p) { values { indicator { id } numerator denominator } } }`,
          {
            o: toGlobalId('Organization', org),
            p: period,
          },
        );
        expect(board.errors).toBeUndefined();
        const byId = new Map<string, { numerator: number; denominator: number | null }>(
          board.data!.indicators.values.map((v: any) => [v.indicator.id, v]),
        );
        // Aliased, 20 to a request (the root-field limit).
        const ev: Record<string, any> = {};
        for (let i = 0; i < stored.length; i += 20) {
          const fields = stored
            .slice(i, i + 20)
            .map((id) => `${id}: indicatorEvidence(id: "${id}", orgId: $o, period: $p, first: 1) { numerator denominator totalCount }`);
          const res = await hub.gql(`query($o: ID!, $p: Period!) { ${fields.join('\n')} }`, {
            o: toGlobalId('Organization', org),
            p: period,
          });
          expect(res.errors).toBeUndefined();
          Object.assign(ev, res.data);
        }
        for (const id of stored) {
          const cell = byId.get(id)!;
          const e = ev[id];
          expect([e.numerator, e.denominator], `${id} org ${org} ${period}`).toEqual([cell.numerator, cell.denominator ?? 0]);
          if (e.numerator > 0) nonZero++;
        }
      }
    }
    // The random hospital has something behind most indicators.
    expect(nonZero).toBeGreaterThan(stored.length);
  });

  it('pages through every record once, counted ones marked, and filters counted or not', async () => {
    const o = toGlobalId('Organization', h.committee);
    const seen: any[] = [];
    let after: string | null = null;
    let totals: any;
    do {
      const res: any = await hub.gql(
        `query($o: ID!, $a: String) { indicatorEvidence(id: "theme_party_day_rate", orgId: $o, period: "${lastYear}", first: 2, after: $a) {
          numerator denominator totalCount hasNextPage endCursor nodes { recordType recordId label counted numerator denominator reason { zh en } organization { id } } } }`,
        { o, a: after },
      );
      expect(res.errors).toBeUndefined();
      totals = res.data.indicatorEvidence;
      seen.push(...totals.nodes);
      after = totals.hasNextPage ? totals.endCursor : null;
    } while (after);
    expect(seen.length).toBe(totals.totalCount);
    expect(new Set(seen.map((n) => n.recordId)).size).toBe(seen.length);
    expect(seen.reduce((s, n) => s + n.numerator, 0)).toBe(totals.numerator);
    expect(seen.reduce((s, n) => s + n.denominator, 0)).toBe(totals.denominator);
    for (const n of seen) {
      expect(n.recordType).toBe('ORGANIZATION');
      expect(n.reason.zh).toMatch(n.counted ? /^开展主题党日的支部/ : /^不计入分子（不属于“开展主题党日的支部”），计入分母$/);
      expect(n.organization.id).toBe(n.recordId);
    }
    const notCounted = await hub.gql(
      `query($o: ID!) { indicatorEvidence(id: "theme_party_day_rate", orgId: $o, period: "${lastYear}", counted: false) { totalCount nodes { counted } } }`,
      { o },
    );
    expect(notCounted.data!.indicatorEvidence.totalCount).toBe(totals.denominator - totals.numerator);
    expect(notCounted.data!.indicatorEvidence.nodes.every((n: any) => !n.counted)).toBe(true);
  });

  it('never names a person', async () => {
    const res = await hub.gql(
      `query($o: ID!) { indicatorEvidence(id: "volunteer_participation_rate", orgId: $o, period: "${lastYear}", first: 1000) { nodes { label } } }`,
      {
        o: toGlobalId('Organization', h.committee),
      },
    );
    expect(res.errors).toBeUndefined();
    for (const n of res.data!.indicatorEvidence.nodes) expect(n.label).toMatch(/^党员 #\d+$/);
  });

  it('refuses a bad page, cursor or derived indicator with coded errors', async () => {
    const o = toGlobalId('Organization', h.committee);
    const big = await hub.gql(
      `query($o: ID!) { indicatorEvidence(id: "branch_count", orgId: $o, period: "2025", first: 5000) { totalCount } }`,
      { o },
    );
    expect(big.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'indicatorEvidence.first' });
    const cursor = await hub.gql(
      `query($o: ID!) { indicatorEvidence(id: "branch_count", orgId: $o, period: "2025", after: "nope") { totalCount } }`,
      { o },
    );
    expect(cursor.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'indicatorEvidence.after' });
    const derived = await hub.gql(
      `query($o: ID!) { indicatorEvidence(id: "integration_index", orgId: $o, period: "2025") { totalCount } }`,
      { o },
    );
    expect(derived.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'indicatorEvidence.id' });
  });
});
