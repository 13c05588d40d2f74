/**
 * `pnpm bench:replicas`: the month view (the board and a year's series), 4 requests at a time, on a hub that
 * reads on a streaming replica against the same hub on the primary alone — same data, same run, rounds
 * interleaved (the machine is shared), median of the ratios. A timing, so never in `pnpm test`; the routing
 * itself (which reads go where, read-your-writes) is replicas.test.ts's.
 *
 * On one machine the replica and the primary share the same cores, so the ratio shows what routing costs
 * (≈ 1 when nothing is lost), not what a second machine would add.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHubOrm } from '../app/orm.js';
import { toGlobalId as gid } from '../graphql/global-id.js';
import { createHttp, type HubHttp } from '../http/app.js';
import { postWith } from '../test-support/hub.js';
import { migratedHospital, startReplicaPair, type ReplicaPair } from '../test-support/replica.js';

const MONTH_VIEW = `query($org: ID!) {
  indicators(orgId: $org, period: "2026-05") { values { indicator { id } value status changeFromPrevious changeFromYearAgo } }
  indicatorSeries(ids: ["org_life_attendance_rate", "volunteer_participation_rate"], orgId: $org, from: "2025-06", to: "2026-05", grain: MONTH) { points { period value } }
}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

describe('read replicas, measured', () => {
  let pair: ReplicaPair;
  let orm: MikroORM;
  const hubs: HubHttp[] = [];
  let branch: number;

  const serve = async (replicaUrls: string[]) => {
    const http = await createHttp({
      orm,
      dashboardDir: null,
      authorization: false,
      replicaUrls,
      // Every request runs: a shared answer would measure the cache, not where the reads go.
      coalesceMaxAgeMs: 0,
      log: () => undefined,
    });
    hubs.push(http);
    await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
    return { http, url: `http://127.0.0.1:${(http.server.address() as AddressInfo).port}` };
  };

  beforeAll(async () => {
    pair = await startReplicaPair({
      prepare: async (dbUrl) => void (branch = (await migratedHospital(dbUrl))[0]!),
    });
    orm = await openHubOrm({ url: pair.primaryUrl, poolMax: 10 });
  });

  afterAll(async () => {
    for (const h of hubs) await h.stop();
    await orm?.close();
    await pair?.close();
  });

  it('should serve the month view on the replica about as fast as on the primary alone', async () => {
    const withReplica = await serve([pair.replicaUrl]);
    const alone = await serve([]);
    for (const end = Date.now() + 30_000; !withReplica.http.replicas!.replicas[0]!.healthy;) {
      if (Date.now() > end) throw new Error('the replica did not come in within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const rate = async (base: string) => {
      const started = performance.now();
      for (let k = 0; k < 10; k++)
        await Promise.all(
          Array.from({ length: 4 }, async () =>
            expect((await postWith(base, {}, MONTH_VIEW, { org: gid('Organization', branch) })).errors).toBeUndefined(),
          ),
        );
      return 40 / ((performance.now() - started) / 1000);
    };
    await rate(withReplica.url);
    await rate(alone.url);
    const before = withReplica.http.replicas!.replicas[0]!.statements;
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, the order swapped each round: neither side always runs on a machine the other just warmed.
      const [first, second] = round % 2 ? [alone.url, withReplica.url] : [withReplica.url, alone.url];
      const a = await rate(first);
      const b = await rate(second);
      ratios.push(first === withReplica.url ? a / b : b / a);
    }
    // The measurement is worth nothing if the replica hub did not read on the replica.
    expect(withReplica.http.replicas!.replicas[0]!.statements - before).toBeGreaterThan(0);
    const median = ratios.toSorted((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
    console.log(
      `[bench:replicas] month view, requests/s with the replica / on the primary alone: median ${median.toFixed(2)} ` +
        `(rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
    );
  });
});
