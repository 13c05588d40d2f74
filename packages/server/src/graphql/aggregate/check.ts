/**
 * An aggregate's arguments, checked before any SQL: the keys it groups by, the time zone of its date
 * buckets, its limit and what fillGaps needs. Each refusal is coded and names the argument.
 */
import { today } from '../../domain/dates.js';
import { badInput, Reason } from '../../errors.js';
import { listSpecs } from '../define-list.js';
import { MAX_GROUPS } from '../limits.js';
import { AggregateTotals } from './enums.js';
import type { Entity, KeyDef } from './entity.js';
import type { AggregateArgs } from './types.js';

/** Time zone of date buckets unless the query names one (HUB_TIME_ZONE). */
let defaultTimeZone = 'Asia/Shanghai';
export const setDefaultTimeZone = (tz: string) => void (defaultTimeZone = tz);

const validTimeZones = new Set<string>([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export interface Checked {
  /** The keys of groupBy, in its order. */
  keys: KeyDef[];
  tz: string;
  totals: AggregateTotals;
  /** The keys gaps are filled along (at most one date key, any organisation levels), when fillGaps is asked. */
  fillKeys?: KeyDef[];
  /** The date key compareTo shifts along. */
  compareKey?: KeyDef;
}

/** The one date key of the fact's own that compareTo shifts, when it is asked and nothing it would upset is. */
function compareKey(args: AggregateArgs, keys: KeyDef[], at: string[]): KeyDef | undefined {
  if (!args.compareTo) return undefined;
  const bad = (zh: string, en: string) => badInput(Reason.aggregateInvalid, [...at, 'compareTo'], zh, en);
  const dates = keys.filter((k) => k.kind === 'date');
  if (dates.length !== 1 || dates[0]!.via)
    throw bad(
      'compareTo 需要恰好一个本表的日期分组键（如 HELD_ON_MONTH）',
      'compareTo needs exactly one date key of the fact’s own in groupBy (e.g. HELD_ON_MONTH)',
    );
  if ((args.totals ?? AggregateTotals.NONE) !== AggregateTotals.NONE || args.limit != null)
    throw bad('compareTo 不能与 totals 或 limit 同用', 'compareTo cannot be combined with totals or limit');
  return dates[0];
}

function groupKeys(e: Entity, groupBy: string[], at: string[]): KeyDef[] {
  const keys = groupBy.map((v, i) => {
    const k = e.keys.get(v);
    if (!k) throw badInput(Reason.aggregateInvalid, [...at, 'groupBy', String(i)], `不能按 ${v} 分组`, `cannot group by ${v}`);
    return k;
  });
  if (new Set(groupBy).size !== groupBy.length) {
    throw badInput(Reason.aggregateInvalid, [...at, 'groupBy'], '分组键重复', 'a key is repeated in groupBy');
  }
  return keys;
}

function timeZoneOf(args: AggregateArgs, at: string[]): string {
  const tz = args.timeZone ?? defaultTimeZone;
  if (!validTimeZones.has(tz)) {
    throw badInput(
      Reason.aggregateTimeZone,
      [...at, 'timeZone'],
      `未知时区 “${tz}”（如 Asia/Shanghai）`,
      `unknown time zone “${tz}” (e.g. Asia/Shanghai)`,
    );
  }
  return tz;
}

/** Whether rows of an entity lie under the organisation tree (so "every one under the filter's orgId" means something). */
const scoped = (entity: string) => listSpecs().some((l) => l.entity.name === entity && l.scope.length > 0);

/**
 * The keys gaps are filled along, when fillGaps is asked and nothing it would upset is: one date key (its
 * buckets) and the organisation levels (every organisation of the level in the filter's subtree).
 */
function fillGapsKeys(args: AggregateArgs, keys: KeyDef[], at: string[]): KeyDef[] | undefined {
  if (!args.fillGaps) return undefined;
  const dateKeys = keys.filter((k) => k.kind === 'date');
  const fill = keys.filter((k) => k.kind === 'date' || k.kind === 'org' || (k.kind === 'relation' && scoped(k.target!)));
  if (dateKeys.length > 1 || !fill.length) {
    throw badInput(
      Reason.aggregateInvalid,
      [...at, 'fillGaps'],
      'fillGaps 需要一个日期分组键、党组织层级或关联（如 DEPARTMENT）分组键（日期键至多一个）',
      'fillGaps needs a date key, an organisation level or a relation (e.g. DEPARTMENT) in groupBy (one date key at most)',
    );
  }
  if (args.limit != null || args.orderBy?.some((o) => o.measure)) {
    throw badInput(
      Reason.aggregateInvalid,
      [...at, 'fillGaps'],
      'fillGaps 不能与 limit 或按度量排序同用（补齐的空段会改变前 N 名）',
      'fillGaps cannot be combined with limit or ordering by a measure (filled buckets would change the top N)',
    );
  }
  return fill;
}

/** The most bands a query may ask for. */
const MAX_BANDS = 20;

/** A band key with the edges and the year asked: ascending edges within the band's range, a year with records. */
function banded(k: KeyDef, args: AggregateArgs, at: string[]): KeyDef {
  const { name, def } = k.band!;
  const field = `${name}BandEdges` as const;
  const edges = args[field] ?? def.edges;
  const bad = (zh: string, en: string) => badInput(Reason.aggregateInvalid, [...at, field], zh, en);
  if (!edges.length || edges.length > MAX_BANDS) throw bad(`分段起点应有 1–${MAX_BANDS} 个`, `give 1–${MAX_BANDS} band edges`);
  if (edges.some((x) => x < 0 || x > def.max)) throw bad(`分段起点应在 0–${def.max}`, `band edges must be 0–${def.max}`);
  if (edges.some((x, i) => i > 0 && x <= edges[i - 1]!))
    throw bad('分段起点须严格升序（分段不能重叠或倒序）', 'band edges must rise strictly (bands cannot overlap or run backwards)');
  const thisYear = Number(today().slice(0, 4));
  const year = args.asOfYear ?? thisYear;
  if (year < 1921 || year > thisYear)
    throw badInput(Reason.aggregateInvalid, [...at, 'asOfYear'], `年度应在 1921–${thisYear}`, `the year must be 1921–${thisYear}`);
  return { ...k, band: { ...k.band!, edges, year }, ascending: bandLabels(edges) };
}

/** The bands' labels, in order: `<25`, `25–34`, …, `≥55`. */
export const bandLabels = (edges: readonly number[]): string[] => [
  `<${edges[0]}`,
  ...edges.slice(1).map((x, i) => (x - 1 === edges[i] ? `${edges[i]}` : `${edges[i]}–${x - 1}`)),
  `≥${edges.at(-1)}`,
];

/** Checks the arguments that need no SQL (`at` is the field's path, for the errors). */
export function checkArgs(e: Entity, args: AggregateArgs, at: string[]): Checked {
  const keys = groupKeys(e, args.groupBy ?? [], at).map((k) => (k.kind === 'band' ? banded(k, args, at) : k));
  const tz = timeZoneOf(args, at);
  if (args.limit != null && (args.limit < 1 || args.limit > MAX_GROUPS)) {
    throw badInput(Reason.aggregateInvalid, [...at, 'limit'], `limit 应在 1–${MAX_GROUPS}`, `limit must be 1–${MAX_GROUPS}`);
  }
  const fillKeys = fillGapsKeys(args, keys, at);
  const compare = compareKey(args, keys, at);
  return {
    keys,
    tz,
    totals: args.totals ?? AggregateTotals.NONE,
    ...(fillKeys ? { fillKeys } : {}),
    ...(compare ? { compareKey: compare } : {}),
  };
}
