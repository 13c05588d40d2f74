/**
 * A hub on a database with no cells yet (an empty start, or organisations loaded by hand) has a live
 * engine from its first write: that write builds the cells in its own transaction, and every indicator
 * reads back at once, with no restart and no rebuild. A fact older than the cells' range extends it.
 * The range is in the API; a period that has not begun is a coded error.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId as gid } from '../graphql/global-id.js';
import { buildFixture, type Fixture } from '../test-support/fixtures.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { verifyCells } from './cells.js';

describe('indicators/first write', () => {
  let hub: TestHub;
  let f: Fixture;

  beforeAll(async () => {
    hub = await startTestHub({ debug: true });
    f = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 3 });
  });
  afterAll(() => hub.close());

  const board = async (org: number, period: string, ids: string[]) =>
    (
      await hub.gql(
        `query($o: ID!, $p: Period!, $ids: [String!]) { indicators(orgId: $o, period: $p, ids: $ids) { values { indicator { id } value numerator denominator nullReason } } }`,
        {
          o: gid('Organization', org),
          p: period,
          ids,
        },
      )
    ).data!.indicators.values as { indicator: { id: string }; value: number | null; nullReason: string | null }[];

  it('should have no data range and read 未填报 before the first write', async () => {
    expect((await hub.gql(`{ dataRange { from to } }`)).data!.dataRange).toBeNull();
    const [v] = await board(f.committee.id, '2026-03', ['theme_party_day_rate']);
    expect(v!.nullReason).toBe('NOT_REPORTED');
  });

  it('should build the cells with the first write, and read it back at once', async () => {
    const branch = f.branches[0]!;
    const members = f.members.filter((m) => m.organization === branch && m.politicalStatus === 'full_member');
    const res = await hub.gql(`mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`, {
      i: {
        organizationId: gid('Organization', branch.id),
        type: 'THEME_PARTY_DAY',
        title: '三月主题党日',
        heldOn: '2026-03-10',
        attendance: members.map((m) => ({ memberId: gid('Member', m.id), status: 'PRESENT' })),
      },
    });
    expect(res.errors).toBeUndefined();
    const [theme] = await board(branch.id, '2026-03', ['theme_party_day_rate']);
    expect(theme).toMatchObject({ value: 100, nullReason: null });
    const [committee] = await board(f.committee.id, '2026-03', ['theme_party_day_rate']);
    expect(committee).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    const range = (await hub.gql(`{ dataRange { from to } }`)).data!.dataRange;
    expect(range.from <= '2026-03').toBe(true);
  });

  it('should extend the cells back for a fact older than their range (an honour of 2017)', async () => {
    const before = (await hub.gql(`{ dataRange { from } }`)).data!.dataRange.from as string;
    const res = await hub.gql(`mutation($i: AwardHonorInput!) { awardHonor(input: $i) { id } }`, {
      i: {
        hospitalId: gid('Hospital', f.hospital.id),
        recipientType: 'HOSPITAL',
        title: '全国文明单位',
        category: 'CIVILIZATION',
        level: 'NATIONAL',
        awardedOn: '2017-11-17',
        issuer: '中央精神文明建设指导委员会',
        issuerKind: 'PARTY',
      },
    });
    expect(res.errors).toBeUndefined();
    const [honors] = await board(f.committee.id, '2017', ['honors_count']);
    expect(honors!.value).toBe(1);
    const after = (await hub.gql(`{ dataRange { from } }`)).data!.dataRange.from as string;
    expect(after <= '2017-11' && after <= before).toBe(true);
    const client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    try {
      await client.query('begin');
      expect((await verifyCells(client)).differences).toEqual([]);
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });

  it('should refuse a period that has not begun, naming the argument', async () => {
    const res = await hub.gql(`query($o: ID!) { indicators(orgId: $o, period: "2099-01") { period } }`, {
      o: gid('Organization', f.committee.id),
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'period/future', field: 'indicators.period' });
  });
});
