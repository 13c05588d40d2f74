import { describe, expect, it } from 'vitest';
import { buildSparklineOption, HEADLINE_IDS } from './options.ts';

const opts = {
  target: 90,
  color: '#0072B2',
  targetColor: '#555',
  format: (v: number | null) => (v === null ? '未填报' : `${v.toFixed(1)}%`),
};
const series = (o: ReturnType<typeof buildSparklineOption>) =>
  (o as { series: { data: unknown[]; markLine?: { data: unknown[] } }[] }).series[0]!;

describe('dashboard/overview', () => {
  it('should show the catalog headline indicators as cards, the integration index among them', () => {
    expect(HEADLINE_IDS.length).toBeGreaterThanOrEqual(8);
    expect(HEADLINE_IDS).toContain('integration_index');
    expect(HEADLINE_IDS).toContain('outpatient_satisfaction');
  });

  it('should leave a month that is not reported as a gap, never a dip to zero', () => {
    const o = buildSparklineOption(
      [
        { period: '2026-08', value: 80 },
        { period: '2026-09', value: null },
        { period: '2026-10', value: 95 },
      ],
      opts,
    );
    const data = series(o).data;
    expect(data[1]).toBeNull();
    expect(data).not.toContain(0);
    expect(data[2]).toMatchObject({ value: 95 });
  });

  it('should draw the target as a dashed line only when there is one', () => {
    const one = [{ period: '2026-10', value: 1 }];
    expect(series(buildSparklineOption(one, opts)).markLine?.data).toEqual([{ yAxis: 90 }]);
    expect(series(buildSparklineOption(one, { ...opts, target: null })).markLine).toBeUndefined();
  });

  it('should say 未填报 in the tooltip for a gap', () => {
    const o = buildSparklineOption([{ period: '2026-10', value: null }], opts) as { tooltip: { valueFormatter: (v: unknown) => string } };
    expect(o.tooltip.valueFormatter(null)).toBe('未填报');
    expect(o.tooltip.valueFormatter('-')).toBe('未填报');
    expect(o.tooltip.valueFormatter(93.54)).toBe('93.5%');
  });
});
