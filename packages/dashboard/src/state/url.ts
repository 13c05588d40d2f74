/**
 * The URL holds what a shared link must reproduce: organisation, month, theme, language, kiosk and
 * each page's own view state. Reading is a computed over the route; writing replaces the query.
 */
import { currentMonth, month as monthPeriod, monthsBefore, previousPeriod } from '@party-hub/schema/indicators';
import { computed, type WritableComputedRef } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';

/** The last complete month in Asia/Shanghai (a monthly review looks back), as `YYYY-MM`. */
export function defaultMonth(now: Date = new Date()): string {
  const { year, month } = currentMonth(now, 'Asia/Shanghai');
  return previousPeriod(monthPeriod(year, month)).key;
}

export function isMonth(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
}

function first(q: LocationQuery, key: string): string | undefined {
  const v = q[key];
  return (Array.isArray(v) ? v[0] : v) ?? undefined;
}

/** One query parameter as a string; setting the fallback removes it from the URL. */
export function useQueryParam(key: string, fallback: () => string): WritableComputedRef<string> {
  const route = useRoute();
  const router = useRouter();
  return computed({
    get: () => first(route.query, key) ?? fallback(),
    set: (v) => {
      const query = { ...route.query, [key]: v === fallback() ? undefined : v };
      void router.replace({ query });
    },
  });
}

/**
 * Several query parameters in one navigation (two useQueryParam writes in a row would each start from the
 * same old query, the second undoing the first); undefined removes a parameter.
 */
export function useQueryPatch(): (patch: Record<string, string | undefined>) => void {
  const route = useRoute();
  const router = useRouter();
  return (patch) => void router.replace({ query: { ...route.query, ...patch } });
}

/** This month in Asia/Shanghai, `YYYY-MM`: a link's month after it has nothing to show. */
export function thisMonth(now: Date = new Date()): string {
  const { year, month } = currentMonth(now, 'Asia/Shanghai');
  return monthPeriod(year, month).key;
}

/** A month a link may ask: `YYYY-MM`, not after this month (the hub refuses a future period). */
export const isUsableMonth = (v: unknown, now?: Date): v is string => isMonth(v) && v <= thisMonth(now);

/** The month in view (`?month=2026-10`), defaulting to the last complete month; a malformed or future one falls back too. */
export function useMonth(): WritableComputedRef<string> {
  const raw = useQueryParam('month', () => defaultMonth());
  return computed({ get: () => (isUsableMonth(raw.value) ? raw.value : defaultMonth()), set: (v) => (raw.value = v) });
}

/** The organisation in view (`?org=<global id>`); empty until the tree has loaded its root. */
export function useOrg(rootId: () => string): WritableComputedRef<string> {
  return useQueryParam('org', rootId);
}

// Month arithmetic is the shared contract's (packages/schema period.ts); pages import it from here.
export { monthsBefore };

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026年10月` / `Oct 2026`. */
export function monthLabel(key: string, lang: 'zh' | 'en'): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return lang === 'zh' ? `${y}年${m}月` : `${MONTHS_EN[m - 1]} ${y}`;
}

/** The months a picker offers: the 36 up to `latest`, newest first, plus `current` if it is older. */
export function monthChoices(
  latest: string,
  current: string,
  lang: 'zh' | 'en',
  range: { from: string; to: string } | null = null,
): { key: string; label: string }[] {
  // Within the months the data covers when known (dataRange): a month before the first record has nothing to show.
  const keys = Array.from({ length: 36 }, (_, i) => monthsBefore(latest, i)).filter((k) => !range || k >= range.from);
  if (!keys.length) keys.push(latest);
  if (isMonth(current) && !keys.includes(current)) keys.push(current);
  return keys.map((key) => ({ key, label: monthLabel(key, lang) }));
}
