/**
 * Filling gaps: the empty time buckets between the first and the last (or the filter's bounds on the
 * date), by the same calendar arithmetic as PostgreSQL's date_trunc (weeks start on Monday); and the
 * organisations of a level that held nothing (every branch under the filter's organisation, 0 where it held
 * none), from the instance's copy of the tree.
 */
import type { Reader } from '../../db/reader.js';
import { ident, limit, sql } from '../../db/sql.js';
import { today } from '../../domain/dates.js';
import { badInput, Reason } from '../../errors.js';
import { orgTree } from '../../org-tree/tree.js';
import { fromGlobalId } from '../global-id.js';
import { modelOf } from '../model.js';
import { compiling, scopedFilter } from '../where.js';
import { MAX_GROUPS } from '../limits.js';
import type { KeyDef } from './entity.js';
import { LEVELS, type Bucket } from './enums.js';
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
export const bucketOf = (day: string, bucket: Bucket): string => {
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

/** Every value a key is filled with, in order, by key. */
export type Domains = Map<KeyDef, unknown[]>;

/** The organisations of a level under the filter's organisation (all, without one), in id order, not dissolved by today. */
async function levelDomain(reader: Reader, k: KeyDef, filter: Record<string, unknown> | null | undefined): Promise<number[]> {
  const under = typeof filter?.orgId === 'string' ? fromGlobalId(filter.orgId)?.id : undefined;
  const kinds: readonly string[] = LEVELS[k.level!].kinds;
  const now = today();
  return [...(await orgTree(reader)).byId.values()]
    .filter((o) => kinds.includes(o.kind) && (under == null || o.ancestors.includes(under)) && !(o.dissolvedOn && o.dissolvedOn <= now))
    .map((o) => o.id)
    .toSorted((a, b) => a - b);
}

/**
 * The rows a relation key points to under the filter's organisation (every department of the hospital, 0 where it
 * had none): one statement on the target's own scope; without an orgId in the filter, only the values present.
 */
async function relatedDomain(reader: Reader, k: KeyDef, filter: Record<string, unknown> | null | undefined): Promise<number[]> {
  if (typeof filter?.orgId !== 'string') return [];
  const q = compiling(reader);
  const model = modelOf(k.target!);
  const t = q.aliases.next();
  const where = await scopedFilter(q, model, { orgId: filter.orgId }, t, ['filter', 'orgId']);
  const rows = await reader.arrays(
    sql`select ${t}."id" from ${ident(model.table)} ${t} where ${where} order by 1 limit ${limit(MAX_GROUPS + 1)}`,
  );
  return rows.map((r) => r[0] as number);
}

/** What each fill key is filled with; null when a date key has nothing to span (no rows and no bounds). */
export async function domains(
  reader: Reader,
  groups: GroupRow[],
  keys: KeyDef[],
  filter: Record<string, unknown> | null | undefined,
): Promise<Domains | null> {
  const out: Domains = new Map();
  for (const k of keys) {
    if (k.kind === 'org' || k.kind === 'relation') {
      const present = groups.map((g) => g.keys[k.field]).filter((x): x is number => typeof x === 'number');
      const all = k.kind === 'org' ? await levelDomain(reader, k, filter) : await relatedDomain(reader, k, filter);
      out.set(
        k,
        [...new Set([...all, ...present])].toSorted((a, b) => a - b),
      );
      continue;
    }
    const range = filterRange(filter, k.name!);
    const days = groups
      .map((g) => g.keys[k.field] as string | null)
      .filter((x): x is string => x != null)
      .toSorted();
    if (!days.length && !(range.from && range.to)) return null;
    out.set(k, bucketsBetween(range.from ?? days[0]!, range.to ?? days.at(-1)!, k.bucket!));
  }
  return out;
}

/** Every combination of the filled keys' values (their cartesian product), one past MAX_GROUPS at the most. */
function product(fill: Domains): unknown[][] {
  let out: unknown[][] = [[]];
  for (const values of fill.values()) {
    out = out.flatMap((prefix) => values.map((v) => [...prefix, v]));
    if (out.length > MAX_GROUPS) break;
  }
  return out;
}

/** The groups' keys other than the filled ones, as one string: the series a filled value belongs to. */
type ComboOf = (g: GroupRow) => string;

/** An empty group for every combination of filled values a series lacks: count 0, every other measure null. */
function emptyGroups(detail: GroupRow[], keys: KeyDef[], fill: Domains, measures: string[], comboOf: ComboOf): GroupRow[] {
  const filled = [...fill.keys()];
  const others = keys.filter((k) => !fill.has(k));
  const at = (g: GroupRow) => JSON.stringify(filled.map((k) => g.keys[k.field] ?? null));
  const combos = new Map<string, GroupRow>();
  const have = new Set<string>();
  for (const g of detail) {
    combos.set(comboOf(g), g);
    have.add(`${comboOf(g)}|${at(g)}`);
  }
  if (!combos.size && !others.length)
    combos.set('[]', { keys: {}, groupedBy: [], isSubtotal: false, isTotal: false, isFilled: false, count: 0, m: {} });
  const all = product(fill);
  const empty: GroupRow[] = [];
  for (const [combo, sample] of combos) {
    for (const values of all) {
      if (have.has(`${combo}|${JSON.stringify(values)}`)) continue;
      empty.push({
        keys: {
          ...Object.fromEntries(others.map((k) => [k.field, sample.keys[k.field] ?? null])),
          ...Object.fromEntries(filled.map((k, i) => [k.field, values[i]])),
        },
        groupedBy: keys.map((k) => k.value),
        isSubtotal: false,
        isTotal: false,
        isFilled: true,
        count: 0,
        m: Object.fromEntries(measures.map((m) => [m, null])),
      });
      if (empty.length > MAX_GROUPS) return empty;
    }
  }
  return empty;
}

/** Back in key order: the series as the statement ordered them (`detail`), then each filled key by its domain's order. */
function inKeyOrder(filled: GroupRow[], detail: GroupRow[], fill: Domains, comboOf: ComboOf): GroupRow[] {
  const rank = new Map<string, number>();
  detail.forEach((g, i) => rank.has(comboOf(g)) || rank.set(comboOf(g), i));
  const positions = [...fill].map(([k, values]) => {
    const index = new Map(values.map((v, i) => [v, i]));
    return (g: GroupRow) => index.get(g.keys[k.field]) ?? -1;
  });
  return filled.toSorted((a, b) => {
    const ra = rank.get(comboOf(a)) ?? 0;
    const rb = rank.get(comboOf(b)) ?? 0;
    if (ra !== rb) return ra - rb;
    for (const pos of positions) if (pos(a) !== pos(b)) return pos(a) - pos(b);
    return 0;
  });
}

/**
 * The empty groups for every series (combination of the other keys present): each date bucket between the
 * first and last (or the filter's bounds on that date) and each organisation of a grouped level under the
 * filter's organisation, in key order. Their count is 0 and every other measure null.
 */
export function fillGaps(groups: GroupRow[], keys: KeyDef[], fill: Domains, measures: string[]): GroupRow[] {
  const detail = groups.filter((g) => !g.isSubtotal && !g.isTotal);
  const rest = groups.filter((g) => g.isSubtotal || g.isTotal);
  const others = keys.filter((k) => !fill.has(k));
  const comboOf: ComboOf = (g) => JSON.stringify(others.map((k) => g.keys[k.field] ?? null));
  const filled = [...detail, ...emptyGroups(detail, keys, fill, measures, comboOf)];
  if (filled.length > MAX_GROUPS) {
    throw badInput(
      Reason.aggregateTooManyGroups,
      ['fillGaps'],
      `补齐后超过 ${MAX_GROUPS} 组`,
      `more than ${MAX_GROUPS} groups once gaps are filled`,
    );
  }
  return [...inKeyOrder(filled, detail, fill, comboOf), ...rest];
}
