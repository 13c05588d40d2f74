import { describe, expect, it } from 'vitest';
import {
  containing,
  currentMonth,
  monthsBefore,
  monthsBetween,
  monthsOf,
  parsePeriod,
  periodsBetween,
  previousPeriod,
  yearAgo,
} from './period.ts';

const now = { year: 2026, month: 11 };

describe('schema/period', () => {
  it('should count months back and forth across years without a Date', () => {
    expect(monthsBefore('2026-01', 1)).toBe('2025-12');
    expect(monthsBefore('2026-10', 23)).toBe('2024-11');
    expect(monthsBefore('2026-12', -1)).toBe('2027-01');
  });

  it('parses every grain into first and last days', () => {
    expect(parsePeriod('2025-06', now)).toMatchObject({ grain: 'MONTH', key: '2025-06', start: '2025-06-01', end: '2025-06-30' });
    expect(parsePeriod('2024-02', now).end).toBe('2024-02-29');
    expect(parsePeriod('2025-Q2', now)).toMatchObject({ grain: 'QUARTER', key: '2025-Q2', start: '2025-04-01', end: '2025-06-30' });
    expect(parsePeriod('2025-H2', now)).toMatchObject({ grain: 'HALF', key: '2025-H2', start: '2025-07-01', end: '2025-12-31' });
    expect(parsePeriod('2025', now)).toMatchObject({ grain: 'YEAR', key: '2025', start: '2025-01-01', end: '2025-12-31' });
    expect(parsePeriod('2026-YTD', now)).toMatchObject({ grain: 'YTD', key: '2026-YTD11', end: '2026-11-30' });
    expect(parsePeriod('2025-YTD', now).key).toBe('2025-YTD12');
    expect(parsePeriod('2025-YTD03', now).end).toBe('2025-03-31');
  });

  it('refuses what is not a period, saying what is', () => {
    for (const bad of ['2025-13', '2025-Q5', '25-06', '2025-6', 'June', '2025-YTD13', '2025-H3', '2025-H0', '1800']) {
      expect(() => parsePeriod(bad, now), bad).toThrow(/period|range/);
    }
  });

  it('steps back a period and a year across year boundaries', () => {
    expect(previousPeriod(parsePeriod('2025-01', now)).key).toBe('2024-12');
    expect(previousPeriod(parsePeriod('2025-Q1', now)).key).toBe('2024-Q4');
    expect(previousPeriod(parsePeriod('2025', now)).key).toBe('2024');
    expect(previousPeriod(parsePeriod('2025-H1', now)).key).toBe('2024-H2');
    expect(previousPeriod(parsePeriod('2025-H2', now)).key).toBe('2025-H1');
    expect(yearAgo(parsePeriod('2025-H2', now)).key).toBe('2024-H2');
    expect(previousPeriod(parsePeriod('2025-YTD06', now)).key).toBe('2024-YTD06');
    expect(yearAgo(parsePeriod('2024-02', now)).end).toBe('2023-02-28');
    expect(yearAgo(parsePeriod('2025-Q3', now)).key).toBe('2024-Q3');
  });

  it('enumerates months and periods between two', () => {
    expect(monthsOf(parsePeriod('2025-Q4', now)).map((p) => p.key)).toEqual(['2025-10', '2025-11', '2025-12']);
    expect(monthsBetween('2024-11-15', '2025-02-01').map((p) => p.key)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    const from = parsePeriod('2024-11', now);
    const to = parsePeriod('2025-04', now);
    expect(periodsBetween('QUARTER', from, to).map((p) => p.key)).toEqual(['2024-Q4', '2025-Q1', '2025-Q2']);
    expect(periodsBetween('YEAR', from, to).map((p) => p.key)).toEqual(['2024', '2025']);
    expect(periodsBetween('YTD', from, to).map((p) => p.key)).toEqual([
      '2024-YTD11',
      '2024-YTD12',
      '2025-YTD01',
      '2025-YTD02',
      '2025-YTD03',
      '2025-YTD04',
    ]);
    expect(containing('QUARTER', 2025, 5).key).toBe('2025-Q2');
    expect(periodsBetween('HALF', from, to).map((p) => p.key)).toEqual(['2024-H2', '2025-H1']);
    expect(containing('HALF', 2025, 7).key).toBe('2025-H2');
  });

  it('takes the month in Asia/Shanghai, whatever the machine’s zone', () => {
    // 2025-03-31 16:30 UTC is 2025-04-01 00:30 in Shanghai.
    expect(currentMonth(new Date('2025-03-31T16:30:00Z'))).toEqual({ year: 2025, month: 4 });
    expect(currentMonth(new Date('2025-03-31T15:30:00Z'))).toEqual({ year: 2025, month: 3 });
  });
});
