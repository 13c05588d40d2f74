/** What every page is about: the organisation and month from the URL, and the catalog's language. */
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { catalogLang } from '../i18n.ts';
import { useOrgs } from './orgs.ts';
import { monthLabel, useMonth, useOrg } from './url.ts';

export function usePageContext() {
  const tree = useOrgs();
  const asked = useOrg(() => (tree.root.value ? tree.root.value.id : ''));
  /** A link's organisation that the tree does not hold (mistyped, dissolved): the whole committee instead (App says so). */
  const unknownOrg = computed(() => (tree.orgs.value.length && asked.value && !tree.byId.value.has(asked.value) ? asked.value : null));
  const org = computed({
    get: () => (unknownOrg.value ? (tree.root.value?.id ?? '') : asked.value),
    set: (v: string) => (asked.value = v),
  });
  const month = useMonth();
  const { locale } = useI18n();
  const lang = computed(() => catalogLang(locale.value));
  const orgName = computed(() => tree.byId.value.get(org.value)?.name ?? '');
  /**
   * The organisation id once known (null until the tree has loaded, even when a link names one: a link's id is
   * checked against the tree first, so a mistyped one never reaches the hub): a query's variables wait on it.
   */
  const orgReady = computed(() => (tree.orgs.value.length ? org.value || null : null));
  /** The month as the picker says it (2026年11月, Nov 2026): titles use it, never the key. */
  const monthText = computed(() => monthLabel(month.value, lang.value));
  return { ...tree, org, unknownOrg, orgReady, month, monthText, lang, orgName };
}
