/**
 * The deck's slides as a view model: each chart slide's option (pure builders) and a one-line takeaway
 * computed from the same numbers. Pure: the board, the summary, a language, the page's words (`t`) and
 * the text colour in.
 */
import { INDICATORS } from '@party-hub/schema/indicators';
import type { EChartsCoreOption } from 'echarts/core';
import { formatChange, formatNumber, formatValue, indicatorName, type Lang } from '../../format.ts';
import type { Translate } from '../../i18n.ts';
import {
  BRANCH_ROWS,
  buildBelowTargetOption,
  buildBranchesOption,
  buildHeadlineCompareOption,
  buildTrendOption,
  type CompareRow,
} from './options.ts';
import { KEY_RATES, type Below, type BranchAttention } from './summary.ts';

export interface SlideModel {
  key: string;
  title: string;
  subtitle?: string;
  /** Chart slides: whose and which month (`院党委 · 2026年11月`), so a printed page or a photo of the screen says so. */
  scope?: string;
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
  /** The organisation and the month, as every chart slide names them: `院党委 · 2026年11月`. */
  scope: string;
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
export function compareSlide(byId: ReadonlyMap<string, SlideValue>, { lang, t, fg, scope }: SlideContext): SlideModel {
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
    scope,
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
    scope: ctx.scope,
    title: t('meeting.trendTitle', { name: indicatorName(id, lang) }),
    option,
    takeaway: trendTakeaway(id, v, current, ctx),
    empty: current.length === 0,
  };
}

/** The indicators below target, furthest behind on top (those with a usable target; the takeaway says how many are not drawn). */
export function belowSlide(below: Below[], byId: ReadonlyMap<string, SlideValue>, { lang, t, fg, scope }: SlideContext): SlideModel {
  const items = below.filter((b) => b.achievement !== null);
  const rows = items.map((b) => ({
    name: indicatorName(b.id, lang),
    status: b.status,
    achievement: b.achievement!,
    valueText: formatValue(b.id, byId.get(b.id)?.value, null, lang),
    targetText: formatValue(b.id, byId.get(b.id)?.target.target, null, lang),
  }));
  const worst = items[0];
  const notDrawn = below.length - items.length;
  const takeaway = worst
    ? t('meeting.takeaway.below', {
        notMet: items.filter((b) => b.status === 'NOT_MET').length,
        warning: items.filter((b) => b.status === 'WARNING').length,
        name: indicatorName(worst.id, lang),
        pct: worst.achievement!.toFixed(1),
      })
    : below.length
      ? ''
      : t('meeting.takeaway.belowNone');
  return {
    key: 'below',
    chart: 'meeting-below-target',
    title: t('meeting.belowTitle'),
    subtitle: t('meeting.belowSub'),
    scope,
    option: buildBelowTargetOption(rows, { achievement: t('meeting.achievement'), target: t('meeting.target'), fg }),
    takeaway: notDrawn > 0 ? `${takeaway}${t('meeting.takeaway.notDrawn', { k: notDrawn })}`.trim() : takeaway,
    empty: rows.length === 0,
  };
}

/** The branches that missed a key rate, most misses on top: at most BRANCH_ROWS drawn, and the takeaway says so. */
export function branchesSlide(list: BranchAttention[], { lang, t, scope }: SlideContext): SlideModel {
  const indicators = KEY_RATES.map((id) => ({ id, name: indicatorName(id, lang) }));
  const max = list[0]?.notMet.length ?? 0;
  const most = list.filter((b) => b.notMet.length === max).length;
  const shown = Math.min(list.length, BRANCH_ROWS);
  return {
    key: 'branches',
    chart: 'meeting-branches',
    title: t('meeting.branchesTitle'),
    subtitle: t('meeting.branchesSub', { names: indicators.map((i) => i.name).join(lang === 'zh' ? '、' : ', ') }),
    scope,
    option: buildBranchesOption(list, indicators, { count: t('meeting.notMetCount') }, BRANCH_ROWS),
    takeaway: list.length
      ? t('meeting.takeaway.branches', {
          n: list.length,
          shown: shown < list.length ? t('meeting.takeaway.shown', { shown, n: list.length }) : '',
          most,
          max,
          k: KEY_RATES.length,
        })
      : t('meeting.takeaway.branchesNone'),
    empty: list.length === 0,
  };
}
