/**
 * Judged at the grain: how a value asked for one period is judged against its indicator's grain. A
 * quarterly duty asked for November is its quarter to date (October–November), in progress until the
 * quarter has ended; a yearly one is its year to date. Never "not met" before the grain's last day. The
 * board, the integration index, the meeting summary and the org-life page all read this one judgement.
 *
 * The rules (the grain and the deadline of each duty) come from the catalog's sources: the branch rules
 * (《中国共产党支部工作条例（试行）》第十八、十九条) give the cadence of 三会一课 and 主题党日 — 支委会 and 党小组会
 * monthly, 党员大会 and 党课 quarterly — and 组织生活会 / 民主评议 yearly; none gives a deadline other than
 * the end of its period, so the deadline of every duty here is the last day of its grain.
 */
import type { Indicator, Text } from './catalog.ts';
import { month, previousPeriod, quarter, quarterToDate, year, yearToDate, type Grain, type Period } from './period.ts';

export const GRAIN_MONTHS: Record<Grain, number> = { MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12, YTD: 12, QTD: 3 };

const monthsIn = (p: Period) => p.lastMonth - p.firstMonth + 1;

/**
 * The span a value asked for `asked` is measured over: the period itself when it is at least the
 * indicator's grain, else the grain to date at the period's last month (November → 2026-QTD11 for a
 * quarterly indicator, 2026-YTD11 for a yearly one).
 */
export function judgedPeriod(grain: Grain, asked: Period): Period {
  if (grain === 'MONTH' || monthsIn(asked) >= GRAIN_MONTHS[grain]) return asked;
  // Each span made once (a month view asks thousands of times for a few dozen); periods are never changed.
  const key = `${grain}|${asked.key}`;
  let judged = SPANS.get(key);
  if (!judged) {
    if (SPANS.size >= 10_000) SPANS.clear();
    judged = asWhole(
      grain === 'QUARTER' || grain === 'QTD' ? quarterToDate(asked.year, asked.lastMonth) : yearToDate(asked.year, asked.lastMonth),
    );
    SPANS.set(key, judged);
  }
  return judged;
}

const SPANS = new Map<string, Period>();

/** Whether a span reaches the end of its indicator's grain (the quarter's third month, December). */
function reachesGrainEnd(grain: Grain, p: Period): boolean {
  return grain === 'MONTH' || p.lastMonth % GRAIN_MONTHS[grain] === 0;
}

/** The first day of the current month, `YYYY-MM-01`. */
// Written out, not through month(), and kept for the last month asked (the engine asks it for every value
// it judges, a month view some hundreds, nearly always for the same month).
export function monthStart(now: { year: number; month: number }): string {
  if (now.year !== last.year || now.month !== last.month)
    last = { year: now.year, month: now.month, start: `${now.year}-${String(now.month).padStart(2, '0')}-01` };
  return last.start;
}
let last = { year: 0, month: 0, start: '' };

/**
 * Whether a judged span is final: it reaches the end of its grain and that day has passed (the current
 * month is never complete: on 2 December, December is in progress).
 */
export function isComplete(grain: Grain, judged: Period, now: { year: number; month: number }): boolean {
  return reachesGrainEnd(grain, judged) && judged.end < monthStart(now);
}

/** The period of the indicator's grain holding a month. */
function grainPeriod(grain: Grain, y: number, m: number): Period {
  if (grain === 'MONTH') return month(y, m);
  if (grain === 'QUARTER' || grain === 'QTD') return quarterToDate(y, m + 2 - ((m - 1) % 3));
  return yearToDate(y, 12);
}

/**
 * The last complete period of the indicator's grain at a judged span: the span itself when it is
 * complete, else the grain period before the one it is in (November's quarterly duty → Q3; the current
 * month → last month). Returned as a period the engine can ask for (a whole quarter, a whole year).
 */
export function lastCompletePeriod(grain: Grain, judged: Period, now: { year: number; month: number }): Period {
  if (isComplete(grain, judged, now)) return asWhole(judged);
  const holding = grainPeriod(grain, judged.year, judged.lastMonth);
  const before = previousPeriod(holding);
  return grain === 'MONTH' ? before : asWhole(before);
}

/** A QTD of three months is its quarter, a YTD of twelve its year (the keys a reader expects). */
function asWhole(p: Period): Period {
  if (p.grain === 'QTD' && monthsIn(p) === 3) return quarter(p.year, p.lastMonth / 3);
  if (p.grain === 'YTD' && monthsIn(p) === 12) return year(p.year);
  return p;
}

/**
 * How an in-progress value is said to be on pace, per indicator:
 * - PRORATED: a count of events; on pace when the grain to date reaches the target pro-rated to its months
 *   (two months of a quarterly target of 3 meetings: 2).
 * - TO_DATE: a rate over events or a state at the period's end; the figure so far is the pace.
 * - null: a duty done at least once within the grain (a branch's quarterly general meeting, the yearly
 *   democratic review): holding it in the grain's last month is on time, so there is no pace before the
 *   deadline; and context-only indicators, which have no target.
 */
export type PaceRule = 'PRORATED' | 'TO_DATE' | null;

/** The pace rules in words (the GraphQL enum IndicatorPace). */
export const PACES: Record<Exclude<PaceRule, null>, Text> = {
  PRORATED: { zh: '按已过月数折算目标（计数类）', en: 'Target pro-rated to the months gone (counts)' },
  TO_DATE: { zh: '累计值即进度（比率、期末状态）', en: 'The figure so far is the pace (rates, states at period end)' },
};

export function paceRule(d: Indicator): PaceRule {
  if (d.direction === 'CONTEXT') return null;
  if (d.rollup === 'ANY_IN_PERIOD' || d.rollup === 'DISTINCT_IN_PERIOD') return null;
  if (d.rollup === 'EVENTS' && d.denominator == null) return 'PRORATED';
  return 'TO_DATE';
}

const GRAIN_WORDS: Record<'MONTH' | 'QUARTER' | 'YEAR', Text> = {
  MONTH: { zh: '月', en: 'month' },
  QUARTER: { zh: '季度', en: 'quarter' },
  YEAR: { zh: '年度', en: 'year' },
};

const PACE_WORDS: Record<Exclude<PaceRule, null> | 'NONE', Text> = {
  PRORATED: { zh: '按已过月数折算目标判断是否达到进度', en: 'on pace when it reaches the target pro-rated to the months gone' },
  TO_DATE: { zh: '以累计值对照目标判断是否达到进度', en: 'on pace when the figure so far meets the target' },
  NONE: { zh: '期内完成即可，截止前不判断进度', en: 'done once within it is on time, so no pace before the deadline' },
};

/** The rule an indicator is judged by, in words (the catalog's and the SDL's statement of it). */
export function judgementOf(d: Indicator): Text {
  const g = GRAIN_WORDS[d.grain];
  const pace = PACE_WORDS[paceRule(d) ?? 'NONE'];
  if (d.direction === 'CONTEXT') {
    return {
      zh: `按${g.zh}统计，仅供参考（无目标）；${g.zh}内各月显示${g.zh}初至今的累计`,
      en: `counted per ${g.en}, context only (no target); a month inside a ${g.en} shows the ${g.en} to date`,
    };
  }
  if (d.grain === 'MONTH') {
    return {
      zh: `按月考核，截止月末；当月未结束时为“进行中”，${pace.zh}`,
      en: `judged per month, due by its last day; the current month is “in progress”, ${pace.en}`,
    };
  }
  return {
    zh: `按${g.zh}考核，截止${g.zh}末；${g.zh}内各月显示${g.zh}初至今的累计，状态为“进行中”（从不在${g.zh}结束前判为未达标），${pace.zh}；环比、同比均为同口径的${g.zh}累计`,
    en: `judged per ${g.en}, due by its last day; a month inside a ${g.en} shows the ${g.en} to date as “in progress” (never “not met” before the ${g.en} ends), ${pace.en}; comparisons are with the same span of the previous ${g.en} and of a year earlier`,
  };
}
