/**
 * The organisation a form writes for: one the account reaches (its scope), a branch by default (the shell's
 * organisation when it is one, else the first branch in reach). Party groups are not offered: their meetings
 * are their branch's business here. An account that does not write is offered none.
 */
import { computed, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { account } from '../../state/account.ts';
import { BRANCH_KINDS, useOrgs } from '../../state/orgs.ts';
import { mayEnterData } from './access.ts';

export function useEntryOrg() {
  const tree = useOrgs();
  const route = useRoute();
  const org = ref('');
  // None for an account that does not write: the forms then ask the hub nothing (it would refuse an analyst's names).
  const options = computed(() =>
    (mayEnterData(account.value) ? tree.orgs.value : []).map((o) => ({
      id: o.id,
      name: o.name,
      depth: o.depth,
      branch: BRANCH_KINDS.has(o.kind),
    })),
  );
  watch(
    options,
    (list) => {
      if (org.value && list.some((o) => o.id === org.value)) return;
      const asked = typeof route.query.org === 'string' ? list.find((o) => o.id === route.query.org && o.branch) : undefined;
      org.value = (asked ?? list.find((o) => o.branch) ?? list[0])?.id ?? '';
    },
    { immediate: true },
  );
  const minDepth = computed(() => Math.min(...options.value.map((o) => o.depth)));
  /** An option's words, indented by its depth under the topmost organisation in reach. */
  const label = (o: { name: string; depth: number }) => `${'　'.repeat(Math.max(0, o.depth - minDepth.value))}${o.name}`;
  return { org, options, label, error: tree.error };
}
