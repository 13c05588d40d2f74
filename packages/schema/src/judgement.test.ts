import { describe, expect, it } from 'vitest';
import { INDICATORS, indicator } from './catalog.ts';
import { isComplete, judgedPeriod, judgementOf, lastCompletePeriod, paceRule } from './judgement.ts';
import { parsePeriod, previousPeriod, storedKey, yearAgo } from './period.ts';

const dec2026 = { year: 2026, month: 12 };
const p = (key: string) => parsePeriod(key, dec2026);

describe('schema/judgement', () => {
  it('measures a month inside a longer grain as the grain to date', () => {
    expect(judgedPeriod('QUARTER', p('2026-11')).key).toBe('2026-QTD11');
    expect(judgedPeriod('QUARTER', p('2026-10')).key).toBe('2026-QTD10');
    expect(judgedPeriod('QUARTER', p('2026-12')).key).toBe('2026-Q4');
    expect(judgedPeriod('YEAR', p('2026-11')).key).toBe('2026-YTD11');
    expect(judgedPeriod('YEAR', p('2026-12')).key).toBe('2026');
    expect(judgedPeriod('YEAR', p('2026-Q2')).key).toBe('2026-YTD06');
    expect(judgedPeriod('MONTH', p('2026-11')).key).toBe('2026-11');
    expect(judgedPeriod('MONTH', p('2026-Q3')).key).toBe('2026-Q3');
    expect(judgedPeriod('QUARTER', p('2026')).key).toBe('2026');
  });

  it('stores a quarter to date of one month as the month and of three as the quarter', () => {
    expect(storedKey(p('2026-QTD10'))).toBe('2026-10');
    expect(storedKey(p('2026-QTD11'))).toBe('2026-QTD11');
    expect(storedKey(p('2026-QTD12'))).toBe('2026-Q4');
    expect(p('2026-QTD11')).toMatchObject({ grain: 'QTD', start: '2026-10-01', end: '2026-11-30' });
    for (const bad of ['2026-QTD', '2026-QTD13', '2026-QTD1']) expect(() => p(bad), bad).toThrow(/period/);
  });

  it('compares a quarter to date with the same months of the previous quarter and of a year earlier', () => {
    expect(previousPeriod(p('2026-QTD11')).key).toBe('2026-QTD08');
    expect(previousPeriod(p('2026-QTD02')).key).toBe('2025-QTD11');
    expect(yearAgo(p('2026-QTD11')).key).toBe('2025-QTD11');
  });

  it('is complete only when the grain has ended and the month is past', () => {
    expect(isComplete('QUARTER', judgedPeriod('QUARTER', p('2026-11')), dec2026)).toBe(false);
    expect(isComplete('QUARTER', judgedPeriod('QUARTER', p('2026-09')), dec2026)).toBe(true);
    expect(isComplete('QUARTER', judgedPeriod('QUARTER', p('2026-12')), dec2026)).toBe(false);
    expect(isComplete('MONTH', p('2026-12'), dec2026)).toBe(false);
    expect(isComplete('MONTH', p('2026-11'), dec2026)).toBe(true);
    expect(isComplete('YEAR', judgedPeriod('YEAR', p('2026-11')), dec2026)).toBe(false);
    expect(isComplete('YEAR', judgedPeriod('YEAR', p('2025-06')), dec2026)).toBe(false);
    expect(isComplete('YEAR', p('2025'), dec2026)).toBe(true);
  });

  it('names the last complete grain', () => {
    const last = (grain: 'MONTH' | 'QUARTER' | 'YEAR', key: string) => lastCompletePeriod(grain, judgedPeriod(grain, p(key)), dec2026).key;
    expect(last('QUARTER', '2026-11')).toBe('2026-Q3');
    expect(last('QUARTER', '2026-10')).toBe('2026-Q3');
    expect(last('QUARTER', '2026-09')).toBe('2026-Q3');
    expect(last('QUARTER', '2026-08')).toBe('2026-Q2');
    expect(last('QUARTER', '2026-02')).toBe('2025-Q4');
    expect(last('YEAR', '2026-11')).toBe('2025');
    expect(last('MONTH', '2026-12')).toBe('2026-11');
    expect(last('MONTH', '2026-11')).toBe('2026-11');
  });

  it('gives a pace only where one is defined', () => {
    expect(paceRule(indicator('general_meeting_rate')!)).toBeNull();
    expect(paceRule(indicator('org_life_attendance_rate')!)).toBe('TO_DATE');
    for (const d of INDICATORS) {
      if (d.rollup === 'EVENTS' && !d.denominator && d.direction !== 'CONTEXT') expect(paceRule(d), d.id).toBe('PRORATED');
      if (d.direction === 'CONTEXT') expect(paceRule(d), d.id).toBeNull();
    }
  });

  it('states every indicator’s rule in both languages', () => {
    for (const d of INDICATORS) {
      const t = judgementOf(d);
      expect(t.zh.length, d.id).toBeGreaterThan(10);
      expect(t.en.length, d.id).toBeGreaterThan(10);
      if (d.grain === 'QUARTER' && d.direction !== 'CONTEXT') expect(t.zh, d.id).toContain('季度');
    }
  });
});
