/**
 * `pnpm --filter @party-hub/e2e bench:versus <other checkout>`: the dashboard's month view (the same request
 * as bench/indicators.ts) served by this checkout and by another one — say a commit before a change, cloned,
 * `pnpm install && pnpm build` — each hub on its own database of the same PostgreSQL (DATABASE_URL's server;
 * the databases `bench_versus_this` and `bench_versus_other` are created and seeded with the hospital demo
 * if missing), loaded in turn, alternating which goes first, so both see the same machine. Prints each
 * round and the ratio of the medians. Not part of `pnpm bench` (it needs the other checkout built).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/versus.ts ../../before   [BENCH_ROUNDS=8 BENCH_SECONDS=8 BENCH_MONTH=2026-11]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { mainJs, postHeaders, registerSession } from '../support/hub-process.ts';
import { FIVE, MONTH_VIEW } from './month-view.ts';

const other = process.argv[2];
const base = process.env.DATABASE_URL;
if (!other || !base) {
  console.error('usage: DATABASE_URL=postgres://…/postgres node bench/versus.ts <other checkout, built>');
  process.exit(2);
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
interface Hub {
  name: string;
  main: string;
  db: string;
  port: number;
  child?: ChildProcess;
  url?: string;
}
const hubs: Hub[] = [
  { name: 'this checkout', main: mainJs, db: 'bench_versus_this', port: 4701 },
  { name: `other (${other})`, main: resolve(other, 'packages/server/dist/main.js'), db: 'bench_versus_other', port: 4702 },
];
const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const urlOf = (db: string) => {
  const u = new URL(base);
  u.pathname = `/${db}`;
  return u.toString();
};

const admin = new pg.Client({ connectionString: base });
await admin.connect();
for (const h of hubs) {
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [h.db]);
  if (!rowCount) await admin.query(`create database ${h.db}`);
}
await admin.end();

for (const h of hubs) {
  h.child = spawn(process.execPath, [h.main], {
    env: { ...process.env, PORT: String(h.port), DATABASE_URL: urlOf(h.db), HUB_SEED: 'hospital' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  h.url = `http://127.0.0.1:${h.port}`;
}
const post = (h: Hub, body: string) => fetch(`${h.url}/graphql`, { method: 'POST', headers: postHeaders(h.url!), body });
async function up(h: Hub) {
  for (;;) {
    if (h.child!.exitCode != null) throw new Error(`${h.name} exited`);
    const ok = await fetch(`${h.url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  // A checkout with sign-in needs a session (an older one answers anybody).
  const anonymous = (await (await post(h, '{"query":"{ hospitals { totalCount } }"}')).json()) as { errors?: unknown[] };
  if (anonymous.errors) await registerSession(h.url!, urlOf(h.db));
}

try {
  await Promise.all(hubs.map(up));
  const month = async (h: Hub) => {
    const c = new pg.Client({ connectionString: urlOf(h.db) });
    await c.connect();
    const org = (await c.query(`select id from organization where kind = 'committee' order by id limit 1`)).rows[0].id as number;
    const last = (await c.query(`select to_char(last_month, 'YYYY-MM') as m from indicator_range`)).rows[0].m as string;
    await c.end();
    return { org, last };
  };
  const { org, last: newest } = await month(hubs[0]!);
  // BENCH_MONTH=2026-11: another month than the newest the data covers (a past month judges every grain complete).
  const last = process.env.BENCH_MONTH ?? newest;
  const [y, m] = last.split('-').map(Number) as [number, number];
  const from = m === 12 ? `${y}-01` : `${y - 1}-${String(m + 1).padStart(2, '0')}`;
  const body = JSON.stringify({
    query: MONTH_VIEW,
    variables: { org: Buffer.from(`Organization:${org}`).toString('base64url'), p: last, from, ids: FIVE },
  });
  for (const h of hubs) {
    const res = (await (await post(h, body)).json()) as { errors?: unknown };
    if (res.errors) throw new Error(`${h.name}: ${JSON.stringify(res.errors)}`);
  }
  const load = async (h: Hub) => {
    let n = 0;
    const started = performance.now();
    const until = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (performance.now() < until) {
          await (await post(h, body)).arrayBuffer();
          n++;
        }
      }),
    );
    return n / ((performance.now() - started) / 1000);
  };
  const rps = new Map(hubs.map((h) => [h.name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++)
    for (const h of round % 2 ? hubs.toReversed() : hubs) {
      const r = await load(h);
      rps.get(h.name)!.push(r);
      console.log(`round ${round + 1}: ${h.name} ${r.toFixed(0)} req/s`);
    }
  const [a, b] = hubs.map((h) => median(rps.get(h.name)!)) as [number, number];
  console.log(
    `month view (${last}), 10 clients, medians of ${ROUNDS} rounds: this checkout ${a.toFixed(0)} req/s, other ${b.toFixed(0)} req/s; other ÷ this ${(b / a).toFixed(2)}`,
  );
} finally {
  for (const h of hubs) h.child?.kill('SIGTERM');
}
