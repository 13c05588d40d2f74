/**
 * Ranked horizontal bars, the first row on top: each bar coloured and decaled by its status (never
 * colour alone), its label at the bar's end, the target as a dashed line, long names truncated (the
 * full name in the tooltip). The indicator page's breakdown and the satisfaction page's departments.
 */
import type { IndicatorStatus } from '@party-hub/schema/client';
import type { EChartsCoreOption } from 'echarts/core';
import { INK, PAPER, statusDecal, statusStyle } from './palette.ts';
import { useBars } from './kinds/bars.ts';

useBars();

export interface RankedBar {
  name: string;
  value: number | null;
  status: IndicatorStatus | null;
}

export interface RankedBarOptions<R extends RankedBar> {
  /** The theme's text colour, for the labels. */
  ink: string;
  /** The label at a bar's end, from ECharts' label parameters (a row without a value has no bar). */
  barLabel: (p: { dataIndex: number; value: number }) => string;
  /** A row's tooltip (a row without a bar has one too). */
  tooltip: (row: R) => string;
  /** The value axis: its bounds and its tick text. */
  valueAxis: { min?: number; max?: number; interval?: number; minInterval?: number; formatter: string | ((v: number) => string) };
  /** The dashed target line with its words (null: none). */
  target: { value: number; text: string; color?: string } | null;
  /** A row's name on the axis, e.g. with `{na|未填报}` beside it (rich style `na`); default: the name. */
  name?: (name: string, row: R) => string;
  /** Pixels for the names, for the labels at the bars' ends, and at most per bar. */
  nameWidth: number;
  labelRoom: number;
  barMaxWidth: number;
}

/** The rows as given (already ranked), first on top. */
export function buildRankedStatusBarOption<R extends RankedBar>(rows: R[], opts: RankedBarOptions<R>): EChartsCoreOption {
  const plain = { fontSize: 14, color: opts.ink, textBorderWidth: 0 };
  // A value label sits on the panel's own colour, so the target's dashed line passes behind it, never through it.
  const paper = opts.ink === INK.dark ? PAPER.dark : PAPER.light;
  const { formatter, ...bounds } = opts.valueAxis;
  return {
    grid: { left: 8, right: opts.labelRoom, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (items: { dataIndex: number }[]) => {
        const row = rows[items[0]?.dataIndex ?? 0];
        return row ? opts.tooltip(row) : '';
      },
    },
    xAxis: { type: 'value', ...bounds, axisLabel: { fontSize: 14, formatter } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisTick: { show: false },
      triggerEvent: true,
      axisLabel: {
        width: opts.nameWidth,
        fontSize: 14,
        overflow: 'truncate',
        ellipsis: '…',
        formatter: (name: string, i: number) => (opts.name && rows[i] ? opts.name(name, rows[i]) : name),
        rich: { na: { fontStyle: 'italic', fontWeight: 'bold', fontSize: 14 } },
      },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: opts.barMaxWidth,
        data: rows.map((r) => ({ value: r.value, itemStyle: { color: statusStyle(r.status).color, decal: statusDecal(r.status) } })),
        label: { show: true, position: 'right', ...plain, backgroundColor: paper, padding: [1, 3], formatter: opts.barLabel },
        markLine: opts.target
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed', width: 2, color: opts.target.color },
              label: { position: 'start', ...plain, formatter: opts.target.text },
              data: [{ xAxis: opts.target.value }],
            }
          : undefined,
      },
    ],
  };
}
