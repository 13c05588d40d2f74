/** The overview's pure pieces: which cards, and each card's 12-month sparkline. */
import { INDICATORS } from '@party-hub/schema/indicators';
import type { EChartsCoreOption } from 'echarts/core';

/** The catalog's headline indicators, in catalog order: the overview's cards. */
export const HEADLINE_IDS: string[] = INDICATORS.filter((d) => d.headline).map((d) => d.id);

export interface SparkPoint {
  period: string;
  value: number | null;
}

/**
 * A sparkline: the 12 months as a thin line (a gap where a month is not reported, never a dip to 0),
 * the last point marked, and the target as a dashed line when there is one.
 */
export function buildSparklineOption(
  points: SparkPoint[],
  opts: { target: number | null; color: string; targetColor: string; format: (v: number | null) => string },
): EChartsCoreOption {
  const values = points.map((p) => p.value);
  const last = values.length - 1;
  return {
    animation: false,
    grid: { left: 2, right: 6, top: 6, bottom: 2 },
    xAxis: { type: 'category', show: false, data: points.map((p) => p.period), boundaryGap: false },
    yAxis: { type: 'value', show: false, scale: true },
    tooltip: {
      trigger: 'axis',
      confine: true,
      // A gap reaches the formatter as '-' or NaN: the page's format says 未填报 for it.
      valueFormatter: (v: unknown) => opts.format(typeof v === 'number' && Number.isFinite(v) ? v : null),
    },
    series: [
      {
        type: 'line',
        data: values.map((v, i) => (i === last ? { value: v, symbol: 'circle', symbolSize: 7 } : v)),
        connectNulls: false,
        showSymbol: false,
        smooth: false,
        lineStyle: { width: 2.5, color: opts.color },
        itemStyle: { color: opts.color },
        areaStyle: { opacity: 0.08, color: opts.color },
        markLine:
          opts.target === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                label: { show: false },
                lineStyle: { type: 'dashed', color: opts.targetColor, width: 1.5 },
                data: [{ yAxis: opts.target }],
              },
      },
    ],
  };
}
