/**
 * Reporting periods: a month (`2025-06`), a quarter (`2025-Q2`), a half-year (`2025-H1`), a year (`2025`), the year to date
 * (`2025-YTD`, or `2025-YTD06` for "January to June") and the quarter to date (`2025-QTD11`: October and
 * November, what a quarterly duty stands at when November ends). Months are calendar months in Asia/Shanghai: a
 * period is a pair of ISO dates (first and last day), never a JavaScript Date, so a browser or server in
 * another time zone cannot shift it by a day.
 */

export type Grain = 'MONTH' | 'QUARTER' | 'HALF' | 'YEAR' | 'YTD' | 'QTD';

/** The grains in words. */
export const GRAINS: Record<Grain, { zh: string; en: string }> = {
  MONTH: { zh: '月', en: 'Month' },
  QUARTER: { zh: '季度', en: 'Quarter' },
  HALF: { zh: '半年', en: 'Half-year' },
  YEAR: { zh: '年', en: 'Year' },
  YTD: { zh: '年初至今（逐月累计）', en: 'Year to date, month by month' },
  QTD: { zh: '季初至今（季度内逐月累计）', en: 'Quarter to date, month by month' },
};

export interface Period {
  grain: Grain;
  /** Canonical key: `2025-06`, `2025-Q2`, `2025-H1`, `2025`, `2025-YTD06`, `2025-QTD05`. */
  key: string;
  year: number;
  /** First and last month of the period, 1–12. */
  firstMonth: number;
  lastMonth: number;
  /** First and last day, ISO `YYYY-MM-DD`. */
  start: string;
  end: string;
}

export class PeriodError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'PeriodError';
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Number of days in a month (1–12), proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const GRAIN_CODE: Record<Grain, number> = { MONTH: 0, QUARTER: 1, YEAR: 2, YTD: 3, QTD: 4, HALF: 5 };
const PERIODS = new Map<number, Period>();

/**
 * A period, made once and frozen: the engine asks for the same few dozen periods thousands of times a
 * second (previous, a year ago, the grain to date of every value judged), so each is built once and
 * shared; a caller that tried to change one would throw.
 */
export function makePeriod(grain: Grain, year: number, firstMonth: number, lastMonth: number): Period {
  const code = ((GRAIN_CODE[grain] * 10_000 + year) * 13 + firstMonth) * 13 + lastMonth;
  let p = PERIODS.get(code);
  if (!p) {
    if (PERIODS.size >= 100_000) PERIODS.clear();
    PERIODS.set(code, (p = Object.freeze(buildPeriod(grain, year, firstMonth, lastMonth))));
  }
  return p;
}

function buildPeriod(grain: Grain, year: number, firstMonth: number, lastMonth: number): Period {
  const key =
    grain === 'MONTH'
      ? `${year}-${pad(firstMonth)}`
      : grain === 'QUARTER'
        ? `${year}-Q${(firstMonth + 2) / 3}`
        : grain === 'HALF'
          ? `${year}-H${(firstMonth + 5) / 6}`
          : grain === 'YEAR'
            ? `${year}`
            : grain === 'YTD'
              ? `${year}-YTD${pad(lastMonth)}`
              : `${year}-QTD${pad(lastMonth)}`;
  return {
    grain,
    key,
    year,
    firstMonth,
    lastMonth,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`,
  };
}

export const month = (year: number, m: number) => makePeriod('MONTH', year, m, m);
export const quarter = (year: number, q: number) => makePeriod('QUARTER', year, q * 3 - 2, q * 3);
export const half = (year: number, h: number) => makePeriod('HALF', year, h * 6 - 5, h * 6);
export const year = (y: number) => makePeriod('YEAR', y, 1, 12);
export const yearToDate = (y: number, lastMonth: number) => makePeriod('YTD', y, 1, lastMonth);
/** From the first month of the quarter holding `lastMonth` to `lastMonth`. */
export const quarterToDate = (y: number, lastMonth: number) => makePeriod('QTD', y, lastMonth - ((lastMonth - 1) % 3), lastMonth);

/**
 * The key of the stored period covering the same months: a quarter to date of one month is that month,
 * of three months the quarter (the cells hold only the middle months' QTD periods).
 */
export function storedKey(p: Period): string {
  if (p.grain !== 'QTD') return p.key;
  if (p.firstMonth === p.lastMonth) return month(p.year, p.lastMonth).key;
  if (p.lastMonth - p.firstMonth === 2) return quarter(p.year, p.lastMonth / 3).key;
  return p.key;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Today's year and month in a time zone (Asia/Shanghai unless told). */
export function currentMonth(now?: Date, timeZone = 'Asia/Shanghai'): { year: number; month: number } {
  // Asked with no date, the answer is kept for a second (formatToParts is most of this function's cost,
  // and the read path asks once per value list); the month it names changes at midnight, never within it.
  if (now === undefined && timeZone === 'Asia/Shanghai') {
    const second = Math.floor(Date.now() / 1000);
    if (second !== clock.second) clock = { second, month: Object.freeze(monthIn(new Date(second * 1000), timeZone)) };
    return clock.month;
  }
  return monthIn(now ?? new Date(), timeZone);
}

let clock: { second: number; month: { year: number; month: number } } = { second: -1, month: { year: 0, month: 0 } };

function monthIn(now: Date, timeZone: string): { year: number; month: number } {
  // Making a DateTimeFormat costs far more than using one (measured: 8 % of a dashboard request's CPU).
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })));
  const parts = format.formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { year: get('year'), month: get('month') };
}

const PATTERN = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|YTD(0[1-9]|1[0-2])?|QTD(0[1-9]|1[0-2])|H([12])))?$/;

/**
 * Parses a period. `YYYY-YTD` without a month means "up to the current month" in the current year and
 * the whole year for a past one (`now` decides; Asia/Shanghai).
 */
export function parsePeriod(input: string, now?: { year: number; month: number }): Period {
  const m = PATTERN.exec(input.trim());
  if (!m) {
    throw new PeriodError(input, `“${input}” is not a period: use 2025-06, 2025-Q2, 2025-H1, 2025, 2025-YTD or 2025-QTD11`);
  }
  const y = Number(m[1]);
  if (y < 1900 || y > 2200) throw new PeriodError(input, `year ${y} is out of range 1900–2200`);
  if (m[2]) return month(y, Number(m[2]));
  if (m[3]) return quarter(y, Number(m[3]));
  if (m[5]) return quarterToDate(y, Number(m[5]));
  if (m[6]) return half(y, Number(m[6]));
  if (input.includes('YTD')) {
    if (m[4]) return yearToDate(y, Number(m[4]));
    // Today is only looked up here (formatting a date in a time zone is the costly part of parsing).
    const today = now ?? currentMonth();
    return yearToDate(y, y < today.year ? 12 : y === today.year ? today.month : 12);
  }
  return year(y);
}

/** The month `n` months before a `YYYY-MM` key (negative: after), by calendar arithmetic, never through a Date. */
export function monthsBefore(key: string, n: number): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) - n;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

/** The period of the same grain just before (June → May, Q1 → last year's Q4, YTD06 → YTD05 or last year's YTD12). */
export function previousPeriod(p: Period): Period {
  switch (p.grain) {
    case 'MONTH':
      return p.firstMonth === 1 ? month(p.year - 1, 12) : month(p.year, p.firstMonth - 1);
    case 'QUARTER':
      return p.firstMonth === 1 ? quarter(p.year - 1, 4) : quarter(p.year, (p.firstMonth + 2) / 3 - 1);
    case 'HALF':
      return p.firstMonth === 1 ? half(p.year - 1, 2) : half(p.year, 1);
    case 'YEAR':
      return year(p.year - 1);
    case 'YTD':
      // Year to date compares with the same span last year; "previous" of a YTD is the previous year's.
      return yearToDate(p.year - 1, p.lastMonth);
    case 'QTD':
      // The same months of the previous quarter (October–November → July–August).
      return p.lastMonth <= 3 ? quarterToDate(p.year - 1, p.lastMonth + 9) : quarterToDate(p.year, p.lastMonth - 3);
  }
}

/** The same period a year earlier. */
export function yearAgo(p: Period): Period {
  return makePeriod(p.grain, p.year - 1, p.firstMonth, p.lastMonth);
}

/** Months (as month periods) the period covers, in order. */
export function monthsOf(p: Period): Period[] {
  const out: Period[] = [];
  for (let m = p.firstMonth; m <= p.lastMonth; m++) out.push(month(p.year, m));
  return out;
}

/** Every period of `grain` that overlaps the months from `from`'s first to `to`'s last, in order. */
export function periodsBetween(grain: Grain, from: Period, to: Period): Period[] {
  const out: Period[] = [];
  const last = to.year * 12 + to.lastMonth - 1;
  for (let i = from.year * 12 + from.firstMonth - 1; i <= last; i++) {
    const y = Math.floor(i / 12);
    const m = (i % 12) + 1;
    const p = containing(grain, y, m);
    if (out.at(-1)?.key !== p.key) out.push(p);
  }
  return out;
}

/** The period of `grain` that contains month `m` of year `y` (for YTD and QTD: up to that month). */
export function containing(grain: Grain, y: number, m: number): Period {
  switch (grain) {
    case 'MONTH':
      return month(y, m);
    case 'QUARTER':
      return quarter(y, Math.ceil(m / 3));
    case 'HALF':
      return half(y, m <= 6 ? 1 : 2);
    case 'YEAR':
      return year(y);
    case 'YTD':
      return yearToDate(y, m);
    case 'QTD':
      return quarterToDate(y, m);
  }
}

/** The month periods containing two ISO dates and everything between. */
export function monthsBetween(fromDate: string, toDate: string): Period[] {
  const a = month(Number(fromDate.slice(0, 4)), Number(fromDate.slice(5, 7)));
  const b = month(Number(toDate.slice(0, 4)), Number(toDate.slice(5, 7)));
  return periodsBetween('MONTH', a, b);
}
