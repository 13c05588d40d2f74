/**
 * Read replicas, against a real streaming replica (test-support/replica.ts): reads go there while it is
 * healthy; a client that sends back its write's position reads its write even on a paused replica (and
 * does not without it); a replica too far behind, or stopped, is left out without a failed request; a
 * recovery conflict is run again on the primary.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { createClient } from 'graphql-ws';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openHubOrm } from '../app/orm.js';
import { toGlobalId as gid } from '../graphql/global-id.js';
import { createHttp, type HubHttp } from '../http/app.js';
import { postWith, type RawAnswer } from '../test-support/hub.js';
import { migratedHospital, startReplicaPair, type ReplicaPair } from '../test-support/replica.js';
import type { Replica, ReplicaSet } from './replicas.js';
import { formatLsn, parseLsn } from './replicas.js';

const ACTIVITY = `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`;
const READ = `query($id: ID!) { node(id: $id) { id } }`;
/** Write-then-read cycles on the paused replica (issue 22's acceptance: 1,000). */
const CYCLES = 1000;
const LIST = `{ activities(first: 20) { totalCount nodes { id title heldOn } } }`;

const until = async (what: string, ok: () => boolean, timeoutMs = 30_000) => {
  for (const end = Date.now() + timeoutMs; !ok(); await new Promise((r) => setTimeout(r, 100)))
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms: ${what}`);
};

describe('read replicas', { timeout: 300_000 }, () => {
  let pair: ReplicaPair;
  let orm: MikroORM;
  let http: HubHttp;
  let url: string;
  let branch: number;
  let branches: number[];
  let set: ReplicaSet;
  let replica: Replica;
  const logged: string[] = [];

  const post = (query: string, variables?: Record<string, unknown>, readAfter?: string): Promise<RawAnswer> =>
    postWith(url, readAfter ? { 'x-hub-read-after': readAfter } : {}, query, variables);
  const counts = () => ({ replica: replica.statements, primary: set.primaryStatements });
  /** Waits for the replica to be taken back, and reads there. */
  const readsOnReplicaAgain = async () => {
    await until('the replica is back in', () => replica.healthy);
    const before = counts();
    expect((await post(LIST)).errors).toBeUndefined();
    expect(counts().replica - before.replica).toBeGreaterThan(0);
  };
  let n = 0;
  /** A volunteer service of its own; `clerk` picks the branch (writes in one branch take turns: its lock). */
  const write = async (clerk = 0) => {
    const res = await post(ACTIVITY, {
      i: {
        organizationId: gid('Organization', branches[clerk % branches.length]!),
        type: 'VOLUNTEER_SERVICE',
        title: `志愿服务 ${++n}`,
        heldOn: `${new Date().toISOString().slice(0, 7)}-01`,
      },
    });
    expect(res.errors).toBeUndefined();
    return {
      id: res.data.recordActivity.id as string,
      readAfter: (res as { extensions?: Record<string, unknown> }).extensions?.readAfter as string,
    };
  };

  beforeAll(async () => {
    pair = await startReplicaPair({
      prepare: async (dbUrl) => {
        branches = await migratedHospital(dbUrl);
        branch = branches[0]!;
      },
    });
    orm = await openHubOrm({ url: pair.primaryUrl, poolMax: 10 });
    http = await createHttp({
      orm,
      dashboardDir: null,
      authorization: false,
      replicaUrls: [pair.replicaUrl],
      // These tests count where each request's statements run: identical reads answered once (http/coalesce.ts)
      // would run one request's statements for fifty. (coalesce.test.ts: shared answers keep read-your-writes.)
      coalesceMaxAgeMs: 0,
      log: (m) => void logged.push(m),
    });
    await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
    set = http.replicas!;
    replica = set.replicas[0]!;
  }, 300_000);

  afterAll(async () => {
    await http?.stop();
    await orm?.close();
    await pair?.close();
  });

  it('should write WAL positions as PostgreSQL does', () => {
    expect(formatLsn(parseLsn('16/B374D848')!)).toBe('16/B374D848');
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('not a position')).toBeNull();
  });

  it('should run the reads of a request on the healthy replica, not on the primary', async () => {
    expect(replica.healthy).toBe(true);
    const before = counts();
    for (let i = 0; i < 50; i++) {
      const res = await post(LIST);
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
    }
    const after = counts();
    const onReplica = after.replica - before.replica;
    expect(onReplica).toBeGreaterThanOrEqual(50);
    expect(after.primary - before.primary).toBe(0);
  });

  it(
    'should read its own write with the token on a paused replica, 1,000 times out of 1,000, and not without it',
    { timeout: 1_200_000 },
    async () => {
      await until('the replica is in', () => replica.healthy);
      await pair.pause();
      let read = 0;
      let stale = 0;
      const before = counts();
      try {
        // Eight clerks at a time: each cycle its own write, then its own read.
        const cycle = async (clerk: number) => {
          const { id, readAfter } = await write(clerk);
          expect(readAfter).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
          const withToken = await post(READ, { id }, readAfter);
          if (withToken.data?.node?.id === id) read++;
          const without = await post(READ, { id });
          expect(without.status).toBe(200);
          if (without.data?.node === null) stale++;
        };
        let started = 0;
        await Promise.all(
          Array.from({ length: 8 }, async (_, clerk) => {
            while (started++ < CYCLES) await cycle(clerk);
          }),
        );
      } finally {
        await pair.resume();
      }
      expect(read).toBe(CYCLES);
      // The reads without the token went to the paused replica (while it was within 16 MB), which had not replayed the write.
      expect(stale).toBeGreaterThan(0);
      expect(counts().replica - before.replica).toBeGreaterThan(0);
      await pair.caughtUp();
    },
  );

  it('should read on the replica after a write once it has replayed it (the token sent back)', async () => {
    const { id, readAfter } = await write();
    await pair.caughtUp();
    const before = counts();
    const res = await post(READ, { id }, readAfter);
    expect(res.data?.node?.id).toBe(id);
    expect(counts().replica - before.replica).toBeGreaterThan(0);
    expect(counts().primary - before.primary).toBe(0);
  });

  it('should push a change with the position the listener heard it at, which reads the change on a paused replica', async () => {
    const client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const stream = client.iterate<{ indicatorsChanged: { readAfter: string | null } }>({
      query: `subscription { indicatorsChanged(orgId: "${gid('Organization', branch)}") { readAfter } }`,
    });
    try {
      await until('the replica is in', () => replica.healthy);
      const pushed = stream.next();
      await new Promise((r) => setTimeout(r, 300));
      await pair.pause();
      const { id } = await write();
      const push = await pushed;
      const readAfter = push.value?.data?.indicatorsChanged.readAfter;
      expect(readAfter).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      expect((await post(READ, { id }, readAfter!)).data?.node?.id).toBe(id);
      expect((await post(READ, { id })).data?.node).toBeNull();
    } finally {
      await stream.return?.();
      await client.dispose();
      await pair.resume();
    }
    await pair.caughtUp();
  });

  it('should not hand a request that sends its position an answer shared from a replica behind it', async () => {
    // A second hub on the same pair, sharing identical reads (http/coalesce.ts) as a deployed hub does.
    const sharing = await createHttp({
      orm,
      dashboardDir: null,
      authorization: false,
      replicaUrls: [pair.replicaUrl],
      log: () => undefined,
    });
    await new Promise<void>((resolve) => sharing.server.listen(0, '127.0.0.1', resolve));
    const sharingUrl = `http://127.0.0.1:${(sharing.server.address() as AddressInfo).port}`;
    try {
      await until('the replica is in', () => sharing.replicas!.replicas[0]!.healthy);
      await pair.pause();
      const { id, readAfter } = await write();
      await new Promise((r) => setTimeout(r, 500)); // the sharing hub hears of the write (its answers kept so far end)
      // A viewer without the position reads on the paused replica: the write is not there yet, and that answer is kept.
      expect((await postWith(sharingUrl, {}, READ, { id })).data?.node).toBeNull();
      // The writer, sending its position, must read its write: not the answer kept from the replica behind it.
      expect((await postWith(sharingUrl, { 'x-hub-read-after': readAfter }, READ, { id })).data?.node?.id).toBe(id);
    } finally {
      await pair.resume();
      await sharing.stop();
    }
    await pair.caughtUp();
  });

  it('should leave out a replica more than 16 MB behind, and take it back once it has caught up', async () => {
    await pair.pause();
    const primary = new pg.Client({ connectionString: pair.primaryUrl });
    await primary.connect();
    try {
      // About 40 MB of WAL the paused replica has not replayed.
      await primary.query(`create table wal_filler as select g, repeat('x', 300) as pad from generate_series(1, 120000) g`);
      await until('the replica is left out', () => !replica.healthy);
      expect(logged.some((l) => /left out: [\d.]+ MB behind/.test(l))).toBe(true);
      const before = counts();
      expect((await post(LIST)).errors).toBeUndefined();
      expect(counts().replica - before.replica).toBe(0);
      expect(counts().primary - before.primary).toBeGreaterThan(0);
    } finally {
      await pair.resume();
      await primary.query('drop table if exists wal_filler');
      await primary.end();
    }
    await readsOnReplicaAgain();
  });

  it('should answer every request from the primary while the replica is stopped, none 5xx, and read there again once it is back', async () => {
    await pair.stopReplica();
    try {
      const answers = await Promise.all(Array.from({ length: 40 }, () => post(LIST)));
      for (const a of answers) {
        expect(a.status).toBe(200);
        expect(a.errors).toBeUndefined();
      }
      await until('the replica is left out', () => !replica.healthy, 5_000);
      for (let i = 0; i < 10; i++) expect((await post(LIST)).status).toBe(200);
    } finally {
      await pair.startReplica();
    }
    await readsOnReplicaAgain();
  });

  it('should run a statement the replica cancelled for a recovery conflict once more on the primary', async () => {
    // Injected at the pool boundary: the replica's next connection answers its first statement as a hot
    // standby cancelling it for a conflict with recovery does (40001).
    const connect = replica.pool.connect.bind(replica.pool);
    let injected = 0;
    replica.pool.connect = (async () => {
      const client = await connect();
      const query = client.query.bind(client);
      client.query = ((...args: Parameters<typeof query>) => {
        if (injected++ === 0) {
          client.query = query;
          const err = Object.assign(new Error('canceling statement due to conflict with recovery'), { code: '40001' });
          return Promise.reject(err);
        }
        return query(...args);
      }) as typeof client.query;
      return client;
    }) as typeof replica.pool.connect;
    try {
      const before = counts();
      const res = await post(LIST);
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data.activities.totalCount).toBeGreaterThan(0);
      expect(injected).toBe(1);
      expect(counts().primary - before.primary).toBeGreaterThan(0);
      // A conflict is not the replica's failure: it stays in.
      expect(replica.healthy).toBe(true);
    } finally {
      replica.pool.connect = connect as typeof replica.pool.connect;
    }
  });

  it('should keep the reads after writes on the replica (the token sent back)', async () => {
    await until('the replica is in', () => replica.healthy);
    // A clerk writing and the dashboard refreshing with the position: the share of read statements on the replica.
    const before = counts();
    for (let i = 0; i < 100; i++) {
      const { id, readAfter } = await write();
      expect((await post(READ, { id }, readAfter)).data?.node?.id).toBe(id);
      expect((await post(LIST, {}, readAfter)).errors).toBeUndefined();
    }
    const share = (counts().replica - before.replica) / (counts().replica - before.replica + counts().primary - before.primary);
    console.log(`[replicas] read statements on the replica after writes: ${(share * 100).toFixed(1)} %`);
    // A wide margin: this catches reads that never reach the replica. How fast the month view is with the
    // replica, against the primary alone, is a timing: `pnpm bench:replicas` (replicas.measure.ts), never here.
    expect(share).toBeGreaterThan(0.3);
  });
});
