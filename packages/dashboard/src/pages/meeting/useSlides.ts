/**
 * Moving through the deck: the slide in the URL (`?slide=3`, 1-based, so a link opens the same slide),
 * keys (arrows, PageDown/PageUp as clickers send them, Space, Home/End, Escape), the Fullscreen API,
 * and print mode (every slide, charts sized for an A4 landscape page, drawn light whatever the screen's theme).
 */
import { getInstanceByDom } from 'echarts/core';
import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import { printLight } from '../../state/print.ts';
import { useQueryParam } from '../../state/url.ts';

/** A chart's size on an A4 landscape page (277 × 190 mm inside 10 mm margins, at 96 px/in). */
export const PRINT_CHART = { width: 1000, height: 540 };

/** Print: one slide per A4 landscape page (the slides break after themselves). */
export const PAGE_CSS = '@page { size: A4 landscape; margin: 10mm; }';

const NEXT = new Set(['ArrowRight', 'PageDown', 'ArrowDown']);
const PREV = new Set(['ArrowLeft', 'PageUp', 'ArrowUp']);

/** What a key does to slide `i` of `n` (null: not ours). Pure, for the tests and the handler. */
export function keyTarget(key: string, shift: boolean, i: number, n: number): number | null {
  if (NEXT.has(key) || (key === ' ' && !shift)) return Math.min(i + 1, n - 1);
  if (PREV.has(key) || (key === ' ' && shift)) return Math.max(i - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  return null;
}

/** Adds listeners while the page is mounted and removes them when it goes. */
function onMountedListen(add: () => void, remove: () => void): void {
  onMounted(add);
  onBeforeUnmount(remove);
}

/** Arrows, PageDown/PageUp, Space, Home/End move through the deck; Escape leaves full screen. Not in form fields. */
function useDeckKeys(index: Ref<number>, total: Ref<number>, go: (i: number) => void): void {
  function onKey(e: KeyboardEvent) {
    const el = e.target as HTMLElement | null;
    if (e.altKey || e.ctrlKey || e.metaKey || el?.closest('input, select, textarea, [contenteditable]')) return;
    if (e.key === 'Escape' && document.fullscreenElement) {
      void document.exitFullscreen();
      return;
    }
    // Space on a focused button presses it; everywhere else it turns the page.
    if (e.key === ' ' && el?.closest('button, a')) return;
    const to = keyTarget(e.key, e.shiftKey, index.value, total.value);
    if (to === null) return;
    e.preventDefault();
    go(to);
  }
  onMountedListen(
    () => window.addEventListener('keydown', onKey),
    () => window.removeEventListener('keydown', onKey),
  );
}

/**
 * Print: A4 landscape while this page is open (a page's own @page would outlive it in the SPA's CSS),
 * and every chart in the deck sized for the page before printing and back to its box after.
 */
function usePrintSizing(deck: Ref<HTMLElement | null>): Ref<boolean> {
  const printing = ref(false);
  function resizeCharts(print: boolean) {
    printing.value = print;
    for (const el of deck.value?.querySelectorAll<HTMLElement>('[_echarts_instance_]') ?? []) {
      getInstanceByDom(el)?.resize(print ? { ...PRINT_CHART, animation: { duration: 0 } } : { width: 'auto', height: 'auto' });
    }
  }
  const before = () => resizeCharts(true);
  const after = () => resizeCharts(false);
  const printQuery = globalThis.matchMedia?.('print');
  const onPrintQuery = (e: MediaQueryListEvent) => resizeCharts(e.matches);
  const pageStyle = document.createElement('style');
  pageStyle.textContent = PAGE_CSS;
  onMountedListen(
    () => {
      document.head.append(pageStyle);
      window.addEventListener('beforeprint', before);
      window.addEventListener('afterprint', after);
      printQuery?.addEventListener('change', onPrintQuery);
    },
    () => {
      pageStyle.remove();
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      printQuery?.removeEventListener('change', onPrintQuery);
    },
  );
  return printing;
}

/** Whether the deck is full screen, and a toggle. */
function useFullscreen(deck: Ref<HTMLElement | null>) {
  const fullscreen = ref(false);
  const onFullscreen = () => (fullscreen.value = document.fullscreenElement === deck.value);
  onMountedListen(
    () => document.addEventListener('fullscreenchange', onFullscreen),
    () => document.removeEventListener('fullscreenchange', onFullscreen),
  );
  const toggleFullscreen = () => (document.fullscreenElement ? document.exitFullscreen() : deck.value?.requestFullscreen());
  return { fullscreen, toggleFullscreen };
}

export function useSlides(total: Ref<number>, deck: Ref<HTMLElement | null>) {
  const param = useQueryParam('slide', () => '1');
  const index = computed(() => {
    const n = Math.trunc(Number(param.value));
    return Number.isFinite(n) ? Math.min(Math.max(n - 1, 0), Math.max(total.value - 1, 0)) : 0;
  });
  const go = (i: number) => (param.value = String(Math.min(Math.max(i, 0), total.value - 1) + 1));
  useDeckKeys(index, total, go);
  const printing = usePrintSizing(deck);
  const { fullscreen, toggleFullscreen } = useFullscreen(deck);
  return { index, go, fullscreen, printing, toggleFullscreen, print: printLight };
}
