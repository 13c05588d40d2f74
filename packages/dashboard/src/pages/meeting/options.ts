/**
 * The meeting's charts as pure option builders: data and words in, an ECharts option out. A value
 * that is not there is a gap (and 未填报 in the tooltip), never a bar or a point at 0.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { FONT, statusDecal, statusStyle } from '../../charts/palette.ts';
import { useBars } from '../../charts/kinds/bars.ts';

useBars();

type Num = number | null;
/** Read from across a meeting room: category names and labels 18px, axis values 15px. */
const BIG = { fontSize: 18, fontFamily: FONT };
const AXIS = { fontSize: 15, fontFamily: FONT };
/** Value labels: plain text (no outline, which the dark theme otherwise draws round them). */
const value = (fg: string) => ({ fontSize: 16, fontFamily: FONT, color: fg, textBorderWidth: 0 });
/** Many categories: every name shown (never silently skipped), at a size that fits 15 rows on a laptop. */
const ROWS = { ...AXIS, fontSize: 16, interval: 0 };
const round1 = (v: number) => Math.round(v * 10) / 10;

/** A tooltip formatter's params, as far as these charts read them. */
interface TipParam {
  seriesName: string;
  name: string;
  value: unknown;
  marker: string;
}
const tipRow = (p: TipParam, text: (v: Num) => string) =>
  `${p.marker}${p.seriesName}：${text(typeof p.value === 'number' ? p.value : null)}`;

export interface CompareRow {
  id: string;
  name: string;
  value: Num;
  previous: Num;
  yearAgo: Num;
}

/** This month, last month and a year ago side by side per headline rate (all in %, 0–100). */
export function buildHeadlineCompareOption(
  rows: CompareRow[],
  l: { thisMonth: string; lastMonth: string; yearAgo: string; notReported: string; fg: string },
): EChartsCoreOption {
  // Horizontal bars: the first row at the top, long Chinese names get their own room.
  const ordered = rows.toReversed();
  const text = (v: Num) => (v === null ? l.notReported : `${round1(v).toFixed(1)}%`);
  const bar = (name: string, key: 'value' | 'previous' | 'yearAgo', opacity: number, label: boolean) => ({
    name,
    type: 'bar',
    data: ordered.map((r) => r[key]),
    barGap: '10%',
    itemStyle: { opacity },
    label: label ? { show: true, position: 'right', ...value(l.fg), formatter: (p: { value: Num }) => text(p.value) } : { show: false },
  });
  return {
    animationDuration: 400,
    legend: { top: 0, textStyle: BIG },
    grid: { left: 8, right: 72, top: 44, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: TipParam[]) => [ps[0]?.name ?? '', ...ps.toReversed().map((p) => tipRow(p, text))].join('<br>'),
    },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...AXIS, formatter: '{value}%' } },
    yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { ...BIG, width: 300, overflow: 'truncate' } },
    // Drawn bottom-up within a group: a year ago, last month, this month (on top, labelled).
    series: [bar(l.yearAgo, 'yearAgo', 0.55, false), bar(l.lastMonth, 'previous', 0.8, false), bar(l.thisMonth, 'value', 1, true)],
  };
}

/** Twelve months of one indicator with the same months a year earlier on the same axis, and its target. */
export function buildTrendOption(
  d: { months: string[]; current: Num[]; lastYear: Num[]; lastYearMonths: string[]; target: Num },
  l: {
    current: string;
    lastYear: string;
    target: string;
    notReported: string;
    format: (v: number) => string;
    /** A point's label: the number alone (the unit is in the tooltip and the takeaway). */
    short: (v: number) => string;
    fg: string;
  },
): EChartsCoreOption {
  const text = (v: Num) => (v === null ? l.notReported : l.format(v));
  const line = (name: string, data: Num[], dashed: boolean) => ({
    name,
    type: 'line',
    data,
    connectNulls: false,
    symbolSize: dashed ? 6 : 9,
    lineStyle: { width: dashed ? 2 : 4, type: dashed ? 'dashed' : 'solid' },
    label: dashed
      ? { show: false }
      : { show: true, position: 'top', ...value(l.fg), formatter: (p: { value: Num }) => (p.value === null ? '' : l.short(p.value)) },
  });
  const current = line(l.current, d.current, false);
  return {
    animationDuration: 400,
    legend: { top: 0, textStyle: BIG },
    grid: { left: 24, right: 48, top: 56, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: TipParam[]) =>
        ps
          .map(
            (p) =>
              `${p.marker}${p.seriesName} ${p.seriesName === l.lastYear ? (d.lastYearMonths[d.months.indexOf(p.name)] ?? '') : p.name}：${text(typeof p.value === 'number' ? p.value : null)}`,
          )
          .join('<br>'),
    },
    xAxis: { type: 'category', data: d.months, boundaryGap: true, axisLabel: AXIS },
    yAxis: { type: 'value', scale: true, axisLabel: AXIS },
    series: [
      d.target === null
        ? current
        : {
            ...current,
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dotted', width: 2 },
              label: { formatter: `${l.target} ${text(d.target)}`, position: 'insideEndTop', ...value(l.fg) },
              data: [{ yAxis: d.target }],
            },
          },
      line(l.lastYear, d.lastYear, true),
    ],
  };
}

export interface BelowRow {
  name: string;
  status: 'NOT_MET' | 'WARNING';
  /** value as % of target */
  achievement: number;
  valueText: string;
  targetText: string;
}

/** The indicators below target as a ranked bar of "share of target reached", furthest behind on top. */
export function buildBelowTargetOption(rows: BelowRow[], l: { achievement: string; target: string; fg: string }): EChartsCoreOption {
  const ordered = rows.toReversed();
  return {
    animationDuration: 400,
    grid: { left: 8, right: 210, top: 24, bottom: 40, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const r = ordered[p.dataIndex];
        return r ? `${r.name}<br>${statusStyle(r.status).symbol} ${r.valueText} / ${l.target} ${r.targetText}` : '';
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: l.achievement,
      nameLocation: 'middle',
      nameGap: 30,
      axisLabel: { ...AXIS, formatter: '{value}%' },
      nameTextStyle: AXIS,
    },
    yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { ...ROWS, width: 320, overflow: 'truncate' } },
    series: [
      {
        name: l.achievement,
        type: 'bar',
        barMaxWidth: 34,
        data: ordered.map((r) => ({
          value: round1(Math.min(r.achievement, 100)),
          itemStyle: { color: statusStyle(r.status).color, decal: statusDecal(r.status) },
        })),
        label: {
          show: true,
          position: 'right',
          ...value(l.fg),
          fontSize: 15,
          formatter: (p: { dataIndex: number }) => {
            const r = ordered[p.dataIndex];
            return r ? `${statusStyle(r.status).symbol} ${r.valueText} / ${r.targetText}` : '';
          },
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 2 },
          label: { formatter: l.target, ...value(l.fg) },
          data: [{ xAxis: 100 }],
        },
      },
    ],
  };
}

/** The most branches the branches slide draws (15 rows fit a laptop at 16 px): the takeaway says when there are more. */
export const BRANCH_ROWS = 15;

export interface BranchBar {
  name: string;
  notMet: string[];
}

/** Branches by how many key rates they missed: one stacked segment per missed rate, worst on top. */
export function buildBranchesOption(
  branches: BranchBar[],
  indicators: { id: string; name: string }[],
  l: { count: string },
  max = BRANCH_ROWS,
): EChartsCoreOption {
  const shown = branches.slice(0, max).toReversed();
  const DECALS = [
    undefined,
    { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4 },
    { symbol: 'circle', symbolSize: 0.6 },
  ];
  return {
    animationDuration: 400,
    legend: { top: 0, textStyle: BIG },
    grid: { left: 8, right: 24, top: 48, bottom: 40, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'value',
      min: 0,
      max: indicators.length,
      interval: 1,
      name: l.count,
      nameLocation: 'middle',
      nameGap: 32,
      axisLabel: AXIS,
      nameTextStyle: AXIS,
    },
    yAxis: { type: 'category', data: shown.map((b) => b.name), axisLabel: { ...ROWS, width: 280, overflow: 'truncate' } },
    series: indicators.map((ind, i) => ({
      name: ind.name,
      type: 'bar',
      stack: 'missed',
      barMaxWidth: 30,
      itemStyle: { decal: DECALS[i % DECALS.length], borderColor: 'rgba(0,0,0,0.25)', borderWidth: 1 },
      data: shown.map((b) => (b.notMet.includes(ind.id) ? 1 : null)),
    })),
  };
}
