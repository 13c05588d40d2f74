import { describe, expect, it } from 'vitest';
import { lastMonth, metricValues, parseFigure } from './figures.ts';

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
});
