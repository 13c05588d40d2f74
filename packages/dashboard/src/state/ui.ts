/**
 * App-wide view state from the URL: theme (`?theme=dark`), kiosk (`?kiosk=1`: no navigation, dark
 * unless told, drawn at TV scale, a page taller than the screen scrolled through; `?rotate=60` cycles
 * the pages, each at least until seen whole; `?scroll=50` the scroll speed in px/s on a 1080-px screen)
 * and language (`?lang=en`, else the saved choice).
 */
import { computed, type InjectionKey, type Ref } from 'vue';
import { useRoute } from 'vue-router';
import { scrollSpeedParam } from './kiosk.ts';
import { printing, watchPrinting } from './print.ts';
import { useQueryParam } from './url.ts';

export type ThemeName = 'light' | 'dark';

/** The theme in view, provided by App to every chart (ECharts stays out of the first download). */
export const THEME: InjectionKey<Ref<ThemeName>> = Symbol('theme');

/** The kiosk's TV scale (1 off the wall), provided by App to every chart: kiosk.ts `tvScale`. */
export const TV_SCALE: InjectionKey<Ref<number>> = Symbol('tvScale');

export function useUi() {
  const route = useRoute();
  const kiosk = computed(() => route.query.kiosk === '1' || route.query.kiosk === 'true');
  const theme = useQueryParam('theme', () => (kiosk.value ? 'dark' : 'light'));
  // Printing is light whatever the screen shows (state/print.ts).
  watchPrinting();
  const themeName = computed<ThemeName>(() => (theme.value === 'dark' && !printing.value ? 'dark' : 'light'));
  const rotateSeconds = computed(() => {
    const n = Number(route.query.rotate);
    return kiosk.value && Number.isFinite(n) && n >= 10 ? n : 0;
  });
  const scrollSpeed = computed(() => scrollSpeedParam(route.query.scroll));
  return { kiosk, theme, themeName, rotateSeconds, scrollSpeed };
}
