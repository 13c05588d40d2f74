import { describe, expect, it } from 'vitest';
import { dayOf, isoDay, parseDay, workday } from './dates.js';
import { chineseName, idCardCheckDigit, idCardNo } from './people.js';
import { Rng } from './random.js';

describe('seed/people', () => {
  it('should compute the GB 11643 check digit (a published example and the X case)', () => {
    expect(idCardCheckDigit('11010519491231002')).toBe('X');
    expect(idCardCheckDigit('44052418800101001')).toBe('4');
  });

  it('should encode birth date and gender in generated ID numbers', () => {
    const rng = new Rng(1);
    const id = idCardNo(rng, dayOf(1985, 3, 9), 'female');
    expect(id).toMatch(/^\d{6}19850309\d{3}[\dX]$/);
    expect(Number(id[16]) % 2).toBe(0);
    expect(id[17]).toBe(idCardCheckDigit(id.slice(0, 17)));
  });

  it('should draw the same names from the same seed', () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => () =>
          chineseName(r, 'male')
      )(new Rng(42)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (r) => () =>
          chineseName(r, 'male')
      )(new Rng(42)),
    );
    expect(a).toEqual(b);
    for (const n of a) expect(n).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
  });

  it('should parse calendar dates strictly and move weekend meetings to Monday', () => {
    expect(isoDay(parseDay('2024-02-29'))).toBe('2024-02-29');
    expect(() => parseDay('2025-02-29')).toThrow(/not a calendar date/);
    expect(isoDay(workday(parseDay('2026-11-21')))).toBe('2026-11-23'); // Saturday → Monday
  });
});
