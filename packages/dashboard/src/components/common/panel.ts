/** What a PanelCard says about a query's data: `v-bind="panelOf(q)"` on the card. */
import type { QueryState } from '../../api/useQuery.ts';

/** Loading, the query's error, empty (by default: no data yet) and retry, as the card's props and listener. */
export function panelOf(q: QueryState<unknown>, empty: boolean = !q.data.value) {
  return { loading: q.loading.value, error: q.error.value, empty, onRetry: q.refresh };
}
