/**
 * The satisfaction page's view model: the month's cards (with the latest reported value when a month
 * has none), the department rows of the ranking, and the score distribution per survey, with the
 * variables that ask for it. Pure: data, language and words in.
 */
import type {
  IndicatorBreakdownQuery,
  SatisfactionDistributionQuery,
  SatisfactionDistributionQueryVariables,
  SurveyKind,
  SurveyResponseFilter,
  SurveyScale,
  SurveySource,
} from '@party-hub/schema/client';
import { parsePeriod } from '@party-hub/schema/indicators';
import { kpiCardModel, type KpiCardModel, type KpiValue, type KpiWords } from '../../components/common/kpi.ts';
import { formatValue, type Lang } from '../../format.ts';
import { SCORE_BANDS, type RankRow, type SurveyCounts } from './options.ts';

/** The distribution's filters: every response of the kind in the period, then the same in each score band. */
export function distributionVariables(orgId: string, kind: SurveyKind, period: string): SatisfactionDistributionQueryVariables {
  const p = parsePeriod(period);
  const all: SurveyResponseFilter = { orgId, survey: { kind: { eq: kind } }, respondedOn: { gte: p.start, lte: p.end } };
  const [b0, b1, b2, b3, b4, b5, b6] = SCORE_BANDS.map((b): SurveyResponseFilter => ({ ...all, overallScore: { ...b.filter } }));
  return { all, b0: b0, b1: b1, b2: b2, b3: b3, b4: b4, b5: b5, b6: b6 };
}

/** The last reported point of a series (for a card whose month has no value). */
export function latestReported<P extends { period: string; value: number | null }>(points: readonly P[]): P | null {
  return points.findLast((p) => p.value !== null) ?? null;
}

export interface SatisfactionWords extends KpiWords {
  /** `最近一次：2026-09 81.4%`. */
  latest: (period: string, value: string) => string;
}

/** One card per indicator of the month; one not reported says when it last was, and what. */
export function satisfactionCards(
  values: readonly KpiValue[],
  series: readonly { indicator: { id: string }; points: { period: string; value: number | null }[] }[],
  lang: Lang,
  words: SatisfactionWords,
): KpiCardModel[] {
  return values.map((v) => {
    const id = v.indicator.id;
    const last = v.value === null ? latestReported(series.find((s) => s.indicator.id === id)?.points ?? []) : null;
    return { ...kpiCardModel(v, lang, words), note: last && words.latest(last.period, formatValue(id, last.value, null, lang)) };
  });
}

/** The ranking's rows: each department's value and status, and how many responses it rests on. */
export function departmentRows(rows: NonNullable<IndicatorBreakdownQuery['indicatorBreakdown']>['rows']): RankRow[] {
  return rows.map((r) => ({ name: r.department?.name ?? '', value: r.point.value, status: r.point.status, count: r.point.denominator }));
}

export interface SurveyWords {
  /** A survey's name in the legend: `院内调查 · 满意率制`. */
  name: (source: SurveySource, scale: SurveyScale) => string;
  /** Its scale in the subtitle: `院内调查为满意率制，≥90 分计满意`. */
  note: (source: SurveySource, scale: SurveyScale, satisfiedFrom: number) => string;
}

/**
 * The distribution per survey (Likert surveys left out: their 1–5 scores have no 0–100 bands): its
 * responses in each band, in SCORE_BANDS order, and its total.
 */
export function surveyDistributions(d: SatisfactionDistributionQuery, words: SurveyWords): (SurveyCounts & { note: string })[] {
  const bands = [d.b0, d.b1, d.b2, d.b3, d.b4, d.b5, d.b6];
  return (d.surveys?.groups ?? []).flatMap((g) => {
    const s = g.keys.survey;
    if (!s || s.scale === 'LIKERT_5') return [];
    return [
      {
        id: s.id,
        name: words.name(s.source, s.scale),
        note: words.note(s.source, s.scale, Number(s.satisfiedFrom)),
        total: g.count,
        counts: bands.map((b) => b?.groups.find((x) => x.keys.survey?.id === s.id)?.count ?? 0),
      },
    ];
  });
}
