/**
 * The hub's plausible calendar: no fact it records predates the Party's founding congress, and no fact
 * of the past is dated after today (in the hospital's time zone, Asia/Shanghai), so a typo such as
 * 9999-12-31 or 1900-01-01 is refused instead of stretching every chart.
 */

/** 中国共产党第一次全国代表大会 (1921-07-23): the earliest date any record of the hub can carry. */
export const EARLIEST_FACT = '1921-07-23';

/** How far ahead a planned fact may be dated (a planned meeting, an appointment, a target). */
export const PLANNING_HORIZON_DAYS = 366;

/**
 * Today in the hospital's time zone, in SQL (as `today()` below): PostgreSQL's `current_date` is the session's
 * time zone's (UTC on most servers), so from 00:00 to 08:00 in Beijing it was still yesterday there — a
 * secretary's term that ended yesterday still applied.
 */
export const TODAY_SQL = "(now() at time zone 'Asia/Shanghai')::date";

/** Today's calendar date in a time zone, as YYYY-MM-DD. */
export function today(timeZone = 'Asia/Shanghai', now?: Date): string {
  // One formatter per time zone (making one cost a tenth of an aggregate's CPU: fillGaps asks per request),
  // and today's answer kept for a second when no date is given.
  let format = FORMATS.get(timeZone);
  if (!format)
    FORMATS.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  if (now) return format.format(now);
  const second = Math.floor(Date.now() / 1000);
  const kept = TODAY.get(timeZone);
  if (kept?.second === second) return kept.day;
  const day = format.format(new Date(second * 1000));
  TODAY.set(timeZone, { second, day });
  return day;
}
const FORMATS = new Map<string, Intl.DateTimeFormat>();
const TODAY = new Map<string, { second: number; day: string }>();

/** A YYYY-MM-DD date moved by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
