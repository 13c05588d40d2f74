/**
 * The meeting's data: the whole board for the month (live: reloads when the hub reports a change), the
 * integration index over 24 months (this year's 12 and the same months a year earlier), and the key
 * rates broken down to branches (a 党总支 row is opened into its 党支部).
 */
import { MeetingBoardDocument, MeetingBreakdownDocument, type MeetingBreakdownQuery } from '@party-hub/schema/client';
import { computed, shallowRef, watch, type Ref } from 'vue';
import { request } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { BRANCH_KINDS } from '../../state/orgs.ts';
import { monthsBefore } from '../../state/url.ts';
import { KEY_RATES, type Breakdown } from './summary.ts';

export const TREND_ID = 'integration_index';
type Row = MeetingBreakdownQuery['indicatorBreakdown']['rows'][number];

/** Each key rate per branch under `orgId`: child rows that have children are replaced by theirs. */
export async function loadBreakdowns(orgId: string, period: string, hasChildren: (id: string) => boolean): Promise<Breakdown[]> {
  const rowsOf = (org: string, id: string) =>
    request(MeetingBreakdownDocument, { orgId: org, period, id }).then((d) => d.indicatorBreakdown.rows);
  return Promise.all(
    KEY_RATES.map(async (id) => {
      const top = await rowsOf(orgId, id);
      const open = await Promise.all(
        top.map((r): Promise<Row[]> =>
          r.organization && hasChildren(r.organization.id) ? rowsOf(r.organization.id, id) : Promise.resolve([r]),
        ),
      );
      const rows = open.flat().filter((r) => r.organization && BRANCH_KINDS.has(r.organization.kind));
      return {
        indicatorId: id,
        rows: rows.map((r) => ({ orgId: r.organization!.id, name: r.organization!.name, value: r.point.value, status: r.point.status })),
      };
    }),
  );
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

export function useMeetingData(
  orgReady: Ref<string | null>,
  month: Ref<string>,
  hasChildren: (id: string) => boolean,
  treeSize: Ref<number>,
  branch: (id: string) => { id: string; name: string } | null,
) {
  const board = useQuery(
    MeetingBoardDocument,
    () =>
      orgReady.value
        ? { orgId: orgReady.value, period: month.value, trendIds: [TREND_ID], from: monthsBefore(month.value, 23), to: month.value }
        : null,
    { live: orgReady },
  );
  const breakdowns = shallowRef<Breakdown[] | null>(null);
  const breakdownError = shallowRef<string | null>(null);
  let token = 0;
  // Reload with the board (so a live update refreshes the branches too) once the tree is known.
  watch(
    [board.data, treeSize],
    async () => {
      const org = orgReady.value;
      if (!board.data.value || !org || !treeSize.value) return;
      const mine = ++token;
      const self = branch(org);
      try {
        const b = self ? ownBreakdowns(self, board.data.value.indicators.values) : await loadBreakdowns(org, month.value, hasChildren);
        if (mine === token) [breakdowns.value, breakdownError.value] = [b, null];
      } catch (e) {
        if (mine === token) breakdownError.value = (e as Error).message;
      }
    },
    { immediate: true },
  );

  const values = computed(() => board.data.value?.indicators.values ?? []);
  const trend = computed(() => {
    const points = board.data.value?.indicatorSeries.find((s) => s.indicator.id === TREND_ID)?.points ?? [];
    return { lastYear: points.slice(-24, -12), current: points.slice(-12) };
  });
  return { board, values, trend, breakdowns, breakdownError };
}
