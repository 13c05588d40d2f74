/**
 * The attention list of a page's board: its rows, in the UI's language, with the branches behind each miss
 * loaded in one request once the board is there (and again, live, when one of those indicators moves).
 */
import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useQuery } from '../../api/useQuery.ts';
import type { Lang } from '../../format.ts';
import { attentionOrder, attentionRows, type AttentionValue } from './attention.ts';
import { loadChildren } from './children.ts';

export function useAttention(orgReady: Ref<string | null>, period: Ref<string>, board: Ref<readonly AttentionValue[]>, lang: Ref<Lang>) {
  const { t } = useI18n();
  const missed = computed(() =>
    attentionOrder(board.value)
      .filter((x) => x.group !== 'RECOVERED')
      .map((x) => x.id),
  );
  const children = useQuery(
    (v: { orgId: string; period: string; ids: readonly string[] }, signal) => loadChildren(v, signal),
    () => (orgReady.value && board.value.length ? { orgId: orgReady.value, period: period.value, ids: missed.value } : null),
    { live: orgReady, indicators: () => missed.value },
  );
  const rows = computed(() =>
    attentionRows(board.value, children.data.value ?? new Map(), lang.value, {
      target: (v, direction) => t(direction === 'LOWER' ? 'common.targetAtMost' : 'common.targetAtLeast', { v }),
      more: (n) => t('attention.more', { n }),
      sep: lang.value === 'zh' ? '、' : ', ',
    }),
  );
  /** Whether the board has any value at all (a month without reports says so, rather than "all is well"). */
  const hasData = computed(() => board.value.some((v) => v.value !== null));
  return { rows, hasData, children };
}
