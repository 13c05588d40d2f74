import { describe, expect, it } from 'vitest';
import { lastMonth, metricValues, parseDay, parseFigure, parseMonth } from './figures.ts';

describe('entry/figures', () => {
  it('should read figures as typed, full-width digits and separators included', () => {
    expect(parseFigure('')).toBeNull();
    expect(parseFigure('  ')).toBeNull();
    expect(parseFigure('12,345')).toBe(12345);
    expect(parseFigure('１２３．５')).toBe(123.5);
    expect(parseFigure('98.6')).toBe(98.6);
    expect(parseFigure('-3')).toBe(-3);
    expect(parseFigure('12a')).toBeNaN();
    expect(parseFigure('1.2.3')).toBeNaN();
  });

  it('should send only the filled figures and name the ones that are not numbers', () => {
    const r = metricValues(['A', 'B', 'C', 'D'] as const, { A: '10', B: '', C: 'x', D: '０' });
    expect(r.values).toEqual([
      { code: 'A', value: 10 },
      { code: 'D', value: 0 },
    ]);
    expect(r.bad).toEqual(['C']);
  });

  it('should default to the last complete month in Beijing', () => {
    expect(lastMonth(Date.parse('2026-12-03T02:00:00Z'))).toBe('2026-11');
    expect(lastMonth(Date.parse('2026-12-31T17:00:00Z'))).toBe('2026-12');
    expect(lastMonth(Date.parse('2027-01-15T00:00:00Z'))).toBe('2026-12');
  });

  it('should read a typed day in the ways people write one, and refuse what is no calendar day', () => {
    for (const typed of [
      '2026-11-20',
      '2026/11/20',
      '2026.11.20',
      '20261120',
      '2026年11月20日',
      '２０２６－11-20'.replace('－', '-'),
      ' 2026-11-20 ',
    ])
      expect(parseDay(typed), typed).toBe('2026-11-20');
    expect(parseDay('2026/3/5')).toBe('2026-03-05');
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('11/20/2026')).toBeNull();
    expect(parseDay('')).toBeNull();
  });

  it('should read a typed month, and refuse a thirteenth', () => {
    for (const typed of ['2026-11', '2026/11', '2026.11', '202611', '2026年11月']) expect(parseMonth(typed), typed).toBe('2026-11');
    expect(parseMonth('2026-3')).toBe('2026-03');
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('2026-00')).toBeNull();
    expect(parseMonth('11/2026')).toBeNull();
  });
});
