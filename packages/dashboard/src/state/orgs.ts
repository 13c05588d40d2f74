/**
 * The organisation tree (党委 → 党总支 → 党支部), loaded once per tab: the picker, page titles and
 * branch lists read it. Party groups and dissolved organisations are left out. With it, the months the data
 * covers (dataRange), which the month picker offers. Only the part the signed-in account reaches is offered
 * (its scope: `me.scope`), with its topmost organisation as the root; the hub refuses the rest anyway.
 */
import { OrganizationTreeDocument, type OrganizationTreeQuery } from '@party-hub/schema/client';
import { BRANCH_KINDS as CATALOG_BRANCH_KINDS } from '@party-hub/schema/indicators';
import { computed, shallowRef } from 'vue';
import { request } from '../api/client.ts';
import { account } from './account.ts';

export type Org = NonNullable<OrganizationTreeQuery['organizations']>['nodes'][number];

const tree = shallowRef<Org[]>([]);

/** The organisations under one of `roots` (the roots included), in tree order; all of them when roots is null. */
export function withinScope(all: readonly Org[], roots: readonly string[] | null): Org[] {
  if (roots === null) return [...all];
  const inside = new Set(roots);
  // Tree order (by path) puts every parent before its children.
  return all.filter((o) => {
    if (inside.has(o.id)) return true;
    if (o.parent && inside.has(o.parent.id)) inside.add(o.id);
    return inside.has(o.id);
  });
}

const orgs = computed(() => withinScope(tree.value, account.value?.scope ?? null));
/** The months the data covers (`YYYY-MM`), null before there is any: the month picker offers these. */
const range = shallowRef<{ from: string; to: string } | null>(null);
const error = shallowRef<string | null>(null);
let loading: Promise<void> | null = null;

/** Kinds that count as a branch (a joint branch is one), from the catalog. */
export const BRANCH_KINDS: ReadonlySet<string> = new Set(CATALOG_BRANCH_KINDS);

/** Loads the tree once; later calls share it. */
export function loadOrgs(): Promise<void> {
  loading ??= request(OrganizationTreeDocument, {})
    .then((d) => {
      tree.value = d.organizations?.nodes ?? [];
      range.value = d.dataRange ?? null;
      error.value = null;
    })
    .catch((e: Error) => {
      error.value = e.message;
      loading = null;
    });
  return loading;
}

export function useOrgs() {
  void loadOrgs();
  const byId = computed(() => new Map(orgs.value.map((o) => [o.id, o])));
  const root = computed(() => {
    const ids = new Set(orgs.value.map((o) => o.id));
    return orgs.value.find((o) => !o.parent || !ids.has(o.parent.id)) ?? null;
  });
  /** Organisations whose parent is `id`, in tree order. */
  const childrenOf = (id: string) => orgs.value.filter((o) => o.parent?.id === id);
  /** Branches (党支部 and 联合党支部) anywhere under `id`, `id` itself included. */
  const branchesUnder = (id: string) => {
    const under = new Set([id]);
    const out: Org[] = [];
    for (const o of orgs.value) {
      const parent = o.parent?.id ?? null;
      if (o.id === id || (parent && under.has(parent))) {
        under.add(o.id);
        if (BRANCH_KINDS.has(o.kind)) out.push(o);
      }
    }
    return out;
  };
  return { orgs, byId, root, error, range, childrenOf, branchesUnder };
}
