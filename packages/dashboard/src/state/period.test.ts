import { describe, expect, it } from 'vitest';
import { endMonth, periodChoices, periodLabel, seriesWindow, switchGrain, usablePeriod } from './period.ts';

// 2 December 2026 in Shanghai: December is in progress, November the last complete month.
const now = new Date('2026-12-02T04:00:00Z');

describe('dashboard/period', () => {
  it('should take a link’s period as the engine keys it, never a future one or a grain nobody picks', () => {
    expect(usablePeriod('2026-Q4', now)).toBe('2026-Q4');
    expect(usablePeriod('2026-H2', now)).toBe('2026-H2');
    expect(usablePeriod('2026-YTD', now)).toBe('2026-YTD11');
    expect(usablePeriod('2025-YTD', now)).toBe('2025-YTD12');
    expect(usablePeriod('2026', now)).toBe('2026');
    expect(usablePeriod('2026-11', now)).toBe('2026-11');
    expect(usablePeriod('2027-Q1', now)).toBeNull();
    expect(usablePeriod('2027', now)).toBeNull();
    expect(usablePeriod('2026-QTD11', now)).toBeNull();
    expect(usablePeriod('2026-Q5', now)).toBeNull();
    expect(usablePeriod(undefined, now)).toBeNull();
  });

  it('should say each grain the way a committee writes it', () => {
    expect(periodLabel('2026-11', 'zh')).toBe('2026年11月');
    expect(periodLabel('2026-Q4', 'zh')).toBe('2026年第4季度');
    expect(periodLabel('2026-Q4', 'en')).toBe('Q4 2026');
    expect(periodLabel('2026-H1', 'zh')).toBe('2026年上半年');
    expect(periodLabel('2026-H2', 'en')).toBe('H2 2026');
    expect(periodLabel('2026-YTD11', 'zh')).toBe('2026年1—11月');
    expect(periodLabel('2026-YTD11', 'en')).toBe('Jan–Nov 2026');
    expect(periodLabel('2025', 'zh')).toBe('2025年');
  });

  it('should end a period in progress at this month', () => {
    expect(endMonth('2026-Q4', now)).toBe('2026-12');
    expect(endMonth('2026', now)).toBe('2026-12');
    expect(endMonth('2026-Q3', now)).toBe('2026-09');
    expect(endMonth('2026-YTD11', now)).toBe('2026-11');
  });

  it('should switch grain keeping the month in view', () => {
    expect(switchGrain('2026-11', 'QUARTER', now)).toBe('2026-Q4');
    expect(switchGrain('2026-11', 'HALF', now)).toBe('2026-H2');
    expect(switchGrain('2026-11', 'YTD', now)).toBe('2026-YTD11');
    expect(switchGrain('2026-Q3', 'MONTH', now)).toBe('2026-09');
    expect(switchGrain('2026-Q4', 'MONTH', now)).toBe('2026-12');
  });

  it('should offer the periods the data covers, newest first', () => {
    const quarters = periodChoices('QUARTER', '2026-11', '2026-Q4', 'zh', { from: '2025-08' }).map((c) => c.key);
    expect(quarters).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3']);
    expect(periodChoices('YTD', '2026-11', '2026-YTD11', 'en', { from: '2025-08' })).toEqual([
      { key: '2026-YTD11', label: 'Jan–Nov 2026' },
      { key: '2025-YTD12', label: 'Jan–Dec 2025' },
    ]);
    expect(periodChoices('YEAR', '2026-11', '2026', 'zh', { from: '2024-03' }).map((c) => c.key)).toEqual(['2026', '2025', '2024']);
    expect(periodChoices('HALF', '2026-11', '2026-H2', 'zh', { from: '2026-01' }).map((c) => c.label)).toEqual([
      '2026年下半年',
      '2026年上半年',
    ]);
  });

  it('should draw a quarter’s trend in quarters against the same quarters a year earlier', () => {
    const w = seriesWindow('2026-Q3', now);
    expect(w.grain).toBe('QUARTER');
    expect(w.recent).toEqual(['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
    expect(w.earlier[0]).toBe('2023-Q4');
    expect([w.from, w.to]).toEqual(['2023-Q4', '2026-Q3']);
    const m = seriesWindow('2026-YTD11', now);
    expect(m.grain).toBe('MONTH');
    expect(m.recent.at(-1)).toBe('2026-11');
    expect(m.recent).toHaveLength(12);
    expect(seriesWindow('2026', now)).toMatchObject({ grain: 'YEAR', recent: ['2022', '2023', '2024', '2025', '2026'], earlier: [] });
  });
});
