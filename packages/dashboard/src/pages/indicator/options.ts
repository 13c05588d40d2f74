/**
 * The indicator page's pure pieces: the 12-month series against the same months a year earlier (one
 * chart, target line and status bands named in words), and the ranked breakdown (bars coloured and
 * decaled by status, a missing value written out, never a zero bar).
 */
import type { IndicatorNullReason, IndicatorStatus } from '@party-hub/schema/client';
import type { EChartsCoreOption } from 'echarts/core';
import { statusStyle } from '../../charts/palette.ts';
import { buildRankedStatusBarOption } from '../../charts/rankedBars.ts';

export type Direction = 'HIGHER' | 'LOWER' | 'CONTEXT';
export type Fmt = (value: number | null, nullReason: IndicatorNullReason | null) => string;

export interface SeriesPoint {
  period: string;
  value: number | null;
  nullReason: IndicatorNullReason | null;
}

export interface Thresholds {
  target: number | null;
  warning: number | null;
}

/** The words a chart needs, in the UI's language. */
export interface SeriesLabels {
  target: string;
  status: Record<'MET' | 'WARNING' | 'NOT_MET', string>;
  fmt: Fmt;
}

export interface Band {
  status: 'MET' | 'WARNING' | 'NOT_MET';
  from: number;
  to: number;
}

/** The status bands between the axis ends: below warning not met, up to target warning, beyond met (mirrored for LOWER). */
export function statusBands(direction: Direction, t: Thresholds, min: number, max: number): Band[] {
  if (direction === 'CONTEXT' || t.target === null) return [];
  const w = t.warning ?? t.target;
  const bands: Band[] =
    direction === 'HIGHER'
      ? [
          { status: 'NOT_MET', from: min, to: w },
          { status: 'WARNING', from: w, to: t.target },
          { status: 'MET', from: t.target, to: max },
        ]
      : [
          { status: 'MET', from: min, to: t.target },
          { status: 'WARNING', from: t.target, to: w },
          { status: 'NOT_MET', from: w, to: max },
        ];
  return bands.filter((b) => b.to > b.from);
}

/** An axis tick without a trailing `.0` (ticks are round numbers). */
const axisText = (s: string) => s.replace(/\.0(?!\d)/, '');

/** A `YYYY-MM`..`YYYY-MM` window as a series name: the year alone when it is one calendar year. */
export function windowName(first: string, last: string): string {
  return first.slice(0, 4) === last.slice(0, 4) && first.endsWith('-01') && last.endsWith('-12') ? first.slice(0, 4) : `${first} – ${last}`;
}

/** Axis ends and a round tick step with room for the data, the target and the warning line (rates within 0–100). */
export function axisRange(values: (number | null)[], t: Thresholds, percent: boolean): [min: number, max: number, step: number] {
  const all = [...values, t.target, t.warning].filter((v): v is number => v !== null);
  if (all.length === 0) return [0, percent ? 100 : 1, percent ? 20 : 1];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = Math.max((hi - lo) * 0.1, Math.abs(hi) * 0.01, 0.5);
  const span = hi - lo + 2 * pad;
  const step = span > 60 ? 20 : span > 30 ? 10 : span > 12 ? 5 : span > 6 ? 2 : 1;
  let min = Math.floor((lo - pad) / step) * step;
  let max = Math.ceil((hi + pad) / step) * step;
  if (lo >= 0) min = Math.max(0, min);
  if (percent) max = Math.min(100, max);
  return [min, max, step];
}

/** One window's line: the recent months solid and bold, the year before dashed and behind. */
function seriesLine(name: string, pts: SeriesPoint[], color: string, dashed: boolean) {
  return {
    type: 'line',
    name,
    data: pts.map((p) => p.value),
    connectNulls: false,
    symbol: dashed ? 'emptyCircle' : 'circle',
    symbolSize: dashed ? 7 : 9,
    lineStyle: { width: dashed ? 2 : 3.5, type: dashed ? 'dashed' : 'solid', color },
    itemStyle: { color },
    z: dashed ? 3 : 4,
  };
}

/** The target as a dashed line in the colour of 达标, labelled above its end. */
function targetLine(target: number, labels: SeriesLabels, textColor: string) {
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { type: 'dashed', width: 2, color: statusStyle('MET').color },
    label: {
      position: 'insideEndTop',
      formatter: `${labels.target} ${labels.fmt(target, null)}`,
      fontSize: 14,
      color: textColor,
      textBorderWidth: 0,
    },
    data: [{ yAxis: target }],
  };
}

/** The status bands as faint areas, each named in words (symbol and status) to the right of the plot. */
function bandAreas(bands: Band[], labels: SeriesLabels, textColor: string) {
  return {
    silent: true,
    label: { position: 'right', distance: 8, fontSize: 14, fontWeight: 'bold', color: textColor, textBorderWidth: 0 },
    data: bands.map((b) => [
      {
        yAxis: b.from,
        name: `${statusStyle(b.status).symbol} ${labels.status[b.status]}`,
        itemStyle: { color: statusStyle(b.status).color, opacity: 0.1 },
      },
      { yAxis: b.to },
    ]),
  };
}

/**
 * The window's periods (12 months, 8 quarters, 4 half-years or 5 years up to the one in view: state/period.ts
 * seriesWindow) against the same periods a year earlier, aligned (x = the recent periods), a null period left
 * as a gap; target line and status bands from `t`. A window without an earlier line (years) draws one line.
 */
export function buildSeriesOption(
  points: SeriesPoint[],
  window: { recent: string[]; earlier: string[] },
  opts: { direction: Direction; thresholds: Thresholds; percent: boolean; colors: string[]; textColor: string; labels: SeriesLabels },
): EChartsCoreOption {
  const { labels, thresholds, textColor } = opts;
  const byPeriod = new Map(points.map((p) => [p.period, p]));
  const { recent, earlier } = window;
  const pick = (m: string) => byPeriod.get(m) ?? { period: m, value: null, nullReason: null };
  const now = recent.map(pick);
  const ago = earlier.map(pick);
  const [min, max, interval] = axisRange(
    [...now, ...ago].map((p) => p.value),
    thresholds,
    opts.percent,
  );
  const bands = statusBands(opts.direction, thresholds, min, max);
  const recentSeries = {
    ...seriesLine(windowName(recent[0]!, recent.at(-1)!), now, opts.colors[0]!, false),
    markLine: thresholds.target === null || opts.direction === 'CONTEXT' ? undefined : targetLine(thresholds.target, labels, textColor),
    markArea: bands.length ? bandAreas(bands, labels, textColor) : undefined,
  };
  const row = (p: SeriesPoint) => `${p.period}：<b>${labels.fmt(p.value, p.nullReason)}</b>`;
  // What a screen reader hears: each line with its own months and the values in their unit (ECharts' own text
  // gave last year's line this year's months and raw numbers).
  const spoken = (name: string, ps: SeriesPoint[]) =>
    `${name}: ${ps.map((p) => `${p.period} ${labels.fmt(p.value, p.nullReason)}`).join(', ')}`;
  const description = [
    spoken(windowName(recent[0]!, recent.at(-1)!), now),
    ...(earlier.length ? [spoken(windowName(earlier[0]!, earlier.at(-1)!), ago)] : []),
    ...(thresholds.target === null ? [] : [`${labels.target} ${labels.fmt(thresholds.target, null)}`]),
  ].join('; ');
  return {
    aria: { enabled: true, label: { enabled: true, description } },
    legend: { top: 0, left: 0, itemWidth: 32, textStyle: { fontSize: 15, color: textColor } },
    grid: { left: 16, right: bands.length ? 92 : 24, top: 48, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (items: { dataIndex: number }[]) => {
        const i = items[0]?.dataIndex ?? 0;
        return ago[i] ? `${row(now[i]!)}<br/>${row(ago[i])}` : row(now[i]!);
      },
    },
    xAxis: { type: 'category', data: recent, boundaryGap: false, axisLabel: { hideOverlap: true, fontSize: 14 } },
    yAxis: { type: 'value', min, max, interval, axisLabel: { fontSize: 14, formatter: (v: number) => axisText(labels.fmt(v, null)) } },
    series: earlier.length
      ? [recentSeries, seriesLine(windowName(earlier[0]!, earlier.at(-1)!), ago, opts.colors[1]!, true)]
      : [recentSeries],
  };
}

export interface BreakdownRow {
  name: string;
  rank: number | null;
  value: number | null;
  nullReason: IndicatorNullReason | null;
  status: IndicatorStatus | null;
  numerator: number | null;
  denominator: number | null;
}

/** Best first (rank 1), rows without a value last, in the order the API gave them. */
export function rankRows(rows: BreakdownRow[]): BreakdownRow[] {
  return rows
    .map((r, i) => ({ r, i }))
    .toSorted((a, b) => (a.r.rank ?? Infinity) - (b.r.rank ?? Infinity) || a.i - b.i)
    .map((x) => x.r);
}

/** Pixel height for `n` bars: 36 px a row plus the axis and legend. */
export const breakdownHeight = (n: number) => `${Math.max(220, n * 36 + 70)}px`;

/**
 * A ranked horizontal bar per row (rank 1 on top), coloured and decaled by status, its value with unit
 * at the bar's end; a row without a value has no bar and says so beside its name; target line.
 */
export function buildBreakdownOption(
  rows: BreakdownRow[],
  opts: {
    target: number | null;
    textColor: string;
    integer?: boolean;
    labels: { target: string; status: (s: IndicatorStatus | null) => string; fmt: Fmt };
  },
): EChartsCoreOption {
  const ranked = rankRows(rows);
  const { fmt } = opts.labels;
  return buildRankedStatusBarOption(ranked, {
    ink: opts.textColor,
    barLabel: (p) => `${fmt(ranked[p.dataIndex].value, ranked[p.dataIndex].nullReason)} ${statusStyle(ranked[p.dataIndex].status).symbol}`,
    tooltip: (r) => {
      const ratio = r.denominator !== null && r.numerator !== null ? ` (${r.numerator} / ${r.denominator})` : '';
      const status = r.status ? `<br/>${statusStyle(r.status).symbol} ${opts.labels.status(r.status)}` : '';
      return `${r.name}<br/><b>${fmt(r.value, r.nullReason)}</b>${ratio}${status}`;
    },
    valueAxis: { minInterval: opts.integer ? 1 : 0, formatter: (v) => axisText(fmt(v, null)) },
    target: opts.target === null ? null : { value: opts.target, text: `${opts.labels.target} ${fmt(opts.target, null)}` },
    name: (name, r) => (r.value === null ? `${name}  {na|${fmt(null, r.nullReason)}}` : name),
    nameWidth: 240,
    labelRoom: 110,
    barMaxWidth: 26,
  });
}
