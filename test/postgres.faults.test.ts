/**
 * PostgreSQL going away under load: a hub process on its own PostgreSQL (as DATABASE_URL), writers
 * recording meetings with idempotency keys (retrying the same key on an unknown outcome or a 503) and an
 * analyst running aggregates, while PostgreSQL is stopped and started, then crashes (SIGKILL, its service
 * restarting it). The hub lives through both, answers db/unavailable meanwhile (never an internal
 * error), is healthy again unaided; every acknowledged meeting is there exactly once; the cells equal a
 * rebuild. Then the hub's own embedded PostgreSQL is killed and the hub starts it again.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, freePort, gql, mainJs, signedInHeaders, startHub, type HubProcess } from './support/hub-process.ts';

type Embedded = { url: string; stop(): Promise<void> };
const { startEmbedded } = (await import(createRequire(mainJs).resolve('./db/embedded.js'))) as {
  startEmbedded: (o: { dataDir: string; port?: number; notice?: (l: string) => void }) => Promise<Embedded>;
};

const MEETING = `mutation($i: RecordActivityInput!, $k: String) { recordActivity(input: $i, idempotencyKey: $k) { id } }`;
const AGGREGATE = `{ membersAggregate(groupBy: [ORGANIZATION_BRANCH, POLITICAL_STATUS]) { groups { count } } }`;

interface Tally {
  acknowledged: Set<string>;
  unavailable: number;
  other: string[];
  attempts: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const postmasterPid = (dataDir: string) => Number(readFileSync(join(dataDir, 'pg18', 'postmaster.pid'), 'utf8').split('\n')[0]);

/** POSTs a write; a network failure (the hub itself gone) is an 'unreachable' answer. */
async function post(url: string, query: string, variables: object): Promise<{ status: number; body: any }> {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: signedInHeaders(url),
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: await res.json() };
  } catch (err) {
    return { status: 0, body: { errors: [{ extensions: { code: 'UNREACHABLE' }, message: String(err) }] } };
  }
}

/** One writer: meetings with unique titles and keys; an unknown outcome or a 503 is retried with the same key. */
async function writer(url: string, branch: { id: string; members: string[] }, w: number, tally: Tally, until: () => boolean) {
  for (let i = 0; !until(); i++) {
    const title = `故障演练 ${w}-${i}`;
    const input = {
      organizationId: branch.id,
      type: 'THEME_PARTY_DAY',
      title,
      heldOn: `2026-0${1 + (i % 9)}-1${w}`,
      attendance: branch.members.map((m) => ({ memberId: m, status: 'PRESENT' })),
    };
    for (let attempt = 0; attempt < 400; attempt++) {
      tally.attempts++;
      const r = await post(url, MEETING, { i: input, k: `fault-${w}-${i}-${title.length}-drill` });
      const code = r.body.errors?.[0]?.extensions?.code;
      if (!r.body.errors) {
        tally.acknowledged.add(title);
        break;
      }
      if (code === 'SERVICE_UNAVAILABLE') tally.unavailable++;
      else if (code !== 'UNREACHABLE') tally.other.push(`${r.status} ${JSON.stringify(r.body.errors[0])}`);
      await pause(100);
    }
  }
}

async function analyst(url: string, until: () => boolean, other: string[]) {
  while (!until()) {
    const r = await post(url, AGGREGATE, {});
    const code = r.body.errors?.[0]?.extensions?.code;
    if (code && code !== 'SERVICE_UNAVAILABLE' && code !== 'QUERY_TIMEOUT' && code !== 'UNREACHABLE')
      other.push(JSON.stringify(r.body.errors[0]));
    await pause(50);
  }
}

/** Seconds from now until /healthz answers 200; past 120 s, an error with what `context` tells (the supervisor's notices, the hub's last lines). */
async function secondsToHealthy(url: string, context: () => string = () => ''): Promise<number> {
  const t0 = Date.now();
  let last = '';
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then(
      async (r) => (r.status === 200 ? true : ((last = `${r.status} ${(await r.text()).slice(0, 300)}`), false)),
      (err: unknown) => ((last = String(err)), false),
    );
    if (ok) return (Date.now() - t0) / 1000;
    if (Date.now() - t0 > 120_000) throw new Error(`not healthy within 120 s (last answer: ${last})\n${context()}`);
    await pause(100);
  }
}

describe('e2e/faults', () => {
  let dataDir: string;
  let port: number;
  let pgServer: Embedded;
  let url: string;
  let hub: HubProcess;
  let branches: { id: string; members: string[] }[];
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
    const res = await gql(
      hub.url,
      `{ organizations(first: 30, filter: { kind: { eq: BRANCH } }, orderBy: [{ field: ID }]) { nodes { id members(first: 3, filter: { politicalStatus: { eq: FULL_MEMBER }, membershipStatus: { eq: ACTIVE } }) { nodes { id } } } } }`,
    );
    branches = res.data.organizations.nodes
      .filter((b: any) => b.members.nodes.length === 3)
      .slice(0, 4)
      .map((b: any) => ({ id: b.id, members: b.members.nodes.map((m: any) => m.id) }));
  }, 15 * 60_000);

  afterAll(async () => {
    console.log(`faults under load:\n${table.map((r) => JSON.stringify(r)).join('\n')}`);
    hub?.killAll();
    await pgServer?.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Runs the load, injects `fault` after two seconds, keeps going until ten more writes are acknowledged after the hub is healthy again. */
  async function underLoad(name: string, fault: () => Promise<void>) {
    const tally: Tally = { acknowledged: new Set(), unavailable: 0, other: [], attempts: 0 };
    let done = false;
    const load = Promise.all([
      ...branches.map((b, w) => writer(hub.url, b, w, tally, () => done)),
      analyst(hub.url, () => done, tally.other),
    ]);
    await pause(2_000);
    const before = tally.acknowledged.size;
    await fault();
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
    expect(tally.other).toEqual([]);
    expect(hub.child.exitCode).toBeNull();
    return tally;
  }

  /** Every acknowledged meeting is stored exactly once (none lost, none applied twice). */
  async function stored(tally: Tally) {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query(`select title, count(*)::int as n from activity where title like '故障演练 %' group by 1`);
      const counts = new Map(rows.map((r) => [r.title as string, r.n as number]));
      const lost = [...tally.acknowledged].filter((t) => !counts.has(t));
      const twice = rows.filter((r) => r.n > 1).map((r) => r.title);
      return { lost, twice };
    } finally {
      await db.end();
    }
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
      expect(await stored(tally)).toEqual({ lost: [], twice: [] });
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
      expect(await stored(tally)).toEqual({ lost: [], twice: [] });
    },
    10 * 60_000,
  );

  it(
    'should leave every cell equal to a rebuild (indicators:verify)',
    async () => {
      hub.child.kill('SIGTERM');
      await hub.exited;
      const verify = spawnSync(process.execPath, [join(mainJs, '..', 'cli', 'indicators.js'), 'verify'], {
        env: cleanEnv({ DATABASE_URL: url }),
        encoding: 'utf8',
      });
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
      expect(verify.stdout).toMatch(/0 differ/);
    },
    10 * 60_000,
  );

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
