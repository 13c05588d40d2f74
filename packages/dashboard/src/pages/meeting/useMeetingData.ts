/**
 * The meeting's data: the whole board for the month (live: reloads when the hub reports a change), the
 * integration index over 24 months (this year's 12 and the same months a year earlier), and the key
 * rates broken down to branches (a 党总支 row is opened into its 党支部).
 */
import { IndicatorBoardDocument, type IndicatorBreakdownQuery } from '@party-hub/schema/client';
import { loadBreakdowns as loadMany } from '../../api/breakdowns.ts';
import { computed, type Ref } from 'vue';
import { pushedBoard } from '../../api/board.ts';
import { useQuery } from '../../api/useQuery.ts';
import { BRANCH_KINDS } from '../../state/orgs.ts';
import { monthsBefore } from '../../state/url.ts';
import { KEY_RATES, type Breakdown } from './summary.ts';

export const TREND_ID = 'integration_index';
type Row = NonNullable<IndicatorBreakdownQuery['indicatorBreakdown']>['rows'][number];

/**
 * Each key rate per branch under `orgId`: child rows that have children are replaced by theirs. Two requests:
 * the key rates one level down, then every child with children opened for every rate at once.
 */
export async function loadBreakdowns(
  orgId: string,
  period: string,
  hasChildren: (id: string) => boolean,
  signal?: AbortSignal,
): Promise<Breakdown[]> {
  const top = await loadMany(
    KEY_RATES.map((id) => ({ id, orgId })),
    period,
    'CHILD_ORGANIZATION',
    signal,
  );
  const opened = top.map((rows, k) =>
    rows.filter((r) => r.organization && hasChildren(r.organization.id)).map((r) => ({ id: KEY_RATES[k]!, orgId: r.organization!.id })),
  );
  const below = await loadMany(opened.flat(), period, 'CHILD_ORGANIZATION', signal);
  let next = 0;
  return KEY_RATES.map((id, k) => {
    const rows: Row[] = top[k]!.flatMap((r) => (r.organization && hasChildren(r.organization.id) ? below[next++]! : [r]));
    const branches = rows.filter((r) => r.organization && BRANCH_KINDS.has(r.organization.kind));
    return {
      indicatorId: id,
      rows: branches.map((r) => ({ orgId: r.organization!.id, name: r.organization!.name, value: r.point.value, status: r.point.status })),
    };
  });
}

/** A branch judged on its own board (it has no branches under it to break down to). */
export function ownBreakdowns(
  org: { id: string; name: string },
  values: { indicator: { id: string }; value: number | null; status: Breakdown['rows'][number]['status'] }[],
): Breakdown[] {
  return KEY_RATES.map((id) => {
    const v = values.find((x) => x.indicator.id === id);
    return { indicatorId: id, rows: v ? [{ orgId: org.id, name: org.name, value: v.value, status: v.status }] : [] };
  });
}

/**
 * The board, and the key rates by branch: loaded beside the board (live: when a key rate moves) once
 * the tree says whether the organisation is a branch; a branch's own come from its board.
 */
export function useMeetingData(
  orgReady: Ref<string | null>,
  /** The period of the deck, and its last month begun (where the 24-month trend ends). */
  period: Ref<string>,
  month: Ref<string>,
  hasChildren: (id: string) => boolean,
  treeSize: Ref<number>,
  branch: (id: string) => { id: string; name: string } | null,
) {
  const board = useQuery(
    IndicatorBoardDocument,
    () =>
      orgReady.value
        ? { orgId: orgReady.value, period: period.value, seriesIds: [TREND_ID], from: monthsBefore(month.value, 23), to: month.value }
        : null,
    { pushed: pushedBoard },
  );
  const self = computed(() => (orgReady.value && treeSize.value ? branch(orgReady.value) : null));
  const below = useQuery(
    (v: { orgId: string; period: string }, signal) => loadBreakdowns(v.orgId, v.period, hasChildren, signal),
    () => (orgReady.value && treeSize.value && !self.value ? { orgId: orgReady.value, period: period.value } : null),
    { live: orgReady, indicators: () => KEY_RATES },
  );
  const breakdowns = computed((): Breakdown[] | null => {
    if (!self.value) return below.data.value;
    return board.data.value ? ownBreakdowns(self.value, board.data.value.indicators?.values ?? []) : null;
  });

  const values = computed(() => board.data.value?.indicators?.values ?? []);
  const trend = computed(() => {
    const points = board.data.value?.indicatorSeries?.find((s) => s.indicator.id === TREND_ID)?.points ?? [];
    return { lastYear: points.slice(-24, -12), current: points.slice(-12) };
  });
  /** The first error of the two loads, and one retry for both. */
  const error = computed(() => board.error.value ?? below.error.value);
  const refresh = () => Promise.all([board.refresh(), below.refresh()]).then(() => undefined);
  const loading = computed(() => board.loading.value || !breakdowns.value);
  return { board, values, trend, breakdowns, error, loading, refresh };
}
