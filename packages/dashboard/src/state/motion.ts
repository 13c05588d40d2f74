/**
 * The viewer's "reduce motion" setting (`prefers-reduced-motion: reduce`, an operating system's accessibility
 * option; WCAG 2.3.3): the charts then draw at once, without ECharts' entry and update animations. Followed live,
 * as the setting can change with the page open. The kiosk's scrolling and rotation are not animations in this
 * sense: they are how a wall shows its pages, asked for in its URL (`?scroll=`, `?rotate=`), and stay.
 */
import { ref } from 'vue';

export const reducedMotion = ref(false);

const query = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)');
if (query) {
  reducedMotion.value = query.matches;
  query.addEventListener('change', (e) => (reducedMotion.value = e.matches));
}
