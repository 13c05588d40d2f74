/**
 * The integration index explained: the weights that apply are readable, and the index is the sum of its
 * components' contributions (weight × min(100, value ÷ target) ÷ the weights that count).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId as gid } from '../../graphql/global-id.js';
import { rebuildCells } from '../../indicators/cells.js';
import { startTestHub, type TestHub } from '../../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../../test-support/random-hospital.js';

const INDEX = `query($o: ID!, $p: Period!) { integrationIndex(orgId: $o, period: $p) {
  value { value numerator denominator }
  weights { isDefault effectiveFrom weights { indicator { id } weight share } }
  components { indicator { id } weight score contribution counted point { value target { target } } } } }`;

describe('indicator/integration index', () => {
  let hub: TestHub;
  let h: RandomHospital;

  beforeAll(async () => {
    hub = await startTestHub();
    const client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 21, '2026-06');
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    await client.end();
  });
  afterAll(() => hub.close());

  it('should add up its components’ contributions, each from its value, target and weight', async () => {
    const res = await hub.gql(INDEX, { o: gid('Organization', h.committee), p: '2026-Q1' });
    expect(res.errors).toBeUndefined();
    const idx = res.data!.integrationIndex;
    expect(idx.weights.isDefault).toBe(true);
    expect(idx.weights.weights.reduce((t: number, w: any) => t + w.share, 0)).toBeCloseTo(100, 1);
    const counted = idx.components.filter((c: any) => c.counted);
    expect(counted.length).toBeGreaterThan(0);
    for (const c of counted) expect(c.score).toBeCloseTo(Math.min(100, (100 * c.point.value) / c.point.target.target), 3);
    const weights = counted.reduce((t: number, c: any) => t + c.weight, 0);
    for (const c of counted) expect(c.contribution).toBeCloseTo((c.weight * c.score) / weights, 3);
    const sum = counted.reduce((t: number, c: any) => t + c.contribution, 0);
    expect(idx.value.value).toBeCloseTo(sum, 2);
    // And the board shows the same value.
    const board = await hub.gql(
      `query($o: ID!) { indicators(orgId: $o, period: "2026-Q1", ids: ["integration_index"]) { values { value } } }`,
      {
        o: gid('Organization', h.committee),
      },
    );
    expect(board.data!.indicators.values[0].value).toBe(idx.value.value);
  });

  it('should read a hospital’s own weights once set, and point the evidence of the index to its components', async () => {
    const o = gid('Organization', h.committee);
    const set = await hub.gql(
      `mutation($o: ID!) { setIntegrationWeights(orgId: $o, effectiveFrom: "2026-01-01", weights: [{ indicatorId: "outpatient_satisfaction", weight: 3 }, { indicatorId: "org_life_attendance_rate", weight: 1 }]) { rows } }`,
      { o },
    );
    expect(set.errors).toBeUndefined();
    const w = await hub.gql(
      `query($o: ID!) { integrationWeights(orgId: $o, period: "2026-03") { isDefault effectiveFrom setOn { id } weights { indicator { id } weight share } } }`,
      { o },
    );
    expect(w.data!.integrationWeights).toMatchObject({ isDefault: false, effectiveFrom: '2026-01-01', setOn: { id: o } });
    expect(w.data!.integrationWeights.weights.map((x: any) => [x.indicator.id, x.share])).toEqual([
      ['outpatient_satisfaction', 75],
      ['org_life_attendance_rate', 25],
    ]);
    const earlier = await hub.gql(`query($o: ID!) { integrationWeights(orgId: $o, period: "2025-12") { isDefault } }`, { o });
    expect(earlier.data!.integrationWeights.isDefault).toBe(true);
    const ev = await hub.gql(`query($o: ID!) { indicatorEvidence(id: "integration_index", orgId: $o, period: "2026-03") { totalCount } }`, {
      o,
    });
    expect(ev.errors?.[0]?.extensions).toMatchObject({ reason: 'indicator/derived' });
    expect(ev.errors?.[0]?.message).toMatch(/integrationIndex/);
  });
});
