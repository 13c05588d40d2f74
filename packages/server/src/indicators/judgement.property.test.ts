/**
 * Judged at the grain, over random hospitals: for every quarterly and yearly indicator with a target, a
 * board asked in any month before its grain ends never reads NOT_MET or WARNING (it is IN_PROGRESS), and
 * the board of the grain's last month equals the grain's own value and status once it is over. Asked
 * through the API, as a committee member's board is.
 */
import { INDICATORS, currentMonth, monthsBefore } from '@party-hub/schema/indicators';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../graphql/global-id.js';
import { truncateAll } from '../seed/index.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { randomHospital } from '../test-support/random-hospital.js';
import { rebuildCells } from './cells.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 4);
const now = currentMonth();
const LAST = `${now.year}-${String(now.month).padStart(2, '0')}`;
const LONG = INDICATORS.filter((d) => (d.grain === 'QUARTER' || d.grain === 'YEAR') && d.direction !== 'CONTEXT' && d.target != null);
const IDS = LONG.map((d) => d.id);

interface Value {
  indicator: { id: string };
  value: number | null;
  status: string | null;
  complete: boolean;
  judgedPeriod: string;
}

describe('indicators/judged at the grain (property)', () => {
  let hub: TestHub;
  let client: pg.Client;

  beforeAll(async () => {
    hub = await startTestHub({ debug: true });
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  async function board(org: number, period: string): Promise<Map<string, Value>> {
    const res = await hub.gql(
      `query($o: ID!, $p: Period!, $ids: [String!]) { indicators(orgId: $o, period: $p, ids: $ids) {
         values { indicator { id } value status complete judgedPeriod } } }`,
      { o: toGlobalId('Organization', org), p: period, ids: IDS },
    );
    expect(res.errors, period).toBeUndefined();
    return new Map((res.data!.indicators.values as Value[]).map((v) => [v.indicator.id, v]));
  }

  it('never reads NOT_MET before a grain ends, and equals the grain once it has', async () => {
    expect(LONG.length).toBeGreaterThan(5);
    let judged = 0;
    let inProgress = 0;
    for (let seed = 1; seed <= RUNS; seed++) {
      await truncateAll(client);
      const h = await randomHospital(client, 7_000 + seed, LAST);
      await client.query('begin');
      await rebuildCells(client);
      await client.query('commit');
      // The twelve months before this one: whole quarters and a whole year behind, the current ones in progress.
      const months = Array.from({ length: 12 }, (_, i) => monthsBefore(LAST, 12 - i)).concat(LAST);
      for (const org of [h.committee, ...h.branches.slice(0, 2)]) {
        const boards = new Map<string, Map<string, Value>>();
        for (const m of months) boards.set(m, await board(org, m));
        for (const d of LONG) {
          for (const m of months) {
            const v = boards.get(m)!.get(d.id)!;
            const [y, mm] = m.split('-').map(Number) as [number, number];
            const grainEnds = d.grain === 'QUARTER' ? mm % 3 === 0 : mm === 12;
            const over = grainEnds && m < LAST;
            if (!over) {
              expect(['NOT_MET', 'WARNING', 'MET'], `${d.id} ${m} org ${org} seed ${seed}`).not.toContain(v.status);
              expect(v.complete, `${d.id} ${m}`).toBe(false);
              if (v.status === 'IN_PROGRESS') inProgress++;
              continue;
            }
            const grain = d.grain === 'QUARTER' ? `${y}-Q${mm / 3}` : `${y}`;
            const whole = (await board(org, grain)).get(d.id)!;
            expect({ value: v.value, status: v.status, complete: v.complete }, `${d.id} ${m} vs ${grain}`).toEqual({
              value: whole.value,
              status: whole.status,
              complete: true,
            });
            judged++;
          }
        }
      }
    }
    // The test saw both sides: grains judged after their end, and months in progress.
    expect(judged).toBeGreaterThan(20);
    expect(inProgress).toBeGreaterThan(20);
  });
});
