/**
 * The comparison's view state, all in the URL so a shared link shows the same cut: `?sort=<indicator>`,
 * `dir=best` (worst first otherwise; best first by default when the best N are shown), `show=worst5`
 * and `group=1`.
 */
import { computed } from 'vue';
import { useQueryParam, useQueryPatch } from '../../state/url.ts';
import type { CompareRow } from './options.ts';
import { compareView, groupRows, parseShow, valueOrder, type SortDir, type TreeOrg } from './view.ts';

const flip = (d: SortDir): SortDir => (d === 'worst' ? 'best' : 'worst');

export function useCompareView(rows: () => CompareRow[], ids: () => string[], tree: () => readonly TreeOrg[]) {
  const show = useQueryParam('show', () => 'all');
  const defaultDir = () => parseShow(show.value)?.side ?? 'worst';
  const rawDir = useQueryParam('dir', defaultDir);
  const sort = useQueryParam('sort', () => '');
  const group = useQueryParam('group', () => '0');
  const patch = useQueryPatch();

  const dir = computed<SortDir>(() => (rawDir.value === 'best' ? 'best' : 'worst'));
  const view = computed(() => compareView(rows(), ids(), { sort: sort.value, dir: dir.value, show: show.value }));
  const grouped = computed({ get: () => group.value === '1', set: (on: boolean) => (group.value = on ? '1' : '0') });
  /** The table's sections: one per general branch when grouped, else one without a heading. */
  const sections = computed(() => (grouped.value ? groupRows(view.value.rows, tree()) : [{ id: '', name: '', rows: view.value.rows }]));
  /** `aria-sort` of a column: how its values run when the rows are sorted by it. */
  const ariaSort = (id: string) => (view.value.sortId === id ? valueOrder(id, dir.value) : 'none');

  const dirParam = (d: SortDir) => (d === defaultDir() ? undefined : d);

  /** A header pressed: sort by it worst first (best first while the best N are shown); pressed again, the other way. */
  const sortBy = (id: string) => patch({ sort: id, dir: view.value.sortId === id ? dirParam(flip(dir.value)) : undefined });
  /** The other way round, on the same indicator. */
  const reverse = () => patch({ sort: view.value.sortId ?? undefined, dir: dirParam(flip(dir.value)) });
  /** The sort picked from the list ('': the tree's order). */
  const sortId = computed({
    get: () => view.value.sortId ?? '',
    set: (id: string) => patch({ sort: id || undefined, dir: undefined }),
  });
  /** Which branches to show; choosing the best N also puts the best first. */
  const shown = computed({
    get: () => (parseShow(show.value) ? show.value : 'all'),
    set: (v: string) => patch({ show: v === 'all' ? undefined : v, dir: undefined }),
  });

  return { view, sections, grouped, dir, sortId, shown, ariaSort, sortBy, reverse };
}
