/**
 * What needs the committee first: the indicators below target, then those in warning (each group worst
 * first, by how far the value is from its target: the meeting summary's order), then those that met their
 * target again this period after missing it. Each with its value (a rate with its counts), target, change and
 * the branches behind it. Pure: the board and the breakdowns in, rows out. An indicator in progress (a
 * quarterly duty in its second month) is never below target: the engine judges it at its grain.
 */
import { changeIsGood, definition, formatChange, formatValue, indicatorName, type Lang } from '../../format.ts';
import { belowTarget, type BoardValue, type Status } from '../../pages/meeting/summary.ts';
import type { Direction } from '@party-hub/schema/indicators';
import { thresholdText } from '../common/kpi.ts';
import { valueWithCounts } from './counts.ts';

export { valueWithCounts } from './counts.ts';

export type AttentionGroup = 'NOT_MET' | 'WARNING' | 'RECOVERED';

/** A board value as `indicators(…)` gives it (IndicatorValueFields fits). */
export interface AttentionValue extends BoardValue {
  numerator?: number | null;
  denominator?: number | null;
  previous: BoardValue['previous'] & { status?: Status | null };
}

/** A child organisation's point for one indicator (indicatorBreakdown's rows). */
export interface ChildPoint {
  name: string;
  value: number | null;
  status: Status | null;
}

export interface AttentionRow {
  id: string;
  group: AttentionGroup;
  name: string;
  /** `50.0%（2/4）`: a rate with its counts, so a small base is seen as one. */
  value: string;
  target: string | null;
  change: string | null;
  /** Whether the change is for the better (null: no change to judge). */
  good: boolean | null;
  /** The child organisations below target or in warning behind it, worst first (`二支部 40.0%、五支部 55.0% 等 4 个`). */
  branches: string;
}

/** Which indicators, in order: below target, in warning (worst first), then recovered (in catalogue order). */
export function attentionOrder(board: readonly AttentionValue[]): { id: string; group: AttentionGroup }[] {
  const below = belowTarget([...board]).map((b) => ({ id: b.id, group: b.status as AttentionGroup }));
  const recovered = board
    .filter((v) => v.status === 'MET' && (v.previous.status === 'NOT_MET' || v.previous.status === 'WARNING'))
    .map((v) => ({ id: v.indicator.id, group: 'RECOVERED' as const }));
  return [...below, ...recovered];
}

export interface AttentionWords {
  /** `目标 ≥ 95.0%` */
  target: (threshold: string, direction: Direction) => string;
  /** `等 {n} 个` / `and {n} more` */
  more: (n: number) => string;
  /** A list separator: `、` / `, `. */
  sep: string;
}

/** How many branches a row names before it says how many more. */
export const TOP_BRANCHES = 3;

/** The branches behind an indicator: below target or in warning, worst first. */
export function branchesText(id: string, rows: readonly ChildPoint[] | undefined, lang: Lang, words: AttentionWords): string {
  // Worst first: below target before warning, then the value furthest on the wrong side of its direction.
  const sign = definition(id).direction === 'LOWER' ? -1 : 1;
  const behind = (rows ?? [])
    .filter((r): r is ChildPoint & { value: number } => r.value !== null && (r.status === 'NOT_MET' || r.status === 'WARNING'))
    .toSorted((x, y) => rank(x.status) - rank(y.status) || (x.value - y.value) * sign);
  const named = behind.slice(0, TOP_BRANCHES).map((r) => `${r.name} ${formatValue(id, r.value, null, lang)}`);
  return named.join(words.sep) + (behind.length > TOP_BRANCHES ? ` ${words.more(behind.length)}` : '');
}
const rank = (s: Status | null) => (s === 'NOT_MET' ? 0 : 1);

/** The rows of the attention list. */
export function attentionRows(
  board: readonly AttentionValue[],
  children: ReadonlyMap<string, readonly ChildPoint[]>,
  lang: Lang,
  words: AttentionWords,
): AttentionRow[] {
  const byId = new Map(board.map((v) => [v.indicator.id, v]));
  return attentionOrder(board).map(({ id, group }) => {
    const v = byId.get(id)!;
    const target = v.target.target;
    return {
      id,
      group,
      name: indicatorName(id, lang),
      value: valueWithCounts(v, lang),
      target: target === null ? null : words.target(thresholdText(id, target, lang), definition(id).direction),
      change: formatChange(id, v.changeFromPrevious, lang),
      good: changeIsGood(id, v.changeFromPrevious),
      branches: group === 'RECOVERED' ? '' : branchesText(id, children.get(id), lang, words),
    };
  });
}
