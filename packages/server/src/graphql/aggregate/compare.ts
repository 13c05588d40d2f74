/**
 * compareTo: each group with the same group (the same other keys) in the bucket before, or a year before. One
 * statement: the filter's lower bound on the date is moved back by the shift, so the rows of the period compared
 * with are grouped with the rest; the groups before the asked range are then attached and dropped.
 */
import type { CompareTo } from '../type-factories.js';
import type { KeyDef } from './entity.js';
import type { Bucket } from './enums.js';
import { bucketOf, filterRange } from './fill.js';
import type { AggregateArgs, GroupRow } from './types.js';

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** A day moved back by the shift: a bucket of its size (PREVIOUS) or a year (a week: 52 weeks, so it stays a Monday). */
export function shiftBack(day: string, bucket: Bucket, compareTo: CompareTo): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (compareTo === 'SAME_PERIOD_LAST_YEAR')
    return bucket === 'WEEK' ? iso(new Date(Date.UTC(y, m - 1, d - 364))) : iso(new Date(Date.UTC(y - 1, m - 1, d)));
  switch (bucket) {
    case 'DAY':
      return iso(new Date(Date.UTC(y, m - 1, d - 1)));
    case 'WEEK':
      return iso(new Date(Date.UTC(y, m - 1, d - 7)));
    case 'MONTH':
      return iso(new Date(Date.UTC(y, m - 2, d)));
    case 'QUARTER':
      return iso(new Date(Date.UTC(y, m - 4, d)));
    default:
      return iso(new Date(Date.UTC(y - 1, m - 1, d)));
  }
}

/**
 * The filter with its lower bound on the compared date moved back to the start of the bucket compared with (the
 * bound's bucket shifted: 31 March by a month is February, not 3 March); no bound, nothing to move.
 */
export function widened(filter: AggregateArgs['filter'], k: KeyDef, compareTo: CompareTo): AggregateArgs['filter'] {
  const range = filter?.[k.name!] as Record<string, string> | undefined;
  if (!range || (range.gte == null && range.gt == null && range.eq == null)) return filter;
  const from = range.gte ?? range.gt ?? range.eq!;
  const { eq: _eq, gt: _gt, ...rest } = range;
  const upper = range.eq != null ? { lte: range.eq } : {};
  return { ...filter, [k.name!]: { ...rest, ...upper, gte: shiftBack(bucketOf(from.slice(0, 10), k.bucket!), k.bucket!, compareTo) } };
}

/** Each group with its compared group; the groups only read for comparing (before the asked range) left out. */
export function compared(groups: GroupRow[], keys: KeyDef[], k: KeyDef, args: AggregateArgs): GroupRow[] {
  const others = keys.filter((x) => x !== k);
  const combo = (g: GroupRow) => JSON.stringify(others.map((x) => g.keys[x.field] ?? null));
  const byKey = new Map(groups.map((g) => [`${combo(g)}|${g.keys[k.field] as string}`, g]));
  const from = filterRange(args.filter, k.name!).from;
  const first = from ? bucketOf(from.slice(0, 10), k.bucket!) : null;
  return groups
    .filter((g) => first == null || (g.keys[k.field] != null && (g.keys[k.field] as string) >= first))
    .map((g) => {
      const day = g.keys[k.field] as string | null;
      const other = day == null ? null : (byKey.get(`${combo(g)}|${shiftBack(day, k.bucket!, args.compareTo!)}`) ?? null);
      return { ...g, compared: other, change: other ? changeOf(g, other) : null };
    });
}

/** Rounds away the binary noise of a difference (4.53 − 4.21 is 0.32, not 0.32000000000000028). */
const clean = (x: number) => Math.round(x * 1e10) / 1e10;

/** A group minus the group compared with: the count and every measure (null where either side has none). */
export function changeOf(g: GroupRow, other: GroupRow): GroupRow {
  const m: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(g.m)) {
    const w = other.m[k];
    m[k] = v == null || w == null ? null : clean(v - w);
  }
  const count = g.count == null || other.count == null ? null : g.count - other.count;
  return { ...g, count, m, compared: null, change: null };
}
