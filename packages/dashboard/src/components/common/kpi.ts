/**
 * What the KPI displays show, from the month's indicator values. A card (KpiCard.vue): the value in
 * words (未填报, never 0), the target with its direction, the status, and the changes against last
 * month and a year ago; the overview adds a sparkline, the satisfaction page a note on the latest
 * reported value. A figure in a row (KpiFigures.vue): name, value and status alone.
 */
import { periodLabel } from '../../state/period.ts';
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
  nullNote,
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
  /** Why the value is withheld (SUPPRESSED: too few people), for its tooltip; null otherwise. */
  withheld?: string | null;
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
  /** The span measured (a quarterly indicator in November: 2026-QTD11), whether it is final, its pace. */
  judgedPeriod?: string;
  onPace?: boolean | null;
  /** Where the value comes from, whether a total misses an undisclosed part, the organisation's own report. */
  provenance?: 'RECORDS' | 'REPORTED' | 'NOT_DISCLOSED';
  incomplete?: boolean;
  reported?: { disclosure: 'REPORTED' | 'NOT_DISCLOSED'; value: number | null; source: string | null } | null;
  /** The last complete period of its grain (Q3 for a quarterly indicator in November). */
  lastComplete?: { period: string; value: number | null; nullReason: NullReason | null; status: IndicatorStatus | null };
}

/** What an in-progress card says under its status: the span so far, its pace, the last complete grain. */
export interface ProgressWords {
  line: (parts: { span: string; pace: string; last: string }) => string;
  onPace: string;
  behind: string;
  last: (parts: { period: string; value: string; status: string }) => string;
  status: (s: IndicatorStatus) => string;
}

export interface KpiWords {
  vsPrevious: string;
  vsYearAgo: string;
  /** What a change with nothing to compare reads as (unset: the card's dash). */
  noChange?: string;
  /** The target line for a threshold already formatted (`95.0%`): `目标 ≥ 95.0%`, or `≤` when lower is better. */
  target: (threshold: string, direction: Direction) => string;
  /** The note of a value in progress (unset: none). */
  progress?: ProgressWords;
}

/** The note of an in-progress value: `2026年10—11月累计 · 进度正常 · 上一完整期 2026年第3季度：93.5%（达标）`. */
export function progressNote(v: KpiValue, lang: Lang, words: ProgressWords): string | null {
  if (v.status !== 'IN_PROGRESS' || !v.judgedPeriod) return null;
  const id = v.indicator.id;
  const last = v.lastComplete;
  return words.line({
    span: periodLabel(v.judgedPeriod, lang),
    pace: v.onPace == null ? '' : v.onPace ? words.onPace : words.behind,
    last:
      last && last.period !== v.judgedPeriod
        ? words.last({
            period: periodLabel(last.period, lang),
            value: formatValue(id, last.value, last.nullReason, lang),
            status: last.status && last.status !== 'NO_TARGET' ? words.status(last.status) : '',
          })
        : '',
  });
}

const PROVENANCE_WORDS = {
  zh: { reported: '报送值', incomplete: '部分下级未披露，合计不完整', beside: '另有报送值', withheld: '报送为未披露' },
  en: { reported: 'as reported', incomplete: 'partial: some units withheld', beside: 'reported as', withheld: 'reported as withheld' },
} as const;

/**
 * Where a card's figure comes from, when not simply the records: `报送值（国家满意度平台）`, a total that misses an
 * undisclosed part, or a report that differs from the records (`另有报送值 5面`). Null for plain records.
 */
export function provenanceNote(v: KpiValue, lang: Lang): string | null {
  const w = PROVENANCE_WORDS[lang];
  const parts: string[] = [];
  const r = v.reported;
  if (v.provenance === 'REPORTED') parts.push(r?.source ? `${w.reported}（${r.source}）` : w.reported);
  else if (v.provenance === 'RECORDS' && r)
    parts.push(r.disclosure === 'NOT_DISCLOSED' ? w.withheld : `${w.beside} ${formatValue(v.indicator.id, r.value, null, lang)}`);
  if (v.incomplete) parts.push(w.incomplete);
  return parts.length ? parts.join(' · ') : null;
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
    withheld: v.value === null ? nullNote(v.nullReason, lang) : null,
    target: target === null ? null : words.target(thresholdText(id, target, lang), definition(id).direction),
    status: v.status,
    changes: [change(words.vsPrevious, v.changeFromPrevious), change(words.vsYearAgo, v.changeFromYearAgo)],
    note:
      [
        v.value === null ? nullNote(v.nullReason, lang) : null,
        words.progress ? progressNote(v, lang, words.progress) : null,
        provenanceNote(v, lang),
      ]
        .filter(Boolean)
        .join(' · ') || null,
  };
}

/** A small figure in a row: the catalog name and unit come from the id. */
export interface KpiItem {
  id: string;
  value: number | null;
  nullReason: NullReason | null;
  status: IndicatorStatus | null;
}

/** The figures for `ids` in that order (one the board lacks is left out), or for every value as given. */
export function kpiItems(
  values: readonly Pick<KpiValue, 'indicator' | 'value' | 'nullReason' | 'status'>[],
  ids?: readonly string[],
): KpiItem[] {
  const pick = ids ? ids.flatMap((id) => values.filter((v) => v.indicator.id === id)) : values;
  return pick.map((v) => ({ id: v.indicator.id, value: v.value, nullReason: v.nullReason, status: v.status }));
}
