/**
 * What the audit log's chain costs (modules/audit: the insert trigger holds the chain's head locked to the
 * commit): audit inserts with the chain trigger on and off, alternating, on one database of a throw-away
 * embedded PostgreSQL 18 (fsync on, as the hub runs it). Two shapes, each from 1 and from 10 connections:
 * a lone audit row committed by itself (a sign-in's), and a write-shaped transaction (20 rows of work, then two
 * audit rows, then the commit). Prints the medians of the rounds: rows or transactions per second, p50 and p95.
 *
 *   node bench/audit-chain.ts [--rounds 6] [--per 200]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort, mainJs } from '../support/hub-process.ts';

type Embedded = { url: string; stop(): Promise<void> };
const { startEmbedded } = (await import(createRequire(mainJs).resolve('./db/embedded.js'))) as {
  startEmbedded: (o: { dataDir: string; port?: number; notice?: (l: string) => void }) => Promise<Embedded>;
};

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '6' }, per: { type: 'string', default: '200' } } });
const ROUNDS = Number(args.rounds);
const PER = Number(args.per);
type Shape = 'lone audit row' | 'write-shaped transaction';
interface Run {
  perSec: number;
  p50: number;
  p95: number;
}

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
// The same statement on and off: the trigger overwrites prev_hash and hash; with it off they must be given.
const AUDIT = `insert into audit_log (actor, action, entity, entity_id, after, prev_hash, hash) values ($1, $2, 'activity', $3, $4, '-', '-')`;

async function once(c: pg.PoolClient, shape: Shape, w: number, i: number): Promise<void> {
  if (shape === 'lone audit row') {
    await c.query(AUDIT, [`user${w}`, 'auth.sign_in', i, JSON.stringify({ address: `10.0.0.${w}` })]);
    return;
  }
  await c.query('begin');
  await c.query(`insert into bench_work (v) select g from generate_series(1, 20) g`);
  for (let k = 0; k < 2; k++) await c.query(AUDIT, [`user${w}`, 'activity.record', i, JSON.stringify({ rows: 20, members: [w, i, k] })]);
  await c.query('commit');
}

async function run(pool: pg.Pool, connections: number, shape: Shape): Promise<Run> {
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, w) => {
      const c = await pool.connect();
      try {
        for (let i = 0; i < PER; i++) {
          const s = performance.now();
          await once(c, shape, w, i);
          latencies.push(performance.now() - s);
        }
      } finally {
        c.release();
      }
    }),
  );
  const sorted = latencies.toSorted((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { perSec: (connections * PER) / ((performance.now() - t0) / 1000), p50: at(0.5), p95: at(0.95) };
}

function line(label: string, runs: Run[]): string {
  const m = (k: keyof Run) => median(runs.map((r) => r[k]));
  return `${label} ${m('perSec').toFixed(0)}/s, p50 ${m('p50').toFixed(2)} ms, p95 ${m('p95').toFixed(2)} ms`;
}

async function measure(url: string, connections: number, shape: Shape): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const pool = new pg.Pool({ connectionString: url, max: connections });
  // A client still closing when the server stops at the end must not take the process down.
  pool.on('error', () => undefined);
  const runs: Record<'on' | 'off', Run[]> = { on: [], off: [] };
  try {
    for (let r = 0; r < ROUNDS; r++)
      for (const mode of r % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        await admin.query(`alter table audit_log ${mode === 'on' ? 'enable' : 'disable'} trigger audit_log_chain`);
        runs[mode].push(await run(pool, connections, shape));
      }
  } finally {
    await admin.query(`alter table audit_log enable trigger audit_log_chain`);
    await pool.end();
    await admin.end();
  }
  const ratio = median(runs.on.map((r) => r.perSec)) / median(runs.off.map((r) => r.perSec));
  console.log(
    `${shape}, ${connections} connection(s): ${line('chain off', runs.off)} | ${line('on', runs.on)} | on ÷ off ${ratio.toFixed(2)}`,
  );
}

const dataDir = await mkdtemp(join(process.getuid?.() === 0 ? '/var/lib' : tmpdir(), 'party-hub-bench-audit-'));
const server = await startEmbedded({ dataDir, port: await freePort(), notice: () => undefined });
try {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database bench_audit encoding 'UTF8' template template0`);
  await admin.end();
  const url = server.url.replace(/\/[^/]*$/, '/bench_audit');
  // The CLI migrates before it verifies: the database gets the audit log's tables and triggers as the hub's would.
  const migrated = spawnSync(process.execPath, [join(mainJs, '..', 'cli', 'audit.js'), 'verify'], {
    env: { ...process.env, DATABASE_URL: url },
  });
  if (migrated.status !== 0) throw new Error(`migration failed: ${migrated.stderr.toString()}`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`create table bench_work (id serial primary key, v int)`);
  await c.end();
  console.log(`audit chain: trigger on and off alternating, ${ROUNDS} rounds of ${PER} per connection, embedded PostgreSQL 18`);
  for (const connections of [1, 10])
    for (const shape of ['lone audit row', 'write-shaped transaction'] as const) await measure(url, connections, shape);
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
