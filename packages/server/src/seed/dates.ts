/** Calendar arithmetic on day numbers (days since 1970-01-01, UTC): no time zones, no DST. */
const MS_PER_DAY = 86_400_000;

export type Day = number;

export const dayOf = (y: number, m: number, d: number): Day => Date.UTC(y, m - 1, d) / MS_PER_DAY;
export const parseDay = (iso: string): Day => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a date (YYYY-MM-DD): ${iso}`);
  const day = dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (isoDay(day) !== iso) throw new Error(`not a calendar date: ${iso}`);
  return day;
};
export const isoDay = (day: Day): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
export const todayUtc = (): Day => Math.floor(Date.now() / MS_PER_DAY);

export function ymd(day: Day): { y: number; m: number; d: number } {
  const dt = new Date(day * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** First day of the month `months` after the month of `day` (negative goes back). */
export function addMonths(day: Day, months: number, dom = 1): Day {
  const { y, m } = ymd(day);
  const total = y * 12 + (m - 1) + months;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  return dayOf(yy, mm, Math.min(dom, daysInMonth(yy, mm)));
}

export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const monthStart = (day: Day): Day => addMonths(day, 0, 1);
/** Day of the week, 0 = Sunday. */
export const weekday = (day: Day): number => (day + 4) % 7;
/** Moves a weekend day to the next Monday (meetings are held on working days). */
export const workday = (day: Day): Day => (weekday(day) === 6 ? day + 2 : weekday(day) === 0 ? day + 1 : day);

/** The same calendar day `years` later (29 February becomes 28 February). */
export function addYears(day: Day, years: number): Day {
  const { y, m, d } = ymd(day);
  return dayOf(y + years, m, Math.min(d, daysInMonth(y + years, m)));
}
