/**
 * `pnpm bench` (peers): the hub's read path against PostGraphile v5 (with connection-filter and
 * pg-aggregates, dev dependencies of this benchmark only) on the same PostgreSQL in the same run, and
 * against the SQL floor (the same rows fetched by a plain `pg` client loop). For each query the two
 * servers' answers are checked identical (enum case aside) before and after the timing; in each of
 * three rounds the servers alternate; autocannon drives 10 connections. Never part of `pnpm test`.
 *
 *   node bench/peers.ts [--scale hospital|province]     DATABASE_URL=… to use another database
 *   BENCH_SECONDS=5 (per server, query and round)
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { gql, startHub, type HubProcess } from '../support/hub-process.ts';
import { startPostGraphile } from './postgraphile-process.ts';
import { fixtures, normalise, scenarios, type Operation, type Scenario } from './queries.ts';

const { values: args } = parseArgs({ options: { scale: { type: 'string', default: 'hospital' } }, allowPositionals: true });
const scale = args.scale === 'province' ? 'province' : 'hospital';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 3;
const CONNECTIONS = 10;

interface Figure {
  rps: number;
  p50: number;
  p99: number;
}

const median = (xs: number[]) => [...xs].toSorted((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The benchmark's own embedded cluster, seeded once per scale and kept (as root under /var/lib, as the hub does). */
function benchDataDir(): string {
  const base = process.getuid?.() === 0 ? '/var/lib' : join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'));
  return join(base, `party-hub-bench-${scale}`);
}

async function answer(server: string, op: Operation): Promise<unknown> {
  const res = await gql(server, op.query, op.variables);
  if (res.errors) throw new Error(`${server}: ${JSON.stringify(res.errors)}`);
  return normalise(res.data);
}

async function load(server: string, op: Operation): Promise<Figure> {
  const r = await autocannon({
    url: `${server}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(op),
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  if (r.non2xx || r.errors) throw new Error(`${server}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

/** The SQL floor: the scenario's plain statements run by 10 concurrent clients for the same time. */
async function floor(pool: pg.Pool, s: Scenario): Promise<Figure> {
  const lat: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await s.sql(pool);
        lat.push(performance.now() - t);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  return { rps: lat.length / SECONDS, p50: lat[Math.floor(lat.length / 2)], p99: lat[Math.floor(lat.length * 0.99)] };
}

async function main() {
  const external = process.env.DATABASE_URL;
  console.log(
    `bench (peers): ${scale} scale, ${external ? 'DATABASE_URL' : benchDataDir()}; ${ROUNDS} rounds × ${SECONDS} s, ${CONNECTIONS} connections`,
  );
  const hub: HubProcess = await startHub(
    { HUB_DATA_DIR: benchDataDir(), HUB_SEED: scale, ...(external ? { DATABASE_URL: external } : {}) },
    60 * 60_000,
  );
  const port = /embedded PostgreSQL on port (\d+)/.exec(hub.output())?.[1];
  const dbUrl = external ?? `postgres://postgres:postgres@127.0.0.1:${port}/party_hub`;
  const pgl = await startPostGraphile(dbUrl);
  const pool = new pg.Pool({ connectionString: dbUrl, max: CONNECTIONS });
  try {
    const list = scenarios(await fixtures(pool, async (q) => (await gql(hub.url, q)).data));
    const check = async () => {
      for (const s of list) {
        const [a, b] = [await answer(hub.url, s.hub), await answer(pgl.url, s.postgraphile)];
        if (!isDeepStrictEqual(a, b))
          throw new Error(`${s.key}: the answers differ\nhub: ${JSON.stringify(a).slice(0, 400)}\npgl: ${JSON.stringify(b).slice(0, 400)}`);
      }
    };
    await check();
    const figures = new Map(list.map((s) => [s.key, { hub: [] as Figure[], pgl: [] as Figure[], sql: [] as Figure[] }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of list) {
        const f = figures.get(s.key)!;
        // Alternate who goes first, so neither always meets a warmer cache.
        const order = round % 2 ? (['pgl', 'hub'] as const) : (['hub', 'pgl'] as const);
        for (const who of order) f[who].push(await load(who === 'hub' ? hub.url : pgl.url, who === 'hub' ? s.hub : s.postgraphile));
        f.sql.push(await floor(pool, s));
        process.stdout.write(
          `round ${round + 1} ${s.key}: hub ${f.hub.at(-1)!.rps.toFixed(0)} req/s, PostGraphile ${f.pgl.at(-1)!.rps.toFixed(0)} req/s\n`,
        );
      }
    }
    await check();
    report(list, figures);
  } finally {
    await pool.end();
    pgl.child.kill('SIGTERM');
    hub.child.kill('SIGTERM');
    await hub.exited;
  }
}

function report(list: Scenario[], figures: Map<string, Record<'hub' | 'pgl' | 'sql', Figure[]>>) {
  const m = (xs: Figure[], k: keyof Figure) => median(xs.map((x) => x[k]));
  const cell = (xs: Figure[]) => `${m(xs, 'rps').toFixed(0)} (${m(xs, 'p50').toFixed(0)} / ${m(xs, 'p99').toFixed(0)} ms)`;
  console.log(`\n${scale} scale — req/s (p50 / p99), medians of ${ROUNDS} rounds:`);
  console.log('| query | hub | PostGraphile | hub ÷ PostGraphile | SQL floor | hub ÷ floor |');
  console.log('|---|---|---|---|---|---|');
  for (const s of list) {
    const f = figures.get(s.key)!;
    const ratio = (a: Figure[], b: Figure[]) => (m(a, 'rps') / m(b, 'rps')).toFixed(2);
    console.log(
      `| ${s.key} — ${s.name} | ${cell(f.hub)} | ${cell(f.pgl)} | ${ratio(f.hub, f.pgl)} | ${cell(f.sql)} | ${ratio(f.hub, f.sql)} |`,
    );
  }
}

await main();
