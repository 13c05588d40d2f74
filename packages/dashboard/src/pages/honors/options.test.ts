import { describe, expect, it } from 'vitest';
import { buildHonorsByLevelOption, levelOrder, yearOf, yearRange, yearTotals, type LevelYearCount } from './options.ts';

type Any = any; // reading an ECharts option back
const rows: LevelYearCount[] = [
  { level: 'HOSPITAL', year: 2023, count: 47 },
  { level: 'HOSPITAL', year: 2025, count: 41 },
  { level: 'MUNICIPAL', year: 2023, count: 10 },
  { level: 'NATIONAL', year: 2025, count: 1 },
];
const opts = { lastYear: 2026, levelName: (l: string) => `L:${l}`, yearLabel: (y: number) => `${y}年`, total: '合计', ink: '#111' };

describe('dashboard/honors', () => {
  it('should read the year of a year bucket from its text', () => {
    expect(yearOf('2024-01-01')).toBe(2024);
  });

  it('should cover every year from the first honor to the chosen year', () => {
    expect(yearRange(rows, 2026)).toEqual([2023, 2024, 2025, 2026]);
    expect(yearRange([], 2026)).toEqual([2026]);
  });

  it('should keep the API order of levels', () => {
    expect(levelOrder(rows)).toEqual(['HOSPITAL', 'MUNICIPAL', 'NATIONAL']);
  });

  it('should stack one series per level and total each year', () => {
    const o: Any = buildHonorsByLevelOption(rows, opts);
    const levels = o.series.slice(0, -1);
    expect(levels.map((s: Any) => s.name)).toEqual(['L:HOSPITAL', 'L:MUNICIPAL', 'L:NATIONAL']);
    expect(new Set(o.series.map((s: Any) => s.stack))).toEqual(new Set(['honors']));
    expect(levels[0].data).toEqual([47, 0, 41, 0]);
    const stacked = o.xAxis.data.map((_: string, i: number) => levels.reduce((n: number, s: Any) => n + s.data[i], 0));
    expect(stacked).toEqual(yearTotals(rows, [2023, 2024, 2025, 2026]));
    expect(stacked).toEqual([57, 0, 42, 0]);
  });

  it('should write each year total above its bar and name the levels in the legend', () => {
    const o: Any = buildHonorsByLevelOption(rows, opts);
    const totals = o.series.at(-1);
    expect(totals.data).toEqual([0, 0, 0, 0]);
    expect(totals.label.formatter({ dataIndex: 0 })).toBe('合计 57');
    expect(o.legend.data).toEqual(['L:HOSPITAL', 'L:MUNICIPAL', 'L:NATIONAL']);
    expect(o.xAxis.data).toEqual(['2023年', '2024年', '2025年', '2026年']);
  });

  it('should not write counts into segments too thin to hold them', () => {
    const o: Any = buildHonorsByLevelOption(rows, opts);
    expect(o.series[0].label.formatter({ value: 47 })).toBe('47');
    expect(o.series[2].label.formatter({ value: 1 })).toBe('');
  });

  it('should leave a withheld group a gap (not a 0 segment) and call its year’s total partial', () => {
    const hidden: LevelYearCount[] = [...rows, { level: 'MUNICIPAL', year: 2025, count: null }];
    const o: Any = buildHonorsByLevelOption(hidden, opts);
    const municipal = o.series.find((s: Any) => s.name === 'L:MUNICIPAL');
    expect(municipal.data).toEqual([10, 0, '-', 0]);
    const total = o.series.at(-1);
    expect(total.label.formatter({ dataIndex: 2 })).toBe('合计 ≥42');
    expect(total.label.formatter({ dataIndex: 0 })).toBe('合计 57');
  });
});
