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
import { parseArgs } from 'node:util';
import pg from 'pg';
import { embeddedDbUrl, gql, registerSession, startHub, type HubProcess } from '../support/hub-process.ts';
import { startPostGraphile } from './postgraphile-process.ts';
import { fixtures, normalise, scenarios } from './queries.ts';
import { benchDataDir, CONNECTIONS, ROUNDS, SECONDS, sideBySide } from './side-by-side.ts';

const { values: args } = parseArgs({ options: { scale: { type: 'string', default: 'hospital' } }, allowPositionals: true });
const scale = args.scale === 'province' ? 'province' : 'hospital';

async function main() {
  const external = process.env.DATABASE_URL;
  console.log(
    `bench (peers): ${scale} scale, ${external ? 'DATABASE_URL' : benchDataDir(scale)}; ${ROUNDS} rounds × ${SECONDS} s, ${CONNECTIONS} connections`,
  );
  const hub: HubProcess = await startHub(
    { HUB_DATA_DIR: benchDataDir(scale), HUB_SEED: scale, ...(external ? { DATABASE_URL: external } : {}) },
    60 * 60_000,
  );
  const dbUrl = external ?? embeddedDbUrl(hub, benchDataDir(scale));
  // The whole tree, as the peers read it (the demo committee reaches its own hospital only).
  await registerSession(hub.url, dbUrl);
  const pgl = await startPostGraphile(dbUrl);
  const pool = new pg.Pool({ connectionString: dbUrl, max: CONNECTIONS });
  try {
    const list = scenarios(await fixtures(pool, async (q) => (await gql(hub.url, q)).data));
    await sideBySide(
      `${scale} scale`,
      list.map((s) => ({
        key: s.key,
        name: s.name,
        hub: { body: s.hub, answer: normalise },
        postgraphile: { body: s.postgraphile, answer: normalise },
        sql: () => s.sql(pool),
      })),
      { hub: hub.url, postgraphile: pgl.url },
    );
  } finally {
    await pool.end();
    pgl.child.kill('SIGTERM');
    hub.child.kill('SIGTERM');
    await hub.exited;
  }
}

await main();
