/**
 * Reads of the indicator engine: values from the rollup cells (one primary-key lookup per organisation,
 * period and indicator, whatever the data size), targets resolved down the tree by effective date,
 * status judged at each indicator's grain (a quarterly duty asked for November is its quarter to date,
 * in progress), the previous period and the same period a year earlier compared like for like.
 */
import {
  INTEGRATION_WEIGHTS,
  SMALL_BASE,
  currentMonth,
  indicator as definition,
  isComplete,
  judgedPeriod,
  lastCompletePeriod,
  monthStart,
  paceRule,
  previousPeriod,
  statusOf,
  storedKey,
  targetShare,
  yearAgo,
  type Grain,
  type Indicator,
  type NullReason,
  type Period,
  type Status,
} from '@party-hub/schema/indicators';
import { cached } from '../db/instance-cache.js';
import type { Reader } from '../db/reader.js';
import { orgInfo, orgTree } from '../org-tree/tree.js';
import { BASIS, MEMBERS_INDICATOR, overPersons, suppressPoints } from './suppress.js';
import { sql } from '../db/sql.js';
import { effectiveReports, figureOf, reportsByKey, reportsUnder, type ReportRow } from './reports.js';
import { Grid } from './grid.js';
import type { BoardValue, Point, Target } from './point.js';
import { departmentCellsSql, type StoredIndicatorId } from './sql.js';

export type { BoardValue, Point, Target } from './point.js';

export type Today = { year: number; month: number };

interface Cell {
  num: number;
  den: number;
}

/** The month range the cells cover. */
export function cellRange(reader: Reader): Promise<{ first: string; last: string } | null> {
  return cached(reader, 'range', ['indicator_range'], async () => {
    const rows = await reader.rows<{ first: string; last: string }>(
      sql`select first_month::text as first, (last_month + interval '1 month' - interval '1 day')::date::text as last from indicator_range where id = 1`,
    );
    return rows[0] ?? null;
  });
}

interface TargetRow {
  orgId: number;
  depth: number;
  indicatorId: string;
  effectiveFrom: string;
  target: number | null;
  warning: number | null;
}

function targetRows(reader: Reader): Promise<TargetRow[]> {
  return cached(reader, 'targets', ['indicator_target', 'organization'], () =>
    reader.rows<TargetRow>(
      sql`select t.org_id as "orgId", o.depth, t.indicator_id as "indicatorId", t.effective_from::text as "effectiveFrom",
            t.target::float8 as target, t.warning::float8 as warning
          from indicator_target t join organization o on o.id = t.org_id`,
    ),
  );
}

interface WeightRow {
  orgId: number;
  depth: number;
  indicatorId: string;
  effectiveFrom: string;
  weight: number;
}

function weightRows(reader: Reader): Promise<WeightRow[]> {
  return cached(reader, 'weights', ['integration_weight', 'organization'], () =>
    reader.rows<WeightRow>(
      sql`select w.org_id as "orgId", o.depth, w.indicator_id as "indicatorId", w.effective_from::text as "effectiveFrom", w.weight::float8 as weight
          from integration_weight w join organization o on o.id = w.org_id`,
    ),
  );
}

/** A set of the integration index's weights, and where it comes from (null: the catalog's defaults). */
export interface WeightSet {
  weights: [string, number][];
  setOnOrgId: number | null;
  effectiveFrom: string | null;
}

/**
 * The integration index's weights for an organisation and a period's last day: the set of the nearest
 * organisation up the tree that has one in effect (its latest), else the catalog's defaults.
 */
export async function weightsFor(reader: Reader, org: number, end: string): Promise<WeightSet> {
  const rows = await weightRows(reader);
  const ancestors = new Set((await orgInfo(reader, org))?.ancestors ?? [org]);
  const mine = rows.filter((r) => ancestors.has(r.orgId) && r.effectiveFrom <= end);
  if (!mine.length) return { weights: Object.entries(INTEGRATION_WEIGHTS) as [string, number][], setOnOrgId: null, effectiveFrom: null };
  const depth = Math.max(...mine.map((r) => r.depth));
  const nearest = mine.filter((r) => r.depth === depth);
  const from = nearest
    .map((r) => r.effectiveFrom)
    .toSorted()
    .at(-1)!;
  const set = nearest.filter((r) => r.effectiveFrom === from);
  return { weights: set.map((r) => [r.indicatorId, r.weight]), setOnOrgId: set[0]!.orgId, effectiveFrom: from };
}

/** Which figure a component counts at: its value for the period, or its last complete grain's (a duty in progress without a pace). */
export type IndexBasis = 'CURRENT' | 'LAST_COMPLETE';

/** One indicator's part in the integration index. */
export interface IndexComponent {
  indicatorId: string;
  weight: number;
  point: Point;
  basis: IndexBasis;
  /** Its value as a share of its target, capped at 100; null when it has no value or no target (it does not count). */
  score: number | null;
  /** What it adds to the index: weight × score ÷ the weights of the components that count. */
  contribution: number | null;
}

/** The index's parts from its components' points: the index is the sum of their contributions. */
export function indexComponents(
  weights: [string, number][],
  pointOfId: (id: string) => { point: Point; basis: IndexBasis },
): IndexComponent[] {
  const parts = weights.map(([id, weight]) => {
    const { point, basis } = pointOfId(id);
    const score = point.value == null || !point.target.target ? null : Math.min(100, (100 * point.value) / point.target.target);
    return { indicatorId: id, weight, point, basis, score, contribution: null as number | null };
  });
  const counted = parts.reduce((t, p) => t + (p.score == null ? 0 : p.weight), 0);
  for (const p of parts) p.contribution = p.score == null || counted <= 0 ? null : round((p.weight * p.score) / counted);
  return parts;
}

/** The integration index's point from its components (value, numerator = Σ weight × score, denominator = Σ weight). */
function indexPoint(org: number, period: Period, parts: IndexComponent[], target: Target, now: Today): Point {
  const d = definition('integration_index')!;
  const counted = parts.filter((p) => p.score != null);
  const weight = counted.reduce((t, p) => t + p.weight, 0);
  const score = counted.reduce((t, p) => t + p.weight * p.score!, 0);
  const value = weight > 0 ? round(score / weight) : null;
  const point = {
    indicatorId: d.id,
    orgId: org,
    period,
    judged: judgedPeriod(d.grain, period),
    value,
    numerator: weight > 0 ? round(score) : null,
    denominator: weight > 0 ? weight : null,
    nullReason: value == null ? ('NOT_REPORTED' as const) : null,
    target,
    status: value == null ? null : statusOf(d.direction, value, target.target, target.warning),
    // A component withheld (or partial below) leaves the index over fewer indicators than weighted: say so.
    incomplete: parts.some((p) => p.point.incomplete || p.point.provenance === 'NOT_DISCLOSED'),
  };
  // The index is a score, not a rate over subjects: never a small base.
  return { ...judge(d, point, now), smallBase: false };
}

interface CellAsk {
  orgIds: number[];
  periodKeys: string[];
  ids: string[];
}

/**
 * Cells for organisations × periods × indicators. Every ask of a request's tick (the board, each
 * breakdown, each series) goes into one statement; asks are batched whole rather than cell by cell (a
 * month view is some 250 cells: one promise each cost more than the statement).
 */
function cellLoader(reader: Reader) {
  return reader.loader<CellAsk, Grid<Cell>>('indicator-cells', async (asks) => {
    const seen = new Grid<number>();
    const orgs: number[] = [];
    const periods: string[] = [];
    const ids: string[] = [];
    for (const a of asks)
      for (const i of a.ids)
        for (const p of a.periodKeys)
          for (const o of a.orgIds) {
            if (seen.has(o, p, i)) continue;
            seen.set(o, p, i, orgs.length);
            orgs.push(o);
            periods.push(p);
            ids.push(i);
          }
    // Rows come back by position in the asked arrays (no keys echoed to decode: a fifth of the CPU here). The
    // lists go as comma-separated text (ids and period keys never hold a comma): pg's array encoder escaped
    // every element, some hundreds a month view.
    const rows = await reader.arrays(
      sql`select k.n::int, c.numerator::float8, c.denominator::float8
          from unnest(string_to_array(${orgs.join()}, ',')::int[], string_to_array(${periods.join()}, ','),
                      string_to_array(${ids.join()}, ',')) with ordinality as k(org_id, period, indicator_id, n)
          join indicator_cell c using (org_id, period, indicator_id)`,
    );
    const found = new Grid<Cell>();
    for (const [n, num, den] of rows) {
      const at = (n as number) - 1;
      found.set(orgs[at], periods[at], ids[at], { num: num as number, den: den as number });
    }
    return asks.map(() => found);
  });
}

/** Cells of judged periods, keyed by the stored period's key (storedKey: a one-month QTD is the month). */
function cells(reader: Reader, orgIds: number[], periods: Period[], ids: string[]): Promise<Grid<Cell>> {
  return cellLoader(reader).load({ orgIds, periodKeys: [...new Set(periods.map(storedKey))], ids });
}

/** Targets for organisations × periods × indicators: the nearest organisation up the tree that set one, latest effective. */
async function targets(reader: Reader, orgIds: number[], asked: ReadonlyMap<string, readonly Period[]>): Promise<Grid<Target>> {
  const rows = await targetRows(reader);
  const out = new Grid<Target>();
  if (!rows.length) return out;
  const relevant = rows.filter((r) => asked.has(r.indicatorId));
  if (!relevant.length) return out;
  for (const org of orgIds) {
    const info = await orgInfo(reader, org);
    const ancestors = new Set(info?.ancestors ?? [org]);
    const mine = relevant.filter((r) => ancestors.has(r.orgId));
    if (!mine.length) continue;
    for (const [id, periods] of asked) {
      for (const p of periods) {
        let best: TargetRow | undefined;
        for (const r of mine) {
          if (r.indicatorId !== id || r.effectiveFrom > p.end) continue;
          if (!best || r.depth > best.depth || (r.depth === best.depth && r.effectiveFrom > best.effectiveFrom)) best = r;
        }
        if (best)
          out.set(org, p.key, id, {
            target: best.target,
            warning: best.warning,
            setTarget: best.target,
            setWarning: best.warning,
            setOnOrgId: best.orgId,
            effectiveFrom: best.effectiveFrom,
          });
      }
    }
  }
  return out;
}

/** The catalog's target of an indicator, made once per indicator (targets are never changed: forPeriod copies). */
function defaultTarget(d: Indicator): Target {
  let t = DEFAULT_TARGETS.get(d);
  if (!t)
    DEFAULT_TARGETS.set(
      d,
      (t = Object.freeze({
        target: d.target,
        warning: d.warning,
        setTarget: d.target,
        setWarning: d.warning,
        setOnOrgId: null,
        effectiveFrom: null,
      })),
    );
  return t;
}
const DEFAULT_TARGETS = new WeakMap<Indicator, Target>();

/** The target as it applies to a period (counts pro-rated to its months). */
function forPeriod(d: Indicator, t: Target, period: Period): Target {
  const share = targetShare(d, period);
  if (share === 1) return t;
  const scale = (x: number | null) => (x == null ? null : round(x * share));
  return { ...t, target: scale(t.setTarget), warning: scale(t.setWarning) };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function pointOf(
  d: Indicator,
  orgId: number,
  period: Period,
  cell: Cell | undefined,
  target: Target,
  range: { first: string; last: string } | null,
  now: Today = currentMonth(),
): Point {
  const judged = judgedPeriod(d.grain, period);
  target = forPeriod(d, target, judged);
  const inRange = !!range && judged.end >= range.first && judged.start <= range.last;
  let value: number | null = null;
  let numerator: number | null = null;
  let denominator: number | null = null;
  let nullReason: NullReason | null = null;
  if (!inRange) {
    nullReason = 'NOT_REPORTED';
  } else if (d.denominator) {
    numerator = cell?.num ?? 0;
    denominator = cell?.den ?? 0;
    if (denominator > 0) value = round((100 * numerator) / denominator);
    else nullReason = d.reported ? 'NOT_REPORTED' : 'NO_SUBJECTS';
  } else {
    numerator = cell?.num ?? 0;
    value = numerator;
  }
  const status =
    value == null && d.direction !== 'CONTEXT' && target.target != null
      ? null
      : statusOf(d.direction, value, target.target, target.warning);
  return judge(d, { indicatorId: d.id, orgId, period, judged, value, numerator, denominator, nullReason, target, status }, now);
}

const JUDGED: ReadonlySet<Status> = new Set<Status>(['MET', 'WARNING', 'NOT_MET']);

/**
 * The judgement at the grain: a value whose grain has not ended is IN_PROGRESS (never NOT_MET before its
 * deadline), on pace or not where a pace is defined and its months have ended; a rate over a few is a small base.
 */
type Unjudged = Omit<Point, 'complete' | 'onPace' | 'smallBase' | 'provenance' | 'reported' | 'incomplete'> &
  Partial<Pick<Point, 'provenance' | 'reported' | 'incomplete'>>;

function judge(d: Indicator, p: Unjudged, now: Today): Point {
  const complete = isComplete(d.grain, p.judged, now);
  const rule = paceRule(d);
  const monthsOver = p.judged.end < monthStart(now);
  const onPace =
    complete || !rule || !monthsOver || p.value == null || p.target.target == null
      ? null
      : statusOf(d.direction, p.value, p.target.target, p.target.warning) === 'MET';
  // Every field named, in one order (a spread of a dozen fields made each point a dictionary, the board's
  // hottest line): every point has one shape.
  return {
    indicatorId: p.indicatorId,
    orgId: p.orgId,
    period: p.period,
    judged: p.judged,
    value: p.value,
    numerator: p.numerator,
    denominator: p.denominator,
    nullReason: p.nullReason,
    target: p.target,
    status: !complete && p.status && JUDGED.has(p.status) ? 'IN_PROGRESS' : p.status,
    complete,
    onPace,
    smallBase: d.denominator != null && p.denominator != null && p.denominator > 0 && p.denominator < SMALL_BASE,
    provenance: p.provenance ?? 'RECORDS',
    reported: p.reported ?? null,
    incomplete: p.incomplete ?? false,
  };
}

/** The spans an indicator's periods are measured over. */
const judgedOf = (id: string, ps: readonly Period[]) => ps.map((p) => judgedPeriod(definition(id)!.grain, p));

/**
 * The cells of every indicator's asked periods (one statement: the loader batches the asks, and every ask of a
 * batch gets the same map, so it is merged once, not once per indicator: that copying was a quarter of a month
 * view's CPU).
 */
async function askedCells(reader: Reader, orgIds: number[], asked: Map<string, Period[]>): Promise<Grid<Cell>> {
  // Indicators of one grain asked for the same periods measure the same spans: one ask for all of them
  // (an ask per indicator was 50 promises for a board).
  const groups = new Map<string, { spans: Period[]; ids: string[] }>();
  for (const [id, ps] of asked) {
    const group = `${definition(id)!.grain}|${ps.map((p) => p.key).join()}`;
    const g = groups.get(group);
    if (g) g.ids.push(id);
    else groups.set(group, { spans: judgedOf(id, ps), ids: [id] });
  }
  const maps = new Set(await Promise.all([...groups.values()].map((g) => cells(reader, orgIds, g.spans, g.ids))));
  if (maps.size === 1) return maps.values().next().value!;
  const out = new Grid<Cell>();
  for (const m of maps) out.merge(m);
  return out;
}

/**
 * Points for organisations × periods × indicators, each judged at its indicator's grain, in one
 * statement for cells (every indicator's asks batched) and one for targets. The integration index is
 * computed from its weighted indicators' judged points: a component in progress without a pace (a duty
 * done once within its quarter or year) counts at its last complete grain, never at a partial figure.
 */
export function points(
  reader: Reader,
  orgIds: number[],
  periods: Period[],
  ids: readonly string[],
  now: Today = currentMonth(),
): Promise<Grid<Point>> {
  return pointsAsked(reader, orgIds, new Map(ids.map((id) => [id, periods])), now);
}

/**
 * What points() reads: each indicator's asked periods, and for the integration index its weights per
 * organisation and period (a hospital may set its own) with its components' periods (a component in progress
 * without a pace at its last complete grain too).
 */
async function askedWithIndex(reader: Reader, orgIds: number[], wanted: ReadonlyMap<string, readonly Period[]>, now: Today) {
  const indexPeriods = wanted.get('integration_index') ?? [];
  // Weights per organisation and period (a hospital may set its own), resolved before the cells are read.
  const weightSets = new Map<string, [string, number][]>();
  for (const o of indexPeriods.length ? orgIds : [])
    for (const p of indexPeriods) weightSets.set(`${o}|${p.key}`, (await weightsFor(reader, o, p.end)).weights);
  const asked = new Map<string, Period[]>();
  const ask = (id: string, ps: readonly Period[]) => {
    const mine = asked.get(id);
    if (!mine) asked.set(id, [...ps]);
    else for (const p of ps) if (!mine.some((m) => m.key === p.key)) mine.push(p);
  };
  for (const [id, ps] of wanted) if (id !== 'integration_index') ask(id, ps);
  for (const id of new Set([...weightSets.values()].flatMap((w) => w.map(([i]) => i)))) {
    const d = definition(id)!;
    ask(id, indexPeriods);
    if (!paceRule(d))
      ask(
        id,
        indexPeriods.map((p) => lastCompletePeriod(d.grain, judgedPeriod(d.grain, p), now)),
      );
  }
  return { indexPeriods, weightSets, asked };
}

/**
 * Points for organisations × each indicator's own periods; for a caller whose figures over persons are
 * suppressed when small (an analyst), read with every sibling of the organisations asked and suppressed
 * (suppress.ts).
 */
async function pointsAsked(
  reader: Reader,
  orgIds: number[],
  wanted: ReadonlyMap<string, readonly Period[]>,
  now: Today,
): Promise<Grid<Point>> {
  if (!reader.minCell || ![...wanted.keys()].some(overPersons)) return pointsComputed(reader, orgIds, wanted, now);
  const tree = await orgTree(reader);
  const parentOf = (org: number) => tree.byId.get(org)?.parentId ?? null;
  const orgs = [...new Set(orgIds.flatMap((o) => [o, ...(tree.children.get(parentOf(o) ?? -1) ?? []).map((c) => c.id)]))];
  const asked = new Map(wanted);
  const memberPeriods = [...wanted].filter(([id]) => BASIS[id as StoredIndicatorId] === 'members').flatMap(([, ps]) => ps);
  if (memberPeriods.length) {
    const mine = [...(asked.get(MEMBERS_INDICATOR) ?? [])];
    for (const p of memberPeriods) if (!mine.some((m) => m.key === p.key)) mine.push(p);
    asked.set(MEMBERS_INDICATOR, mine);
  }
  const grid = await pointsComputed(reader, orgs, asked, now);
  suppressPoints({ grid, orgs, parentOf, asked, minCell: reader.minCell });
  return grid;
}

/** Points for organisations × each indicator's own periods (the board asks each grain's spans), one statement for cells. */
async function pointsComputed(
  reader: Reader,
  orgIds: number[],
  wanted: ReadonlyMap<string, readonly Period[]>,
  now: Today,
): Promise<Grid<Point>> {
  const { indexPeriods, weightSets, asked } = await askedWithIndex(reader, orgIds, wanted, now);
  const targetAsks = indexPeriods.length ? new Map([...asked, ['integration_index', [...indexPeriods]]]) : asked;
  const [c, t, range, reports] = await Promise.all([
    askedCells(reader, orgIds, asked),
    targets(reader, orgIds, targetAsks),
    cellRange(reader),
    reportsByKey(reader, new Set(asked.keys()), () => new Set([...asked].flatMap(([id, ps]) => judgedOf(id, ps).map((p) => p.key)))),
  ]);
  const out = new Grid<Point>();
  // Per indicator and period first (its span, stored key, report and default target are the same for every
  // organisation), then per organisation.
  for (const [id, ps] of asked) {
    const d = definition(id)!;
    const fallback = defaultTarget(d);
    for (const period of ps) {
      const judged = judgedPeriod(d.grain, period);
      const stored = storedKey(judged);
      const reported = reports.size ? reports.get(`${id}|${judged.key}`) : undefined;
      for (const org of orgIds) {
        if (out.has(org, period.key, id)) continue;
        const cell = c.get(org, stored, id);
        const target = t.empty ? fallback : (t.get(org, period.key, id) ?? fallback);
        out.set(
          org,
          period.key,
          id,
          reported
            ? await withReports(reader, d, org, period, cell, target, range, now, reported)
            : pointOf(d, org, period, cell, target, range, now),
        );
      }
    }
  }
  for (const org of indexPeriods.length ? orgIds : [])
    for (const period of indexPeriods) {
      const parts = indexComponents(weightSets.get(`${org}|${period.key}`)!, (id) => componentPoint(out, org, period, id, now));
      const target = t.get(org, period.key, 'integration_index') ?? defaultTarget(definition('integration_index')!);
      out.set(org, period.key, 'integration_index', indexPoint(org, period, parts, target, now));
    }
  return out;
}

/** A range that covers a span too (a reported figure stands for its period, whatever the records reach). */
const covering = (judged: Period, range: { first: string; last: string } | null) => ({
  first: range && range.first < judged.start ? range.first : judged.start,
  last: range && range.last > judged.end ? range.last : judged.end,
});

/**
 * A point with the reports of its organisation and of those under it (reports.ts): records win; without
 * them, the organisation's own report is the value or withholds it; reports below without records add to the
 * total, and an undisclosed one (or a rate without counts) makes it incomplete.
 */
async function withReports(
  reader: Reader,
  d: Indicator,
  org: number,
  period: Period,
  cell: Cell | undefined,
  target: Target,
  range: { first: string; last: string } | null,
  now: Today,
  reports: readonly ReportRow[],
): Promise<Point> {
  const judged = judgedPeriod(d.grain, period);
  const own = reports.find((r) => r.orgId === org);
  const under = await reportsUnder(reader, org, reports);
  const underCells = under.length ? await cells(reader, [...new Set(under.map((r) => r.orgId))], [judged], [d.id]) : new Grid<Cell>();
  const hasRecords = (c: Cell | undefined) => !!c && (d.denominator ? c.den > 0 : c.num > 0);
  const counted = await effectiveReports(reader, org, under, (o) => hasRecords(underCells.get(o, storedKey(judged), d.id)));
  const { sum, added, incomplete } = addReported(d, cell, counted);
  const records = hasRecords(cell);
  if (own && !records && !added)
    return ownReport(d, pointOf(d, org, period, undefined, target, covering(judged, range), now), own, incomplete, now);
  const p = pointOf(d, org, period, added ? sum : cell, target, added ? covering(judged, range) : range, now);
  return { ...p, provenance: records || !added ? 'RECORDS' : 'REPORTED', reported: own ? figureOf(own) : null, incomplete };
}

/** A cell with the reports below added (a count's value, a rate's counts); withheld or count-less rates make it incomplete. */
function addReported(
  d: Indicator,
  cell: Cell | undefined,
  counted: readonly ReportRow[],
): { sum: Cell; added: number; incomplete: boolean } {
  const sum = { num: cell?.num ?? 0, den: cell?.den ?? 0 };
  let added = 0;
  let incomplete = false;
  for (const r of counted) {
    const additive = r.disclosure === 'reported' && (!d.denominator || (r.numerator != null && r.denominator != null));
    if (!additive) {
      incomplete = true;
      continue;
    }
    sum.num += d.denominator ? r.numerator! : (r.value ?? 0);
    sum.den += d.denominator ? r.denominator! : 0;
    added++;
  }
  return { sum, added, incomplete };
}

/** The organisation's own report as its value (it has no records): the figure reported, or withheld. */
function ownReport(d: Indicator, empty: Point, own: ReportRow, incomplete: boolean, now: Today): Point {
  const reported = figureOf(own);
  if (own.disclosure === 'not_disclosed')
    return {
      ...empty,
      value: null,
      numerator: null,
      denominator: null,
      nullReason: 'NOT_DISCLOSED',
      status: null,
      onPace: null,
      smallBase: false,
      provenance: 'NOT_DISCLOSED',
      reported,
      incomplete,
    };
  const value = own.value;
  return judge(
    d,
    {
      ...empty,
      value,
      numerator: d.denominator ? own.numerator : value,
      denominator: d.denominator ? own.denominator : null,
      nullReason: null,
      status: statusOf(d.direction, value, empty.target.target, empty.target.warning),
      provenance: 'REPORTED',
      reported,
      incomplete,
    },
    now,
  );
}

/** What a component of the index counts at: its judged point, or its last complete grain's when it is in progress without a pace. */
function componentPoint(out: Grid<Point>, org: number, period: Period, id: string, now: Today): { point: Point; basis: IndexBasis } {
  const point = out.get(org, period.key, id)!;
  const d = definition(id)!;
  if (point.complete || paceRule(d)) return { point, basis: 'CURRENT' };
  const last = lastCompletePeriod(d.grain, point.judged, now);
  return { point: out.get(org, last.key, id)!, basis: 'LAST_COMPLETE' };
}

/**
 * A department-attributed indicator (DEPARTMENT_BREAKDOWN) for every department under an organisation
 * (departments whose branch, or whose hospital's committee when they have none, lies in its subtree),
 * computed from the base tables for one period, with the organisation's target. Departments without
 * a record come back with an empty point.
 */
export async function departmentPoints(reader: Reader, orgId: number, period: Period, id: StoredIndicatorId): Promise<Point[]> {
  const d = definition(id)!;
  const judged = judgedPeriod(d.grain, period);
  const depts = (
    await reader.arrays(
      sql`select d.id from department d join hospital h on h.id = d.hospital_id
          join organization o on o.id = coalesce(d.branch_id, h.committee_id)
          where o.path like (select path from organization where id = ${orgId}) || '%' order by d.id`,
    )
  ).map((r) => r[0] as number);
  const [rows, t, range] = await Promise.all([
    depts.length
      ? reader.arrays({
          text: departmentCellsSql(id),
          values: [[judged.key], [judged.start], [judged.end], depts.map((x) => -x)],
        } as never)
      : Promise.resolve([]),
    targets(reader, [orgId], new Map([[id, [period]]])),
    cellRange(reader),
  ]);
  const found = new Map(rows.map(([dept, , n, den]) => [dept as number, { num: Number(n), den: Number(den) }]));
  const target = t.get(orgId, period.key, id) ?? defaultTarget(d);
  return depts.map((dept) => pointOf(d, dept, period, found.get(dept), target, range));
}

/**
 * The whole board for one organisation and period: each indicator judged at its grain, compared like for
 * like (a quarter to date with the same months of the previous quarter and of a year earlier), with its
 * last complete grain. One points() call, each indicator with its grain's spans, one statement for cells.
 */
export async function board(
  reader: Reader,
  orgId: number,
  period: Period,
  ids: readonly string[],
  now: Today = currentMonth(),
): Promise<BoardValue[]> {
  // The periods compared are the same for every indicator of a grain: worked out once per grain.
  const spans = new Map<Grain, { previous: Period; ago: Period; last: Period }>();
  const spanOf = (grain: Grain) => {
    let s = spans.get(grain);
    if (!s) {
      const judged = judgedPeriod(grain, period);
      spans.set(grain, (s = { previous: previousPeriod(judged), ago: yearAgo(judged), last: lastCompletePeriod(grain, judged, now) }));
    }
    return s;
  };
  const plan = ids.map((id) => ({ id, grain: definition(id)!.grain }));
  const periodsOf = new Map<Grain, Period[]>();
  for (const { grain } of plan)
    if (!periodsOf.has(grain)) {
      const { previous, ago, last } = spanOf(grain);
      periodsOf.set(grain, [...new Map([period, previous, ago, last].map((p) => [p.key, p])).values()]);
    }
  const all = await pointsAsked(reader, [orgId], new Map(plan.map(({ id, grain }) => [id, periodsOf.get(grain)!])), now);
  return plan.map(({ id, grain }) => {
    const { previous, ago, last } = spanOf(grain);
    const at = (q: Period) => all.get(orgId, q.key, id)!;
    return boardValue(at(period), at(previous), at(ago), at(last));
  });
}

/** A point with its comparisons, every field named (a spread of the point made each value a dictionary). */
const boardValue = (p: Point, previous: Point, ago: Point, lastComplete: Point): BoardValue => ({
  indicatorId: p.indicatorId,
  orgId: p.orgId,
  period: p.period,
  judged: p.judged,
  value: p.value,
  numerator: p.numerator,
  denominator: p.denominator,
  nullReason: p.nullReason,
  target: p.target,
  status: p.status,
  complete: p.complete,
  onPace: p.onPace,
  smallBase: p.smallBase,
  provenance: p.provenance,
  reported: p.reported,
  incomplete: p.incomplete,
  previous,
  yearAgo: ago,
  lastComplete,
});

/** Change between two points: percentage points for rates, the difference for counts; null when either is missing. */
export function change(a: Point, b: Point): number | null {
  return a.value == null || b.value == null ? null : round(a.value - b.value);
}

/** The integration index of an organisation and period, explained: its weights' origin and every component's part. */
export async function integrationIndex(
  reader: Reader,
  org: number,
  period: Period,
): Promise<{ index: Point; set: WeightSet; components: IndexComponent[] }> {
  const now = currentMonth();
  const set = await weightsFor(reader, org, period.end);
  const all = await points(reader, [org], [period], ['integration_index', ...set.weights.map(([id]) => id)], now);
  const components = indexComponents(set.weights, (id) => componentPoint(all, org, period, id, now));
  return { index: all.get(org, period.key, 'integration_index')!, set, components };
}
