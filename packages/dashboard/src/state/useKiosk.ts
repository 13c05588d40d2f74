/**
 * The wall TV in the browser (`?kiosk=1`): the TV scale on `<html>` (class `kiosk`, `--tv-scale`), a
 * page taller than the screen scrolled through slowly, the rotation (`?rotate=N`) moving on only once the
 * page has been seen whole, and a pause: a mouse moved or a key pressed stops both (Space again, or
 * half a minute untouched, carries on). The arithmetic is kiosk.ts's.
 */
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { useRoute } from 'vue-router';
import { RESUME_AFTER_S, rotationDue, scrollDone, START, stepScroll, tvScale, type ScrollState } from './kiosk.ts';

export interface KioskOptions {
  kiosk: Ref<boolean>;
  rotateSeconds: Ref<number>;
  /** px/s on a 1080-px-tall screen. */
  scrollSpeed: Ref<number>;
  /** Goes to the next page of the rotation. */
  next: () => void;
}

/** The TV scale for this window while in kiosk mode (1 otherwise), kept on `<html>` for the CSS. */
function useTvScale(kiosk: Ref<boolean>): Ref<number> {
  const scale = ref(1);
  const measure = () => (scale.value = kiosk.value ? tvScale(window.innerWidth, window.innerHeight) : 1);
  watch(kiosk, measure, { immediate: true });
  window.addEventListener('resize', measure);
  onBeforeUnmount(() => window.removeEventListener('resize', measure));
  watch(
    [kiosk, scale],
    ([on, k]) => {
      const root = document.documentElement;
      root.classList.toggle('kiosk', on);
      if (on) root.style.setProperty('--tv-scale', String(k));
      else root.style.removeProperty('--tv-scale');
    },
    { immediate: true },
  );
  return scale;
}

/** Paused by a touch of mouse, wheel or keyboard; Space toggles; resumes after RESUME_AFTER_S untouched. */
function usePause(kiosk: Ref<boolean>) {
  const paused = ref(false);
  let lastTouch = 0;
  const touch = () => {
    paused.value = true;
    lastTouch = performance.now();
  };
  const onKey = (e: KeyboardEvent) => {
    if (!kiosk.value) return;
    if (e.code === 'Space' || e.key === ' ') {
      e.preventDefault(); // Space would also scroll the page a screen down
      if (paused.value) {
        paused.value = false;
        return;
      }
    }
    touch();
  };
  // A real move only: Chromium sends a mouse event without movement when the page scrolls under a still cursor.
  const onMove = (e: MouseEvent) => kiosk.value && (e.movementX || e.movementY) && touch();
  const onTouch = () => kiosk.value && touch();
  window.addEventListener('keydown', onKey);
  window.addEventListener('mousemove', onMove, { passive: true });
  for (const type of ['wheel', 'pointerdown', 'touchstart'] as const) window.addEventListener(type, onTouch, { passive: true });
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('mousemove', onMove);
    for (const type of ['wheel', 'pointerdown', 'touchstart'] as const) window.removeEventListener(type, onTouch);
  });
  /** Ends a pause nobody has touched for RESUME_AFTER_S; true while still paused. */
  const stillPaused = (now: number) => {
    if (paused.value && now - lastTouch >= RESUME_AFTER_S * 1000) paused.value = false;
    return paused.value;
  };
  return { paused, stillPaused };
}

/** The overflow of the page now: how far it can scroll down. */
const overflow = () => Math.max(0, document.documentElement.scrollHeight - window.innerHeight);

/**
 * The wall's clock, one animation frame at a time: the page's time on screen (paused time not counted),
 * its scroll, and the move to the next page once it is due.
 */
function wallClock(o: KioskOptions, stillPaused: (now: number) => boolean) {
  let state: ScrollState = START;
  let shown = 0;
  let wasPaused = false;
  let last = 0;
  const frame = (now: number) => {
    const dt = last ? (now - last) / 1000 : 0;
    last = now;
    if (stillPaused(now)) {
      wasPaused = true;
      return;
    }
    // Carry on from where the page is: someone may have scrolled it by hand while it was paused.
    if (wasPaused) state = { ...state, y: window.scrollY };
    wasPaused = false;
    shown += dt;
    const max = overflow();
    const speed = o.scrollSpeed.value * (window.innerHeight / 1080);
    // A frame late by seconds (a hidden tab) moves the page a frame's worth, not a jump.
    state = stepScroll(state, Math.min(dt, 0.1), max, speed, !o.rotateSeconds.value);
    if (Math.abs(window.scrollY - state.y) >= 0.5) window.scrollTo(0, state.y);
    if (rotationDue(shown, o.rotateSeconds.value, scrollDone(state, max))) {
      shown = 0; // once: the next page's start resets the rest
      o.next();
    }
  };
  /** A page's start: at its top, its own clock at 0. */
  const restart = () => {
    state = START;
    shown = 0;
    last = 0;
  };
  return { frame, restart };
}

/** Scale, pause and the scroll-and-rotate loop for App (a no-op unless in kiosk mode). */
export function useKiosk(o: KioskOptions) {
  const route = useRoute();
  const scale = useTvScale(o.kiosk);
  const { paused, stillPaused } = usePause(o.kiosk);
  const clock = wallClock(o, stillPaused);
  let raf = 0;
  const tick = (now: number) => {
    raf = requestAnimationFrame(tick);
    clock.frame(now);
  };
  watch(
    () => route.path,
    () => {
      clock.restart();
      if (o.kiosk.value) window.scrollTo(0, 0);
    },
  );
  // The loop runs in kiosk mode only: a desk's page is never scrolled or turned by itself.
  watch(
    o.kiosk,
    (on) => {
      cancelAnimationFrame(raf);
      clock.restart();
      if (on) raf = requestAnimationFrame(tick);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => cancelAnimationFrame(raf));
  return { scale, paused };
}
