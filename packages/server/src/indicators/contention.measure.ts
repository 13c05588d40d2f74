/**
 * `pnpm bench:contention`: the rows above the hospitals under concurrent writes. 16 random hospitals under
 * one upper body, 32 writers (two a hospital) recording activities as fast as they can for a while, through
 * the same write path as the API (recordActivity → transact → the cells). Reports writes/s, p50/p95 write
 * latency, and how often a writer's backend was found waiting on a lock (pg_stat_activity sampled every
 * 20 ms: the share of samples with wait_event_type = 'Lock', and which lock). A timing, so never in
 * `pnpm test`; that the cells stay exact under the same load is cells-above.test.ts's.
 *
 * Before the fold (every write upserting the upper body's cells), all 32 writers queued on the upper body's
 * rows; with it they append single-hospital delta rows and a folder moves them up (cells.ts, fold.ts).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityType } from '../domain/enums.js';
import { toGlobalId as gid } from '../graphql/global-id.js';
import { recordActivity } from '../modules/activity/activity.writes.js';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { randomHospital } from '../test-support/random-hospital.js';
import { rebuildCells, verifyCells } from './cells.js';
import { startFolding } from './fold.js';

const HOSPITALS = 16;
const WRITERS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

describe('cells above the hospital, measured', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  const branches: number[][] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const upper = (
      await c.query<{ id: number }>(
        `insert into organization (parent_id, kind, category, name, founded_on, term_start, term_years)
         values (null, 'upper_body', 'mixed', '某省卫生健康工委', '2010-01-01', '2024-01-01', 5) returning id`,
      )
    ).rows[0]!.id;
    for (let h = 0; h < HOSPITALS; h++) {
      const r = await randomHospital(c, 100 + h, '2026-11');
      await c.query(`update organization set parent_id = $1 where id = $2`, [upper, r.committee]);
      const { rows } = await c.query<{ id: number }>(
        `select id from organization where id = any($1::int[]) and dissolved_on is null and kind in ('branch', 'joint_branch')`,
        [r.branches],
      );
      branches.push(rows.map((x) => x.id));
    }
    await c.query('begin');
    await rebuildCells(c);
    await c.query('commit');
    await c.end();
    pool = new pg.Pool({ connectionString: db.url, max: WRITERS + 2 });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('should measure writes/s, latency and lock waits with 32 writers in 16 hospitals under one upper body', async () => {
    const folding = startFolding(db.url, () => undefined);
    const latencies: number[] = [];
    let failures = 0;
    let deadlocks = 0;
    let n = 0;
    const end = Date.now() + SECONDS * 1000;
    const writer = async (w: number) => {
      const mine = branches[w % HOSPITALS]!.length ? branches[w % HOSPITALS]! : branches[0]!;
      while (Date.now() < end) {
        const org = mine[(n + w) % mine.length]!;
        const day = `2026-11-${String(1 + ((n * 7 + w) % 28)).padStart(2, '0')}`;
        const t0 = performance.now();
        try {
          await recordActivity(
            { pool, actor: 'bench' },
            { organizationId: gid('Organization', org), type: ActivityType.THEME_PARTY_DAY, title: `主题党日 ${w}-${n++}`, heldOn: day },
          );
          latencies.push(performance.now() - t0);
        } catch (err) {
          failures++;
          if ((err as { code?: string }).code === '40P01') deadlocks++;
        }
      }
    };
    const samples = { total: 0, lock: 0, kinds: new Map<string, number>() };
    const sampler = new pg.Client({ connectionString: db.url });
    await sampler.connect();
    let sampling = true;
    const sample = (async () => {
      while (sampling) {
        const { rows } = await sampler.query<{ wait_event_type: string | null; wait_event: string | null }>(
          `select wait_event_type, wait_event from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle' and backend_type = 'client backend'`,
        );
        for (const r of rows) {
          samples.total++;
          if (r.wait_event_type === 'Lock') {
            samples.lock++;
            samples.kinds.set(r.wait_event!, (samples.kinds.get(r.wait_event!) ?? 0) + 1);
          }
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    const seconds = (performance.now() - t0) / 1000;
    sampling = false;
    await sample;
    await sampler.end();
    await folding.stop();
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
    const kinds = [...samples.kinds].map(([k, v]) => `${k} ${((100 * v) / samples.total).toFixed(0)}%`).join(', ');
    console.log(
      `contention: ${WRITERS} writers, ${HOSPITALS} hospitals under one upper body, ${seconds.toFixed(0)} s: ` +
        `${(latencies.length / seconds).toFixed(1)} writes/s, p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, ` +
        `${failures} failed (${deadlocks} deadlocks); active backends waiting on a lock in ${((100 * samples.lock) / Math.max(1, samples.total)).toFixed(0)}% of ${samples.total} samples` +
        (kinds ? ` (${kinds})` : ''),
    );
    expect(failures).toBe(0);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('begin');
    expect((await verifyCells(c)).differences).toEqual([]);
    await c.query('rollback');
    await c.end();
  });
});
