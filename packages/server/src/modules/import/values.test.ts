import { describe, expect, it } from 'vitest';
import { idCheckDigit, normalise, parseBoolean, parseDate, parseIdCard, parseMobile } from './values.js';

const value = <T>(p: { ok: true; value: T } | { ok: false }) => (p.ok ? p.value : null);
const reason = (p: { ok: boolean; zh?: string; en?: string }) =>
  p.ok ? null : `${(p as { zh: string }).zh} / ${(p as { en: string }).en}`;

/** A valid ID-card number born on `birth` (YYYYMMDD), sequence `seq` (odd: male). */
export const idCard = (birth: string, seq = '123') => {
  const first = `110101${birth}${seq}`;
  return first + idCheckDigit(first);
};

describe('import/values', () => {
  it('should read the dates clerks type, and refuse ambiguous ones', () => {
    expect(value(parseDate(45721))).toBe('2025-03-05'); // an Excel serial
    expect(value(parseDate('2025/3/5'))).toBe('2025-03-05');
    expect(value(parseDate('2025-03-05'))).toBe('2025-03-05');
    expect(value(parseDate('2025年3月5日'))).toBe('2025-03-05');
    expect(value(parseDate('2025.3.5'))).toBe('2025-03-05');
    expect(value(parseDate('２０２５－０３－０５'))).toBe('2025-03-05'); // full-width
    expect(value(parseDate(new Date(Date.UTC(2025, 2, 5))))).toBe('2025-03-05');
    expect(reason(parseDate('03/05/2025'))).toMatch(/不明确.*ambiguous/);
    expect(reason(parseDate('2025-02-30'))).toMatch(/不是存在的日期/);
    expect(reason(parseDate('昨天'))).toMatch(/不是日期/);
  });

  it('should check ID-card numbers: length, birth date inside, GB 11643 check digit, Excel numbers', () => {
    const good = idCard('19900307');
    expect(value(parseIdCard(good))).toBe(good);
    expect(value(parseIdCard(` ${good.slice(0, 17)}${good[17].toLowerCase()} `))).toBe(good);
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(reason(parseIdCard(wrong))).toMatch(/校验位/);
    expect(reason(parseIdCard('11010119900307'))).toMatch(/18 位/);
    expect(reason(parseIdCard('110101199002301234'))).toMatch(/出生日期/);
    expect(reason(parseIdCard(1.10105e17))).toMatch(/设置为文本.*set the column to text/);
    expect(reason(parseIdCard('1.10105E+17'))).toMatch(/set the column to text/);
    expect(value(parseIdCard(good.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))))).toBe(good); // full-width digits
  });

  it('should read mobiles, 是/否 and normalise full-width spaces', () => {
    expect(value(parseMobile('+86 138-0000-0000'))).toBe('13800000000');
    expect(reason(parseMobile('12345'))).toMatch(/手机号/);
    expect(value(parseBoolean('是'))).toBe(true);
    expect(value(parseBoolean('否'))).toBe(false);
    expect(reason(parseBoolean('也许'))).toMatch(/是.*否/);
    expect(normalise('\u3000内科　党支部 ')).toBe('内科 党支部');
  });
});
