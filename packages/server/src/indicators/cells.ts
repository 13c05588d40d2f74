/**
 * The rollup cells: one row per indicator × organisation × period holding the numerator and denominator
 * of the organisation's whole subtree. Built set-based from the base tables (rebuild), compared with them
 * (verify), extended when a new month starts, and moved by writes through `withCellDelta`, in the same
 * transaction as the write: the written organisations' own cells are computed before and after the write,
 * and the difference is added to those organisations and their ancestors up to the hospital's root (the
 * hospital's committee, or the general branch a small hospital has at its top) in the write's transaction.
 *
 * Above the hospital (the upper bodies of a provincial or national tree) the difference is appended to
 * indicator_cell_delta instead, with the writing hospital's id, and moved into indicator_cell by the folder
 * (fold.ts: every few seconds, one folder at a time). Those rows are shared by every hospital below: with
 * every write upserting them, all the hospitals' writes queued on them (measured: `pnpm bench:contention`,
 * README), and under a sharded PostgreSQL every write would have crossed shards. So the upper bodies' cells
 * trail the writes by at most the fold's interval; what reads them exactly (verify, the bulk recount) adds
 * what is pending.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { currentMonth, month as monthPeriod, periodsBetween, storedKey, type Grain, type Period } from '@party-hub/schema/indicators';
import { recountOwnSql } from './cells-recount.js';
import { STORED_IDS, ownCellsSql, type StoredIndicatorId } from './sql.js';

export interface Queryable {
  query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

const GRAINS: Grain[] = ['MONTH', 'QUARTER', 'HALF', 'YEAR', 'YTD', 'QTD'];
/**
 * The periods the cells hold, in words: part of every definition's hash, so a hub whose cells were built
 * for other periods rebuilds them at its next start (maintain.ts), as it does for a changed statement.
 */
const PERIOD_LAYOUT = 'MONTH QUARTER HALF YEAR YTD QTD(middle months only)';

export interface MonthRange {
  first: Period;
  last: Period;
}

/**
 * Every period of every grain overlapping the months of a range; of the quarters to date only the middle
 * months' (October–November): the first month's is the month, the third's the quarter (storedKey).
 */
export function periodsOf(range: MonthRange): Period[] {
  return GRAINS.flatMap((g) => periodsBetween(g, range.first, range.last)).filter((p) => storedKey(p) === p.key);
}

const params = (periods: Period[], orgIds: number[] | null) => [
  periods.map((p) => p.key),
  periods.map((p) => p.start),
  periods.map((p) => p.end),
  orgIds,
];

/** The cells' month range as stored, or null before the first rebuild. */
export async function storedRange(db: Queryable): Promise<MonthRange | null> {
  const { rows } = await db.query(
    `select to_char(first_month, 'YYYY-MM') as first, to_char(last_month, 'YYYY-MM') as last from indicator_range where id = 1`,
  );
  if (!rows[0]) return null;
  const m = (s: string) => monthPeriod(Number(s.slice(0, 4)), Number(s.slice(5, 7)));
  return { first: m(rows[0].first), last: m(rows[0].last) };
}

/** The earliest date of every fact the indicators read (organisations founded, steps, positions, honours …). */
const EARLIEST_FACT_SQL = `select to_char(least(
    (select min(held_on) from activity), (select min(responded_on) from survey_response), (select min(month) from survey_result),
    (select min(founded_on) from organization), (select min(event_date) from development_event),
    (select min(start_on) from position), (select min(awarded_on) from honor), (select min(approved_on) from research_project),
    (select min(occurred_on) from ethics_event), (select min(month) from department_metric),
    (select min(established_on) from model_post), (select make_date(min(year), 1, 1) from assessment)), 'YYYY-MM') as first`;

const monthOfDate = (date: string) => monthPeriod(Number(date.slice(0, 4)), Number(date.slice(5, 7)));

/** A month within what the cells may cover: from ten years back to the current month. */
function withinReach(month: Period, now: { year: number; month: number }): Period {
  const last = monthPeriod(now.year, now.month);
  const tenYears = monthPeriod(now.year - 10, now.month);
  return month.start < tenYears.start ? tenYears : month.start > last.start ? last : month;
}

/**
 * The range the data asks for: from the month of the earliest fact any indicator reads (at most ten years
 * back) to the current month in Asia/Shanghai.
 */
export async function dataRange(db: Queryable, now = currentMonth()): Promise<MonthRange> {
  const { rows } = await db.query(EARLIEST_FACT_SQL);
  const found: string | null = rows[0].first;
  const first = withinReach(found ? monthOfDate(`${found}-01`) : monthPeriod(now.year - 1, 1), now);
  return { first, last: monthPeriod(now.year, now.month) };
}

/**
 * Makes the cells cover a write's date, in the write's transaction: the first write into a database
 * without cells builds them (a hub started empty has a live engine from its first write, no restart or
 * rebuild), and a fact older than the range extends it back (an honour from 2016 counts in 2016), at most
 * ten years back. Under the range's lock, so two writes never build the same periods.
 */
export async function coverDate(db: Queryable, from: string, now = currentMonth()): Promise<void> {
  const wanted = withinReach(monthOfDate(from), now);
  const quick = await storedRange(db);
  if (quick && quick.first.start <= wanted.start) return;
  await db.query(`select pg_advisory_xact_lock(hashtext('indicator_range'))`);
  const range = await storedRange(db);
  if (!range) {
    const first = (await dataRange(db, now)).first;
    const start = first.start < wanted.start ? first : wanted;
    await fill(db, 'indicator_cell', periodsOf({ first: start, last: monthPeriod(now.year, now.month) }));
    await db.query(`insert into indicator_range (id, first_month, last_month, built_at) values (1, $1, $2, now())`, [
      start.start,
      monthPeriod(now.year, now.month).start,
    ]);
    await recordDefinitions(db, STORED_IDS);
    return;
  }
  if (range.first.start <= wanted.start) return;
  const known = new Set(periodsOf(range).map((p) => p.key));
  await fill(
    db,
    'indicator_cell',
    periodsOf({ first: wanted, last: range.last }).filter((p) => !known.has(p.key)),
  );
  await db.query(`update indicator_range set first_month = $1 where id = 1`, [wanted.start]);
}

/** Inserts subtree totals of the own cells one statement yields (as a CTE `own`) into a table. */
const rollUpInto = (table: string, id: string) => `insert into ${table} (indicator_id, org_id, period, numerator, denominator)
  select '${id}', anc.id, own.key, sum(own.num), sum(own.den)
  from own join organization o on o.id = own.org_id
  cross join unnest(string_to_array(trim(both '/' from o.path), '/')::int[]) as anc(id)
  group by anc.id, own.key`;

/**
 * No JIT for the statements that compute cells from the base tables (in their transaction: every caller holds one).
 * Their cost estimates pass jit_above_cost on any hospital, and compiling them (42 statements of a few CTEs each) costs
 * more than it saves: on Debian's PostgreSQL 15, which has LLVM, `verifyCells` after each write run of the cells
 * property test took 58.7 s against 30.0 s without JIT (the embedded 18 has no JIT: 27.6 s). The seed's load turns it
 * off too (seed/load.ts).
 */
export async function noJit(db: Queryable): Promise<void> {
  await db.query(`set local jit = off`);
}

/** Milliseconds each indicator's last full computation took (printed by the rebuild, for the slow ones). */
export const lastTimings = new Map<StoredIndicatorId, number>();

async function fill(db: Queryable, table: string, periods: Period[], ids: readonly StoredIndicatorId[] = STORED_IDS) {
  await noJit(db);
  for (const id of ids) {
    const t0 = performance.now();
    await db.query(`with own as (${ownCellsSql(id)}) ${rollUpInto(table, id)}`, params(periods, null));
    lastTimings.set(id, performance.now() - t0);
  }
}

export interface RebuildResult {
  cells: number;
  periods: number;
  range: MonthRange;
  ms: number;
}

/** Each stored indicator's definition as built: a hash of the statement that computes its own cells. */
export function definitionHashes(): Map<StoredIndicatorId, string> {
  return new Map(
    STORED_IDS.map((id) => [id, createHash('sha256').update(PERIOD_LAYOUT).update(ownCellsSql(id)).digest('hex').slice(0, 32)]),
  );
}

async function recordDefinitions(db: Queryable, ids: readonly StoredIndicatorId[]): Promise<void> {
  const hashes = definitionHashes();
  await db.query(
    `insert into indicator_definition (indicator_id, sql_hash, built_at) select * , now() from unnest($1::text[], $2::text[])
     on conflict (indicator_id) do update set sql_hash = excluded.sql_hash, built_at = now()`,
    [ids, ids.map((id) => hashes.get(id)!)],
  );
}

/** The stored indicators whose cells were built by another definition than this code's (or never recorded). */
export async function changedDefinitions(db: Queryable): Promise<StoredIndicatorId[]> {
  const { rows } = await db.query(`select indicator_id, sql_hash from indicator_definition`);
  const built = new Map(rows.map((r: { indicator_id: string; sql_hash: string }) => [r.indicator_id, r.sql_hash]));
  return [...definitionHashes()].filter(([id, hash]) => built.get(id) !== hash).map(([id]) => id);
}

/**
 * Recomputes the cells of some indicators over the stored range (their definitions changed), in the
 * caller's transaction.
 */
export async function rebuildIndicators(db: Queryable, ids: readonly StoredIndicatorId[]): Promise<number> {
  const range = await storedRange(db);
  if (!range || !ids.length) return 0;
  await db.query(`delete from indicator_cell where indicator_id = any($1::text[])`, [ids]);
  await db.query(`delete from indicator_cell_delta where indicator_id = any($1::text[])`, [ids]);
  await fill(db, 'indicator_cell', periodsOf(range), ids);
  await recordDefinitions(db, ids);
  const { rows } = await db.query(`select count(*)::int as n from indicator_cell where indicator_id = any($1::text[])`, [ids]);
  return rows[0].n;
}

/** Rebuilds every cell from the base tables, in one transaction of the caller's (readers see old or new). */
export async function rebuildCells(db: Queryable, now = currentMonth()): Promise<RebuildResult> {
  const started = performance.now();
  const range = await dataRange(db, now);
  const periods = periodsOf(range);
  await db.query(`delete from indicator_cell`);
  // Pending additions above the hospitals are in the recount (their writes committed) and go with the old
  // cells; a write still running appends its own after this snapshot, and the fold adds it later.
  await db.query(`delete from indicator_cell_delta`);
  await fill(db, 'indicator_cell', periods);
  await db.query(
    `insert into indicator_range (id, first_month, last_month, built_at) values (1, $1, $2, now())
     on conflict (id) do update set first_month = excluded.first_month, last_month = excluded.last_month, built_at = now()`,
    [range.first.start, range.last.start],
  );
  await recordDefinitions(db, STORED_IDS);
  const { rows } = await db.query(`select count(*)::int as n from indicator_cell`);
  return { cells: rows[0].n, periods: periods.length, range, ms: performance.now() - started };
}

/** Adds the periods of months after the stored range (a new month started), in the caller's transaction. */
export async function extendCells(db: Queryable, now = currentMonth()): Promise<Period[]> {
  const stored = await storedRange(db);
  if (!stored) return [];
  const last = monthPeriod(now.year, now.month);
  if (last.start <= stored.last.start) return [];
  await db.query(`select pg_advisory_xact_lock(hashtext('indicator_range'))`);
  const known = new Set(periodsOf(stored).map((p) => p.key));
  const added = periodsOf({ first: stored.first, last }).filter((p) => !known.has(p.key));
  await fill(db, 'indicator_cell', added);
  await db.query(`update indicator_range set last_month = $1 where id = 1`, [last.start]);
  return added;
}

export interface CellDifference {
  indicatorId: string;
  orgId: number;
  period: string;
  stored: { numerator: number; denominator: number } | null;
  expected: { numerator: number; denominator: number } | null;
}

/**
 * The stored cells with what is pending above the hospitals added (indicator_cell_delta, not yet folded):
 * the cells as they are once folded. Columns indicator_id, org_id, period, numerator, denominator.
 */
const CELLS_WITH_PENDING = `select indicator_id, org_id, period, sum(numerator) as numerator, sum(denominator) as denominator
  from (select indicator_id, org_id, period, numerator, denominator from indicator_cell
        union all select indicator_id, org_id, period, numerator, denominator from indicator_cell_delta) c
  group by 1, 2, 3`;

/**
 * Recomputes every cell of the stored range from the base tables and lists every one that differs. The
 * additions pending above the hospitals count as folded (the folder moves them without changing their sum).
 */
export async function verifyCells(db: Queryable): Promise<{ checked: number; differences: CellDifference[] }> {
  const range = await storedRange(db);
  if (!range) throw new Error('the indicator cells were never built: run `pnpm indicators:rebuild`');
  await db.query(`create temporary table expected_cell (like indicator_cell) on commit drop`);
  await fill(db, 'expected_cell', periodsOf(range));
  const { rows } = await db.query(`select coalesce(s.indicator_id, e.indicator_id) as indicator_id,
      coalesce(s.org_id, e.org_id) as org_id, coalesce(s.period, e.period) as period,
      s.numerator::float8 as sn, s.denominator::float8 as sd, e.numerator::float8 as en, e.denominator::float8 as ed
    from (${CELLS_WITH_PENDING}) s full join expected_cell e using (indicator_id, org_id, period)
    where coalesce(s.numerator, 0) <> coalesce(e.numerator, 0) or coalesce(s.denominator, 0) <> coalesce(e.denominator, 0)
    order by 1, 2, 3`);
  const { rows: count } = await db.query(`select count(*)::int as n from expected_cell`);
  return {
    checked: count[0].n,
    differences: rows.map((r) => ({
      indicatorId: r.indicator_id,
      orgId: r.org_id,
      period: r.period,
      stored: r.sn == null ? null : { numerator: r.sn, denominator: r.sd },
      expected: r.en == null ? null : { numerator: r.en, denominator: r.ed },
    })),
  };
}

/** What a write touches: its organisations (before and after), the earliest date it changes, which indicators. */
export interface WriteScope {
  orgIds: number[];
  /** ISO date: every period ending on or after it may move (states at period end carry forward). */
  from: string;
  indicators: readonly StoredIndicatorId[];
  /**
   * Filled with the organisations whose cells the write moved: in place, and left to the folder (above the
   * hospitals: rows appended to indicator_cell_delta). The fold that moves the latter tells their subscribers,
   * so writes.ts leaves those moved only by the folder out of the write's own notification.
   */
  moved?: CellsMoved;
}

/** The organisations whose cells a write moved in its transaction, and those it left to the folder. */
export interface CellsMoved {
  inPlace: Set<number>;
  deferred: Set<number>;
}

/** The advisory-lock namespace of the cell delta (the second key is the organisation). */
const CELL_LOCK = 7_041_129;

/**
 * Takes the organisations' write locks (transaction-scoped advisory locks, in id order, so two writes
 * can never wait on each other in a circle). Taking one already held is free: a write takes its
 * organisations first, before any row lock (indicators/writes.ts: the lock order), and the cell delta
 * takes them again.
 */
export async function lockOrganisations(db: Queryable, orgIds: readonly number[]): Promise<void> {
  if (!orgIds.length) return;
  await db.query(`select pg_advisory_xact_lock(${CELL_LOCK}, o) from (select distinct unnest($1::int[]) as o order by 1) x`, [orgIds]);
}

/** Periods of the stored range that end on or after a date. */
async function affectedPeriods(db: Queryable, from: string): Promise<Period[]> {
  const range = await storedRange(db);
  if (!range) return [];
  return periodsOf(range).filter((p) => p.end >= from);
}

async function ownCells(db: Queryable, id: StoredIndicatorId, periods: Period[], orgIds: number[]) {
  const { rows } = await db.query<{ org_id: number; key: string; num: string; den: string }>(ownCellsSql(id), params(periods, orgIds));
  return rows;
}

/**
 * Runs `write` (in the caller's transaction) and moves the cells it changes: the own cells of the
 * scope's organisations before and after the write, their difference added to each organisation and all
 * its ancestors. The scope must name every organisation whose own cells the write can change (for a
 * move, the old and the new one) and the earliest date it changes.
 */
export async function withCellDelta<T>(db: Queryable, scope: WriteScope, write: () => Promise<T>): Promise<T> {
  if (scope.orgIds.length) await coverDate(db, scope.from);
  const periods = await affectedPeriods(db, scope.from);
  if (periods.length === 0 || scope.orgIds.length === 0) return write();
  // Writes to the same organisations take turns: under READ COMMITTED a concurrent write committing
  // between our two snapshots would otherwise be counted in our difference too.
  await lockOrganisations(db, scope.orgIds);
  const snapshot = async () => {
    const out = new Map<string, { num: number; den: number }>();
    for (const id of scope.indicators) {
      for (const r of await ownCells(db, id, periods, scope.orgIds)) {
        out.set(`${id}|${r.org_id}|${r.key}`, { num: Number(r.num), den: Number(r.den) });
      }
    }
    return out;
  };
  const old = await snapshot();
  const result = await write();
  const now = await snapshot();
  const delta: { id: string; org: number; period: string; num: number; den: number }[] = [];
  for (const k of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(k) ?? { num: 0, den: 0 };
    const b = now.get(k) ?? { num: 0, den: 0 };
    if (a.num === b.num && a.den === b.den) continue;
    const [id, org, period] = k.split('|');
    delta.push({ id: id!, org: Number(org), period: period!, num: b.num - a.num, den: b.den - a.den });
  }
  if (delta.length) noteMoved(scope.moved, await addToCells(db, delta));
  return result;
}

/**
 * The organisations' own cells of an indicator as the stored cells hold them: each one's subtree total less
 * its direct children's (exact while the cells are, which verify checks and every write keeps), with what is
 * pending above the hospitals added (an upper body's own cells). Columns: org_id, key, num, den; $1 period
 * keys, $4 organisations, $5 the indicator.
 */
const STORED_OWN = `select s.id as org_id, c.period as key, c.numerator as num, c.denominator as den
    from scoped s join stored c on c.org_id = s.id
  union all
  select s.id, c.period, -c.numerator, -c.denominator
    from scoped s join organization k on k.path = s.path || k.id || '/'
    join stored c on c.org_id = k.id`;

/** The stored cells of an indicator and periods ($5, $1) with the pending additions, as rows of both tables. */
const STORED = `select org_id, period, numerator, denominator from indicator_cell where indicator_id = $5 and period = any($1::text[])
  union all select org_id, period, numerator, denominator from indicator_cell_delta where indicator_id = $5 and period = any($1::text[])`;

/**
 * An indicator's own cells of the scope computed from the base tables (now, after the write) less the same
 * read off the stored cells (as before the write, which changed neither them nor the tree): the delta, as
 * exact decimals in text. One statement an indicator (one of them all at once plans far worse); for the
 * indicators counting members at each period's end, the faster statement of the same rows (cells-recount.ts).
 */
const recountSql = (id: StoredIndicatorId) => `with scoped as (select id, path from organization where id = any($4::int[])),
  stored as (${STORED})
  select org_id, key, sum(num)::text as num, sum(den)::text as den
  from (select org_id, key, num, den from (${recountOwnSql(id)}) n
        union all select org_id, key, -num, -den from (${STORED_OWN}) b) x
  group by 1, 2 having sum(num) <> 0 or sum(den) <> 0`;

/**
 * The bulk variant of withCellDelta, for a write of many people at once (an import) that changes neither
 * the organisation tree nor the cells: nothing computed before the write; after it, each indicator's own
 * cells of the scope once, their difference with what the stored cells held added up the tree in one
 * statement (in key order, as every write's). Half the work of two snapshots.
 */
export async function withCellRecount<T>(db: Queryable, scope: WriteScope, write: () => Promise<T>): Promise<T> {
  if (scope.orgIds.length) await coverDate(db, scope.from);
  const periods = await affectedPeriods(db, scope.from);
  if (periods.length === 0 || scope.orgIds.length === 0) return write();
  await lockOrganisations(db, scope.orgIds);
  const result = await write();
  const delta: Delta[] = [];
  for (const id of scope.indicators) {
    const { rows } = await db.query<{ org_id: number; key: string; num: string; den: string }>(recountSql(id), [
      ...params(periods, scope.orgIds),
      id,
    ]);
    for (const r of rows) delta.push({ id, org: r.org_id, period: r.key, num: r.num, den: r.den });
  }
  if (delta.length) noteMoved(scope.moved, await addToCells(db, delta));
  return result;
}

/** A cell's change: numbers, or exact decimals in text. */
interface Delta {
  id: string;
  org: number;
  period: string;
  num: number | string;
  den: number | string;
}

/**
 * An organisation's ancestors and itself (`o`), as rows `anc(id, depth)` (the root at depth 1); only itself
 * under the test's fault.
 */
const ancestorsOf = () =>
  faults.skipAncestors
    ? `lateral (values (o.id, cardinality(string_to_array(trim(both '/' from o.path), '/')))) as anc(id, depth)`
    : `unnest(string_to_array(trim(both '/' from o.path), '/')::int[]) with ordinality as anc(id, depth)`;

/**
 * Adds differences to organisations' cells and their ancestors' (a test breaks it on purpose: `faults`): up to
 * the root of the organisation's hospital (the nearest ancestor, or itself, that is a hospital's committee) in
 * place; above it appended to indicator_cell_delta with the hospital's id, for the folder (fold.ts). An
 * organisation in no hospital (an upper body's own records) has all its ancestors' cells moved in place.
 * Returns the organisations whose cells it moved in place, and those whose additions it appended for the folder.
 */
async function addToCells(db: Queryable, delta: Delta[]): Promise<{ in_place: number[]; deferred: number[] }> {
  const ancestors = ancestorsOf();
  const { rows } = await db.query<{ in_place: number[]; deferred: number[] }>(
    `with d as (
       select d.id, d.org, d.period, d.num, d.den, o.path
       from unnest($1::text[], $2::int[], $3::text[], $4::numeric[], $5::numeric[]) as d(id, org, period, num, den)
       join organization o on o.id = d.org),
     home as (
       -- Each written organisation's hospital and the depth of its root (the nearest one, were hospitals nested).
       select distinct on (w.org) w.org, h.id as hospital_id, r.depth
       from (select distinct org, path from d) w
       cross join unnest(string_to_array(trim(both '/' from w.path), '/')::int[]) with ordinality as r(id, depth)
       join hospital h on h.committee_id = r.id
       order by w.org, r.depth desc),
     spread as (
       select d.id, anc.id as org, d.period, d.num, d.den, home.hospital_id,
         ${cellSettings.foldAboveHospital ? 'anc.depth < coalesce(home.depth, 0)' : 'false'} as above
       from d join organization o on o.id = d.org cross join ${ancestors} left join home on home.org = d.org),
     appended as (
       insert into indicator_cell_delta (hospital_id, indicator_id, org_id, period, numerator, denominator)
       select hospital_id, id, org, period, sum(num), sum(den) from spread where above group by 1, 2, 3, 4
       returning org_id),
     -- Run whether or not read (a data-modifying WITH runs once, to completion).
     in_place as (
       insert into indicator_cell (indicator_id, org_id, period, numerator, denominator)
       select id, org, period, sum(num), sum(den)
       from spread where not above
       group by 1, 2, 3
       -- In key order: two writes adding to the same ancestors' cells then lock them in the same order
       -- (in any other order, two branches' writes deadlocked on their committee's cells).
       order by 2, 3, 1
       on conflict (org_id, period, indicator_id) do update
         set numerator = indicator_cell.numerator + excluded.numerator,
             denominator = indicator_cell.denominator + excluded.denominator)
     select coalesce((select array_agg(distinct org) from spread where not above), '{}') as in_place,
       coalesce((select array_agg(distinct org_id) from appended), '{}') as deferred`,
    [delta.map((d) => d.id), delta.map((d) => d.org), delta.map((d) => d.period), delta.map((d) => d.num), delta.map((d) => d.den)],
  );
  return rows[0]!;
}

function noteMoved(into: CellsMoved | undefined, moved: { in_place: number[]; deferred: number[] }): void {
  for (const o of moved.in_place) into?.inPlace.add(o);
  for (const o of moved.deferred) into?.deferred.add(o);
}

/**
 * What a fold moved: delta rows, and their keys (for the notification): every organisation a moved row names,
 * also one whose additions summed to nothing (the writes that appended them left it to this fold to tell).
 */
export interface Folded {
  rows: number;
  orgIds: number[];
  periods: string[];
  indicators: string[];
}

/**
 * Moves every pending addition above the hospitals (indicator_cell_delta, as this statement sees it) into
 * indicator_cell, in the caller's transaction: deleted and summed in one statement, upserted in key order (the
 * order writes lock cells in). A row another transaction appended after this statement's snapshot stays for
 * the next fold; two folds at once never add a row twice (the second one's delete skips rows the first
 * deleted). Rows of an organisation deleted meanwhile are dropped.
 */
export async function foldCellDeltas(db: Queryable): Promise<Folded> {
  const { rows } = await db.query<{ rows: number; orgs: number[]; periods: string[]; indicators: string[] }>(
    `with moved as (delete from indicator_cell_delta returning indicator_id, org_id, period, numerator, denominator),
     claimed as (select m.* from moved m join organization o on o.id = m.org_id),
     summed as (
       select indicator_id, org_id, period, sum(numerator) as num, sum(denominator) as den
       from claimed
       group by 1, 2, 3 having sum(numerator) <> 0 or sum(denominator) <> 0),
     folded as (
       insert into indicator_cell (indicator_id, org_id, period, numerator, denominator)
       select indicator_id, org_id, period, num, den from summed order by org_id, period, indicator_id
       on conflict (org_id, period, indicator_id) do update
         set numerator = indicator_cell.numerator + excluded.numerator,
             denominator = indicator_cell.denominator + excluded.denominator)
     select (select count(*)::int from moved) as rows,
       coalesce((select array_agg(distinct org_id) from claimed), '{}') as orgs,
       coalesce((select array_agg(distinct period) from claimed), '{}') as periods,
       coalesce((select array_agg(distinct indicator_id) from claimed), '{}') as indicators`,
  );
  const r = rows[0]!;
  return { rows: r.rows, orgIds: r.orgs, periods: r.periods, indicators: r.indicators };
}

/** Additions pending above the hospitals (rows not yet folded). */
export async function pendingCellDeltas(db: Queryable): Promise<number> {
  const { rows } = await db.query(`select count(*)::int as n from indicator_cell_delta`);
  return rows[0].n;
}

/**
 * Whether writes leave the cells above the hospital to the folder (the default, and production's). Off only in
 * `pnpm bench:contention`, to measure every write moving them in place in the same run.
 */
export const cellSettings = { foldAboveHospital: true };

/** Deliberate faults, for the property test to show it catches a broken cell update. Never set in production. */
export const faults = { skipAncestors: false };
