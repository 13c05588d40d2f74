/**
 * Where a refused write's problems go on a form: each beside the input its field path names. The hub names a
 * problem by its argument path (`recordActivity.input.attendance.3.memberId`, `recordDepartmentMetrics.values.2.value`,
 * `correctDevelopmentStep.correction.on`); a form declares the keys of its inputs without the mutation's name
 * (`input.title`, `input.attendance.3`, `values.2`, `correction.on`), and a problem goes to the longest key its path
 * starts with. What names no input (an out-of-scope refusal, a network fault) is the form's own. Pure: tested in Node.
 */
import type { HubGraphQLError } from '../../api/client.ts';

/** The hub's words in both languages (shown in the UI's language), or one of this page's messages. */
export type Words = { zh: string; en: string } | { key: string; params?: Record<string, unknown> };
/** Problems by input key; `form` for the form's own. */
export type Placed = Record<string, Words[]>;

export const FORM = 'form';

/** A path without its mutation's name: `recordActivity.input.title` → `input.title`. */
export const withoutRoot = (path: string): string => path.split('.').slice(1).join('.');

/** The longest of `keys` that `path` (without its root) is or lies under; `form` when none. */
export function keyOf(path: string | undefined, keys: readonly string[]): string {
  if (!path) return FORM;
  const rest = withoutRoot(path);
  let best: string | null = null;
  for (const k of keys) if ((rest === k || rest.startsWith(`${k}.`)) && (best === null || k.length > best.length)) best = k;
  return best ?? FORM;
}

function add(placed: Placed, key: string, w: Words): void {
  (placed[key] ??= []).push(w);
}

/** Every problem of a refusal beside its input (or the form's, when it names none). */
export function placeProblems(e: HubGraphQLError, keys: readonly string[]): Placed {
  const placed: Placed = {};
  const problems = e.extensions?.problems ?? [];
  for (const p of problems) add(placed, keyOf(p.field, keys), { zh: p.zh, en: p.en });
  if (!problems.length)
    add(placed, keyOf(e.extensions?.field, keys), {
      zh: e.extensions?.messageZh ?? e.message,
      en: e.extensions?.messageEn ?? e.message,
    });
  return placed;
}

/** The first of `keys` (in the form's order) with a problem: where the focus goes after a refusal. */
export const firstPlaced = (placed: Placed, keys: readonly string[]): string | null => keys.find((k) => placed[k]?.length) ?? null;

/** Words in a language (a page message through `t`). */
export function wordsText(w: Words, lang: 'zh' | 'en', t: (key: string, params?: Record<string, unknown>) => string): string {
  return 'key' in w ? t(w.key, w.params ?? {}) : w[lang];
}

/**
 * The idempotency key of a save: the same key while the same request is sent again (a retry after a network
 * fault applies once), a new one as soon as anything in it changed (the hub refuses a key reused for another
 * request). `last` is the previous save's request and key.
 */
export function keyFor(request: unknown, last: { request: string; key: string } | null, make: () => string = () => crypto.randomUUID()) {
  const text = JSON.stringify(request);
  return last && last.request === text ? last : { request: text, key: make() };
}

/** Today in Beijing (YYYY-MM-DD), whatever the browser's zone: a meeting's default date. */
export function beijingToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}
