/**
 * PostgreSQL going away under load: a hub process on its own PostgreSQL (as DATABASE_URL), writers
 * recording meetings with idempotency keys (retrying the same key on an unknown outcome or a 503) and an
 * analyst running aggregates, while PostgreSQL is stopped and started, then crashes (SIGKILL, its service
 * restarting it). The hub lives through both, answers db/unavailable meanwhile (never an internal
 * error), is healthy again unaided; every acknowledged meeting is there exactly once; the cells equal a
 * rebuild. Then the hub's own embedded PostgreSQL is killed and the hub starts it again.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, mainJs, startHub, type HubProcess } from './support/hub-process.ts';
import {
  acceptingConnections,
  analyst,
  expectCellsEqualRebuild,
  internalAnswers,
  meetingBranches,
  newTally,
  pause,
  secondsToHealthy,
  stored,
  writer,
  type Branch,
} from './support/load.ts';

type Embedded = { url: string; stop(): Promise<void> };
const { startEmbedded } = (await import(createRequire(mainJs).resolve('./db/embedded.js'))) as {
  startEmbedded: (o: { dataDir: string; port?: number; notice?: (l: string) => void }) => Promise<Embedded>;
};

/**
 * The bound: /healthz 200 within 10 s of PostgreSQL accepting connections again, after a restart and
 * after a crash (a correctness bound of recovery, the hub's reconnect and health check, not a speed figure).
 */
const HEALTHY_AFTER_ACCEPTING_S = 10;

const postmasterPid = (dataDir: string) => Number(readFileSync(join(dataDir, 'pg18', 'postmaster.pid'), 'utf8').split('\n')[0]);

describe('faults/postgres', () => {
  let dataDir: string;
  let port: number;
  let pgServer: Embedded;
  let url: string;
  let hub: HubProcess;
  let branches: Branch[];
  const table: Record<string, unknown>[] = [];
  /** What the test's PostgreSQL supervisor said (a restart, a retry and why): shown if the hub does not recover. */
  const notices: string[] = [];
  const notice = (line: string) => void notices.push(`${new Date().toISOString()} ${line}`);
  const diagnosis = () =>
    `PostgreSQL supervisor:\n${notices.slice(-20).join('\n')}\nhub's last lines:\n${hub.output().split('\n').slice(-30).join('\n')}`;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(process.getuid?.() === 0 ? '/var/lib' : tmpdir(), 'party-hub-faults-'));
    port = await freePort();
    pgServer = await startEmbedded({ dataDir, port, notice });
    const admin = new pg.Client({ connectionString: pgServer.url });
    await admin.connect();
    await admin.query(`create database party_hub encoding 'UTF8' template template0`);
    await admin.end();
    url = pgServer.url.replace(/\/[^/]*$/, '/party_hub');
    hub = await startHub({ DATABASE_URL: url, HUB_SEED: 'hospital' }, 10 * 60_000);
    branches = await meetingBranches(hub.url);
  }, 15 * 60_000);

  afterAll(async () => {
    console.log(`faults under load:\n${table.map((r) => JSON.stringify(r)).join('\n')}`);
    hub?.killAll();
    await pgServer?.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Runs the load, injects `fault` after two seconds, keeps going until ten more writes are acknowledged after the hub is healthy again. */
  async function underLoad(name: string, fault: () => Promise<void>) {
    const tally = newTally();
    let done = false;
    const load = Promise.all([
      ...branches.map((b, w) => writer(hub.url, b, w, tally, () => done)),
      analyst(hub.url, () => done, tally.other),
    ]);
    await pause(2_000);
    const before = tally.acknowledged.size;
    await fault();
    // Timed from PostgreSQL's own return (a crash's restart by its supervisor is not the hub's to count).
    await acceptingConnections(url);
    const healthy = await secondsToHealthy(hub.url, diagnosis);
    const settled = tally.acknowledged.size;
    while (tally.acknowledged.size < settled + 10) await pause(100);
    done = true;
    await load;
    table.push({
      fault: name,
      acknowledged: tally.acknowledged.size,
      duringOutage: settled - before,
      unavailable: tally.unavailable,
      secondsFromPostgresBackToHealthy: healthy,
    });
    expect(internalAnswers(tally.other), `INTERNAL answers during "${name}":\n${internalErrors(hub.output())}`).toEqual([]);
    expect(tally.other).toEqual([]);
    expect(healthy, `seconds from PostgreSQL accepting connections to /healthz 200 after "${name}"`).toBeLessThanOrEqual(
      HEALTHY_AFTER_ACCEPTING_S,
    );
    expect(hub.child.exitCode).toBeNull();
    return tally;
  }

  it(
    'should live through PostgreSQL stopped and started under load: db/unavailable meanwhile, every acknowledged write once',
    async () => {
      const tally = await underLoad('stop and start', async () => {
        await pgServer.stop();
        await pause(3_000);
        pgServer = await startEmbedded({ dataDir, port, notice });
      });
      expect(tally.unavailable).toBeGreaterThan(0);
      expect(await stored(url, tally)).toEqual({ lost: [], twice: [], partial: [] });
    },
    10 * 60_000,
  );

  it(
    'should live through a PostgreSQL crash (SIGKILL; its service starts it again) under load',
    async () => {
      const tally = await underLoad('crash (SIGKILL)', async () => {
        process.kill(postmasterPid(dataDir), 'SIGKILL');
        await pause(500);
      });
      expect(await stored(url, tally)).toEqual({ lost: [], twice: [], partial: [] });
    },
    10 * 60_000,
  );

  it('should leave every cell equal to a rebuild (indicators:verify)', () => expectCellsEqualRebuild(hub, url), 10 * 60_000);

  it(
    'should start its own embedded PostgreSQL again when it is killed',
    async () => {
      const own = await mkdtemp(join(process.getuid?.() === 0 ? '/var/lib' : tmpdir(), 'party-hub-own-'));
      const solo = await startHub({ HUB_DATA_DIR: own, HUB_SEED: 'off' });
      try {
        process.kill(postmasterPid(own), 'SIGKILL');
        await pause(300);
        const healthy = await secondsToHealthy(solo.url);
        table.push({ fault: 'hub’s own PostgreSQL killed', secondsFromPostgresBackToHealthy: healthy });
        expect(solo.child.exitCode).toBeNull();
        expect(solo.output()).toMatch(/PostgreSQL exited unexpectedly[\s\S]*PostgreSQL is back/);
        // No demo data and no account: the answer (asked of its PostgreSQL) is that there is no administrator yet.
        const res = await fetch(`${solo.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ me { username } }' }),
        });
        expect(((await res.json()) as { errors: { extensions: { reason: string } }[] }).errors[0].extensions.reason).toBe('auth/no_admin');
      } finally {
        solo.child.kill('SIGTERM');
        await solo.exited;
        await rm(own, { recursive: true, force: true });
      }
    },
    5 * 60_000,
  );
});

/** The hub's log of each internal error (the error and its stack), for a failure's message. */
function internalErrors(log: string): string {
  const lines = log.split('\n');
  return lines.flatMap((l, i) => (l.includes('internal error') ? lines.slice(i, i + 15) : [])).join('\n');
}
