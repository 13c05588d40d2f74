/**
 * The deck's contents from the data: the written summary, then one slide per key chart, each with its
 * option (pure builders) and a one-line takeaway computed from the same numbers.
 */
import { INDICATORS } from '@party-hub/schema/indicators';
import type { EChartsCoreOption } from 'echarts/core';
import { computed, inject, ref, shallowRef, watch, type Ref } from 'vue';
import { THEME } from '../../state/ui.ts';
import { useI18n } from 'vue-i18n';
import { formatChange, formatNumber, formatValue, indicatorName, type Lang } from '../../format.ts';
import { buildBelowTargetOption, buildBranchesOption, buildHeadlineCompareOption, buildTrendOption } from './options.ts';
import { KEY_RATES, summarise, type BoardValue, type Breakdown } from './summary.ts';
import { TREND_ID, type useMeetingData } from './useMeetingData.ts';

export interface SlideModel {
  key: string;
  title: string;
  subtitle?: string;
  /** Chart slides: the HubChart name and option; the summary has sentences instead. */
  chart?: string;
  option?: EChartsCoreOption;
  sentences?: string[];
  takeaway?: string;
  empty?: boolean;
}

/** The catalog's headline indicators measured in %: comparable on one 0–100 axis. */
export const COMPARE_IDS = INDICATORS.filter((d) => d.headline && d.unit === 'PERCENT').map((d) => d.id);

export function useMeetingSlides(data: ReturnType<typeof useMeetingData>, lang: Ref<Lang>, heading: Ref<string>) {
  const { t } = useI18n();
  // Value labels in the page's own text colour (read after the theme has switched).
  const themeName = inject(THEME, ref('light'));
  const fg = shallowRef('#1f2328');
  watch(themeName, () => (fg.value = getComputedStyle(document.documentElement).getPropertyValue('--fg').trim() || fg.value), {
    immediate: true,
    flush: 'post',
  });
  const nr = () => formatValue(TREND_ID, null, 'NOT_REPORTED', lang.value);
  const board = computed(() => data.values.value as BoardValue[]);
  const summary = computed(() => summarise(board.value, data.breakdowns.value ?? [], lang.value));
  const byId = computed(() => new Map(data.values.value.map((v) => [v.indicator.id, v])));

  const compare = computed((): SlideModel => {
    const rows = COMPARE_IDS.map((id) => ({ id, v: byId.value.get(id) }))
      .filter((r) => r.v)
      .map(({ id, v }) => ({
        id,
        name: indicatorName(id, lang.value),
        value: v!.value,
        previous: v!.previous.value,
        yearAgo: v!.yearAgo.value,
      }));
    const both = rows.filter((r) => r.value !== null && r.previous !== null).map((r) => r.value! - r.previous!);
    const [up, down] = [both.filter((d) => d >= 0.05).length, both.filter((d) => d <= -0.05).length];
    const option = buildHeadlineCompareOption(rows, {
      thisMonth: t('meeting.thisMonth'),
      lastMonth: t('meeting.lastMonth'),
      yearAgo: t('meeting.yearAgo'),
      notReported: nr(),
      fg: fg.value,
    });
    const takeaway = both.length
      ? t('meeting.takeaway.compare', { n: both.length, up, down, same: both.length - up - down })
      : t('meeting.takeaway.compareNone');
    return {
      key: 'compare',
      chart: 'meeting-headline-compare',
      title: t('meeting.compareTitle'),
      subtitle: t('meeting.compareSub'),
      option,
      takeaway,
      empty: rows.length === 0,
    };
  });

  const trend = computed((): SlideModel => {
    const { current, lastYear } = data.trend.value;
    const v = byId.value.get(TREND_ID);
    const fmt = (x: number) => formatValue(TREND_ID, x, null, lang.value);
    const target = current.at(-1)?.target.target ?? null;
    const option = buildTrendOption(
      {
        months: current.map((p) => p.period),
        current: current.map((p) => p.value),
        lastYear: lastYear.map((p) => p.value),
        lastYearMonths: lastYear.map((p) => p.period),
        target,
      },
      {
        current: t('meeting.last12'),
        lastYear: t('meeting.lastYear'),
        target: t('meeting.target'),
        notReported: nr(),
        format: fmt,
        short: (x: number) => formatNumber(TREND_ID, x, lang.value),
        fg: fg.value,
      },
    );
    const known = current.map((p) => p.value).filter((x): x is number => x !== null);
    const change = (c: number | null | undefined) => formatChange(TREND_ID, c, lang.value) ?? nr();
    const takeaway =
      v?.value == null
        ? t('meeting.takeaway.trendNone')
        : t('meeting.takeaway.trend', {
            value: fmt(v.value),
            prev: change(v.changeFromPrevious),
            year: change(v.changeFromYearAgo),
            avg: fmt(known.reduce((a, b) => a + b, 0) / known.length),
          });
    return {
      key: 'trend',
      chart: 'meeting-integration-trend',
      title: t('meeting.trendTitle', { name: indicatorName(TREND_ID, lang.value) }),
      option,
      takeaway,
      empty: current.length === 0,
    };
  });

  const below = computed((): SlideModel => {
    const items = summary.value.below.filter((b) => b.achievement !== null);
    const rows = items.map((b) => ({
      name: indicatorName(b.id, lang.value),
      status: b.status,
      achievement: b.achievement!,
      valueText: formatValue(b.id, byId.value.get(b.id)?.value, null, lang.value),
      targetText: formatValue(b.id, byId.value.get(b.id)?.target.target, null, lang.value),
    }));
    const worst = items[0];
    const takeaway = worst
      ? t('meeting.takeaway.below', {
          notMet: items.filter((b) => b.status === 'NOT_MET').length,
          warning: items.filter((b) => b.status === 'WARNING').length,
          name: indicatorName(worst.id, lang.value),
          pct: worst.achievement!.toFixed(1),
        })
      : t('meeting.takeaway.belowNone');
    return {
      key: 'below',
      chart: 'meeting-below-target',
      title: t('meeting.belowTitle'),
      subtitle: t('meeting.belowSub'),
      option: buildBelowTargetOption(rows, { achievement: t('meeting.achievement'), target: t('meeting.target'), fg: fg.value }),
      takeaway,
      empty: rows.length === 0,
    };
  });

  const branches = computed((): SlideModel => {
    const list = summary.value.branches;
    const indicators = KEY_RATES.map((id) => ({ id, name: indicatorName(id, lang.value) }));
    const max = list[0]?.notMet.length ?? 0;
    const most = list.filter((b) => b.notMet.length === max).length;
    const takeaway = list.length
      ? t('meeting.takeaway.branches', { n: list.length, most, max, k: KEY_RATES.length })
      : t('meeting.takeaway.branchesNone');
    const subtitle = t('meeting.branchesSub', { names: indicators.map((i) => i.name).join(lang.value === 'zh' ? '、' : ', ') });
    return {
      key: 'branches',
      chart: 'meeting-branches',
      title: t('meeting.branchesTitle'),
      subtitle,
      option: buildBranchesOption(list, indicators, { count: t('meeting.notMetCount') }),
      takeaway,
      empty: list.length === 0,
    };
  });

  const slides = computed((): SlideModel[] => [
    {
      key: 'summary',
      title: heading.value,
      subtitle: t('meeting.summaryTitle'),
      sentences: data.board.data.value && data.breakdowns.value ? summary.value.sentences : [t('state.loading')],
    },
    compare.value,
    trend.value,
    below.value,
    branches.value,
  ]);
  return { slides, summary };
}

export type { Breakdown };
