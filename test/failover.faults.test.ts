/**
 * Losing the primary under load: the hub on a Patroni pair (PostgreSQL 15, etcd, synchronous mode, ttl 20 s)
 * through HAProxy (which forwards to the node answering 200 on Patroni's /primary), writers recording
 * meetings with idempotency keys and an analyst running aggregates. After 15 s of load the primary's machine
 * is lost (Patroni, the postmaster and its backends SIGKILLed); the standby is promoted once the leader key
 * expires. The hub is healthy again within 40 s, unaided; no acknowledged meeting is lost (a synchronous
 * standby has every commit the primary acknowledged) or applied twice; a meeting whose outcome was unknown,
 * sent again with its key, is there once and whole; every cell equals a rebuild.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type HubProcess } from './support/hub-process.ts';
import {
  analyst,
  expectCellsEqualRebuild,
  internalAnswers,
  meetingBranches,
  newTally,
  pause,
  replayUnknown,
  secondsToHealthy,
  stored,
  writer,
  type Branch,
  type Tally,
} from './support/load.ts';
import { patroniMissing, startPatroniPair, type PatroniCluster } from './support/patroni.ts';

/** The acceptance bound: healthy again within 40 s of the primary's loss (ttl 20 s + a loop + HAProxy's checks + the hub's reconnect). */
const HEALTHY_WITHIN_S = 40;
const missing = patroniMissing();
if (missing && !process.env.CI) console.warn(`faults/failover skipped: ${missing}`);

describe.skipIf(missing && !process.env.CI)('faults/failover', () => {
  let cluster: PatroniCluster;
  let url: string;
  let hub: HubProcess;
  let branches: Branch[];
  const diagnosis = async () =>
    `cluster: ${await cluster.list()}\n${cluster.diagnosis()}\n--- hub's last lines:\n${hub.output().split('\n').slice(-30).join('\n')}`;

  beforeAll(async () => {
    // In CI a missing program fails the suite (`.ci/run` installs them), instead of skipping it.
    if (missing) throw new Error(`the failover suite cannot run: ${missing}`);
    cluster = await startPatroniPair();
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`create database party_hub encoding 'UTF8' template template0`);
    await admin.end();
    url = cluster.url.replace(/\/[^/]*$/, '/party_hub');
    hub = await startHub({ DATABASE_URL: url, HUB_SEED: 'hospital' }, 10 * 60_000);
    branches = await meetingBranches(hub.url);
  }, 15 * 60_000);

  afterAll(async () => {
    hub?.killAll();
    await cluster?.stop();
  });

  it(
    'should be healthy within 40 s of losing the primary, with no acknowledged write lost or applied twice',
    async () => {
      const tally = newTally();
      let done = false;
      const load = Promise.all([
        ...branches.map((b, w) => writer(hub.url, b, w, tally, () => done)),
        analyst(hub.url, () => done, tally.other),
      ]);
      await pause(15_000);
      const primary = await cluster.leader();
      expect(primary, await diagnosis()).not.toBeNull();
      const before = tally.acknowledged.size;
      cluster.lose(primary!);
      // The first answer after the loss may still be one already on its way: wait for the hub to notice.
      const context = () => `${cluster.diagnosis()}\n--- hub:\n${hub.output().split('\n').slice(-30).join('\n')}`;
      const healthy = await waitForOutageAndRecovery(hub.url, context);
      const promoted = await cluster.leader();
      const settled = tally.acknowledged.size;
      // Writing goes on for a while on the new primary (with no standby left, synchronous mode lets it commit alone).
      while (tally.acknowledged.size < settled + 20) await pause(100);
      done = true;
      await load;
      const replayed = await replayUnknown(hub.url, tally);
      const result = await stored(url, tally);
      printTable(tally, result, healthy, before, settled);
      expect(promoted?.name, await diagnosis()).not.toBe(primary!.name);
      expect(internalAnswers(tally.other), `INTERNAL answers during the failover:\n${internalErrors(hub.output())}`).toEqual([]);
      expect(tally.other, `the hub's internal errors:\n${internalErrors(hub.output())}`).toEqual([]);
      expect(replayed).toEqual([]);
      expect(result).toEqual({ lost: [], twice: [], partial: [] });
      expect(healthy).toBeLessThanOrEqual(HEALTHY_WITHIN_S);
      expect(hub.child.exitCode).toBeNull();
    },
    10 * 60_000,
  );

  it(
    'should leave every cell equal to a rebuild on the new primary (indicators:verify)',
    () => expectCellsEqualRebuild(hub, url),
    10 * 60_000,
  );
});

/**
 * Seconds from the primary's loss until /healthz answers 200 again: first until the hub notices (a /healthz
 * other than 200, or 20 s — a loss the hub never noticed), then until it is healthy.
 */
async function waitForOutageAndRecovery(url: string, context: () => string): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < 20_000) {
    const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status !== 200) break;
    await pause(100);
  }
  await secondsToHealthy(url, context);
  return (Date.now() - t0) / 1000;
}

/** The hub's log of each internal error (the error and its stack), for a failure's message. */
function internalErrors(log: string): string {
  const lines = log.split('\n');
  return lines.flatMap((l, i) => (l.includes('internal error') ? lines.slice(i, i + 15) : [])).join('\n');
}

function printTable(tally: Tally, result: { lost: string[]; twice: string[] }, healthy: number, before: number, settled: number) {
  const row = {
    acknowledged: tally.acknowledged.size,
    lost: result.lost.length,
    duplicated: result.twice.length,
    unknown: tally.unknown.size,
    'seconds to healthy': healthy,
  };
  console.log(
    `failover (primary lost after ${before} acknowledged; ${settled - before} more acknowledged before healthy again; ${tally.unavailable} db/unavailable answers):\n` +
      `| ${Object.keys(row).join(' | ')} |\n| ${Object.values(row).join(' | ')} |`,
  );
}
