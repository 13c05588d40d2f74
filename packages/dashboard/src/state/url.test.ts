import { describe, expect, it } from 'vitest';
import { defaultMonth, monthsBefore, unusablePeriod } from './url.ts';

describe('dashboard/url', () => {
  it('should default to the last complete month in Asia/Shanghai, whatever the UTC date says', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Shanghai: the last complete month is November.
    expect(defaultMonth(new Date('2026-11-30T17:00:00Z'))).toBe('2026-11');
    expect(defaultMonth(new Date('2026-11-30T15:00:00Z'))).toBe('2026-10');
    // New Year in Shanghai while it is still 31 December in UTC.
    expect(defaultMonth(new Date('2026-12-31T16:30:00Z'))).toBe('2026-12');
  });

  it('should name what a link asked for as its period when it cannot be shown, from `period` or an older `month`', () => {
    expect(unusablePeriod({ period: '2030-05' })).toBe('2030-05');
    expect(unusablePeriod({ month: '2026-13' })).toBe('2026-13');
    expect(unusablePeriod({ period: 'last-week' })).toBe('last-week');
    expect(unusablePeriod({ period: '2025-Q3' })).toBeNull();
    expect(unusablePeriod({ month: '2025-10' })).toBeNull();
    expect(unusablePeriod({})).toBeNull();
  });

  it('should count months back across a year without a Date', () => {
    expect(monthsBefore('2026-01', 1)).toBe('2025-12');
    expect(monthsBefore('2026-10', 11)).toBe('2025-11');
    expect(monthsBefore('2026-10', 12)).toBe('2025-10');
    expect(monthsBefore('2026-10', 0)).toBe('2026-10');
  });
});
