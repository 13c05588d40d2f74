import { seriesWindow } from '../../state/period.ts';
import { describe, expect, it } from 'vitest';
import {
  axisRange,
  buildBreakdownOption,
  buildSeriesOption,
  rankRows,
  statusBands,
  type BreakdownRow,
  type SeriesPoint,
} from './options.ts';

const fmt = (v: number | null, r: string | null) => (v === null ? (r === 'NOT_REPORTED' ? '未填报' : '—') : `${v}%`);
const labels = { target: '目标', status: { MET: '达标', WARNING: '预警', NOT_MET: '未达标' }, fmt };
const months = (from: string, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const [y, m] = from.split('-').map(Number) as [number, number];
    const t = y * 12 + m - 1 + i;
    return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  });
// 24 months 2024-11 … 2026-10, value = index (so a month's value says which month it is).
const points: SeriesPoint[] = months('2024-11', 24).map((period, i) => ({ period, value: 60 + i, nullReason: null }));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const series = (o: any) => o.series as any[];

const row = (name: string, rank: number | null, value: number | null, status: BreakdownRow['status']): BreakdownRow => ({
  name,
  rank,
  value,
  status,
  nullReason: value === null ? 'NOT_REPORTED' : null,
  numerator: null,
  denominator: null,
});

describe('dashboard/indicator', () => {
  it('should put this year and the same months a year earlier on one chart, aligned by month', () => {
    const o = buildSeriesOption(points, seriesWindow('2026-10'), {
      direction: 'HIGHER',
      thresholds: { target: 95, warning: 85 },
      percent: true,
      colors: ['a', 'b'],
      textColor: '#000',
      labels,
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect((o as any).xAxis.data).toEqual(months('2025-11', 12));
    expect(series(o)[0].data).toEqual(points.slice(12).map((p) => p.value));
    expect(series(o)[1].data).toEqual(points.slice(0, 12).map((p) => p.value));
    expect(series(o)[0].name).toBe('2025-11 – 2026-10');
    expect(series(o)[1].name).toBe('2024-11 – 2025-10');
    // A screen reader hears each line with its own months, in the indicator's unit.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const spoken: string = (o as any).aria.label.description;
    expect(spoken).toMatch(/^2025-11 – 2026-10: 2025-11 /);
    expect(spoken).toContain('; 2024-11 – 2025-10: 2024-11 ');
    const [recent, earlier] = spoken.split('; ');
    expect(recent).toMatch(/2026-10 \d+%$/);
    expect(earlier).toMatch(/2025-10 \d+%$/);
    expect(earlier).not.toContain('2026-');
  });

  it('should name a calendar year by its year alone', () => {
    const dec = months('2024-01', 24).map((period) => ({ period, value: 90, nullReason: null }));
    const o = buildSeriesOption(dec, seriesWindow('2025-12'), {
      direction: 'HIGHER',
      thresholds: { target: 95, warning: 85 },
      percent: true,
      colors: ['a', 'b'],
      textColor: '#000',
      labels,
    });
    expect(series(o).map((s) => s.name)).toEqual(['2025', '2024']);
  });

  it('should leave a month that is not reported as a gap, never 0, and say 未填报 in the tooltip', () => {
    const gappy = points.map((p) => (p.period === '2026-03' ? { ...p, value: null, nullReason: 'NOT_REPORTED' as const } : p));
    const o = buildSeriesOption(gappy, seriesWindow('2026-10'), {
      direction: 'HIGHER',
      thresholds: { target: 95, warning: 85 },
      percent: true,
      colors: ['a', 'b'],
      textColor: '#000',
      labels,
    });
    const i = months('2025-11', 12).indexOf('2026-03');
    expect(series(o)[0].data[i]).toBeNull();
    expect(series(o)[0].connectNulls).toBe(false);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect((o as any).tooltip.formatter([{ dataIndex: i }])).toContain('未填报');
  });

  it('should shade not met below the warning line, warning up to the target and met above, named in words', () => {
    const o = buildSeriesOption(points, seriesWindow('2026-10'), {
      direction: 'HIGHER',
      thresholds: { target: 95, warning: 85 },
      percent: true,
      colors: ['a', 'b'],
      textColor: '#000',
      labels,
    });
    const areas = series(o)[0].markArea.data;
    expect(areas.map((a: { name: string }[]) => a[0].name)).toEqual(['✕ 未达标', '▲ 预警', '✓ 达标']);
    expect(areas[1][0].yAxis).toBe(85);
    expect(areas[1][1].yAxis).toBe(95);
    expect(series(o)[0].markLine.data).toEqual([{ yAxis: 95 }]);
  });

  it('should invert the bands when lower is better and draw none for a context indicator', () => {
    expect(statusBands('LOWER', { target: 2, warning: 5 }, 0, 10)).toEqual([
      { status: 'MET', from: 0, to: 2 },
      { status: 'WARNING', from: 2, to: 5 },
      { status: 'NOT_MET', from: 5, to: 10 },
    ]);
    expect(statusBands('CONTEXT', { target: null, warning: null }, 0, 10)).toEqual([]);
    const o = buildSeriesOption(points, seriesWindow('2026-10'), {
      direction: 'CONTEXT',
      thresholds: { target: null, warning: null },
      percent: false,
      colors: ['a', 'b'],
      textColor: '#000',
      labels,
    });
    expect(series(o)[0].markArea).toBeUndefined();
    expect(series(o)[0].markLine).toBeUndefined();
  });

  it('should keep a rate axis within 0–100 and include the target', () => {
    const [min, max, step] = axisRange([97, 99], { target: 90, warning: 85 }, true);
    expect(min % step).toBe(0);
    expect(max % step).toBe(0);
    expect(min).toBeLessThanOrEqual(85);
    expect(max).toBeLessThanOrEqual(100);
    expect(max).toBeGreaterThanOrEqual(99);
  });

  it('should rank the bars best first, rows without a value last', () => {
    const rows = [row('丙', null, null, null), row('乙', 2, 80, 'NOT_MET'), row('甲', 1, 96, 'MET')];
    expect(rankRows(rows).map((r) => r.name)).toEqual(['甲', '乙', '丙']);
    const o = buildBreakdownOption(rows, { target: 90, textColor: '#000', labels: { target: '目标', status: (s) => String(s), fmt } });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect((o as any).yAxis.data).toEqual(['甲', '乙', '丙']);
    expect(series(o)[0].data.map((d: { value: number | null }) => d.value)).toEqual([96, 80, null]);
  });

  it('should colour and decal a bar by its status and write 未填报 beside a row without a value', () => {
    const rows = [row('甲', 1, 96, 'MET'), row('乙', 2, 80, 'NOT_MET'), row('丙', null, null, null)];
    const o = buildBreakdownOption(rows, { target: 90, textColor: '#000', labels: { target: '目标', status: (s) => String(s), fmt } });
    const data = series(o)[0].data;
    expect(data[0].itemStyle.decal).toBeUndefined();
    expect(data[1].itemStyle.decal).toBeDefined();
    expect(data[0].itemStyle.color).not.toBe(data[1].itemStyle.color);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect((o as any).yAxis.axisLabel.formatter('丙', 2)).toContain('未填报');
    expect(series(o)[0].label.formatter({ dataIndex: 0 })).toBe('96% ✓');
    expect(series(o)[0].markLine.data).toEqual([{ xAxis: 90 }]);
  });
});
