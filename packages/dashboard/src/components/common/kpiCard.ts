/**
 * What a KPI card shows, from one indicator value of the month: the value in words (未填报, never 0),
 * the target with its direction, the status, and the changes against last month and a year ago. The
 * overview adds a sparkline, the satisfaction page a note on the latest reported value.
 */
import type { IndicatorStatus } from '@party-hub/schema/client';
import type { Direction } from '@party-hub/schema/indicators';
import type { EChartsCoreOption } from 'echarts/core';
import {
  changeIsGood,
  definition,
  formatChange,
  formatNumber,
  formatValue,
  indicatorName,
  type Lang,
  type NullReason,
} from '../../format.ts';

export interface KpiChange {
  label: string;
  text: string | null;
  /** Good news by the indicator's direction (null: neither, or nothing to compare). */
  good: boolean | null;
}

/** The card's props. */
export interface KpiCardModel {
  id: string;
  name: string;
  value: string;
  missing: boolean;
  target: string | null;
  status: IndicatorStatus | null;
  changes: KpiChange[];
  /** A line under the status, e.g. the latest value reported before a month without one. */
  note?: string | null;
  /** A small line under the changes: its chart name and option. */
  spark?: { name: string; option: EChartsCoreOption };
}

/** One indicator's value for the month, as `indicators(…)` gives it (IndicatorValueFields fits). */
export interface KpiValue {
  indicator: { id: string };
  value: number | null;
  nullReason: NullReason | null;
  status: IndicatorStatus | null;
  target: { target: number | null };
  changeFromPrevious: number | null;
  changeFromYearAgo: number | null;
}

export interface KpiWords {
  vsPrevious: string;
  vsYearAgo: string;
  /** What a change with nothing to compare reads as (unset: the card's dash). */
  noChange?: string;
  /** The target line for a threshold already formatted (`95.0%`): `目标 ≥ 95.0%`, or `≤` when lower is better. */
  target: (threshold: string, direction: Direction) => string;
}

/** A threshold as the cards write it: the number for its unit, `%` for rates. */
export function thresholdText(id: string, target: number, lang: Lang): string {
  return `${formatNumber(id, target, lang)}${definition(id).unit === 'PERCENT' ? '%' : ''}`;
}

/** The card for one indicator value. */
export function kpiCardModel(v: KpiValue, lang: Lang, words: KpiWords): KpiCardModel {
  const id = v.indicator.id;
  const change = (label: string, c: number | null): KpiChange => ({
    label,
    text: formatChange(id, c, lang) ?? words.noChange ?? null,
    good: changeIsGood(id, c),
  });
  const target = v.target.target;
  return {
    id,
    name: indicatorName(id, lang),
    value: formatValue(id, v.value, v.nullReason, lang),
    missing: v.value === null,
    target: target === null ? null : words.target(thresholdText(id, target, lang), definition(id).direction),
    status: v.status,
    changes: [change(words.vsPrevious, v.changeFromPrevious), change(words.vsYearAgo, v.changeFromYearAgo)],
  };
}
