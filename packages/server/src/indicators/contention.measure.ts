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
import { randomHospitalsUnder } from '../test-support/random-hospital.js';
import { cellSettings, rebuildCells, verifyCells } from './cells.js';
import { startFolding } from './fold.js';

const HOSPITALS = 16;
const WRITERS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const ROUNDS = Math.min(3, Number(process.env.BENCH_ROUNDS ?? 2));

/** Samples pg_stat_activity every 20 ms until stopped. */
async function sampleWaits(url: string) {
  // Each sample: every active backend of the database, and what it waits on. A lock wait is put down to the
  // statement waiting: the cells' upsert (indicator_cell), the audit chain's head (the audit_log insert), the
  // organisations' advisory locks, or something else.
  const samples = { total: 0, waits: new Map<string, number>() };
  const sampler = new pg.Client({ connectionString: url });
  await sampler.connect();
  let sampling = true;
  const sample = (async () => {
    while (sampling) {
      const { rows } = await sampler.query<{ wait_event_type: string | null; wait_event: string | null; query: string }>(
        `select wait_event_type, wait_event, query from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle' and backend_type = 'client backend'`,
      );
      for (const r of rows) {
        samples.total++;
        if (r.wait_event_type !== 'Lock') continue;
        const what =
          r.wait_event === 'advisory'
            ? 'organisation locks'
            : /insert into indicator_cell\b|with d as/.test(r.query)
              ? 'cells'
              : /audit_log/.test(r.query)
                ? 'audit chain'
                : `other (${r.wait_event})`;
        samples.waits.set(what, (samples.waits.get(what) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    async stop() {
      sampling = false;
      await sample;
      await sampler.end();
      return samples;
    },
  };
}

describe('cells above the hospital, measured', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  const branches: number[][] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const { hospitals } = await randomHospitalsUnder(c, HOSPITALS, 100, '2026-11');
    for (const r of hospitals) {
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

  /**
   * One round of SECONDS: every writer writing as fast as it can, in a month of its own (a branch's second theme
   * party day of a month moves fewer cells than its first: each round starts as fresh as the others); its figures.
   */
  const round = async (month: string) => {
    const latencies: number[] = [];
    let failures = 0;
    let deadlocks = 0;
    let n = 0;
    const end = Date.now() + SECONDS * 1000;
    const writer = async (w: number) => {
      const mine = branches[w % HOSPITALS]!.length ? branches[w % HOSPITALS]! : branches.find((b) => b.length)!;
      while (Date.now() < end) {
        const k = n++;
        const org = mine[(k + w) % mine.length]!;
        const day = `${month}-${String(1 + ((k * 7 + w) % 28)).padStart(2, '0')}`;
        const t0 = performance.now();
        try {
          await recordActivity(
            { pool, actor: 'bench' },
            {
              organizationId: gid('Organization', org),
              type: ActivityType.THEME_PARTY_DAY,
              title: `主题党日 ${w}-${k}-${Date.now()}`,
              heldOn: day,
            },
          );
          latencies.push(performance.now() - t0);
        } catch (err) {
          failures++;
          if ((err as { code?: string }).code === '40P01') deadlocks++;
        }
      }
    };
    const sampler = await sampleWaits(db.url);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    const seconds = (performance.now() - t0) / 1000;
    const samples = await sampler.stop();
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
    const pct = (v: number) => `${((100 * v) / Math.max(1, samples.total)).toFixed(0)}%`;
    return {
      rate: latencies.length / seconds,
      p50: q(0.5),
      p95: q(0.95),
      failures,
      deadlocks,
      waits:
        [...samples.waits]
          .toSorted((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${pct(v)}`)
          .join(', ') || 'none',
      waiting: pct([...samples.waits.values()].reduce((a, b) => a + b, 0)),
    };
  };

  it('should measure writes/s, latency and lock waits with 32 writers in 16 hospitals under one upper body', async () => {
    const folding = startFolding(db.url, () => undefined);
    const results: Record<'in place' | 'folded', Awaited<ReturnType<typeof round>>[]> = { 'in place': [], folded: [] };
    try {
      // Interleaved (the machine is shared): every write moving the upper body's cells in place, then the fold's way.
      for (let r = 0; r < ROUNDS; r++) {
        for (const mode of ['in place', 'folded'] as const) {
          cellSettings.foldAboveHospital = mode === 'folded';
          const res = await round(`2026-${String(4 + 2 * r + (mode === 'folded' ? 1 : 0)).padStart(2, '0')}`);
          results[mode].push(res);
          console.log(
            `contention (${mode}, round ${r + 1}): ${WRITERS} writers, ${HOSPITALS} hospitals under one upper body, ${SECONDS} s: ` +
              `${res.rate.toFixed(1)} writes/s, p50 ${res.p50.toFixed(0)} ms, p95 ${res.p95.toFixed(0)} ms, ${res.failures} failed ` +
              `(${res.deadlocks} deadlocks); active backends waiting on a lock in ${res.waiting} of the samples (${res.waits})`,
          );
        }
      }
    } finally {
      cellSettings.foldAboveHospital = true;
      await folding.stop();
    }
    const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = (f: (x: Awaited<ReturnType<typeof round>>) => number) =>
      median(results.folded.map((x, i) => f(x) / f(results['in place'][i]!))).toFixed(2);
    console.log(
      `contention, folded ÷ in place (median of ${ROUNDS} rounds): writes/s ×${ratio((x) => x.rate)}, p50 ×${ratio((x) => x.p50)}, p95 ×${ratio((x) => x.p95)}`,
    );
    for (const x of [...results.folded, ...results['in place']]) expect(x.failures).toBe(0);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('begin');
    expect((await verifyCells(c)).differences).toEqual([]);
    await c.query('rollback');
    await c.end();
  });
});
