/**
 * How long people spent in each development stage: the months from one recorded event to the next,
 * per stage as P25 / median / P75 against the catalog's minimums (whole calendar months from the
 * dates as written, no Date, no time zone).
 *
 * `loadStageDurations` is the one place the page gets these numbers. Today it pages through every
 * timed development event under the organisation (DevelopmentEvents.graphql) and summarises them here,
 * in the browser. When the hub serves `developmentTransitionsAggregate` (one row per person per stage
 * transition, grouped by fromStage / toStage, measuring percentiles of `months`), only that function
 * changes: one aggregate request mapped onto `STAGE_SPANS`, the same `SpanStats[]` out.
 */
import { DevelopmentEventsDocument, type DevelopmentEventsQuery, type DevelopmentStage } from '@party-hub/schema/client';
import { STAGE_MINIMUM_MONTHS } from '@party-hub/schema/indicators';
import { request } from '../../api/client.ts';

/** The stages timed, from one event to the next, with the catalog's minimums (the others have none). */
export const STAGE_SPANS = [
  { key: 'applicant', from: 'APPLICATION_SUBMITTED', to: 'ACTIVIST_CONFIRMED', minMonths: null },
  { key: 'activist', from: 'ACTIVIST_CONFIRMED', to: 'TARGET_CONFIRMED', minMonths: STAGE_MINIMUM_MONTHS.ACTIVIST_TRAINING },
  { key: 'target', from: 'TARGET_CONFIRMED', to: 'BRANCH_VOTE_ADMIT', minMonths: null },
  { key: 'probation', from: 'BRANCH_VOTE_ADMIT', to: 'BRANCH_VOTE_CONVERT', minMonths: STAGE_MINIMUM_MONTHS.PROBATION },
] as const satisfies readonly { key: string; from: DevelopmentStage; to: DevelopmentStage; minMonths: number | null }[];
export type SpanKey = (typeof STAGE_SPANS)[number]['key'];
export const TIMED_STAGES: DevelopmentStage[] = [...new Set(STAGE_SPANS.flatMap((s) => [s.from, s.to]))];

/** What the stage-time chart draws for one stage. */
export interface SpanStats {
  key: SpanKey;
  minMonths: number | null;
  /** People timed (they reached both ends of the stage). */
  n: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
  /** People who moved on before the minimum. */
  belowMinimum: number;
}

export interface TimedEvent {
  member: string;
  stage: DevelopmentStage;
  eventDate: string;
}

/** Whole calendar months from one `YYYY-MM-DD` to another: 2024-03-15 → 2025-03-14 is 11, → 2025-03-15 is 12. */
export function completedMonths(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

/** Continuous percentile (as PostgreSQL's percentile_cont) of sorted numbers. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Per person, the first date of each stage. */
function firstDates(events: TimedEvent[]): Map<string, Map<DevelopmentStage, string>> {
  const first = new Map<string, Map<DevelopmentStage, string>>();
  for (const e of events) {
    const p = first.get(e.member) ?? new Map<DevelopmentStage, string>();
    const d = p.get(e.stage);
    if (!d || e.eventDate < d) p.set(e.stage, e.eventDate);
    first.set(e.member, p);
  }
  return first;
}

/** One stage's quartiles from the months people spent in it (sorted ascending). */
function spanStats(span: (typeof STAGE_SPANS)[number], months: number[]): SpanStats {
  return {
    key: span.key,
    minMonths: span.minMonths,
    n: months.length,
    p25: percentile(months, 0.25),
    median: percentile(months, 0.5),
    p75: percentile(months, 0.75),
    belowMinimum: span.minMonths === null ? 0 : months.filter((m) => m < span.minMonths).length,
  };
}

/** Per person the first date of each stage; per stage the months between them, for people who reached both. */
export function stageDurations(events: TimedEvent[]): SpanStats[] {
  const people = [...firstDates(events).values()];
  return STAGE_SPANS.map((s) => {
    const months: number[] = [];
    for (const p of people) {
      const a = p.get(s.from);
      const b = p.get(s.to);
      if (a && b && b >= a) months.push(completedMonths(a, b));
    }
    return spanStats(
      s,
      months.toSorted((x, y) => x - y),
    );
  });
}

/** Every timed event under the organisation, page by page through the cursors. */
async function timedEvents(orgId: string, signal: AbortSignal): Promise<TimedEvent[]> {
  const all: TimedEvent[] = [];
  let after: string | null = null;
  do {
    const page: DevelopmentEventsQuery = await request(DevelopmentEventsDocument, { orgId, stages: TIMED_STAGES, after }, signal);
    const conn = page.developmentEvents;
    for (const e of conn.nodes) all.push({ member: e.member.id, stage: e.stage, eventDate: e.eventDate });
    after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
  } while (after);
  return all;
}

/** A loader for `useQuery`: the stage-time chart's numbers for an organisation (see the note above). */
export async function loadStageDurations(v: { orgId: string }, signal: AbortSignal): Promise<SpanStats[]> {
  return stageDurations(await timedEvents(v.orgId, signal));
}
