/** What every page is about: the organisation and month from the URL, and the catalog's language. */
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { catalogLang } from '../i18n.ts';
import { useOrgs } from './orgs.ts';
import { monthLabel, useMonth, useOrg } from './url.ts';

export function usePageContext() {
  const tree = useOrgs();
  const org = useOrg(() => (tree.root.value ? tree.root.value.id : ''));
  const month = useMonth();
  const { locale } = useI18n();
  const lang = computed(() => catalogLang(locale.value));
  const orgName = computed(() => tree.byId.value.get(org.value)?.name ?? '');
  /** The organisation id once known (null until the tree has loaded): a query's variables wait on it. */
  const orgReady = computed(() => org.value || null);
  /** The month as the picker says it (2026年11月, Nov 2026): titles use it, never the key. */
  const monthText = computed(() => monthLabel(month.value, lang.value));
  return { ...tree, org, orgReady, month, monthText, lang, orgName };
}
