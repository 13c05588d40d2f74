/**
 * The steps of one seeding transaction, in the order `seedDatabase` runs them: prepare the session,
 * generate and COPY the hospitals one by one, expand the two large tables in SQL, move the sequences
 * past the loaded ids, build the indicator cells.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { rebuildCells } from '../indicators/cells.js';
import { copyRows } from './copy.js';
import { isoDay, type Day } from './dates.js';
import { createPlanTables, dropIndexes, expandAttendance, expandSurveyResponses, restoreIndexes } from './expand.js';
import { generateHospital } from './hospital/index.js';
import { planHospitals, type SeedScale } from './plan.js';
import { Rng } from './random.js';
import { COLUMNS, COPY_ORDER, EXPANDED_COLUMNS, HUB_TABLES, PLAN_TABLES, Sink, type TableName } from './tables.js';

/** One seeding run: what it generates, and the rows loaded so far per hub table. */
export interface Run {
  scale: SeedScale;
  seed: number;
  start: Day;
  end: Day;
  progress: (message: string) => void;
  rows: Record<string, number>;
}

export const secondsSince = (t0: number): string => ((performance.now() - t0) / 1000).toFixed(1);
const count = (run: Run, table: string, n: number) => (run.rows[table] = (run.rows[table] ?? 0) + n);

/** Session settings for a bulk load, sequences from 1 (so the generated ids repeat run after run), the plan tables. */
export async function prepareLoad(client: pg.ClientBase, seed: number): Promise<void> {
  await client.query(`set local synchronous_commit = off`);
  await client.query(`set local maintenance_work_mem = '256MB'`);
  await client.query(`set local work_mem = '64MB'`);
  // JIT compiling the expansion queries costs seconds and saves nothing on these plans.
  await client.query(`set local jit = off`);
  for (const t of HUB_TABLES) await client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), 1, false)`);
  await createPlanTables(client, seed);
}

/** Generates the planned hospitals one by one in Node and streams each one's rows in by COPY. */
export async function loadHospitals(client: pg.ClientBase, run: Run): Promise<void> {
  const rng = new Rng(run.seed);
  const sink = new Sink(`${isoDay(run.end)} 09:00:00+08`);
  const plan = planHospitals(run.scale, rng);
  const parentOrgId = plan.upperBody ? addUpperBody(sink, plan.upperBody) : null;
  let i = 0;
  for (const h of plan.hospitals) {
    generateHospital({ ...h, parentOrgId, rng: rng.fork(h.label), sink, start: run.start, end: run.end });
    await copySink(client, sink, run);
    // The member COPY's statement trigger (hub_membership_follow, Migration20261203140000) joins the new members to
    // membership. Inside this one transaction membership's statistics say it is as empty as it was at the start, so
    // the planner scanned all of it for every new row: each hospital slower than the last, the province's 100 quadratic
    // (10 hospitals in 27 s, the next 10 in 53 s, ≈ 45 min in all). Fresh statistics keep each hospital's join to
    // its own members (the index on member_id).
    await client.query(`analyze membership`);
    if (++i % 10 === 0 || i === plan.hospitals.length) run.progress(`generated ${i}/${plan.hospitals.length} hospitals`);
  }
}

/** The provincial body above the hospitals' committees. */
function addUpperBody(sink: Sink, name: string): number {
  const id = sink.id('organization');
  sink.add('organization', {
    id,
    name,
    code: 'U1',
    kind: 'upper_body',
    category: 'mixed',
    founded_on: '2018-10-01',
    created_at: '2015-01-01 09:00:00+08',
  });
  return id;
}

/** COPYs what the sink collected, parents first, and empties it. The plans are counted as no hub rows. */
async function copySink(client: pg.ClientBase, sink: Sink, run: Run): Promise<void> {
  for (const table of COPY_ORDER) {
    const batch = sink.rows.get(table);
    if (!batch) continue;
    const n = await copyRows(client, table, COLUMNS[table], batch);
    if (!isPlan(table)) count(run, table, n);
  }
  sink.clear();
}

const isPlan = (table: TableName) => (PLAN_TABLES as readonly TableName[]).includes(table);

const EXPANSIONS: Record<keyof typeof EXPANDED_COLUMNS, (client: pg.ClientBase, seed: number) => Promise<number>> = {
  attendance: expandAttendance,
  survey_response: expandSurveyResponses,
};

/** Expands the plans into the two large tables, in the order of EXPANDED_COLUMNS, each loaded without its indexes. */
export async function expandLargeTables(client: pg.ClientBase, run: Run): Promise<void> {
  for (const table of Object.keys(EXPANDED_COLUMNS) as (keyof typeof EXPANDED_COLUMNS)[]) {
    const t0 = performance.now();
    const saved = await dropIndexes(client, table);
    count(run, table, await EXPANSIONS[table](client, run.seed));
    await restoreIndexes(client, saved);
    run.progress(`${table}: ${run.rows[table].toLocaleString('en')} rows in ${secondsSince(t0)}s`);
  }
}

/** Moves every sequence past the loaded ids, so the next real write gets a fresh one. */
export async function startSequencesAfterIds(client: pg.ClientBase): Promise<void> {
  for (const t of HUB_TABLES) {
    await client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`);
  }
}

/** The indicator cells, set-based from what was just loaded (fresh statistics first, for good plans). */
export async function buildCells(client: pg.ClientBase, progress: (message: string) => void): Promise<{ cells: number; seconds: number }> {
  const t0 = performance.now();
  // membership: filled from member by its trigger (Migration20261203140000), read by the member indicators.
  await client.query(`analyze ${HUB_TABLES.join(', ')}, membership`);
  // Built without its indexes and its foreign key, as the two large tables are loaded, then those made again: the
  // cells come indicator by indicator, each scattered over the whole primary key, and the foreign key checks every
  // row on its own. For a hospital's 476 k cells the indexes cost 2.5 s and the checks 3.3 s of 13.4 s; made
  // afterwards, 1.2 s in all. (Only here: the table is empty and the seeding transaction holds it alone. A rebuild on
  // a serving hub keeps them, readers reading the old cells meanwhile.)
  const saved = await dropIndexes(client, 'indicator_cell');
  const { cells } = await rebuildCells(client);
  await restoreIndexes(client, saved);
  const seconds = (performance.now() - t0) / 1000;
  progress(`indicator cells: ${cells.toLocaleString('en')} in ${seconds.toFixed(1)}s`);
  return { cells, seconds };
}
