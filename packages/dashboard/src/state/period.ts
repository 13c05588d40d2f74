/**
 * The period in view: a month, a quarter, a half-year, the year to date or a year, held in the URL as the
 * engine's key (`?period=2026-Q4`; a link's older `?month=2026-10` still opens). Pure functions: what a
 * link may ask, how a period is said in each language, the choices of each grain, and the window a chart
 * draws around it. Arithmetic is the shared contract's (packages/schema period.ts).
 */
import {
  containing,
  currentMonth,
  month as monthPeriod,
  monthsBefore,
  parsePeriod,
  periodsBetween,
  previousPeriod,
  yearAgo,
  type Grain,
  type Period,
} from '@party-hub/schema/indicators';

/** The grains a reader picks, in the picker's order (a quarter to date is the engine's judgement, not a choice). */
export const PICKABLE = ['MONTH', 'QUARTER', 'HALF', 'YTD', 'YEAR'] as const;
export type PickableGrain = (typeof PICKABLE)[number];

const isPickable = (g: Grain): g is PickableGrain => (PICKABLE as readonly string[]).includes(g);

/** This month in Asia/Shanghai, `YYYY-MM`. */
function thisMonthKey(now?: Date): string {
  const { year, month } = currentMonth(now, 'Asia/Shanghai');
  return monthPeriod(year, month).key;
}

/**
 * A link's period as the engine keys it, or null when it cannot be shown: malformed, a grain one does not
 * pick, or starting after this month (the hub refuses a future period). `2026-YTD` becomes `2026-YTD11`
 * (up to the last complete month of the current year; a past year's whole year).
 */
export function usablePeriod(v: unknown, now?: Date): string | null {
  if (typeof v !== 'string') return null;
  let p: Period;
  try {
    p = parsePeriod(v, lastCompleteOf(now));
  } catch {
    return null;
  }
  if (!isPickable(p.grain) || p.start > `${thisMonthKey(now)}-01`) return null;
  return p.key;
}

/** The last complete month in Asia/Shanghai as year and month (what `YYYY-YTD` of this year runs to). */
function lastCompleteOf(now?: Date): { year: number; month: number } {
  const [y, m] = monthsBefore(thisMonthKey(now), 1).split('-').map(Number) as [number, number];
  return { year: y, month: m };
}

/** The last month a period covers that has begun: its last month, or this month for one in progress. */
export function endMonth(key: string, now?: Date): string {
  const p = parsePeriod(key);
  const last = monthPeriod(p.year, p.lastMonth).key;
  const current = thisMonthKey(now);
  return last > current ? current : last;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026年11月` / `Nov 2026`, `2026年第4季度` / `Q4 2026`, `2026年下半年` / `H2 2026`, `2026年1—11月` / `Jan–Nov 2026`, `2026年` / `2026`. */
export function periodLabel(key: string, lang: 'zh' | 'en'): string {
  const p = parsePeriod(key);
  const zh = lang === 'zh';
  switch (p.grain) {
    case 'MONTH':
      return zh ? `${p.year}年${p.firstMonth}月` : `${MONTHS_EN[p.firstMonth - 1]} ${p.year}`;
    case 'QUARTER':
      return zh ? `${p.year}年第${p.lastMonth / 3}季度` : `Q${p.lastMonth / 3} ${p.year}`;
    case 'HALF':
      return zh ? `${p.year}年${p.firstMonth === 1 ? '上' : '下'}半年` : `H${p.lastMonth / 6} ${p.year}`;
    case 'YEAR':
      return zh ? `${p.year}年` : `${p.year}`;
    default:
      // A span of months (year or quarter to date): first and last month, or the month alone.
      if (p.firstMonth === p.lastMonth) return periodLabel(monthPeriod(p.year, p.lastMonth).key, lang);
      return zh ? `${p.year}年${p.firstMonth}—${p.lastMonth}月` : `${MONTHS_EN[p.firstMonth - 1]}–${MONTHS_EN[p.lastMonth - 1]} ${p.year}`;
  }
}

/** The period of another grain holding the same end month: switching 2026-11 to quarters gives 2026-Q4. */
export function switchGrain(key: string, grain: PickableGrain, now?: Date): string {
  const [y, m] = endMonth(key, now).split('-').map(Number) as [number, number];
  return containing(grain, y, m).key;
}

/**
 * The periods of a grain a picker offers, newest first: from the one holding `latest` back to the one
 * holding the data's first month (at most 36), plus `current` when it is older.
 */
export function periodChoices(
  grain: PickableGrain,
  latest: string,
  current: string,
  lang: 'zh' | 'en',
  range: { from: string } | null = null,
): { key: string; label: string }[] {
  const [y, m] = latest.split('-').map(Number) as [number, number];
  const last = containing(grain, y, m);
  const firstMonth = range?.from ?? monthsBefore(latest, 35);
  const [fy, fm] = firstMonth.split('-').map(Number) as [number, number];
  // A year to date runs to the same month each year; the others are every period of the grain between.
  const keys =
    grain === 'YTD'
      ? Array.from({ length: y - fy + 1 }, (_, i) => containing('YTD', y - i, i === 0 ? m : 12).key)
      : periodsBetween(grain, monthPeriod(fy, fm), last)
          .map((p) => p.key)
          .toReversed();
  const shown = keys.slice(0, 36);
  if (!shown.length) shown.push(last.key);
  if (parsePeriod(current).grain === grain && !shown.includes(current)) shown.push(current);
  return shown.map((key) => ({ key, label: periodLabel(key, lang) }));
}

export interface SeriesWindow {
  /** The grain the series is asked at (a year to date is drawn month by month). */
  grain: 'MONTH' | 'QUARTER' | 'HALF' | 'YEAR';
  /** The periods drawn, oldest first, ending with the one in view; and the same periods a year earlier. */
  recent: string[];
  earlier: string[];
  /** The series query's bounds. */
  from: string;
  to: string;
}

/** How many periods a trend shows at each grain: a year of months, two years of quarters and halves, five years. */
const LENGTH = { MONTH: 12, QUARTER: 8, HALF: 4, YEAR: 5 } as const;

/** The window a trend draws around the period in view, at the period's grain, against a year earlier. */
export function seriesWindow(key: string, now?: Date): SeriesWindow {
  const p = parsePeriod(key);
  const grain = p.grain === 'QUARTER' || p.grain === 'HALF' || p.grain === 'YEAR' ? p.grain : 'MONTH';
  const end = grain === 'MONTH' ? monthPeriod(...(endMonth(key, now).split('-').map(Number) as [number, number])) : p;
  const n = LENGTH[grain];
  const recent: Period[] = [end];
  while (recent.length < n) recent.unshift(previousPeriod(recent[0]!));
  // A year's line a year earlier is the same line moved by one: drawn once.
  const earlier = grain === 'YEAR' ? [] : recent.map(yearAgo);
  return {
    grain,
    recent: recent.map((r) => r.key),
    earlier: earlier.map((r) => r.key),
    from: (earlier[0] ?? recent[0]!).key,
    to: end.key,
  };
}
