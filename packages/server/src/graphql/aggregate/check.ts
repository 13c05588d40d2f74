/**
 * An aggregate's arguments, checked before any SQL: the keys it groups by, the time zone of its date
 * buckets, its limit and what fillGaps needs. Each refusal is coded and names the argument.
 */
import { badInput, Reason } from '../../errors.js';
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
  /** The one date key, when gaps are filled. */
  dateKey?: KeyDef;
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

/** The date key gaps are filled along (exactly one), when fillGaps is asked and nothing it would upset is. */
function fillGapsKey(args: AggregateArgs, keys: KeyDef[], at: string[]): KeyDef | undefined {
  if (!args.fillGaps) return undefined;
  const dateKeys = keys.filter((k) => k.kind === 'date');
  if (dateKeys.length !== 1) {
    throw badInput(
      Reason.aggregateInvalid,
      [...at, 'fillGaps'],
      'fillGaps 需要恰好一个日期分组键',
      'fillGaps needs exactly one date key in groupBy',
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
  return dateKeys[0];
}

/** Checks the arguments that need no SQL (`at` is the field's path, for the errors). */
export function checkArgs(e: Entity, args: AggregateArgs, at: string[]): Checked {
  const keys = groupKeys(e, args.groupBy ?? [], at);
  const tz = timeZoneOf(args, at);
  if (args.limit != null && (args.limit < 1 || args.limit > MAX_GROUPS)) {
    throw badInput(Reason.aggregateInvalid, [...at, 'limit'], `limit 应在 1–${MAX_GROUPS}`, `limit must be 1–${MAX_GROUPS}`);
  }
  const dateKey = fillGapsKey(args, keys, at);
  return { keys, tz, totals: args.totals ?? AggregateTotals.NONE, ...(dateKey ? { dateKey } : {}) };
}
