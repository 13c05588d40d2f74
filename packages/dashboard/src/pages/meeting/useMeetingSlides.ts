/**
 * The deck's contents from the data: what needs attention (the overview's list), the written summary, then one
 * slide per key chart (slides.ts),
 * in the page's language and with value labels in the page's own text colour.
 */
import { computed, inject, ref, shallowRef, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Lang } from '../../format.ts';
import { THEME } from '../../state/ui.ts';
import { belowSlide, branchesSlide, compareSlide, trendSlide, type SlideContext, type SlideModel } from './slides.ts';
import { summarise, type BoardValue } from './summary.ts';
import { periodWords } from './periodWords.ts';
import { TREND_ID, type useMeetingData } from './useMeetingData.ts';

/** The page's text colour, read again after every theme switch (the charts' value labels use it). */
function useTextColour(): Ref<string> {
  const themeName = inject(THEME, ref('light'));
  const fg = shallowRef('#1f2328');
  watch(themeName, () => (fg.value = getComputedStyle(document.documentElement).getPropertyValue('--fg').trim() || fg.value), {
    immediate: true,
    flush: 'post',
  });
  return fg;
}

/**
 * The slides: `heading` titles the opening slides, `scope` (`院党委 · 2026年11月`) heads every chart slide.
 */
export function useMeetingSlides(
  data: ReturnType<typeof useMeetingData>,
  lang: Ref<Lang>,
  heading: Ref<string>,
  scope: Ref<string>,
  period: Ref<string>,
) {
  const i18n = useI18n();
  // Every word of the deck as the period's grain says it (本期 for a quarter): periodWords.ts.
  const say = (s: string) => periodWords(s, period.value, lang.value);
  const t = ((key: string, vars?: Record<string, unknown>) => say(vars ? i18n.t(key, vars) : i18n.t(key))) as typeof i18n.t;
  const fg = useTextColour();
  const summary = computed(() => summarise(data.values.value as BoardValue[], data.breakdowns.value ?? [], lang.value));
  const byId = computed(() => new Map(data.values.value.map((v) => [v.indicator.id, v])));
  const ctx = computed((): SlideContext => ({ lang: lang.value, t, fg: fg.value, scope: scope.value }));
  const opening = computed((): SlideModel => ({
    key: 'summary',
    title: heading.value,
    subtitle: t('meeting.summaryTitle'),
    sentences: data.board.data.value && data.breakdowns.value ? summary.value.sentences.map(say) : [t('state.loading')],
  }));
  const first = computed((): SlideModel => ({
    key: 'attention',
    title: heading.value,
    subtitle: t('attention.title'),
    attention: true,
  }));
  const slides = computed((): SlideModel[] => [
    first.value,
    opening.value,
    compareSlide(byId.value, ctx.value),
    trendSlide(TREND_ID, byId.value.get(TREND_ID), data.trend.value, ctx.value),
    belowSlide(summary.value.below, byId.value, ctx.value),
    branchesSlide(summary.value.branches, ctx.value),
  ]);
  return { slides, summary };
}
