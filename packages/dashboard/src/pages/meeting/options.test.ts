import { describe, expect, it } from 'vitest';
import { buildBelowTargetOption, buildBranchesOption, buildHeadlineCompareOption, buildTrendOption } from './options.ts';

type Any = Record<string, any>;
const L = { thisMonth: '本月', lastMonth: '上月', yearAgo: '去年同月', notReported: '未填报', fg: '#000' };

describe('dashboard/meeting options', () => {
  it('should put this month, last month and a year ago side by side, first indicator on top, a gap for not reported', () => {
    const o = buildHeadlineCompareOption(
      [
        { id: 'a', name: '甲', value: 90, previous: 80, yearAgo: null },
        { id: 'b', name: '乙', value: null, previous: 70, yearAgo: 60 },
      ],
      L,
    ) as Any;
    expect(o.yAxis.data).toEqual(['乙', '甲']);
    const byName = Object.fromEntries(o.series.map((s: Any) => [s.name, s.data]));
    expect(byName).toEqual({ 本月: [null, 90], 上月: [70, 80], 去年同月: [60, null] });
    expect(o.series.find((s: Any) => s.name === '本月').label.formatter({ value: null })).toBe('未填报');
    expect(o.xAxis.max).toBe(100);
  });

  it('should draw last year on the same axis as this year and keep a not reported month a gap', () => {
    const o = buildTrendOption(
      { months: ['2026-09', '2026-10'], current: [null, 96.7], lastYear: [91, 92.6], lastYearMonths: ['2025-09', '2025-10'], target: 90 },
      {
        current: '近 12 个月',
        lastYear: '上年同期',
        target: '目标',
        notReported: '未填报',
        format: (v) => `${v}分`,
        short: String,
        fg: '#000',
      },
    ) as Any;
    expect(o.series.map((s: Any) => s.name)).toEqual(['近 12 个月', '上年同期']);
    expect(o.series[0].data).toEqual([null, 96.7]);
    expect(o.series[0].connectNulls).toBe(false);
    expect(o.series[0].markLine.data).toEqual([{ yAxis: 90 }]);
    expect(o.series[1].lineStyle.type).toBe('dashed');
    const tip = o.tooltip.formatter([{ seriesName: '上年同期', name: '2026-10', value: 92.6, marker: '' }]);
    expect(tip).toContain('2025-10');
  });

  it('should rank below-target indicators furthest behind on top, status by symbol and decal as well as colour', () => {
    const o = buildBelowTargetOption(
      [
        { name: '党员大会', status: 'NOT_MET', achievement: 32.6, valueText: '32.6%', targetText: '100.0%' },
        { name: '主题党日', status: 'WARNING', achievement: 95.7, valueText: '95.7%', targetText: '100.0%' },
      ],
      { achievement: '达成目标程度', target: '目标', fg: '#000' },
    ) as Any;
    expect(o.yAxis.data.at(-1)).toBe('党员大会');
    const last = o.series[0].data.at(-1);
    expect(last.value).toBe(32.6);
    expect(last.itemStyle.decal).toBeDefined();
    expect(o.series[0].label.formatter({ dataIndex: 1 })).toBe('✕ 32.6% / 100.0%');
  });

  it('should stack one segment per missed key rate, the branch with most misses on top, at most 15', () => {
    const branches = Array.from({ length: 20 }, (_, i) => ({ name: `支部${i}`, notMet: i === 0 ? ['x', 'y'] : ['y'] }));
    const o = buildBranchesOption(
      branches,
      [
        { id: 'x', name: 'X' },
        { id: 'y', name: 'Y' },
      ],
      { count: '项数' },
    ) as Any;
    expect(o.yAxis.data).toHaveLength(15);
    expect(o.yAxis.data.at(-1)).toBe('支部0');
    expect(o.series.map((s: Any) => s.data.at(-1))).toEqual([1, 1]);
    expect(o.series[0].data[0]).toBeNull();
    expect(o.xAxis.max).toBe(2);
  });
});
