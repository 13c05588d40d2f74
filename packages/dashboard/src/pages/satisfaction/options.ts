/**
 * The satisfaction page's pure pieces: the 24-month trend with targets, the department ranking and the
 * score distribution. A month nobody reported is a gap and 未填报, never a 0.
 */
import type { Direction } from '@party-hub/schema/indicators';
import type { EChartsCoreOption } from 'echarts/core';
import { buildRankedStatusBarOption } from '../../charts/rankedBars.ts';
import type { IndicatorStatus } from '@party-hub/schema/client';
import { useBars } from '../../charts/kinds/bars.ts';

useBars();

/** The surveys the ranking and the distribution can show (`?survey=`), with their survey kind. */
export const SURVEYS = { outpatient_satisfaction: 'OUTPATIENT', inpatient_satisfaction: 'INPATIENT' } as const;
export type SurveyId = keyof typeof SURVEYS;
export const TREND_IDS = ['outpatient_satisfaction', 'inpatient_satisfaction', 'staff_satisfaction'] as const;

export const isSurveyId = (v: string): v is SurveyId => v in SURVEYS;

/** One decimal, as the committee reads a rate. */
const pct = (v: number) => `${v.toFixed(1)}%`;
const isMissing = (v: unknown) => v === null || v === undefined || v === '-' || (typeof v === 'number' && Number.isNaN(v));

export interface TrendSeries {
  name: string;
  target: number | null;
  points: { period: string; value: number | null }[];
}

/** Axis bounds that hold every value and target with a little room, in steps of 5, never above 100. */
export function trendBounds(series: TrendSeries[]): { min: number; max: number } {
  const all = series.flatMap((s) => [...s.points.map((p) => p.value), s.target]).filter((v): v is number => v !== null);
  if (all.length === 0) return { min: 0, max: 100 };
  return { min: Math.max(0, Math.floor((Math.min(...all) - 2) / 5) * 5), max: Math.min(100, Math.ceil((Math.max(...all) + 2) / 5) * 5) };
}

/**
 * Lines per indicator over the months; each target a dashed line in its series' colour; every point
 * drawn as a symbol, so an indicator reported only some months (staff: once a quarter) shows its dots.
 */
export function buildTrendOption(series: TrendSeries[], labels: { notReported: string; target: string; ink: string }): EChartsCoreOption {
  const periods = series[0]?.points.map((p) => p.period) ?? [];
  const { min, max } = trendBounds(series);
  // Neighbouring targets label on opposite sides of their lines, so close targets never overlap.
  const byHeight = series
    .map((s) => s.target)
    .filter((v): v is number => v !== null)
    .toSorted((a, b) => b - a);
  return {
    grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 28, itemGap: 24 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (isMissing(v) ? labels.notReported : pct(v as number)) },
    xAxis: { type: 'category', data: periods, boundaryGap: false, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', min, max, axisLabel: { formatter: '{value}%' } },
    series: series.map((s) => {
      const sparse = s.points.some((p) => p.value === null);
      return {
        type: 'line',
        name: s.name,
        data: s.points.map((p) => p.value),
        connectNulls: false,
        showSymbol: true,
        showAllSymbol: true,
        symbol: sparse ? 'diamond' : 'circle',
        symbolSize: sparse ? 14 : 7,
        lineStyle: { width: 3 },
        markLine:
          s.target === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', width: 2 },
                label: {
                  position: byHeight.indexOf(s.target) % 2 === 0 ? 'insideEndTop' : 'insideEndBottom',
                  formatter: `${labels.target} ${s.target}%`,
                  fontSize: 14,
                  color: labels.ink,
                  textBorderWidth: 0,
                },
                data: [{ yAxis: s.target, name: labels.target }],
              },
      };
    }),
  };
}

export interface RankRow {
  name: string;
  value: number | null;
  status: IndicatorStatus | null;
  count: number | null;
}

/** The reported rows, best first by the indicator's direction (higher or lower is better). */
export function rankRows(rows: RankRow[], direction: Direction): RankRow[] {
  const sign = direction === 'LOWER' ? 1 : -1;
  return rows
    .filter((r) => r.value !== null)
    .toSorted((a, b) => sign * ((a.value as number) - (b.value as number)) || a.name.localeCompare(b.name, 'zh'));
}

/**
 * Horizontal ranked bars, best at the top: status by colour, decal and the value label; the target as
 * a dashed line; long department names truncated with the full name in the tooltip.
 */
export function buildDepartmentOption(
  rows: RankRow[],
  opts: { direction: Direction; target: number | null; targetLabel: string; responses: string; ink: string },
): EChartsCoreOption {
  const ranked = rankRows(rows, opts.direction);
  // Bars start at 0: a cut axis (80 %) made 87 % look a third of 98 %. The labels carry the differences.
  return buildRankedStatusBarOption(ranked, {
    ink: opts.ink,
    barLabel: (p) => pct(p.value),
    tooltip: (r) => `${r.name}<br/>${pct(r.value as number)}${r.count === null ? '' : ` · ${opts.responses} ${r.count}`}`,
    valueAxis: { min: 0, max: 100, interval: 20, formatter: '{value}%' },
    target: opts.target === null ? null : { value: opts.target, text: `${opts.targetLabel} ${opts.target}%`, color: '#777' },
    nameWidth: 150,
    labelRoom: 64,
    barMaxWidth: 22,
  });
}

/** Score bands of the 0–100 overall score (the SDL has no score key: one filtered aggregate per band). */
export const SCORE_BANDS = [
  { label: '<60', filter: { lt: 60 } },
  { label: '60–69', filter: { gte: 60, lt: 70 } },
  { label: '70–79', filter: { gte: 70, lt: 80 } },
  { label: '80–89', filter: { gte: 80, lt: 90 } },
  { label: '90–94', filter: { gte: 90, lt: 95 } },
  { label: '95–99', filter: { gte: 95, lt: 100 } },
  { label: '100', filter: { eq: 100 } },
] as const;

export interface SurveyCounts {
  id: string;
  name: string;
  /** Responses per band, in SCORE_BANDS order. */
  counts: number[];
  total: number;
}

/** Each band's share of its own survey's responses (%), so surveys of different sizes compare. */
export function bandShares(s: SurveyCounts): (number | null)[] {
  return s.counts.map((c) => (s.total > 0 ? Math.round((c / s.total) * 1000) / 10 : null));
}

/** A histogram per survey, side by side per band (surveys never merged: their scales differ). */
export function buildDistributionOption(
  surveys: SurveyCounts[],
  labels: { axis: string; responses: string; ink: string },
): EChartsCoreOption {
  return {
    grid: { left: 8, right: 16, top: 56, bottom: 36, containLabel: true },
    legend: { top: 0, left: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { seriesIndex: number; dataIndex: number; marker: string; seriesName: string; axisValue: string }[]) =>
        [ps[0]?.axisValue ?? '']
          .concat(
            ps.map((p) => {
              const s = surveys[p.seriesIndex];
              const share = s ? bandShares(s)[p.dataIndex] : null;
              return `${p.marker}${p.seriesName}: ${share === null || share === undefined ? '—' : pct(share)} (${labels.responses} ${s?.counts[p.dataIndex] ?? 0})`;
            }),
          )
          .join('<br/>'),
    },
    xAxis: { type: 'category', data: SCORE_BANDS.map((b) => b.label), name: labels.axis, nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: surveys.map((s) => ({
      type: 'bar',
      name: s.name,
      data: bandShares(s),
      barGap: '10%',
      label: {
        show: true,
        position: 'top',
        fontSize: 14,
        color: labels.ink,
        textBorderWidth: 0,
        formatter: (p: { value: number | null }) => (!p.value ? '' : p.value < 1 ? `${p.value.toFixed(1)}%` : `${Math.round(p.value)}%`),
      },
    })),
  };
}
