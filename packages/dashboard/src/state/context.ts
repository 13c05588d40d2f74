/** What every page is about: the organisation and period from the URL, and the catalog's language. */
import { parsePeriod } from '@party-hub/schema/indicators';
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { catalogLang } from '../i18n.ts';
import { useOrgs } from './orgs.ts';
import { endMonth, periodLabel } from './period.ts';
import { useOrg, usePeriod } from './url.ts';

export function usePageContext() {
  const tree = useOrgs();
  const asked = useOrg(() => (tree.root.value ? tree.root.value.id : ''));
  /** A link's organisation that the tree does not hold (mistyped, dissolved): the whole committee instead (App says so). */
  const unknownOrg = computed(() => (tree.orgs.value.length && asked.value && !tree.byId.value.has(asked.value) ? asked.value : null));
  const org = computed({
    get: () => (unknownOrg.value ? (tree.root.value?.id ?? '') : asked.value),
    set: (v: string) => (asked.value = v),
  });
  /** The period as the engine keys it (`2026-11`, `2026-Q4`, `2026-H2`, `2026-YTD11`, `2026`): what queries ask for. */
  const period = usePeriod();
  /** The period's months, frozen (start and end days, grain). */
  const span = computed(() => parsePeriod(period.value));
  /** The period's last month that has begun (`YYYY-MM`): where a month-by-month trend or a month's calendar ends. */
  const month = computed(() => endMonth(period.value));
  const { locale } = useI18n();
  const lang = computed(() => catalogLang(locale.value));
  const orgName = computed(() => tree.byId.value.get(org.value)?.name ?? '');
  /**
   * The organisation id once known (null until the tree has loaded, even when a link names one: a link's id is
   * checked against the tree first, so a mistyped one never reaches the hub): a query's variables wait on it.
   */
  const orgReady = computed(() => (tree.orgs.value.length ? org.value || null : null));
  /** The period as the picker says it (2026年11月, 2026年第4季度, Q4 2026): titles use it, never the key. */
  const periodText = computed(() => periodLabel(period.value, lang.value));
  return { ...tree, org, unknownOrg, orgReady, period, span, month, periodText, lang, orgName };
}
