import { describe, expect, it } from 'vitest';
import { defaultMonth, isMonth, isUsableMonth, monthChoices, monthLabel, monthsBefore } from './url.ts';

describe('dashboard/url', () => {
  it('should default to the last complete month in Asia/Shanghai, whatever the UTC date says', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Shanghai: the last complete month is November.
    expect(defaultMonth(new Date('2026-11-30T17:00:00Z'))).toBe('2026-11');
    expect(defaultMonth(new Date('2026-11-30T15:00:00Z'))).toBe('2026-10');
    // New Year in Shanghai while it is still 31 December in UTC.
    expect(defaultMonth(new Date('2026-12-31T16:30:00Z'))).toBe('2026-12');
  });

  it('should take the month of a link up to this month in Shanghai, never a future or malformed one', () => {
    const now = new Date('2026-11-30T17:00:00Z'); // already 1 December in Shanghai
    expect(isUsableMonth('2026-12', now)).toBe(true);
    expect(isUsableMonth('2027-01', now)).toBe(false);
    expect(isUsableMonth('2030-05', now)).toBe(false);
    expect(isUsableMonth('2026-13', now)).toBe(false);
    expect(isUsableMonth('2019-01', now)).toBe(true);
  });

  it('should count months back across a year without a Date', () => {
    expect(monthsBefore('2026-01', 1)).toBe('2025-12');
    expect(monthsBefore('2026-10', 11)).toBe('2025-11');
    expect(monthsBefore('2026-10', 12)).toBe('2025-10');
    expect(monthsBefore('2026-10', 0)).toBe('2026-10');
  });

  it('should accept only real months', () => {
    expect(isMonth('2026-10')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-1')).toBe(false);
    expect(isMonth(undefined)).toBe(false);
  });

  it('should offer 36 months newest first in the UI language, and keep an older month from a link', () => {
    const zh = monthChoices('2026-10', '2026-10', 'zh');
    expect(zh).toHaveLength(36);
    expect(zh[0]).toEqual({ key: '2026-10', label: '2026年10月' });
    expect(zh.at(-1)!.key).toBe('2023-11');
    expect(monthChoices('2026-10', '2020-05', 'en').at(-1)).toEqual({ key: '2020-05', label: 'May 2020' });
    expect(monthLabel('2026-01', 'en')).toBe('Jan 2026');
  });

  it('should offer only the months the data covers, once it is known', () => {
    const keys = monthChoices('2026-10', '2026-10', 'zh', { from: '2025-07', to: '2026-12' }).map((c) => c.key);
    expect(keys[0]).toBe('2026-10');
    expect(keys.at(-1)).toBe('2025-07');
    expect(keys).toHaveLength(16);
    // Data that starts after the latest month still leaves the latest month to show (it reads 未填报).
    expect(monthChoices('2026-10', '2026-10', 'zh', { from: '2026-12', to: '2026-12' }).map((c) => c.key)).toEqual(['2026-10']);
  });
});
