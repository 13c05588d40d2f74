/** The honors page's pure pieces: honors per year stacked by level, with each year's total on top. */
import type { EChartsCoreOption } from 'echarts/core';
import { useBars } from '../../charts/kinds/bars.ts';

useBars();

export interface LevelYearCount {
  level: string;
  year: number;
  /** null: the hub withheld the group (too few people, for an analyst): a gap, never 0. */
  count: number | null;
}

/** `2024-01-01` (a year bucket) → 2024, read from the text, never through a Date. */
export const yearOf = (bucket: string): number => Number(bucket.slice(0, 4));

/** Every year from the first honored to `lastYear`, so a year without honors shows as 0, not as missing. */
export function yearRange(rows: LevelYearCount[], lastYear: number): number[] {
  const first = Math.min(lastYear, ...rows.map((r) => r.year));
  return Array.from({ length: lastYear - first + 1 }, (_, i) => first + i);
}

/** Levels in the order the API sorts them (lowest to highest), as they first appear. */
export function levelOrder(rows: LevelYearCount[]): string[] {
  return [...new Set(rows.map((r) => r.level))];
}

/** Honors per year (all levels): the known part, and whether a withheld group makes it partial. */
export function yearTotals(rows: LevelYearCount[], years: number[]): number[] {
  return years.map((y) => rows.filter((r) => r.year === y).reduce((n, r) => n + (r.count ?? 0), 0));
}

/** Years whose total misses a withheld group: their total reads `≥ N`, partial. */
export const partialYears = (rows: LevelYearCount[], years: number[]): boolean[] =>
  years.map((y) => rows.some((r) => r.year === y && r.count === null));

/**
 * Stacked bars per year, one colour per level (the theme's Okabe–Ito palette) named in the legend, the
 * count inside a segment when it is tall enough, and each year's total above its bar.
 */
export function buildHonorsByLevelOption(
  rows: LevelYearCount[],
  opts: { lastYear: number; levelName: (level: string) => string; yearLabel: (year: number) => string; total: string; ink: string },
): EChartsCoreOption {
  const years = yearRange(rows, opts.lastYear);
  const levels = levelOrder(rows);
  const totals = yearTotals(rows, years);
  const partial = partialYears(rows, years);
  // No group: 0 honors; a withheld group: `-`, a gap in the stack (never a segment of 0).
  const count = (level: string, year: number) => {
    const r = rows.find((x) => x.level === level && x.year === year);
    return r ? (r.count ?? '-') : 0;
  };
  return {
    grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: levels.map(opts.levelName) },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: years.map(opts.yearLabel) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      ...levels.map((level) => ({
        type: 'bar',
        name: opts.levelName(level),
        stack: 'honors',
        barMaxWidth: 72,
        emphasis: { focus: 'series' },
        data: years.map((y) => count(level, y)),
        label: {
          show: true,
          fontSize: 14,
          formatter: (p: { value: number | string }) => (typeof p.value === 'number' && p.value >= 5 ? String(p.value) : ''),
        },
      })),
      {
        // Zero-height bar on top of the stack: carries the year's total as its label.
        type: 'bar',
        name: opts.total,
        stack: 'honors',
        data: years.map(() => 0),
        tooltip: { show: false },
        label: {
          show: true,
          position: 'top',
          fontSize: 16,
          fontWeight: 'bold',
          color: opts.ink,
          textBorderWidth: 0,
          formatter: (p: { dataIndex: number }) => `${opts.total} ${partial[p.dataIndex] ? '≥' : ''}${totals[p.dataIndex]}`,
        },
      },
    ],
  };
}
