/**
 * `pnpm bench` (indicators): the dashboard's month view — the whole board of an organisation, the
 * breakdown by child organisation for five indicators, a 12-month series for five — as one GraphQL
 * request over HTTP with 10 concurrent clients, against two floors measured in the same run:
 *   (a) plain SQL reading the same cells (what the GraphQL layers add),
 *   (b) the same numbers computed straight from the base tables (what the rollup cells save);
 * and write → notification received by 500 graphql-ws subscribers. Never part of `pnpm test`.
 *
 *   node bench/indicators.ts [--scale hospital|province]     BENCH_SECONDS=5
 */
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { month as monthPeriod, periodsBetween, previousPeriod, yearAgo, INDICATORS, type Period } from '@party-hub/schema/indicators';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import {
  embeddedDbUrl,
  gql,
  registerSession,
  mainJs,
  signedInHeaders,
  signedInSocket,
  startHub,
  type HubProcess,
} from '../support/hub-process.ts';
import { FIVE, MONTH_VIEW } from './month-view.ts';

const { values: args } = parseArgs({ options: { scale: { type: 'string', default: 'hospital' } }, allowPositionals: true });
const scale = args.scale === 'province' ? 'province' : 'hospital';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 3;
const CONNECTIONS = 10;
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 500);
const { ownCellsSql } = (await import(createRequire(mainJs).resolve('./indicators/sql.js'))) as { ownCellsSql: (id: string) => string };

interface Figure {
  rps: number;
  p50: number;
  p95: number;
}
const median = (xs: number[]) => [...xs].toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function benchDataDir(): string {
  const base = process.getuid?.() === 0 ? '/var/lib' : join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'));
  return join(base, `party-hub-bench-${scale}`);
}

/** The hub over HTTP: 10 clients each sending the next request when the last answered (as the floors run). */
function load(url: string, body: string, clients = CONNECTIONS): Promise<Figure> {
  return loop(async () => {
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: signedInHeaders(url), body });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    await res.arrayBuffer();
  }, clients);
}

async function loop(fn: () => Promise<unknown>, clients = CONNECTIONS): Promise<Figure> {
  const lat: number[] = [];
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await fn();
        lat.push(performance.now() - t);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  // Elapsed, not SECONDS: a slow floor's last requests finish well after the time is up.
  const elapsed = (performance.now() - started) / 1000;
  return { rps: lat.length / elapsed, p50: lat[Math.floor(lat.length / 2)]!, p95: lat[Math.floor(lat.length * 0.95)]! };
}

/** Floor (a): the statements the month view needs, reading the cells directly. */
function cellFloor(pool: pg.Pool, org: number, p: Period, series: Period[]) {
  const keys = [p.key, previousPeriod(p).key, yearAgo(p).key];
  const ids = INDICATORS.map((d) => d.id);
  return () =>
    Promise.all([
      pool.query(`select * from indicator_cell where org_id = $1 and period = any($2) and indicator_id = any($3)`, [org, keys, ids]),
      pool.query(
        `select * from indicator_target t join organization o on o.id = $1 where t.org_id = any(string_to_array(trim(both '/' from o.path), '/')::int[])`,
        [org],
      ),
      pool.query(
        `select o.id, c.* from organization o left join indicator_cell c on c.org_id = o.id and c.period = $2 and c.indicator_id = any($3) where o.parent_id = $1`,
        [org, p.key, FIVE],
      ),
      pool.query(`select * from indicator_cell where org_id = $1 and period = any($2) and indicator_id = any($3)`, [
        org,
        series.map((s) => s.key),
        FIVE,
      ]),
    ]);
}

/** Floor (b): the same numbers straight from the base tables (each indicator's own cells over the subtree, summed). */
function baseFloor(pool: pg.Pool, subtree: number[], p: Period, series: Period[]) {
  const board = [p, previousPeriod(p), yearAgo(p)];
  const ids = INDICATORS.filter((d) => d.rollup !== 'DERIVED').map((d) => d.id);
  const run = (id: string, periods: Period[]) =>
    pool.query(`select key, sum(num), sum(den) from (${ownCellsSql(id)}) c group by key`, [
      periods.map((x) => x.key),
      periods.map((x) => x.start),
      periods.map((x) => x.end),
      subtree,
    ]);
  return () => Promise.all([...ids.map((id) => run(id, board)), ...FIVE.map((id) => run(id, series))]);
}

async function view(hub: HubProcess, pool: pg.Pool, label: string, orgGid: string, orgId: number) {
  const { rows } = await pool.query(`select to_char(last_month, 'YYYY-MM') as m from indicator_range`);
  const [y, mo] = (rows[0].m as string).split('-').map(Number) as [number, number];
  const p = monthPeriod(y, mo);
  const series = periodsBetween('MONTH', monthPeriod(y - 1, mo), p).slice(1);
  const body = JSON.stringify({ query: MONTH_VIEW, variables: { org: orgGid, p: p.key, from: series[0]!.key, ids: FIVE } });
  const check = await gql(hub.url, MONTH_VIEW, JSON.parse(body).variables);
  if (check.errors) throw new Error(JSON.stringify(check.errors));
  const subtree = (
    await pool.query(`select id from organization where path like (select path from organization where id = $1) || '%'`, [orgId])
  ).rows.map((r) => r.id);
  const f = { hub: [] as Figure[], cells: [] as Figure[], base: [] as Figure[] };
  for (let round = 0; round < ROUNDS; round++) {
    f.hub.push(await load(hub.url, body));
    f.cells.push(await loop(cellFloor(pool, orgId, p, series)));
    // Floor (b) over a province's base tables takes minutes a request: one client, once (BENCH_BASE=off skips it).
    if (process.env.BENCH_BASE !== 'off' && (scale === 'hospital' || round === 0)) {
      f.base.push(await loop(baseFloor(pool, subtree, p, series), scale === 'hospital' ? CONNECTIONS : 1));
    }
    process.stdout.write(
      `${label} round ${round + 1}: hub ${f.hub.at(-1)!.rps.toFixed(0)} req/s, cells ${f.cells.at(-1)!.rps.toFixed(0)}, base tables ${f.base.at(-1)?.rps.toFixed(1) ?? '—'}\n`,
    );
  }
  // One client alone: the latency a single dashboard sees on an idle server.
  const alone = { hub: await load(hub.url, body, 1), cells: await loop(cellFloor(pool, orgId, p, series), 1) };
  console.log(
    `${label}, one client alone: hub p50 ${alone.hub.p50.toFixed(1)} ms (p95 ${alone.hub.p95.toFixed(1)}), floor (a) p50 ${alone.cells.p50.toFixed(1)} ms`,
  );
  const m = (xs: Figure[], k: keyof Figure) => median(xs.map((x) => x[k]));
  const cell = (xs: Figure[]) => `${m(xs, 'rps').toFixed(1)} req/s (p50 ${m(xs, 'p50').toFixed(1)} / p95 ${m(xs, 'p95').toFixed(1)} ms)`;
  return {
    row: `| ${label} (${p.key}, ${subtree.length} organisations) | ${cell(f.hub)} | ${cell(f.cells)} | ${(m(f.hub, 'p50') / m(f.cells, 'p50')).toFixed(2)}× | ${
      f.base.length ? `${cell(f.base)} | ${(m(f.base, 'p50') / m(f.hub, 'p50')).toFixed(0)}×` : 'skipped | —'
    } |`,
    p50: m(f.hub, 'p50'),
  };
}

/** Write → notification on 500 subscribers: p50 and p95 over every delivery of 10 writes. */
async function live(hub: HubProcess, committee: string, branch: string): Promise<string> {
  const clients: Client[] = [];
  const received: number[] = [];
  let sentAt = 0;
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const c = createClient({
      url: `${hub.url.replace('http', 'ws')}/graphql`,
      lazy: false,
      retryAttempts: 0,
      webSocketImpl: signedInSocket(hub.url),
    });
    c.subscribe(
      { query: `subscription($o: ID!) { indicatorsChanged(orgId: $o) { from refreshAll } }`, variables: { o: committee } },
      {
        next: () => void received.push(performance.now() - sentAt),
        error: (e) => console.error('subscriber error', e),
        complete: () => undefined,
      },
    );
    clients.push(c);
  }
  await new Promise((r) => setTimeout(r, 2000));
  const latencies: number[] = [];
  for (let w = 0; w < 10; w++) {
    received.length = 0;
    sentAt = performance.now();
    const res = await gql(
      hub.url,
      `mutation($o: ID!) { recordActivity(input: { organizationId: $o, type: THEME_PARTY_DAY, title: "bench", heldOn: "2025-06-0${(w % 9) + 1}" }) { id } }`,
      { o: branch },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const until = performance.now() + 5000;
    while (received.length < SUBSCRIBERS && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
    if (received.length < SUBSCRIBERS) throw new Error(`only ${received.length} of ${SUBSCRIBERS} subscribers were told`);
    latencies.push(...received);
    // Undo it (a cancelled activity counts nowhere), so the bench leaves the indicators as it found them.
    await gql(hub.url, `mutation($id: ID!) { cancelActivity(id: $id) { id } }`, { id: res.data.recordActivity.id });
    await new Promise((r) => setTimeout(r, 300));
  }
  for (const c of clients) void c.dispose();
  latencies.sort((a, b) => a - b);
  const q = (x: number) => latencies[Math.floor(latencies.length * x)]!.toFixed(0);
  return `write → notification received by ${SUBSCRIBERS} graphql-ws subscribers (10 writes, ${latencies.length} deliveries, the write's own transaction included): p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`;
}

async function main() {
  const external = process.env.DATABASE_URL;
  console.log(
    `bench (indicators): ${scale} scale, ${external ? 'DATABASE_URL' : benchDataDir()}; ${ROUNDS} rounds × ${SECONDS} s, ${CONNECTIONS} clients`,
  );
  const hub = await startHub(
    { HUB_DATA_DIR: benchDataDir(), HUB_SEED: scale, ...(external ? { DATABASE_URL: external } : {}) },
    60 * 60_000,
  );
  const pool = new pg.Pool({ connectionString: external ?? embeddedDbUrl(hub, benchDataDir()), max: CONNECTIONS });
  // The whole tree, as the peers read it (the demo committee reaches its own hospital only).
  await registerSession(hub.url, external ?? embeddedDbUrl(hub, benchDataDir()));
  try {
    const top = async (kind: string) =>
      (await pool.query(`select id from organization where kind = $1 order by id limit 1`, [kind])).rows[0]?.id as number | undefined;
    const gid = (id: number) => Buffer.from(`Organization:${id}`).toString('base64url');
    const committee = (await top('committee'))!;
    // BENCH_LIVE_ONLY=1: only the write → subscribers part.
    if (process.env.BENCH_LIVE_ONLY !== '1') {
      const rows = [];
      rows.push(await view(hub, pool, 'one hospital', gid(committee), committee));
      const upper = await top('upper_body');
      if (upper) rows.push(await view(hub, pool, 'the provincial body', gid(upper), upper));
      console.log(`\n${scale} scale — month view, medians of ${ROUNDS} rounds:`);
      console.log(
        '| view | hub (GraphQL over HTTP) | floor (a): SQL on the cells | hub ÷ (a), p50 | floor (b): from the base tables | (b) ÷ hub, p50 |',
      );
      console.log('|---|---|---|---|---|---|');
      for (const r of rows) console.log(r.row);
      if (rows[1]) console.log(`provincial view p50 ÷ hospital view p50: ${(rows[1].p50 / rows[0]!.p50).toFixed(2)}`);
    }
    const branch = (await top('branch'))!;
    console.log(await live(hub, gid(committee), gid(branch)));
  } finally {
    await pool.end();
    hub.child.kill('SIGTERM');
    await hub.exited;
  }
}

await main();
