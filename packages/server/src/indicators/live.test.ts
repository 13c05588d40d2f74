/**
 * The live feed under faults, against a real PostgreSQL: its listening connection goes through a TCP proxy that
 * the test makes silent (half-open: no reset ever comes), a subscriber stops reading, and 2,000 subscribers over
 * real graphql-ws sockets are told to refresh at once. Changes are sent as writes send them (pg_notify on the
 * channel, from another connection).
 */
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { IndicatorChange } from '../domain/changes.js';
import { toGlobalId } from '../graphql/global-id.js';
import { buildFixture } from '../test-support/fixtures.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { startTcpProxy, type TcpProxy } from '../test-support/tcp-proxy.js';
import { IndicatorFeed, type FeedOptions } from './live.js';
import { CHANNEL } from './writes.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `done()` holds, or fails after `ms` saying `what`. */
async function until(done: () => boolean, ms: number, what: string): Promise<number> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(10);
  }
  return Date.now() - started;
}

/** Reads a subscription as graphql-ws would, into an array. */
function reader(feed: IndicatorFeed, orgId: number, options: { upper?: boolean } = {}): IndicatorChange[] {
  const got: IndicatorChange[] = [];
  void (async () => {
    for await (const c of feed.subscribe(orgId, options)) got.push(c);
  })();
  return got;
}

const refreshed = (got: IndicatorChange[]) => got.some((c) => c.orgIds === null);
const written = (got: IndicatorChange[], from: string) => got.some((c) => c.from === from);

describe('indicators/live under faults', () => {
  let hub: TestHub;
  let pool: pg.Pool;
  let proxy: TcpProxy;
  const feeds: IndicatorFeed[] = [];

  /** A write's notification (several organisations, one day) from the request side. */
  const write = (orgs: number[], from: string) =>
    pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ orgs, from, indicators: ['theme_party_day_rate'] })]);

  async function feed(url: string, options: Partial<FeedOptions> = {}): Promise<IndicatorFeed> {
    const f = new IndicatorFeed({ connectionString: url }, { pool, ...options });
    feeds.push(f);
    await f.start();
    return f;
  }

  beforeAll(async () => {
    hub = await startTestHub();
    pool = new pg.Pool({ connectionString: hub.db.url, max: 4 });
    proxy = await startTcpProxy(hub.db.url);
  });
  afterAll(async () => {
    for (const f of feeds) await f.stop();
    await proxy?.close();
    await pool?.end();
    await hub?.close();
  });

  it('should tell every subscriber to refresh within 15 s of its link going silent, then deliver again', async () => {
    const f = await feed(proxy.through(hub.db.url));
    const subs = [1, 2, 3].map((org) => reader(f, org));
    await write([1, 2, 3], '2026-01-05');
    await until(() => subs.every((s) => written(s, '2026-01-05')), 5000, 'a change before the fault');
    proxy.blackhole();
    const elapsed = await until(() => subs.every(refreshed), 15_000, 'every subscriber told to refresh');
    console.log(`link silent → every subscriber told to refresh: ${elapsed} ms (heartbeat 5 s, echo timeout 10 s)`);
    expect(f.listening).toBe(true);
    await write([1, 2, 3], '2026-02-07');
    await until(() => subs.every((s) => written(s, '2026-02-07')), 5000, 'a change after the reconnect');
    proxy.forward();
  });

  it('should wait out a partition of its link and refresh everyone once it is back', async () => {
    const f = await feed(proxy.through(hub.db.url), { heartbeatMs: 200, echoTimeoutMs: 500 });
    const subs = [1, 2].map((org) => reader(f, org));
    proxy.blackhole({ newConnections: true });
    await until(() => !f.listening, 5000, 'the silent link dropped');
    await write([1, 2], '2026-03-01'); // lost: nobody listens
    await sleep(1500);
    expect(subs.map(refreshed)).toEqual([false, false]);
    proxy.forward();
    const back = await until(() => subs.every(refreshed), 10_000, 'refresh once the link is back');
    console.log(`partition over → subscribers told to refresh: ${back} ms (heartbeat 200 ms, echo timeout 500 ms)`);
    await write([1, 2], '2026-03-02');
    await until(() => subs.every((s) => written(s, '2026-03-02')), 5000, 'a change after the partition');
  });

  it('should not drop a healthy link (heartbeats of another instance are not echoes, and cost no log line)', async () => {
    const logs: string[] = [];
    const a = await feed(hub.db.url, { heartbeatMs: 100, echoTimeoutMs: 300, log: (m) => logs.push(m) });
    await feed(hub.db.url, { heartbeatMs: 100, echoTimeoutMs: 300 });
    const got = reader(a, 1);
    await sleep(2000);
    expect(got).toEqual([]);
    expect(logs).toEqual([]);
    expect(a.listening).toBe(true);
  });

  it('should give a subscriber that stopped reading for 200 changes one refresh instead, then changes again', async () => {
    const f = await feed(hub.db.url);
    const stalled = f.subscribe(7);
    const reading = reader(f, 7);
    // In bursts of 50 (one burst arrives in one read, all queued before a reader's next turn).
    for (let burst = 0; burst < 4; burst++) {
      await pool.query(
        `select pg_notify($1, json_build_object('orgs', array[7], 'from', (date '2026-01-01' + i)::text, 'indicators', array['x'])::text)
         from generate_series($2::int, $2::int + 49) i`,
        [CHANNEL, burst * 50],
      );
      await until(() => reading.length === (burst + 1) * 50, 5000, `${(burst + 1) * 50} changes to the reading subscriber`);
    }
    const first = await stalled.next();
    expect(first.value).toMatchObject({ orgIds: null, reason: 'OVERFLOW' });
    const pending = stalled.next();
    expect(await Promise.race([pending, sleep(300).then(() => 'nothing queued')])).toBe('nothing queued');
    await write([7], '2026-12-31');
    expect((await pending).value).toMatchObject({ from: '2026-12-31', reason: 'WRITE' });
    await stalled.return!();
  });

  it('should push a burst of changes at most once per interval per board, the last change in the last push', async () => {
    const capped = await feed(hub.db.url, { pushIntervals: { board: 400, upper: 1_200 } });
    // The same changes heard uncapped, with when they arrived: the burst's window as a listener saw it.
    const plain = await feed(hub.db.url);
    const arrived: number[] = [];
    void (async () => {
      for await (const _ of plain.subscribe(11)) arrived.push(performance.now());
    })();
    const boards = [reader(capped, 11), reader(capped, 11), reader(capped, 11)];
    const upper = reader(capped, 12, { upper: true });
    const N = 40;
    for (let i = 0; i < N; i++) {
      await pool.query('select pg_notify($1, $2)', [
        CHANNEL,
        JSON.stringify({ orgs: [11, 12], from: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`, indicators: [`x${i}`] }),
      ]);
      await sleep(50);
    }
    await until(() => arrived.length === N, 5000, 'the burst heard');
    const last = (got: IndicatorChange[]) => got.at(-1)?.indicatorIds.includes(`x${N - 1}`) ?? false;
    await until(() => boards.every(last) && last(upper), 5000, 'the trailing push with the last change');
    await sleep(1500); // nothing more comes
    const window = arrived.at(-1)! - arrived[0]!;
    const pushes = boards.map((b) => b.length);
    console.log(`${N} changes over ${window.toFixed(0)} ms: ${pushes[0]} pushes a subscriber at 400 ms, ${upper.length} at 1,200 ms`);
    expect(pushes[0]).toBeLessThanOrEqual(Math.ceil(window / 400) + 1);
    expect(upper.length).toBeLessThanOrEqual(Math.ceil(window / 1_200) + 1);
    // One gate per board, not per subscriber: every subscriber got the same pushes; no change was lost.
    expect(new Set(pushes).size).toBe(1);
    expect(capped.pushes(11)?.sent).toBe(pushes[0]);
    for (const got of [...boards, upper]) {
      expect(new Set(got.flatMap((c) => c.indicatorIds))).toEqual(new Set(Array.from({ length: N }, (_, i) => `x${i}`)));
      expect(got.at(-1)).toMatchObject({ reason: 'WRITE', orgIds: [11, 12] });
    }
    // The first change of a quiet board goes at once.
    await write([11], '2026-05-05');
    await until(() => boards.every((b) => written(b, '2026-05-05')), 300, 'a lone change pushed at once');
  });

  it('should tell 2,000 subscribers on real sockets to refresh when the listening connection is lost', async () => {
    const fx = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 1, membersPerBranch: 1 });
    const org = toGlobalId('Organization', fx.committee.id);
    const cookie = hub.cookie;
    class Signed extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie } });
      }
    }
    const clients: Client[] = Array.from({ length: 20 }, () =>
      createClient({ url: `${hub.url.replace('http', 'ws')}/graphql`, webSocketImpl: Signed, retryAttempts: 0 }),
    );
    const got = Array.from({ length: 2000 }, () => [] as { refreshAll: boolean }[]);
    for (const [i, messages] of got.entries())
      clients[i % 20].subscribe(
        { query: 'subscription($o: ID!) { indicatorsChanged(orgId: $o) { refreshAll } }', variables: { o: org } },
        { next: (m) => void messages.push((m.data as any).indicatorsChanged), error: () => undefined, complete: () => undefined },
      );
    try {
      // Every subscription registered: a change reaches all of them.
      for (let n = 0; !got.every((m) => m.length > 0); n++) {
        if (n > 60) throw new Error('2,000 subscriptions not all registered within 30 s');
        await write([fx.committee.id], '2026-01-01');
        await sleep(500);
      }
      for (const m of got) m.splice(0);
      const started = Date.now();
      await pool.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen %'`,
      );
      const all = await until(() => got.every((m) => m.some((e) => e.refreshAll)), 30_000, '2,000 told to refresh');
      console.log(`listening connection killed → 2,000 subscribers on 20 sockets told to refresh: ${all} ms (from ${started})`);
      expect(all).toBeLessThan(30_000);
    } finally {
      for (const c of clients) void c.dispose();
    }
  });
});
