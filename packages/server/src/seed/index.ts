/**
 * The demo-data generator. `seedDatabase` fills an empty hub database in one transaction: every
 * small table by COPY from rows generated in Node with a seeded PRNG, the two large ones
 * (attendance, survey responses) by set-based SQL inside PostgreSQL. Same seed and end date, same rows.
 *
 * Scales: `hospital` — one large hospital (≈ 46 branches, ≈ 140 party groups, 43 departments,
 * ≈ 1,500 members, three years of activities, ≈ 300 k survey responses); `province` — ≈ 100 hospitals
 * of mixed sizes under one provincial body, ≈ 30 M survey responses.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { copyRows } from './copy.js';
import { addMonths, isoDay, parseDay, todayUtc, type Day } from './dates.js';
import { createPlanTables, dropIndexes, expandAttendance, expandSurveyResponses, restoreIndexes } from './expand.js';
import { generateHospital } from './hospital/index.js';
import { planHospitals, type SeedScale } from './plan.js';
import { Rng } from './random.js';
import { rebuildCells } from '../indicators/cells.js';
import { COLUMNS, COPY_ORDER, HUB_TABLES, PLAN_TABLES, Sink, UNSEEDED_TABLES } from './tables.js';

export type { SeedScale } from './plan.js';
export const DEFAULT_SEED = 20240701;

export interface SeedOptions {
  scale: SeedScale;
  seed?: number;
  /** Last day of the data (YYYY-MM-DD); defaults to today (UTC). The window is the 36 months before it. */
  endDate?: string;
  onProgress?: (message: string) => void;
  /**
   * Empty every hub table first, in the same transaction as the seeding: a failure leaves the old
   * rows in place (without it, a database that holds data is refused).
   */
  reset?: boolean;
}

export interface SeedResult {
  scale: SeedScale;
  seed: number;
  start: string;
  end: string;
  rows: Record<string, number>;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Indicator cells built after loading, in the same transaction, and how long that took. */
  cells: number;
  cellSeconds: number;
  rowsPerSecondWithCells: number;
}

export class DatabaseNotEmptyError extends Error {
  constructor(readonly table: string) {
    super(`the database already holds data (table "${table}"): seed an empty database, or reset it first (pnpm seed --reset)`);
  }
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'party-hub seed' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function firstNonEmpty(client: pg.ClientBase): Promise<string | undefined> {
  const { rows } = await client.query<{ t: string | null }>(
    `select coalesce(${HUB_TABLES.map((t) => `(select '${t}' from ${t} limit 1)`).join(', ')}) as t`,
  );
  return rows[0]?.t ?? undefined;
}

/** True when no hub table holds a row (the first start seeds only then). */
export const isEmpty = (url: string): Promise<boolean> => withClient(url, async (c) => (await firstNonEmpty(c)) === undefined);

/** Empties every hub table and restarts their ids. */
export const resetDatabase = (url: string): Promise<void> =>
  withClient(url, async (c) => void (await c.query(`truncate ${[...HUB_TABLES, ...UNSEEDED_TABLES].join(', ')} restart identity cascade`)));

export async function seedDatabase(url: string, options: SeedOptions): Promise<SeedResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
    throw new Error(`the seed must be an integer from 0 to 2147483647 (got ${seed})`);
  const end: Day = options.endDate ? parseDay(options.endDate) : todayUtc();
  const start: Day = addMonths(end, -36);
  const progress = options.onProgress ?? (() => undefined);
  const started = performance.now();
  const rows: Record<string, number> = {};
  let loaded = 0;
  let cellSeconds = 0;
  let cellCount = 0;
  const count = (t: string, n: number) => (rows[t] = (rows[t] ?? 0) + n);

  await withClient(url, async (client) => {
    await client.query('begin');
    try {
      if (options.reset) await client.query(`truncate ${[...HUB_TABLES, ...UNSEEDED_TABLES].join(', ')} restart identity cascade`);
      const busy = await firstNonEmpty(client);
      if (busy) throw new DatabaseNotEmptyError(busy);
      await client.query(`set local synchronous_commit = off`);
      await client.query(`set local maintenance_work_mem = '256MB'`);
      await client.query(`set local work_mem = '64MB'`);
      // JIT compiling the expansion queries costs seconds and saves nothing on these plans.
      await client.query(`set local jit = off`);
      // Fixed ids: every sequence starts at 1, so the generated ids repeat run after run.
      for (const t of HUB_TABLES) await client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), 1, false)`);
      await createPlanTables(client, seed);

      const rng = new Rng(seed);
      const sink = new Sink(`${isoDay(end)} 09:00:00+08`);
      const plan = planHospitals(options.scale, rng);
      let parentOrgId: number | null = null;
      if (plan.upperBody) {
        parentOrgId = sink.id('organization');
        sink.add('organization', {
          id: parentOrgId,
          name: plan.upperBody,
          code: 'U1',
          kind: 'upper_body',
          category: 'mixed',
          founded_on: '2018-10-01',
          created_at: '2015-01-01 09:00:00+08',
        });
      }
      let i = 0;
      for (const h of plan.hospitals) {
        generateHospital({ ...h, parentOrgId, rng: rng.fork(h.label), sink, start, end });
        for (const table of COPY_ORDER) {
          const batch = sink.rows.get(table);
          if (batch) count(table, await copyRows(client, table, COLUMNS[table], batch));
        }
        sink.clear();
        if (++i % 10 === 0 || i === plan.hospitals.length) progress(`generated ${i}/${plan.hospitals.length} hospitals`);
      }

      for (const [table, expand] of [
        ['attendance', expandAttendance],
        ['survey_response', (c: pg.ClientBase) => expandSurveyResponses(c, seed)],
      ] as const) {
        const t0 = performance.now();
        const saved = await dropIndexes(client, table);
        count(table, await expand(client));
        await restoreIndexes(client, saved);
        progress(`${table}: ${rows[table].toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
      }
      for (const t of PLAN_TABLES) delete rows[t];
      for (const t of HUB_TABLES) {
        await client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`);
      }
      // The indicator cells, set-based from what was just loaded (fresh statistics first, for good plans).
      loaded = performance.now();
      await client.query(`analyze ${HUB_TABLES.join(', ')}`);
      const cells = await rebuildCells(client);
      cellSeconds = (performance.now() - loaded) / 1000;
      cellCount = cells.cells;
      progress(`indicator cells: ${cells.cells.toLocaleString('en')} in ${cellSeconds.toFixed(1)}s`);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    }
    // The rows are committed: what follows only speeds the first queries up, so its failure is a
    // warning (autovacuum does the same minutes later), never "nothing was written".
    try {
      // Fresh statistics, so the first queries on the new data get good plans.
      await client.query(`analyze indicator_cell`);
      const analysed = performance.now();
      // The visibility map set, so counts over an index (a quarter's survey responses) need not visit
      // the table. Not part of the loading speed reported.
      await client.query(`vacuum ${HUB_TABLES.join(', ')}`);
      progress(`vacuumed in ${((performance.now() - analysed) / 1000).toFixed(1)}s`);
    } catch (err) {
      progress(`seeded and committed; analyze/vacuum failed (autovacuum will catch up): ${(err as Error).message}`);
    }
  });

  const seconds = (loaded - started) / 1000;
  const totalRows = Object.values(rows).reduce((s, n) => s + n, 0);
  const withCells = seconds + cellSeconds;
  return {
    scale: options.scale,
    seed,
    start: isoDay(start),
    end: isoDay(end),
    rows,
    totalRows,
    seconds,
    rowsPerSecond: totalRows / seconds,
    cells: cellCount,
    cellSeconds,
    rowsPerSecondWithCells: totalRows / withCells,
  };
}
