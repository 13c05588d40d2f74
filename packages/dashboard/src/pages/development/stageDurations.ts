/**
 * How long people spent in each stretch of the development procedure: whole calendar months from the
 * first date of one step to the first date of the next, per stretch as P25 / median / P75 against the
 * rules' minimums. The hub measures them (DevelopmentSpan, one aggregate request); this module only
 * turns the answer into what the chart draws, in the catalog's order.
 */
import { StageDurationsDocument, type DevelopmentSpanKind, type StageDurationsQuery } from '@party-hub/schema/client';
import { DEVELOPMENT_SPANS } from '@party-hub/schema/indicators';
import { request } from '../../api/client.ts';

export type SpanKey = DevelopmentSpanKind;

/** What the stage-time chart draws for one stage. */
export interface SpanStats {
  key: SpanKey;
  minMonths: number | null;
  /** People timed (they reached both ends of the stretch); null: withheld (too few people, for an analyst). */
  n: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  /** People who moved on before the minimum; null: withheld with the group. */
  belowMinimum: number | null;
}

type Group = NonNullable<StageDurationsQuery['developmentSpansAggregate']>['groups'][number];

/** The chart's numbers from the hub's groups, in the catalog's order; a stretch nobody has finished yet is an empty column. */
export function stageDurations(groups: readonly Group[]): SpanStats[] {
  return DEVELOPMENT_SPANS.map(({ span: key, minimumMonths }) => {
    const g = groups.find((x) => x.keys.span === key);
    return {
      key,
      minMonths: minimumMonths,
      // No group: nobody finished the stretch (0); a withheld group's count and measures are null, never 0.
      n: g ? g.count : 0,
      p25: g?.p25 ?? null,
      median: g?.median ?? null,
      p75: g?.p75 ?? null,
      belowMinimum: !g ? 0 : g.count === null ? null : g.belowMinimumRate === null ? 0 : Math.round((g.belowMinimumRate * g.count) / 100),
    };
  });
}

/** A loader for `useQuery`: the stage-time chart's numbers for an organisation. */
export async function loadStageDurations(v: { orgId: string }, signal: AbortSignal): Promise<SpanStats[]> {
  const data = await request(StageDurationsDocument, { orgId: v.orgId }, signal);
  return stageDurations(data.developmentSpansAggregate?.groups ?? []);
}
