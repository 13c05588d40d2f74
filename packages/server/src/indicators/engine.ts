/**
 * Reads of the indicator engine: values from the rollup cells (one primary-key lookup per organisation,
 * period and indicator, whatever the data size), targets resolved down the tree by effective date,
 * status, the previous period and the same period a year earlier.
 */
import {
  INDICATORS,
  INTEGRATION_WEIGHTS,
  indicator as definition,
  previousPeriod,
  statusOf,
  yearAgo,
  type Indicator,
  type NullReason,
  type Period,
  type Status,
} from '@party-hub/schema/indicators';
import type { Reader } from '../graphql/reader.js';
import { sql } from '../graphql/sql.js';

/** Indicators whose data is reported by departments or surveys: no data means 未填报, not "nothing to count". */
const REPORTED = new Set([
  'outpatient_satisfaction',
  'inpatient_satisfaction',
  'staff_satisfaction',
  'member_share_of_staff',
  'senior_title_member_share',
]);

export interface Target {
  target: number | null;
  warning: number | null;
  /** Where it was set: null for the catalog's default. */
  setOnOrgId: number | null;
  effectiveFrom: string | null;
}

export interface Point {
  indicatorId: string;
  orgId: number;
  period: Period;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  nullReason: NullReason | null;
  target: Target;
  status: Status | null;
}

export interface BoardValue extends Point {
  previous: Point;
  yearAgo: Point;
}

type CellKey = `${number}|${string}|${string}`;
interface Cell {
  num: number;
  den: number;
}

/** The month range the cells cover (once per request). */
export function cellRange(reader: Reader): Promise<{ first: string; last: string } | null> {
  return reader.memo('indicator_range', async () => {
    const rows = await reader.rows<{ first: string; last: string }>(
      sql`select first_month::text as first, (last_month + interval '1 month' - interval '1 day')::date::text as last from indicator_range where id = 1`,
    );
    return rows[0] ?? null;
  });
}

async function cells(reader: Reader, orgIds: number[], periods: Period[], ids: string[]): Promise<Map<CellKey, Cell>> {
  const rows = await reader.arrays(
    sql`select org_id, period, indicator_id, numerator::float8, denominator::float8 from indicator_cell
        where org_id = any(${orgIds}::int[]) and period = any(${[...new Set(periods.map((p) => p.key))]}::text[])
          and indicator_id = any(${ids}::text[])`,
  );
  return new Map(
    rows.map(([o, p, i, n, d]) => [`${o as number}|${p as string}|${i as string}` as CellKey, { num: n as number, den: d as number }]),
  );
}

/** Targets for organisations × periods × indicators: the nearest organisation up the tree that set one, latest effective. */
async function targets(reader: Reader, orgIds: number[], periods: Period[], ids: string[]): Promise<Map<CellKey, Target>> {
  const distinct = [...new Map(periods.map((p) => [p.key, p])).values()];
  const rows = await reader.arrays(
    sql`select o.id, p.key, i.id, t.target::float8, t.warning::float8, t.org_id, t.effective_from::text
        from organization o cross join unnest(${distinct.map((p) => p.key)}::text[], ${distinct.map((p) => p.end)}::date[]) as p(key, end_on)
        cross join unnest(${ids}::text[]) as i(id)
        cross join lateral (select t.* from indicator_target t join organization s on s.id = t.org_id
          where t.org_id = any(string_to_array(trim(both '/' from o.path), '/')::int[])
            and t.indicator_id = i.id and t.effective_from <= p.end_on
          order by s.depth desc, t.effective_from desc limit 1) t
        where o.id = any(${orgIds}::int[])`,
  );
  return new Map(
    rows.map(([o, p, i, target, warning, setOn, from]) => [
      `${o as number}|${p as string}|${i as string}` as CellKey,
      { target: target as number | null, warning: warning as number | null, setOnOrgId: setOn as number, effectiveFrom: from as string },
    ]),
  );
}

const defaultTarget = (d: Indicator): Target => ({ target: d.target, warning: d.warning, setOnOrgId: null, effectiveFrom: null });

const round = (x: number) => Math.round(x * 10_000) / 10_000;

function pointOf(
  d: Indicator,
  orgId: number,
  period: Period,
  cell: Cell | undefined,
  target: Target,
  range: { first: string; last: string } | null,
): Point {
  const inRange = !!range && period.end >= range.first && period.start <= range.last;
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
    else nullReason = REPORTED.has(d.id) ? 'NOT_REPORTED' : 'NO_SUBJECTS';
  } else {
    numerator = cell?.num ?? 0;
    value = numerator;
  }
  return {
    indicatorId: d.id,
    orgId,
    period,
    value,
    numerator,
    denominator,
    nullReason,
    target,
    status:
      value == null && d.direction !== 'CONTEXT' && target.target != null
        ? null
        : statusOf(d.direction, value, target.target, target.warning),
  };
}

/**
 * Points for organisations × periods × indicators, in one statement for cells and one for targets.
 * The integration index is computed from its weighted indicators' points.
 */
export async function points(reader: Reader, orgIds: number[], periods: Period[], ids: readonly string[]): Promise<Map<CellKey, Point>> {
  const wantIndex = ids.includes('integration_index');
  const weights = Object.entries(INTEGRATION_WEIGHTS) as [string, number][];
  const stored = [...new Set([...ids.filter((i) => i !== 'integration_index'), ...(wantIndex ? weights.map(([i]) => i) : [])])];
  const targetIds = [...new Set([...stored, ...(wantIndex ? ['integration_index'] : [])])];
  const [c, t, range] = await Promise.all([
    cells(reader, orgIds, periods, stored),
    targets(reader, orgIds, periods, targetIds),
    cellRange(reader),
  ]);
  const out = new Map<CellKey, Point>();
  for (const org of orgIds) {
    for (const period of periods) {
      for (const id of stored) {
        const key: CellKey = `${org}|${period.key}|${id}`;
        const d = definition(id)!;
        out.set(key, pointOf(d, org, period, c.get(key), t.get(key) ?? defaultTarget(d), range));
      }
      if (wantIndex) {
        const d = definition('integration_index')!;
        let score = 0;
        let weight = 0;
        for (const [id, w] of weights) {
          const p = out.get(`${org}|${period.key}|${id}`)!;
          if (p.value == null || !p.target.target) continue;
          score += w * Math.min(100, (100 * p.value) / p.target.target);
          weight += w;
        }
        const target = t.get(`${org}|${period.key}|integration_index`) ?? defaultTarget(d);
        const value = weight > 0 ? round(score / weight) : null;
        out.set(`${org}|${period.key}|integration_index`, {
          indicatorId: d.id,
          orgId: org,
          period,
          value,
          numerator: weight > 0 ? round(score) : null,
          denominator: weight > 0 ? weight : null,
          nullReason: value == null ? 'NOT_REPORTED' : null,
          target,
          status: value == null ? null : statusOf(d.direction, value, target.target, target.warning),
        });
      }
    }
  }
  return out;
}

export const ALL_IDS: readonly string[] = INDICATORS.map((d) => d.id);

/** The whole board for one organisation and period, with the previous period and a year earlier. */
export async function board(reader: Reader, orgId: number, period: Period, ids: readonly string[]): Promise<BoardValue[]> {
  const prev = previousPeriod(period);
  const ago = yearAgo(period);
  const all = await points(reader, [orgId], [period, prev, ago], ids);
  return ids.map((id) => ({
    ...all.get(`${orgId}|${period.key}|${id}`)!,
    previous: all.get(`${orgId}|${prev.key}|${id}`)!,
    yearAgo: all.get(`${orgId}|${ago.key}|${id}`)!,
  }));
}

/** Change between two points: percentage points for rates, the difference for counts; null when either is missing. */
export function change(a: Point, b: Point): number | null {
  return a.value == null || b.value == null ? null : round(a.value - b.value);
}
