import { describe, expect, it } from 'vitest';
import { buildOrgLifeHeatmapOption, cadenceOf, cellText, judgeCells, quarterStart, type HeatmapLabels } from './options.ts';

const months = ['2026-07', '2026-08', '2026-09', '2026-10'];
const labels: HeatmapLabels = {
  status: { MET: '达标', NOT_MET: '未达标', PENDING: '本季度进行中', NOT_REPORTED: '未填报' },
  month: (m) => `${Number(m.slice(5))}月`,
  held: (n) => `召开 ${n} 次`,
  quarter: (n) => `本季度累计 ${n} 次`,
};

describe('dashboard/org-life', () => {
  it('should take the cadence from the catalog: general meetings and lectures quarterly, the rest monthly', () => {
    expect(cadenceOf('BRANCH_GENERAL_MEETING')).toBe('QUARTER');
    expect(cadenceOf('PARTY_LECTURE')).toBe('QUARTER');
    expect(cadenceOf('BRANCH_COMMITTEE_MEETING')).toBe('MONTH');
    expect(cadenceOf('GROUP_MEETING')).toBe('MONTH');
    expect(cadenceOf('THEME_PARTY_DAY')).toBe('MONTH');
  });

  it('should judge a monthly kind month by month', () => {
    const counts = new Map([['b1|2026-08', 2]]);
    const cells = judgeCells([{ id: 'b1' }], months, counts, 'MONTH', '2026-10');
    expect(cells.map((c) => c.status)).toEqual(['NOT_MET', 'MET', 'NOT_MET', 'NOT_MET']);
    expect(cells.map((c) => c.count)).toEqual([0, 2, 0, 0]);
  });

  it('should judge a quarterly kind per quarter: one meeting in July meets Q3 for all three months', () => {
    const counts = new Map([['b1|2026-07', 1]]);
    const cells = judgeCells([{ id: 'b1' }], months, counts, 'QUARTER', '2026-10');
    expect(cells.map((c) => c.status)).toEqual(['MET', 'MET', 'MET', 'PENDING']);
    expect(cells.map((c) => c.count)).toEqual([1, 0, 0, 0]);
  });

  it('should call a finished quarter without a meeting a miss, and an unfinished one pending', () => {
    const cells = judgeCells([{ id: 'b1' }], months, new Map(), 'QUARTER', '2026-10');
    expect(cells.map((c) => c.status)).toEqual(['NOT_MET', 'NOT_MET', 'NOT_MET', 'PENDING']);
  });

  it('should count a meeting held before the window towards its quarter', () => {
    const cells = judgeCells([{ id: 'b1' }], ['2026-05', '2026-06'], new Map([['b1|2026-04', 1]]), 'QUARTER', '2026-06');
    expect(cells.map((c) => c.status)).toEqual(['MET', 'MET']);
    expect(cells[0].periodCount).toBe(1);
  });

  it('should show a month before the branch was founded as 未填报 with a null count, never 0', () => {
    const cells = judgeCells([{ id: 'b1', foundedOn: '2026-09-15' }], months, new Map(), 'MONTH', '2026-10');
    expect(cells.map((c) => c.count)).toEqual([null, null, 0, 0]);
    expect(cells[0].status).toBe('NOT_REPORTED');
    expect(cellText(cells[0])).toBe('—');
    expect(cellText(cells[2])).toBe('✕ 0');
  });

  it('should find the quarter of a month without any date arithmetic', () => {
    expect(quarterStart('2026-10')).toBe('2026-10');
    expect(quarterStart('2026-12')).toBe('2026-10');
    expect(quarterStart('2026-03')).toBe('2026-01');
  });

  it('should draw one cell per branch and month with the status index and the count', () => {
    const branches = [
      { id: 'b1', name: '心血管内科医疗党支部' },
      { id: 'b2', name: '护理部第一党支部' },
    ];
    const cells = judgeCells(
      [{ id: 'b1' }, { id: 'b2', foundedOn: '2026-10-01' }],
      months,
      new Map([['b1|2026-10', 3]]),
      'MONTH',
      '2026-10',
    );
    const opt = buildOrgLifeHeatmapOption(branches, months, cells, labels, false) as any;
    const data = opt.series[0].data.map((d: any) => d.value);
    expect(data).toHaveLength(8);
    expect(data).toContainEqual([3, 0, 0, 3]);
    expect(data).toContainEqual([0, 1, 3, null]);
    expect(opt.yAxis.data).toEqual(['心血管内科医疗党支部', '护理部第一党支部']);
    expect(opt.xAxis.data).toEqual(['7月', '8月', '9月', '10月']);
    expect(opt.visualMap.pieces.map((p: any) => p.label)).toEqual(['✓ 达标', '✕ 未达标', '… 本季度进行中', '— 未填报']);
  });
});
