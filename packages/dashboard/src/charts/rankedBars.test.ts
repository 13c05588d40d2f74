import { describe, expect, it } from 'vitest';
import { buildRankedStatusBarOption, type RankedBar, type RankedBarOptions } from './rankedBars.ts';

type Any = any; // reading an ECharts option back
const rows: RankedBar[] = [
  { name: '甲', value: 96, status: 'MET' },
  { name: '乙', value: 80, status: 'NOT_MET' },
  { name: '丙', value: null, status: null },
];
const opts: RankedBarOptions<RankedBar> = {
  ink: '#111',
  barLabel: (p) => `${p.value}%`,
  tooltip: (r) => `${r.name}: ${r.value ?? '未填报'}`,
  valueAxis: { min: 0, max: 100, formatter: '{value}%' },
  target: { value: 90, text: '目标 90%' },
  name: (name, r) => (r.value === null ? `${name} {na|未填报}` : name),
  nameWidth: 200,
  labelRoom: 80,
  barMaxWidth: 24,
};

describe('dashboard/ranked status bars', () => {
  it('should keep the rows in the order given, the first on top, and a row without a value without a bar', () => {
    const o: Any = buildRankedStatusBarOption(rows, opts);
    expect(o.yAxis.inverse).toBe(true);
    expect(o.yAxis.data).toEqual(['甲', '乙', '丙']);
    expect(o.series[0].data.map((d: Any) => d.value)).toEqual([96, 80, null]);
    expect(o.yAxis.axisLabel.formatter('丙', 2)).toBe('丙 {na|未填报}');
    expect(o.yAxis.axisLabel.formatter('甲', 0)).toBe('甲');
  });

  it('should show status by colour and by decal, never colour alone', () => {
    const data = (buildRankedStatusBarOption(rows, opts) as Any).series[0].data;
    expect(data[0].itemStyle.decal).toBeUndefined();
    expect(data[1].itemStyle.decal).toBeDefined();
    expect(data[0].itemStyle.color).not.toBe(data[1].itemStyle.color);
  });

  it('should draw the target as a dashed line only when there is one, and give each row its tooltip', () => {
    const o: Any = buildRankedStatusBarOption(rows, opts);
    expect(o.series[0].markLine.data).toEqual([{ xAxis: 90 }]);
    expect(o.series[0].markLine.lineStyle.type).toBe('dashed');
    expect(o.tooltip.formatter([{ dataIndex: 2 }])).toBe('丙: 未填报');
    expect((buildRankedStatusBarOption(rows, { ...opts, target: null }) as Any).series[0].markLine).toBeUndefined();
    expect(o.xAxis).toMatchObject({ type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } });
  });
});
