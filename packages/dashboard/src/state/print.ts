/**
 * Printing is always light, whatever the screen shows: paper is white, and a dark page printed would be a
 * sheet of toner with the text in the paper's colour. The stylesheet keeps the dark palette to the screen
 * (`@media not print`, styles.css); `printing` turns the theme the charts are drawn in light while a print
 * or a PDF is made (the print media query, and beforeprint / afterprint around a print dialog).
 */
import { nextTick, ref } from 'vue';

/** Whether the page is being printed (or shown as print media): the theme in view is light then. */
export const printing = ref(false);

let listening = false;
/** Follows the print media query and the print events, once per tab. */
export function watchPrinting(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  const query = window.matchMedia?.('print');
  query?.addEventListener('change', (e) => (printing.value = e.matches));
  window.addEventListener('beforeprint', () => (printing.value = true));
  window.addEventListener('afterprint', () => (printing.value = query?.matches ?? false));
}

const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));
/** How long a chart takes to redraw in another theme (the themes' update animation is 300 ms). */
export const REDRAW_MS = 400;

/**
 * Prints once the page has been drawn light. A print dialog opened from the browser's menu turns the theme in
 * beforeprint, which Vue applies after the page may already be laid out for print; a print button comes here
 * instead, and waits for the light charts before it opens the dialog.
 */
export async function printLight(): Promise<void> {
  printing.value = true;
  await nextTick();
  await frame();
  await new Promise((done) => setTimeout(done, REDRAW_MS));
  try {
    window.print();
  } finally {
    printing.value = window.matchMedia?.('print').matches ?? false;
  }
}
