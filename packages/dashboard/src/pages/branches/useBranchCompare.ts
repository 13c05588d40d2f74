/**
 * The comparison's data. `indicatorBreakdown` gives one row per child organisation; under the
 * committee the children are general branches (党总支), so the branches are asked for from their own
 * parents: one breakdown per (indicator, parent of a branch in view), rows kept for the branches only.
 * The same code serves a committee, a general branch (one parent: itself) and a single branch (its
 * parent, one row kept). Reloads on change and, live, when the hub reports a change under the org.
 */
import { BranchesBreakdownDocument } from '@party-hub/schema/client';
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { request } from '../../api/client.ts';
import { markUpdated, useLive } from '../../api/live.ts';
import type { Org } from '../../state/orgs.ts';
import { assembleCompare, type BreakdownResult, type CompareRow } from './options.ts';

export function useBranchCompare(branches: Ref<Org[]>, ids: Ref<string[]>, month: Ref<string>, orgReady: Ref<string | null>) {
  const rows = shallowRef<CompareRow[] | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const parents = computed(() => [...new Set(branches.value.map((b) => b.parent?.id ?? b.id))]);
  let controller: AbortController | null = null;

  async function refresh(): Promise<void> {
    if (!orgReady.value || !branches.value.length) return;
    controller?.abort();
    const mine = (controller = new AbortController());
    loading.value = true;
    try {
      const asks = ids.value.flatMap((id) => parents.value.map((orgId) => ({ id, orgId })));
      const answers = await Promise.all(asks.map((a) => request(BranchesBreakdownDocument, { ...a, period: month.value }, mine.signal)));
      const results: BreakdownResult[] = answers.map((d, i) => ({ id: asks[i].id, rows: d.indicatorBreakdown.rows }));
      rows.value = assembleCompare(
        branches.value.map((b) => ({ id: b.id, name: b.name })),
        results,
      );
      error.value = null;
      markUpdated();
    } catch (e) {
      if ((e as Error).name !== 'AbortError') error.value = (e as Error).message;
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  watch(
    () => JSON.stringify([branches.value.map((b) => b.id), ids.value, month.value, orgReady.value]),
    () => void refresh(),
    { immediate: true },
  );
  useLive(
    orgReady,
    () => void refresh(),
    () => ids.value,
  );
  return { rows, loading, error, refresh };
}
