/**
 * The wall TV (`?kiosk=1`) as pure arithmetic: how large everything is drawn for the screen, how a page
 * taller than the screen scrolls through (hold at the top, glide down, hold at the bottom) and when the
 * rotation may move on. useKiosk.ts drives it from the browser; these functions know nothing of it.
 */

/**
 * The kiosk's scale over the dashboard's desk sizes (16 px text, 14 px chart text), for the viewport.
 *
 * Why 27/16 at 1920×1080: the wall is a 55-inch 1080p TV read from about 3 m. Its pixel is
 * 1210 mm / 1920 ≈ 0.63 mm, and common signage guidance asks for about 1 inch of letter height per 10 ft
 * of distance (≈ 25 mm at 3 m for a headline, half that for text one is allowed to step closer to read):
 * chart text must be ≥ 22 px (≈ 14 mm), labels and table text ≥ 24 px, headline values ≥ 48 px (≈ 30 mm).
 * A 27 px root puts the smallest label (0.9 rem) at 24.3 px and the smallest KPI value (1.8 rem) at 48.6 px,
 * and the same factor puts 14 px chart text at 23.6 px. The factor follows the screen: a 1366×768 kiosk
 * (a smaller screen, usually seen from closer) gets proportionally smaller text, by the tighter of width
 * and height so a page is laid out alike on any aspect. Never below 1: a kiosk never draws smaller than a desk.
 */
export function tvScale(width: number, height: number): number {
  const fit = Math.min(width / 1920, height / 1080);
  if (!(fit > 0)) return 1;
  const k = (27 / 16) * fit;
  return Math.round(Math.min(4, Math.max(1, k)) * 100) / 100;
}

/** Seconds the page holds still at the top (read the title and first panel) and at the bottom. */
export const HOLD_TOP_S = 4;
export const HOLD_BOTTOM_S = 4;
/** Scroll speed in px/s on a 1080-px-tall screen (about two lines of table a second at TV scale). */
export const SCROLL_SPEED = 50;
/** The way back up (only when a kiosk does not rotate) is this much faster than the way down. */
const RETURN_FACTOR = 8;
/** Overflow this small (rounding, a border) counts as fitting. */
export const FIT_SLACK_PX = 2;

export type ScrollPhase = 'top' | 'down' | 'bottom' | 'up';

export interface ScrollState {
  phase: ScrollPhase;
  /** Seconds spent in this phase (used by the holds). */
  t: number;
  /** The scroll position, px from the top. */
  y: number;
}

export const START: ScrollState = { phase: 'top', t: 0, y: 0 };

/**
 * One frame of the scroll: `dt` seconds later, with `max` px of overflow (document height − viewport;
 * it grows while data arrives), at `speed` px/s. `loop`: after the bottom hold glide back up and start
 * again (a kiosk without rotation); otherwise the page stays at the bottom until the rotation leaves it.
 */
export function stepScroll(s: ScrollState, dt: number, max: number, speed: number, loop: boolean): ScrollState {
  const t = s.t + dt;
  switch (s.phase) {
    case 'top':
      // The hold counts from when there is something below to go to (a page's data arrives after it opens).
      if (max <= FIT_SLACK_PX) return { ...s, t: 0, y: 0 };
      return t >= HOLD_TOP_S ? { phase: 'down', t: 0, y: 0 } : { ...s, t, y: 0 };
    case 'down': {
      const y = Math.min(max, s.y + speed * dt);
      return y >= max ? { phase: 'bottom', t: 0, y } : { ...s, t, y };
    }
    case 'bottom':
      if (max > s.y + FIT_SLACK_PX) return { phase: 'down', t: 0, y: s.y }; // the page grew: go on down
      return loop && t >= HOLD_BOTTOM_S ? { phase: 'up', t: 0, y: Math.min(s.y, max) } : { ...s, t, y: Math.min(s.y, max) };
    default: {
      // 'up': back to the top, then the top hold again
      const y = Math.max(0, s.y - speed * RETURN_FACTOR * dt);
      return y <= 0 ? START : { ...s, t, y };
    }
  }
}

/** Whether the page has been seen whole: it fits, or it has scrolled to the bottom and held there. */
export function scrollDone(s: ScrollState, max: number): boolean {
  return (s.phase === 'top' && max <= FIT_SLACK_PX) || (s.phase === 'bottom' && s.t >= HOLD_BOTTOM_S);
}

/** Seconds a page with `max` px of overflow needs to be seen whole at `speed` px/s (0 when it fits). */
export function scrollCycleSeconds(max: number, speed: number): number {
  return max <= FIT_SLACK_PX ? 0 : HOLD_TOP_S + max / speed + HOLD_BOTTOM_S;
}

/**
 * Whether the rotation moves on: the page has been shown `rotateSeconds` (time paused not counted) and
 * has been seen whole, so the interval is max(rotate, the scroll cycle). 0 seconds: no rotation.
 */
export function rotationDue(shownSeconds: number, rotateSeconds: number, seenWhole: boolean): boolean {
  return rotateSeconds > 0 && shownSeconds >= rotateSeconds && seenWhole;
}

/** After this long without a touch of mouse or keyboard a paused kiosk carries on by itself. */
export const RESUME_AFTER_S = 30;

/** The scroll speed asked by `?scroll=` (px/s on a 1080-px screen), within 10–1000; else the default. */
export function scrollSpeedParam(v: unknown): number {
  const n = Number(v);
  return typeof v === 'string' && Number.isFinite(n) && n >= 10 && n <= 1000 ? n : SCROLL_SPEED;
}
