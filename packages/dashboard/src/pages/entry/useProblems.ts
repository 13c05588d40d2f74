/**
 * A form's problems, as its inputs show them: the hub's refusal placed beside each input (problems.ts), the
 * form's own checks too, the first bad input focused, and each input's aria attributes.
 */
import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { refusalOf } from '../../api/client.ts';
import { catalogLang } from '../../i18n.ts';
import { FORM, firstPlaced, placeProblems, wordsText, type Placed } from './problems.ts';

/** `keys()`: the form's input keys in its order; an input's element id is `${prefix}-${key}` with dots as dashes. */
export function useProblems(prefix: string, keys: () => readonly string[]) {
  const { t, locale } = useI18n();
  const lang = computed(() => catalogLang(locale.value));
  const placed = ref<Placed>({});
  /** Bumped by each refusal: the form's alert is re-announced even when its words are the same. */
  const attempt = ref(0);
  const idOf = (key: string) => `${prefix}-${key.replaceAll('.', '-')}`;
  const words = (key: string): string[] => (placed.value[key] ?? []).map((w) => wordsText(w, lang.value, t));
  /** The attributes an input carries: invalid and described by its problems when it has any. */
  const aria = (key: string) => (words(key).length ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${idOf(key)}-error` } : {});
  const formWords = computed(() => words(FORM));

  function show(p: Placed): void {
    attempt.value++;
    placed.value = p;
    const first = firstPlaced(p, keys());
    if (first) setTimeout(() => document.getElementById(idOf(first))?.focus());
  }
  const refused = (e: unknown) => show(placeProblems(refusalOf(e), keys()));
  const clear = () => (placed.value = {});
  const any = computed(() => Object.values(placed.value).some((l) => l.length));
  return { placed, attempt, idOf, words, aria, formWords, show, refused, clear, any };
}
