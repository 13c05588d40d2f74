/**
 * The deck's slides as a view model: each chart slide's option (pure builders) and a one-line takeaway
 * computed from the same numbers. Pure: the board, the summary, a language, the page's words (`t`) and
 * the text colour in.
 */
import { INDICATORS } from '@party-hub/schema/indicators';
import type { EChartsCoreOption } from 'echarts/core';
import { formatChange, formatNumber, formatValue, indicatorName, type Lang } from '../../format.ts';
import type { Translate } from '../../i18n.ts';
import { buildBelowTargetOption, buildBranchesOption, buildHeadlineCompareOption, buildTrendOption, type CompareRow } from './options.ts';
import { KEY_RATES, type Below, type BranchAttention } from './summary.ts';

export interface SlideModel {
  key: string;
  title: string;
  subtitle?: string;
  /** Chart slides: the HubChart name and option; the summary has sentences instead. */
  chart?: string;
  option?: EChartsCoreOption;
  sentences?: string[];
  /** The attention list (what needs the committee first): the deck's first slide. */
  attention?: boolean;
  takeaway?: string;
  empty?: boolean;
}

/** What a slide needs besides its data. */
export interface SlideContext {
  lang: Lang;
  /** The page's words (keys under `meeting.`). */
  t: Translate;
  /** The page's text colour (value labels). */
  fg: string;
}

/** One indicator of the board, as far as the slides read it (the generated query type fits). */
export interface SlideValue {
  indicator: { id: string };
  value: number | null;
  target: { target: number | null };
  changeFromPrevious: number | null;
  changeFromYearAgo: number | null;
  previous: { value: number | null };
  yearAgo: { value: number | null };
}

export interface TrendPoint {
  period: string;
  value: number | null;
  target: { target: number | null };
}

/** The catalog's headline indicators measured in %: comparable on one 0–100 axis. */
export const COMPARE_IDS = INDICATORS.filter((d) => d.headline && d.unit === 'PERCENT').map((d) => d.id);

/** The words a value that is not there reads as (未填报), in the trend indicator's terms. */
const notReported = (id: string, lang: Lang) => formatValue(id, null, 'NOT_REPORTED', lang);

/** How many rates rose, fell (by at least 0.05) or held against last month. */
export function compareCounts(rows: CompareRow[]): { n: number; up: number; down: number; same: number } {
  const both = rows.filter((r) => r.value !== null && r.previous !== null).map((r) => r.value! - r.previous!);
  const up = both.filter((d) => d >= 0.05).length;
  const down = both.filter((d) => d <= -0.05).length;
  return { n: both.length, up, down, same: both.length - up - down };
}

/** Headline rates this month, last month and a year ago. */
export function compareSlide(byId: ReadonlyMap<string, SlideValue>, { lang, t, fg }: SlideContext): SlideModel {
  const rows: CompareRow[] = COMPARE_IDS.flatMap((id) => {
    const v = byId.get(id);
    return v ? [{ id, name: indicatorName(id, lang), value: v.value, previous: v.previous.value, yearAgo: v.yearAgo.value }] : [];
  });
  const counts = compareCounts(rows);
  const option = buildHeadlineCompareOption(rows, {
    thisMonth: t('meeting.thisMonth'),
    lastMonth: t('meeting.lastMonth'),
    yearAgo: t('meeting.yearAgo'),
    notReported: notReported(COMPARE_IDS[0] ?? '', lang),
    fg,
  });
  return {
    key: 'compare',
    chart: 'meeting-headline-compare',
    title: t('meeting.compareTitle'),
    subtitle: t('meeting.compareSub'),
    option,
    takeaway: counts.n ? t('meeting.takeaway.compare', counts) : t('meeting.takeaway.compareNone'),
    empty: rows.length === 0,
  };
}

/** The trend slide's takeaway: this month, its changes and the 12-month average. */
function trendTakeaway(id: string, v: SlideValue | undefined, current: TrendPoint[], { lang, t }: SlideContext): string {
  if (v?.value == null) return t('meeting.takeaway.trendNone');
  const fmt = (x: number) => formatValue(id, x, null, lang);
  const change = (c: number | null | undefined) => formatChange(id, c, lang) ?? notReported(id, lang);
  const known = current.map((p) => p.value).filter((x): x is number => x !== null);
  return t('meeting.takeaway.trend', {
    value: fmt(v.value),
    prev: change(v.changeFromPrevious),
    year: change(v.changeFromYearAgo),
    avg: fmt(known.reduce((a, b) => a + b, 0) / known.length),
  });
}

/** One indicator over the last 12 months against the same months a year earlier, with its target. */
export function trendSlide(
  id: string,
  v: SlideValue | undefined,
  trend: { current: TrendPoint[]; lastYear: TrendPoint[] },
  ctx: SlideContext,
): SlideModel {
  const { lang, t, fg } = ctx;
  const { current, lastYear } = trend;
  const option = buildTrendOption(
    {
      months: current.map((p) => p.period),
      current: current.map((p) => p.value),
      lastYear: lastYear.map((p) => p.value),
      lastYearMonths: lastYear.map((p) => p.period),
      target: current.at(-1)?.target.target ?? null,
    },
    {
      current: t('meeting.last12'),
      lastYear: t('meeting.lastYear'),
      target: t('meeting.target'),
      notReported: notReported(id, lang),
      format: (x) => formatValue(id, x, null, lang),
      short: (x) => formatNumber(id, x, lang),
      fg,
    },
  );
  return {
    key: 'trend',
    chart: 'meeting-integration-trend',
    title: t('meeting.trendTitle', { name: indicatorName(id, lang) }),
    option,
    takeaway: trendTakeaway(id, v, current, ctx),
    empty: current.length === 0,
  };
}

/** The indicators below target, furthest behind on top (those with a usable target). */
export function belowSlide(below: Below[], byId: ReadonlyMap<string, SlideValue>, { lang, t, fg }: SlideContext): SlideModel {
  const items = below.filter((b) => b.achievement !== null);
  const rows = items.map((b) => ({
    name: indicatorName(b.id, lang),
    status: b.status,
    achievement: b.achievement!,
    valueText: formatValue(b.id, byId.get(b.id)?.value, null, lang),
    targetText: formatValue(b.id, byId.get(b.id)?.target.target, null, lang),
  }));
  const worst = items[0];
  const takeaway = worst
    ? t('meeting.takeaway.below', {
        notMet: items.filter((b) => b.status === 'NOT_MET').length,
        warning: items.filter((b) => b.status === 'WARNING').length,
        name: indicatorName(worst.id, lang),
        pct: worst.achievement!.toFixed(1),
      })
    : t('meeting.takeaway.belowNone');
  return {
    key: 'below',
    chart: 'meeting-below-target',
    title: t('meeting.belowTitle'),
    subtitle: t('meeting.belowSub'),
    option: buildBelowTargetOption(rows, { achievement: t('meeting.achievement'), target: t('meeting.target'), fg }),
    takeaway,
    empty: rows.length === 0,
  };
}

/** The branches that missed a key rate, most misses on top. */
export function branchesSlide(list: BranchAttention[], { lang, t }: SlideContext): SlideModel {
  const indicators = KEY_RATES.map((id) => ({ id, name: indicatorName(id, lang) }));
  const max = list[0]?.notMet.length ?? 0;
  const most = list.filter((b) => b.notMet.length === max).length;
  return {
    key: 'branches',
    chart: 'meeting-branches',
    title: t('meeting.branchesTitle'),
    subtitle: t('meeting.branchesSub', { names: indicators.map((i) => i.name).join(lang === 'zh' ? '、' : ', ') }),
    option: buildBranchesOption(list, indicators, { count: t('meeting.notMetCount') }),
    takeaway: list.length
      ? t('meeting.takeaway.branches', { n: list.length, most, max, k: KEY_RATES.length })
      : t('meeting.takeaway.branchesNone'),
    empty: list.length === 0,
  };
}
