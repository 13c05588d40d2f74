/**
 * The hub behind pgbouncer 1.18 in transaction mode (README: "Behind pgbouncer"): DATABASE_URL is pgbouncer,
 * HUB_DIRECT_URL the PostgreSQL server behind it (migrations, seeding, LISTEN), HUB_PREPARED=off (1.18 keeps
 * no prepared statements across server connections). It starts (a hub that sent `statement_timeout` as a
 * startup parameter was refused: "unsupported startup parameter"), writes and reads through pgbouncer, its
 * statement timeouts still cancel a request's read and an aggregate (and leak into no other client of
 * pgbouncer's server connections), and a subscriber hears of a write.
 * The server is TEST_DATABASE_URL's (CI's second pass: PostgreSQL 15) or an embedded one of its own; a fresh
 * database for the test. Skipped only when pgbouncer is not installed (.ci/run installs it).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, mainJs, signedInSocket, startHub, type HubProcess } from './support/hub-process.ts';
import { pgbouncerVersion, startPgbouncer, type Pgbouncer } from './support/pgbouncer.ts';

type Embedded = { url: string; stop(): Promise<void> };
const version = pgbouncerVersion();
if (!version) console.warn('e2e/pgbouncer: SKIPPED, pgbouncer is not installed (apt-get install pgbouncer; .ci/run installs it)');

const CHANGES = `subscription($org: ID!) { indicatorsChanged(orgId: $org) { orgIds from } }`;
const AGGREGATE = `{ membersAggregate(groupBy: [ORGANIZATION_BRANCH, POLITICAL_STATUS]) { groups { count } } }`;

/** The server for the test: TEST_DATABASE_URL's, or an embedded PostgreSQL of its own. */
async function server(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: async () => undefined };
  const { startEmbedded } = (await import(createRequire(mainJs).resolve('./db/embedded.js'))) as {
    startEmbedded: (o: { dataDir: string; notice?: (l: string) => void }) => Promise<Embedded>;
  };
  const dataDir = await mkdtemp(join(tmpdir(), 'party-hub-pgbouncer-pg-'));
  const embedded = await startEmbedded({ dataDir, notice: () => undefined });
  return { url: embedded.url, stop: () => embedded.stop().then(() => rm(dataDir, { recursive: true, force: true })) };
}

const withDb = (url: string, db: string) => Object.assign(new URL(url), { pathname: `/${db}` }).toString();

// In CI (`.ci/run` installs pgbouncer) a missing pgbouncer fails the suite instead of skipping it.
if (!version && process.env.CI) throw new Error('pgbouncer is not installed (or not on PATH): .ci/run installs it');
describe.skipIf(!version)(`e2e/pgbouncer (${version ?? 'not installed'}, transaction mode)`, () => {
  let pgServer: { url: string; stop(): Promise<void> };
  let bouncer: Pgbouncer;
  let direct: string;
  let hub: HubProcess;
  let ws: Client;
  const messages: any[] = [];
  const database = `hub_pgbouncer_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    pgServer = await server();
    const admin = new pg.Client({ connectionString: pgServer.url });
    await admin.connect();
    await admin.query(`create database ${database} encoding 'UTF8' template template0`);
    await admin.end();
    direct = withDb(pgServer.url, database);
    bouncer = await startPgbouncer(direct);
    hub = await startHub({
      DATABASE_URL: bouncer.url(direct),
      HUB_DIRECT_URL: direct,
      HUB_PREPARED: 'off',
      HUB_SEED: 'hospital',
      HUB_STATEMENT_TIMEOUT: '8s',
      HUB_AGGREGATE_TIMEOUT: '2s',
    });
  });

  afterAll(async () => {
    await ws?.dispose();
    hub?.killAll();
    await bouncer?.stop();
    if (pgServer) {
      const admin = new pg.Client({ connectionString: pgServer.url });
      await admin.connect();
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
      await pgServer.stop();
    }
  });

  it('serves a write and reads through pgbouncer, and pushes the write to a subscriber', async () => {
    expect(bouncer.log()).not.toMatch(/unsupported startup parameter/);
    const ids = await gql(
      hub.url,
      `{ c: organizations(filter: { kind: { eq: COMMITTEE } }, first: 1) { nodes { id } }
         br: organizations(filter: { kind: { eq: BRANCH } }, first: 1, orderBy: [{ field: ID }]) { nodes { id } } }`,
    );
    expect(ids.errors).toBeUndefined();
    const [committee, branch] = [ids.data.c.nodes[0].id, ids.data.br.nodes[0].id];
    ws = createClient({ url: `${hub.url.replace('http', 'ws')}/graphql`, retryAttempts: 0, webSocketImpl: signedInSocket(hub.url) });
    ws.subscribe(
      { query: CHANGES, variables: { org: committee } },
      { next: (m) => void messages.push(m), error: (e) => void messages.push({ error: e }), complete: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 1000)); // the subscription registered

    const write = await gql(hub.url, `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`, {
      i: { organizationId: branch, type: 'THEME_PARTY_DAY', title: '连接池主题党日', heldOn: '2026-03-10' },
    });
    expect(write.errors).toBeUndefined();
    // Reads of many shapes through pgbouncer, several times over (with prepared statements on 1.18 they failed: "prepared statement … does not exist").
    for (let i = 0; i < 5; i++) {
      const read = await gql(
        hub.url,
        `query($id: ID!) { node(id: $id) { ... on Activity { title } } members { totalCount } organizations(first: 5) { nodes { name } } }`,
        { id: write.data.recordActivity.id },
      );
      expect(read.errors).toBeUndefined();
      expect(read.data.node.title).toBe('连接池主题党日');
      expect(read.data.members.totalCount).toBeGreaterThan(0);
    }
    const started = Date.now();
    while (!messages.length && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 20));
    expect(messages[0]?.data?.indicatorsChanged).toMatchObject({ from: '2026-03-10' });
    expect(messages[0].data.indicatorsChanged.orgIds).toContain(branch);
  });

  it('cancels a read past HUB_STATEMENT_TIMEOUT and an aggregate past HUB_AGGREGATE_TIMEOUT, leaking the timeout to no other client', async () => {
    // Another session holds the table: the hub's statements wait on its lock until their timeouts cancel them.
    const blocker = new pg.Client({ connectionString: direct });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table member in access exclusive mode');
      let t0 = Date.now();
      const agg = await gql(hub.url, AGGREGATE);
      const aggMs = Date.now() - t0;
      t0 = Date.now();
      const read = await gql(hub.url, `{ members { totalCount } }`);
      const readMs = Date.now() - t0;
      expect(agg.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TIMEOUT', reason: 'query/timeout' });
      expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TIMEOUT', reason: 'query/timeout' });
      // Each at its own timeout (2 s, 8 s), not the other's; wide ceilings for a loaded machine.
      expect(aggMs).toBeGreaterThanOrEqual(1_900);
      expect(aggMs).toBeLessThan(7_500);
      expect(readMs).toBeGreaterThanOrEqual(7_900);
      expect(readMs).toBeLessThan(20_000);
    } finally {
      await blocker.query('rollback');
      await blocker.end();
    }
    const again = await gql(hub.url, AGGREGATE);
    expect(again.errors).toBeUndefined();
    // pgbouncer's server connections, which carried the hub's transactions, hand another client no timeout.
    const other = new pg.Pool({ connectionString: bouncer.url(direct), max: 4 });
    const shown = await Promise.all([1, 2, 3, 4].map(() => other.query('show statement_timeout')));
    await other.end();
    expect(shown.map((r) => r.rows[0].statement_timeout)).toEqual(['0', '0', '0', '0']);
  });
});
