/**
 * What a clerk really types into a cell, made into one value or one bilingual reason: full-width digits and
 * spaces, dates in the forms Chinese offices write (Excel serials, 2025/3/5, 2025-03-05, 2025年3月5日,
 * 2025.3.5; a day-month order such as 03/05/2025 is ambiguous and refused), ID-card numbers (GB 11643: 18
 * characters, the check digit, the birth date inside), mobiles, 是/否. Pure functions, no database.
 */

/** A cell's value as read (exceljs or CSV): text, number, boolean, date, or an unresolved formula. */
export type Raw = string | number | boolean | Date | { formula: string; result?: unknown } | null | undefined;

export type Parsed<T> = { ok: true; value: T } | { ok: false; zh: string; en: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = (zh: string, en: string): Parsed<never> => ({ ok: false, zh, en });

/** What normalise changes: full-width characters, other spaces, a run of spaces, white space at either end (as trim). */
const NEEDS_NORMALISING = /[\uff01-\uff5e\u3000\u00a0\t\r\n]| {2}|^\s|\s$/;

/** Full-width ASCII (０-９, Ａ-Ｚ, ／, －, ．, ＠ …) and the ideographic space made half-width; spaces trimmed and collapsed. */
export function normalise(text: string): string {
  // Most cells need nothing done (a parse calls this several times for each of up to 20,000 rows' cells).
  if (!NEEDS_NORMALISING.test(text)) return text;
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0\t\r\n]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** The text of a cell as shown (numbers as written, dates as YYYY-MM-DD), for problems and matching. */
export function shown(raw: Raw): string {
  if (raw == null) return '';
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'object') return raw.result != null ? shown(raw.result as Raw) : `=${raw.formula}`;
  return String(raw);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date (YYYY-MM-DD) or null when y-m-d is not one. */
export function calendar(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/** Excel's serial day number (1900 system, with its phantom 29 February 1900) as a date. */
export function fromSerial(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 73050) return null;
  const t = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return calendar(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

const DATE_FORMS = [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, /^(\d{4})(\d{2})(\d{2})$/];
const AMBIGUOUS = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})$/;

const DATE_HELP_ZH = '日期请写成 2025-03-05、2025/3/5 或 2025年3月5日';
const DATE_HELP_EN = 'write dates as 2025-03-05, 2025/3/5 or 2025年3月5日';

/** A date from what a clerk typed (or Excel stored: a Date, a serial number). */
export function parseDate(raw: Raw): Parsed<string> {
  if (raw instanceof Date) {
    // exceljs gives dates as UTC midnight of the day shown.
    const v = calendar(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
    return v ? ok(v) : bad(`不是有效日期`, `not a valid date`);
  }
  if (typeof raw === 'number') {
    const v = fromSerial(raw);
    return v ? ok(v) : bad(`数字 ${raw} 不是日期；${DATE_HELP_ZH}`, `the number ${raw} is not a date; ${DATE_HELP_EN}`);
  }
  const text = normalise(shown(raw)).replace(/\s/g, '');
  for (const form of DATE_FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    const v = calendar(Number(m[1]), Number(m[2]), Number(m[3]));
    return v ? ok(v) : bad(`“${text}” 不是存在的日期`, `“${text}” is not a calendar date`);
  }
  if (AMBIGUOUS.test(text))
    return bad(
      `“${text}” 的年月日顺序不明确（月/日还是日/月？）；${DATE_HELP_ZH}`,
      `“${text}” is ambiguous (month/day or day/month?); ${DATE_HELP_EN}`,
    );
  return bad(`“${text}” 不是日期；${DATE_HELP_ZH}`, `“${text}” is not a date; ${DATE_HELP_EN}`);
}

const MONTH_FORMS = [/^(\d{4})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月?$/, /^(\d{4})(\d{2})$/];

/** A month (YYYY-MM) from 2025-03, 2025/3, 2025年3月, 202503, or a date (its month: Excel often turns 2025-03 into 2025-03-01). */
export function parseMonth(raw: Raw): Parsed<string> {
  const text = normalise(shown(raw)).replace(/\s/g, '');
  if (typeof raw === 'string')
    for (const form of MONTH_FORMS) {
      const m = form.exec(text);
      if (!m) continue;
      const v = calendar(Number(m[1]), Number(m[2]), 1);
      return v ? ok(v.slice(0, 7)) : bad(`“${text}” 不是存在的月份`, `“${text}” is not a calendar month`);
    }
  const date = parseDate(raw);
  if (date.ok) return ok(date.value.slice(0, 7));
  return bad(`“${text}” 不是月份；请写成 2025-03 或 2025年3月`, `“${text}” is not a month; write 2025-03 or 2025年3月`);
}

/** A number (full-width digits, thousands separators and spaces allowed) within [min, max]; an integer when asked. */
export function parseNumber(raw: Raw, integer: boolean, min: number, max: number): Parsed<number> {
  const text = normalise(shown(raw)).replace(/[\s,，]/g, '');
  const n = typeof raw === 'number' ? raw : /^[-+]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n)) return bad(`“${text}” 不是数字`, `“${text}” is not a number`);
  if (integer && !Number.isInteger(n)) return bad(`“${text}” 应为整数`, `“${text}” must be a whole number`);
  if (n < min || n > max)
    return bad(`应在 ${min}–${max.toLocaleString('en')} 之间`, `must be between ${min} and ${max.toLocaleString('en')}`);
  return ok(n);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character of an ID-card number's first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

const AS_TEXT_ZH = '身份证号被 Excel 存成了数字（末几位已丢失）：请把该列设置为文本后重新填写';
const AS_TEXT_EN = 'Excel stored the ID-card number as a number (its last digits are lost): set the column to text and type it again';

/** An 18-character resident ID-card number: format, birth date inside it, check digit. */
export function parseIdCard(raw: Raw): Parsed<string> {
  if (typeof raw === 'number') return bad(AS_TEXT_ZH, AS_TEXT_EN);
  const text = normalise(shown(raw)).replace(/\s/g, '').toUpperCase();
  if (/^\d(\.\d+)?E\+\d+$/.test(text)) return bad(AS_TEXT_ZH, AS_TEXT_EN);
  if (!/^\d{17}[\dX]$/.test(text))
    return bad(
      `身份证号应为 18 位（17 位数字加一位数字或 X），这里是 ${text.length} 位`,
      `an ID-card number has 18 characters (17 digits and a digit or X); this has ${text.length}`,
    );
  if (!calendar(Number(text.slice(6, 10)), Number(text.slice(10, 12)), Number(text.slice(12, 14))))
    return bad('身份证号中的出生日期不存在', 'the birth date inside the ID-card number is not a calendar date');
  if (idCheckDigit(text) !== text[17])
    return bad('身份证号校验位不正确（可能有数字抄错）', 'the ID-card number’s check digit is wrong (a digit may be mistyped)');
  return ok(text);
}

/** The birth date an ID-card number holds. */
export const birthFromIdCard = (id: string): string => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;

/** A mainland mobile number: 11 digits from 1; a +86 / 86 prefix and separators dropped. */
export function parseMobile(raw: Raw): Parsed<string> {
  const text = normalise(shown(raw))
    .replace(/[\s-]/g, '')
    .replace(/^\+?86(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(text)) return ok(text);
  return bad(`“${text}” 不是 11 位手机号`, `“${text}” is not an 11-digit mobile number`);
}

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '×']);

/** 是/否 (yes/no, true/false, 1/0). */
export function parseBoolean(raw: Raw): Parsed<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  const text = normalise(shown(raw)).toUpperCase();
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return bad(`“${text}” 应填“是”或“否”`, `“${text}” must be 是 (yes) or 否 (no)`);
}

/** Whether a cell holds nothing (empty, or spaces only). */
export const isBlank = (raw: Raw): boolean => raw == null || (typeof raw === 'string' && normalise(raw) === '');

/** A formula with no cached result (the file was never opened and saved by a spreadsheet program). */
export const isUncomputedFormula = (raw: Raw): boolean =>
  raw != null && typeof raw === 'object' && !(raw instanceof Date) && 'formula' in raw && raw.result == null;

/** The value of a formula cell (its cached result), or the raw value itself. */
export const resolved = (raw: Raw): Raw =>
  raw != null && typeof raw === 'object' && !(raw instanceof Date) && 'formula' in raw ? (raw.result as Raw) : raw;
