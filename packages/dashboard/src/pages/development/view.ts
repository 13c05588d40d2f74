/**
 * The development page's view model: which figures head the page, the two new-member share series, and
 * the minimum rules the stage-time subtitle names. Pure: data, language and words in.
 */
import { indicatorName, type Lang } from '../../format.ts';
import { minimumsOf, type SharePoint } from './options.ts';
import type { SpanKey, SpanStats } from './stageDurations.ts';

/** The figures above the charts, in this order. */
export const KPI_IDS = [
  'new_probationary_count',
  'activist_count',
  'development_target_count',
  'development_timeline_compliance',
  'on_time_conversion_rate',
];
/** The new members' groups drawn month by month against their targets. */
export const SHARE_IDS = ['high_knowledge_share_new', 'frontline_share_new'];

interface SeriesIn {
  indicator: { id: string };
  points: { period: string; value: number | null; target: { target: number | null } }[];
}

/** One named series per share indicator, in SHARE_IDS order (an indicator the board lacks: no points). */
export function shareSeries(series: readonly SeriesIn[], lang: Lang): { name: string; points: SharePoint[] }[] {
  return SHARE_IDS.map((id) => ({
    name: indicatorName(id, lang),
    points:
      series.find((s) => s.indicator.id === id)?.points.map((p) => ({ period: p.period, value: p.value, target: p.target.target })) ?? [],
  }));
}

/** The subtitle's rules, one per distinct minimum: `积极分子培养期、预备期不少于 12 个月`. */
export function minimumRules(
  stats: SpanStats[],
  stage: (k: SpanKey) => string,
  rule: (months: number, stages: string) => string,
  lang: Lang,
): string {
  const [listSep, ruleSep] = lang === 'zh' ? ['、', '；'] : [', ', '; '];
  return minimumsOf(stats, stage)
    .map(([m, names]) => rule(m, names.join(listSep)))
    .join(ruleSep);
}
