import { describe, expect, it } from 'vitest';
import {
  buildFunnelOption,
  buildShareOption,
  buildStageTimeOption,
  fullMembers,
  funnelCounts,
  minimumsOf,
  type StageLabels,
} from './options.ts';
import { stageDurations } from './stageDurations.ts';

const labels: StageLabels = {
  stage: (k) => k,
  p25: 'P25',
  median: '中位数',
  p75: 'P75',
  minimum: (m) => `最短 ${m} 月`,
  detail: (s) => `n=${s.n}`,
  months: '月',
};

describe('dashboard/development', () => {
  it('should keep the funnel in pipeline order whatever order the API returns, a missing stage being 0 people, full members apart', () => {
    const groups = [
      { stage: 'FULL_MEMBER' as const, count: 1246 },
      { stage: 'MASSES' as const, count: 7 },
      { stage: 'APPLICANT' as const, count: 34 },
      { stage: 'PROBATIONARY' as const, count: 49 },
      { stage: 'ACTIVIST' as const, count: 59 },
    ];
    const rows = funnelCounts(groups);
    expect(rows).toEqual([
      { stage: 'APPLICANT', count: 34 },
      { stage: 'ACTIVIST', count: 59 },
      { stage: 'DEVELOPMENT_TARGET', count: 0 },
      { stage: 'ADMISSION_PENDING', count: 0 },
      { stage: 'PROBATIONARY', count: 49 },
    ]);
    expect(fullMembers(groups)).toBe(1246);
    const opt = buildFunnelOption(
      rows,
      (s) => s,
      ['#000'],
      (list) => `人数：${list}`,
      '#222',
    ) as any;
    expect(opt.series[0].sort).toBe('none');
    expect(opt.series[0].data.map((d: any) => d.name)).not.toContain('FULL_MEMBER');
  });

  it('should make each stage as wide as its people, on one scale from 0 to the largest stage, and say every count', () => {
    const rows = funnelCounts([
      { stage: 'APPLICANT', count: 34 },
      { stage: 'ACTIVIST', count: 59 },
      { stage: 'DEVELOPMENT_TARGET', count: 47 },
      { stage: 'PROBATIONARY', count: 2 },
    ]);
    const opt = buildFunnelOption(
      rows,
      (s) => s,
      ['#000'],
      (list) => `人数：${list}`,
      '#222',
    ) as any;
    const series = opt.series[0];
    expect(series.data.map((d: any) => d.value)).toEqual([34, 59, 47, 0, 2]);
    expect([series.min, series.max, series.minSize, series.maxSize]).toEqual([0, 59, '0%', '100%']);
    // The drawn width of a stage is its share of the largest: 34 people are 34/59 of the widest stage.
    const width = (v: number) => (v - series.min) / (series.max - series.min);
    expect(width(34)).toBeCloseTo(34 / 59);
    const item = { name: 'ACTIVIST', value: 59 };
    expect(series.label.formatter(item)).toBe('ACTIVIST  59');
    expect(series.label.position).toBe('right');
    expect(series.label.color).toBe('#222');
    expect(series.label.fontSize).toBeGreaterThanOrEqual(14);
    expect(opt.tooltip.formatter(item)).toBe('ACTIVIST: 59');
    expect(opt.aria.label.description).toContain('APPLICANT 34；ACTIVIST 59；DEVELOPMENT_TARGET 47；ADMISSION_PENDING 0');
    // No one in the pipeline: a scale that still has a width (never 0 to 0).
    expect(
      (
        buildFunnelOption(
          funnelCounts([]),
          (s) => s,
          ['#000'],
          (l) => l,
          '#222',
        ) as any
      ).series[0].max,
    ).toBe(1);
  });

  it('should draw one minimum line for the stages that share it, named after them', () => {
    const stats = stageDurations([]).map((s) => ({ ...s, n: 1, p25: 1, median: 2, p75: 3 }));
    const opt = buildStageTimeOption(stats, labels, ['#1', '#2', '#3'], '#000', '#222') as any;
    expect(opt.series.map((s: any) => s.name)).toEqual(['P25', '中位数', 'P75']);
    expect(opt.series[1].markLine.data).toEqual([{ yAxis: 12, name: '最短 12 月' }]);
    expect(minimumsOf(stats, (k) => k)).toEqual([[12, ['ACTIVIST', 'PROBATION']]]);
  });

  it('should put the minimum and target labels beside the plot, where no bar or value label is', () => {
    const stats = stageDurations([]).map((s) => ({ ...s, n: 1, p25: 12, median: 12, p75: 12 }));
    const stage = buildStageTimeOption(stats, labels, ['#1', '#2', '#3'], '#000', '#222') as any;
    expect(stage.series[1].markLine.label.position).toBe('end');
    expect(stage.grid.right).toBeGreaterThanOrEqual(80);
    const share = buildShareOption(
      [{ name: '高知', points: [{ period: '2026-10', value: 80, target: 30 }] }],
      { target: (v) => `目标 ${v}%`, notReported: '未填报' },
      ['#1'],
      '#222',
    ) as any;
    expect(share.series[0].markLine.label.position).toBe('end');
    expect(share.series[0].markLine.label.formatter).toBe('{swatch|■} 目标 30%');
    expect(share.grid.right).toBeGreaterThanOrEqual(90);
  });

  it('should leave a month with no new members as a gap, not 0, and draw each target', () => {
    const opt = buildShareOption(
      [
        {
          name: '高知',
          points: [
            { period: '2026-09', value: 33.333, target: 30 },
            { period: '2026-10', value: null, target: 30 },
          ],
        },
      ],
      { target: (v) => `目标 ${v}%`, notReported: '未填报' },
      ['#1'],
      '#222',
    ) as any;
    expect(opt.series[0].data).toEqual([33.3, null]);
    expect(opt.series[0].markLine.data).toEqual([{ yAxis: 30 }]);
    expect(opt.tooltip.valueFormatter(null)).toBe('未填报');
  });

  it('should draw a withheld stage as an empty grey layer that says so, never a layer of 0', () => {
    const rows = funnelCounts([
      { stage: 'APPLICANT', count: 34 },
      { stage: 'ACTIVIST', count: null },
      { stage: 'FULL_MEMBER', count: null },
    ]);
    expect(rows.map((r) => r.count)).toEqual([34, null, 0, 0, 0]);
    expect(fullMembers([{ stage: 'FULL_MEMBER', count: null }])).toBeNull();
    const opt = buildFunnelOption(
      rows,
      (s) => s,
      ['#000'],
      (list) => list,
      '#222',
      undefined,
      '人数过少·已隐藏',
    ) as any;
    const series = opt.series[0];
    expect(series.data.map((d: any) => d.value)).toEqual([34, '-', 0, 0, 0]);
    expect(series.label.formatter({ name: 'ACTIVIST', value: '-', data: series.data[1] })).toBe('ACTIVIST  人数过少·已隐藏');
    expect(opt.aria.label.description).toContain('ACTIVIST 人数过少·已隐藏');
  });
});
