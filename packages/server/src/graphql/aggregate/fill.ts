/**
 * Filling gaps: the empty time buckets between the first and the last (or the filter's bounds on the
 * date), by the same calendar arithmetic as PostgreSQL's date_trunc (weeks start on Monday).
 */
import { badInput, Reason } from '../../errors.js';
import { MAX_GROUPS } from '../limits.js';
import type { KeyDef } from './entity.js';
import type { Bucket } from './enums.js';
import type { GroupRow } from './types.js';

const ymd = (day: string) => day.split('-').map(Number) as [number, number, number];
const iso = (date: Date) => date.toISOString().slice(0, 10);

/** The first day of the bucket after the one starting on `day`. */
const nextBucket = (day: string, bucket: Bucket): string => {
  const [y, m, dd] = ymd(day);
  const next =
    bucket === 'DAY'
      ? new Date(Date.UTC(y, m - 1, dd + 1))
      : bucket === 'WEEK'
        ? new Date(Date.UTC(y, m - 1, dd + 7))
        : bucket === 'MONTH'
          ? new Date(Date.UTC(y, m, 1))
          : bucket === 'QUARTER'
            ? new Date(Date.UTC(y, m + 2, 1))
            : new Date(Date.UTC(y + 1, 0, 1));
  return iso(next);
};

/** The first day of the bucket a day falls in (as date_trunc gives it). */
const bucketOf = (day: string, bucket: Bucket): string => {
  const [y, m, dd] = ymd(day);
  const date =
    bucket === 'DAY'
      ? new Date(Date.UTC(y, m - 1, dd))
      : bucket === 'WEEK'
        ? new Date(Date.UTC(y, m - 1, dd - ((new Date(Date.UTC(y, m - 1, dd)).getUTCDay() + 6) % 7)))
        : bucket === 'MONTH'
          ? new Date(Date.UTC(y, m - 1, 1))
          : bucket === 'QUARTER'
            ? new Date(Date.UTC(y, Math.floor((m - 1) / 3) * 3, 1))
            : new Date(Date.UTC(y, 0, 1));
  return iso(date);
};

/** Every bucket from the one `from` falls in to the one `to` falls in (one past MAX_GROUPS at the most). */
function bucketsBetween(from: string, to: string, bucket: Bucket): string[] {
  const last = bucketOf(to, bucket);
  const buckets: string[] = [];
  for (let b = bucketOf(from, bucket); b <= last && buckets.length <= MAX_GROUPS; b = nextBucket(b, bucket)) buckets.push(b);
  return buckets;
}

/** The range a filter puts on a date field (gte/gt … lte/lt), for filling gaps up to the asked bounds. */
export function filterRange(filter: Record<string, unknown> | null | undefined, name: string): { from?: string; to?: string } {
  const f = filter?.[name] as Record<string, string> | undefined;
  if (!f) return {};
  return { from: f.gte ?? f.gt ?? f.eq, to: f.lte ?? f.lt ?? f.eq };
}

/** The groups' keys other than the date, as one string: the series a bucket belongs to. */
type ComboOf = (g: GroupRow) => string;

/** An empty group for every bucket a combination of the other keys lacks: count 0, every other measure null. */
function emptyBuckets(
  detail: GroupRow[],
  buckets: string[],
  keys: KeyDef[],
  date: KeyDef,
  measures: string[],
  comboOf: ComboOf,
): GroupRow[] {
  const others = keys.filter((k) => k !== date);
  const combos = new Map<string, GroupRow>();
  const have = new Set<string>();
  for (const g of detail) {
    combos.set(comboOf(g), g);
    have.add(`${comboOf(g)}|${g.keys[date.field] as string}`);
  }
  if (!combos.size && !others.length)
    combos.set('[]', { keys: {}, groupedBy: [], isSubtotal: false, isTotal: false, isFilled: false, count: 0, m: {} });
  const empty: GroupRow[] = [];
  for (const [combo, sample] of combos) {
    for (const b of buckets) {
      if (have.has(`${combo}|${b}`)) continue;
      empty.push({
        keys: { ...Object.fromEntries(others.map((k) => [k.field, sample.keys[k.field] ?? null])), [date.field]: b },
        groupedBy: keys.map((k) => k.value),
        isSubtotal: false,
        isTotal: false,
        isFilled: true,
        count: 0,
        m: Object.fromEntries(measures.map((m) => [m, null])),
      });
    }
  }
  return empty;
}

/** Back in key order: the other keys as the statement ordered them (`detail`), then the date. */
function inKeyOrder(filled: GroupRow[], detail: GroupRow[], date: KeyDef, comboOf: ComboOf): GroupRow[] {
  const rank = new Map<string, number>();
  detail.forEach((g, i) => rank.has(comboOf(g)) || rank.set(comboOf(g), i));
  return filled.toSorted((a, b) => {
    const ra = rank.get(comboOf(a)) ?? 0;
    const rb = rank.get(comboOf(b)) ?? 0;
    if (ra !== rb) return ra - rb;
    return String(a.keys[date.field]).localeCompare(String(b.keys[date.field]));
  });
}

/**
 * Empty time buckets for every combination of the other keys present, between the first and last
 * bucket (or the filter's bounds on that date, when it has them), in key order. Their count is 0 and
 * every other measure null.
 */
export function fillGaps(
  groups: GroupRow[],
  keys: KeyDef[],
  date: KeyDef,
  range: { from?: string; to?: string },
  measures: string[],
): GroupRow[] {
  const detail = groups.filter((g) => !g.isSubtotal && !g.isTotal);
  const rest = groups.filter((g) => g.isSubtotal || g.isTotal);
  const days = detail.map((g) => g.keys[date.field] as string | null).filter((x): x is string => x != null);
  if (!days.length && !(range.from && range.to)) return groups;
  const buckets = bucketsBetween(range.from ?? days.toSorted()[0]!, range.to ?? days.toSorted().at(-1)!, date.bucket!);
  const others = keys.filter((k) => k !== date);
  const comboOf: ComboOf = (g) => JSON.stringify(others.map((k) => g.keys[k.field] ?? null));
  const filled = [...detail, ...emptyBuckets(detail, buckets, keys, date, measures, comboOf)];
  if (filled.length > MAX_GROUPS) {
    throw badInput(
      Reason.aggregateTooManyGroups,
      ['fillGaps'],
      `补齐后超过 ${MAX_GROUPS} 组`,
      `more than ${MAX_GROUPS} groups once gaps are filled`,
    );
  }
  return [...inKeyOrder(filled, detail, date, comboOf), ...rest];
}
