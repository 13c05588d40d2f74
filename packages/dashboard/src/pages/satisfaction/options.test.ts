import { describe, expect, it } from 'vitest';
import {
  bandShares,
  buildDepartmentOption,
  buildDistributionOption,
  buildTrendOption,
  rankRows,
  trendBounds,
  type RankRow,
} from './options.ts';

type Any = any; // reading an ECharts option back
const labels = { notReported: '未填报', target: '目标', ink: '#111' };
const staff = {
  name: '医务人员满意度',
  target: 85,
  points: [
    { period: '2026-07', value: null },
    { period: '2026-08', value: null },
    { period: '2026-09', value: 81.4 },
    { period: '2026-10', value: null },
  ],
};
const outpatient = {
  name: '门诊患者满意度',
  target: 90,
  points: [
    { period: '2026-07', value: 91.9 },
    { period: '2026-08', value: 93.2 },
    { period: '2026-09', value: 94.4 },
    { period: '2026-10', value: 94.7 },
  ],
};

describe('dashboard/satisfaction', () => {
  it('should keep a month nobody reported as a gap, never 0', () => {
    const o: Any = buildTrendOption([outpatient, staff], labels);
    expect(o.series[1].data).toEqual([null, null, 81.4, null]);
    expect(o.series[1].connectNulls).toBe(false);
    expect(o.series[1].data).not.toContain(0);
  });

  it('should show the points of a series reported only some months', () => {
    const o: Any = buildTrendOption([outpatient, staff], labels);
    expect(o.series[1].showAllSymbol).toBe(true);
    expect(o.series[1].symbolSize).toBeGreaterThan(o.series[0].symbolSize);
  });

  it('should draw each target as a dashed line and say 未填报 in the tooltip', () => {
    const o: Any = buildTrendOption([outpatient, staff], labels);
    expect(o.series[0].markLine.data[0].yAxis).toBe(90);
    expect(o.series[0].markLine.lineStyle.type).toBe('dashed');
    expect(o.tooltip.valueFormatter(null)).toBe('未填报');
    expect(o.tooltip.valueFormatter(94.6727)).toBe('94.7%');
  });

  it('should label close targets on opposite sides of their lines', () => {
    const o: Any = buildTrendOption([outpatient, { ...outpatient, name: '住院', target: 92 }, staff], labels);
    const pos = o.series.map((x: Any) => x.markLine.label.position);
    expect(pos[1]).toBe('insideEndTop');
    expect(pos[0]).toBe('insideEndBottom');
  });

  it('should fit the axis around values and targets without passing 100', () => {
    expect(trendBounds([outpatient, staff])).toEqual({ min: 75, max: 100 });
  });

  const rows: RankRow[] = [
    { name: '眼科', value: 95.8, status: 'MET', count: 118 },
    { name: '重症医学科', value: null, status: null, count: 0 },
    { name: '皮肤科', value: 87.0, status: 'WARNING', count: 77 },
    { name: '普通外科', value: 98.6, status: 'MET', count: 285 },
  ];

  it('should rank the best first by the direction and leave unreported departments out', () => {
    expect(rankRows(rows, 'HIGHER').map((r) => r.name)).toEqual(['普通外科', '眼科', '皮肤科']);
    expect(rankRows(rows, 'LOWER').map((r) => r.name)).toEqual(['皮肤科', '眼科', '普通外科']);
  });

  it('should draw the ranking top-down with status colour, decal and value labels', () => {
    const o: Any = buildDepartmentOption(rows, { direction: 'HIGHER', target: 90, targetLabel: '目标', responses: '答卷', ink: '#111' });
    expect(o.yAxis.inverse).toBe(true);
    expect(o.yAxis.data).toEqual(['普通外科', '眼科', '皮肤科']);
    expect(o.yAxis.axisLabel.overflow).toBe('truncate');
    const bars = o.series[0].data;
    expect(bars.map((b: Any) => b.value)).toEqual([98.6, 95.8, 87.0]);
    expect(bars[2].itemStyle.decal).toBeDefined();
    expect(bars[0].itemStyle.color).not.toBe(bars[2].itemStyle.color);
    expect(o.series[0].label.formatter({ value: 87 })).toBe('87.0%');
  });

  it('should give each survey its own bars as shares of its own responses', () => {
    const s = { id: 'a', name: '院内调查 · 满意率制', counts: [1, 0, 0, 1, 2, 0, 0], total: 4 };
    expect(bandShares(s)).toEqual([25, 0, 0, 25, 50, 0, 0]);
    expect(bandShares({ ...s, counts: [0, 0, 0, 0, 0, 0, 0], total: 0 })).toEqual([null, null, null, null, null, null, null]);
    const o: Any = buildDistributionOption([s, { ...s, id: 'b', name: '国家平台 · 百分制' }], {
      axis: '总体评分',
      responses: '答卷',
      ink: '#111',
    });
    expect(o.series.map((x: Any) => x.name)).toEqual(['院内调查 · 满意率制', '国家平台 · 百分制']);
    expect(o.xAxis.data).toHaveLength(7);
    expect(o.series[0].label.formatter({ value: 0.2 })).toBe('0.2%');
    expect(o.series[0].label.formatter({ value: 0 })).toBe('');
  });
});
