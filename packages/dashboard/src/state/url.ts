/**
 * The URL holds what a shared link must reproduce: organisation, period, theme, language, kiosk and
 * each page's own view state. Reading is a computed over the route; writing replaces the query.
 */
import { currentMonth, month as monthPeriod, monthsBefore, previousPeriod } from '@party-hub/schema/indicators';
import { computed, type WritableComputedRef } from 'vue';
import { usablePeriod } from './period.ts';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';

/** The last complete month in Asia/Shanghai (a monthly review looks back), as `YYYY-MM`. */
export function defaultMonth(now: Date = new Date()): string {
  const { year, month } = currentMonth(now, 'Asia/Shanghai');
  return previousPeriod(monthPeriod(year, month)).key;
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

/**
 * The period in view (`?period=2026-Q4`; an older link's `?month=2026-10` still opens), defaulting to the last
 * complete month; a malformed, future or unpickable one falls back too (App says so). Setting it writes
 * `period` and drops `month`.
 */
export function usePeriod(): WritableComputedRef<string> {
  const route = useRoute();
  const patch = useQueryPatch();
  return computed({
    get: () => usablePeriod(first(route.query, 'period') ?? first(route.query, 'month')) ?? defaultMonth(),
    set: (v) => patch({ month: undefined, period: v === defaultMonth() ? undefined : v }),
  });
}

/** What a link asked for as its period that cannot be shown (null when it asked nothing or something usable). */
export function unusablePeriod(query: LocationQuery): string | null {
  const asked = first(query, 'period') ?? first(query, 'month');
  return asked != null && !usablePeriod(asked) ? asked : null;
}

/** The organisation in view (`?org=<global id>`); empty until the tree has loaded its root. */
export function useOrg(rootId: () => string): WritableComputedRef<string> {
  return useQueryParam('org', rootId);
}

// Month arithmetic is the shared contract's (packages/schema period.ts); pages import it from here.
export { monthsBefore };
