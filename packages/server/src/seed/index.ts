/**
 * The demo-data generator. `seedDatabase` fills an empty hub database in one transaction: every
 * small table by COPY from rows generated in Node with a seeded PRNG, the two large ones
 * (attendance, survey responses) by set-based SQL inside PostgreSQL. Same seed and end date, same rows.
 *
 * Scales: `hospital` — one large hospital (≈ 46 branches, ≈ 140 party groups, 43 departments,
 * ≈ 1,500 members, three years of activities, ≈ 300 k survey responses); `province` — ≈ 100 hospitals
 * of mixed sizes under one provincial body, ≈ 30 M survey responses.
 *
 * plan.ts chooses the hospitals, hospital/ generates one, load.ts holds the steps of the transaction.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { addMonths, isoDay, parseDay, todayUtc } from './dates.js';
import { buildCells, expandLargeTables, loadHospitals, prepareLoad, secondsSince, startSequencesAfterIds, type Run } from './load.js';
import type { SeedScale } from './plan.js';
import { HUB_TABLES, schemaTables } from './tables.js';

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
  // A connection lost between statements (PostgreSQL restarting) fails the statement that follows; it must not end the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The first hub table that holds a row, if any. */
async function firstNonEmpty(client: pg.ClientBase): Promise<string | undefined> {
  const { rows } = await client.query<{ t: string | null }>(
    `select coalesce(${HUB_TABLES.map((t) => `(select '${t}' from ${t} limit 1)`).join(', ')}) as t`,
  );
  return rows[0]?.t ?? undefined;
}

/**
 * Empties every table of the schema but the accounts' and the audit log's (seed/tables.ts KEPT_TABLES): the hub's,
 * the indicator engine's, any other; restarts their ids.
 */
export async function truncateAll(client: pg.ClientBase): Promise<void> {
  await client.query(`truncate ${(await schemaTables(client)).join(', ')} restart identity cascade`);
}

/** True when no hub table holds a row (the first start seeds only then). */
export const isEmpty = (url: string): Promise<boolean> => withClient(url, async (c) => (await firstNonEmpty(c)) === undefined);

/** Empties every hub table (and the indicator engine's; not the accounts or the audit log) and restarts their ids. */
export const resetDatabase = (url: string): Promise<void> => withClient(url, truncateAll);

/** Checks the seed and the end date before anything touches the database. */
function startRun(options: SeedOptions): Run {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
    throw new Error(`the seed must be an integer from 0 to 2147483647 (got ${seed})`);
  const end = options.endDate ? parseDay(options.endDate) : todayUtc();
  return { scale: options.scale, seed, start: addMonths(end, -36), end, progress: options.onProgress ?? (() => undefined), rows: {} };
}

/**
 * Seeds the database with one scale's demo data. Refuses a database that holds data, unless `reset`
 * empties it in the same transaction; the rows, the sequences and the indicator cells commit together.
 */
export async function seedDatabase(url: string, options: SeedOptions): Promise<SeedResult> {
  const run = startRun(options);
  const started = performance.now();
  const { loaded, cells } = await withClient(url, async (client) => {
    const done = await seedInOneTransaction(client, run, options.reset ?? false);
    await tidyUp(client, run.progress);
    return done;
  });
  return summarise(run, (loaded - started) / 1000, cells);
}

/**
 * Everything that commits together: the emptiness check (or the reset), the rows, the sequences and
 * the indicator cells. `loaded` is when the rows were in, before the cells.
 */
async function seedInOneTransaction(client: pg.ClientBase, run: Run, reset: boolean) {
  await client.query('begin');
  try {
    if (reset) await truncateAll(client);
    const busy = await firstNonEmpty(client);
    if (busy) throw new DatabaseNotEmptyError(busy);
    await prepareLoad(client, run.seed);
    await loadHospitals(client, run);
    await expandLargeTables(client, run);
    await startSequencesAfterIds(client);
    const loaded = performance.now();
    const cells = await buildCells(client, run.progress);
    await client.query('commit');
    return { loaded, cells };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}

/**
 * After the commit, only what speeds the first queries up: its failure is a warning (autovacuum does
 * the same minutes later), never "nothing was written".
 */
async function tidyUp(client: pg.ClientBase, progress: (message: string) => void): Promise<void> {
  try {
    // Fresh statistics, so the first queries on the new data get good plans.
    await client.query(`analyze indicator_cell`);
    const analysed = performance.now();
    // The visibility map set, so counts over an index (a quarter's survey responses) need not visit
    // the table. Not part of the loading speed reported.
    await client.query(`vacuum ${HUB_TABLES.join(', ')}`);
    progress(`vacuumed in ${secondsSince(analysed)}s`);
  } catch (err) {
    progress(`seeded and committed; analyze/vacuum failed (autovacuum will catch up): ${(err as Error).message}`);
  }
}

function summarise(run: Run, seconds: number, cells: { cells: number; seconds: number }): SeedResult {
  const totalRows = Object.values(run.rows).reduce((s, n) => s + n, 0);
  return {
    scale: run.scale,
    seed: run.seed,
    start: isoDay(run.start),
    end: isoDay(run.end),
    rows: run.rows,
    totalRows,
    seconds,
    rowsPerSecond: totalRows / seconds,
    cells: cells.cells,
    cellSeconds: cells.seconds,
    rowsPerSecondWithCells: totalRows / (seconds + cells.seconds),
  };
}
