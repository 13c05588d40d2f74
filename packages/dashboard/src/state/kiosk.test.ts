import { describe, expect, it } from 'vitest';
import {
  HOLD_BOTTOM_S,
  HOLD_TOP_S,
  rotationDue,
  SCROLL_SPEED,
  scrollCycleSeconds,
  scrollDone,
  scrollSpeedParam,
  START,
  stepScroll,
  tvScale,
  type ScrollState,
} from './kiosk.ts';

/** Runs the scroll frame by frame (60 fps) for `seconds`; returns every state. */
function run(seconds: number, max: number, loop = false, from: ScrollState = START): ScrollState[] {
  const states = [from];
  for (let i = 0; i < seconds * 60; i++) states.push(stepScroll(states.at(-1)!, 1 / 60, max, SCROLL_SPEED, loop));
  return states;
}

describe('dashboard/kiosk', () => {
  it('should draw 1080p at 27/16 (chart text 14 → ≥ 22 px, labels ≥ 24, values ≥ 48) and a smaller screen proportionally', () => {
    const k = tvScale(1920, 1080);
    expect(k).toBeCloseTo(1.69, 2);
    expect(14 * k).toBeGreaterThanOrEqual(22);
    expect(16 * 0.9 * k).toBeGreaterThanOrEqual(24); // the smallest label (0.9 rem)
    expect(16 * 1.8 * k).toBeGreaterThanOrEqual(48); // the smallest headline value (1.8 rem)
    expect(tvScale(1366, 768)).toBeCloseTo((27 / 16) * (1366 / 1920), 2);
    // The tighter of width and height: a 1920×1200 monitor is laid out as 1920×1080.
    expect(tvScale(1920, 1200)).toBe(k);
    expect(tvScale(3840, 2160)).toBeCloseTo(2 * k, 1);
    // Never smaller than the desk; nonsense sizes (a hidden window) are 1.
    expect(tvScale(800, 600)).toBe(1);
    expect(tvScale(0, 0)).toBe(1);
    expect(tvScale(Number.NaN, 1080)).toBe(1);
  });

  it('should hold a page at the top, glide down at the speed, and hold at the bottom', () => {
    const max = 500;
    const states = run(HOLD_TOP_S + max / SCROLL_SPEED + HOLD_BOTTOM_S + 1, max);
    const at = (s: number) => states[Math.round(s * 60)];
    expect(at(HOLD_TOP_S - 0.1)).toMatchObject({ phase: 'top', y: 0 });
    expect(at(HOLD_TOP_S + 2).phase).toBe('down');
    expect(at(HOLD_TOP_S + 2).y).toBeCloseTo(2 * SCROLL_SPEED, -1);
    expect(at(HOLD_TOP_S + max / SCROLL_SPEED + 0.5)).toMatchObject({ phase: 'bottom', y: max });
    // Never past the end, never backwards on the way down.
    for (let i = 1; i < states.length; i++) {
      expect(states[i].y).toBeLessThanOrEqual(max);
      expect(states[i].y).toBeGreaterThanOrEqual(states[i - 1].y);
    }
    expect(scrollDone(at(HOLD_TOP_S + max / SCROLL_SPEED + 1), max)).toBe(false);
    expect(scrollDone(states.at(-1)!, max)).toBe(true);
  });

  it('should take the cycle the arithmetic says, and none for a page that fits', () => {
    const max = 1000;
    const cycle = scrollCycleSeconds(max, SCROLL_SPEED);
    expect(cycle).toBe(HOLD_TOP_S + 20 + HOLD_BOTTOM_S);
    const states = run(cycle + 0.2, max);
    const firstDone = states.findIndex((s) => scrollDone(s, max)) / 60;
    expect(firstDone).toBeGreaterThan(cycle - 0.2);
    expect(firstDone).toBeLessThan(cycle + 0.2);
    // A page that fits is seen at once and never moves.
    expect(scrollCycleSeconds(1, SCROLL_SPEED)).toBe(0);
    expect(scrollDone(START, 0)).toBe(true);
    expect(run(20, 0).every((s) => s.y === 0 && s.phase === 'top')).toBe(true);
  });

  it('should go on down when the page grows at the bottom (data arriving late)', () => {
    const atBottom: ScrollState = { phase: 'bottom', t: 1, y: 300 };
    expect(stepScroll(atBottom, 1 / 60, 300, SCROLL_SPEED, false).phase).toBe('bottom');
    const grown = stepScroll(atBottom, 1 / 60, 900, SCROLL_SPEED, false);
    expect(grown).toMatchObject({ phase: 'down', y: 300 });
    expect(scrollDone(grown, 900)).toBe(false);
  });

  it('should stay at the bottom when rotating, and glide back up to start again when not', () => {
    const max = 200;
    const seconds = HOLD_TOP_S + max / SCROLL_SPEED + HOLD_BOTTOM_S + 5;
    expect(run(seconds, max, false).at(-1)).toMatchObject({ phase: 'bottom', y: max });
    const looping = run(seconds, max, true);
    const up = looping.findIndex((s) => s.phase === 'up');
    expect(up).toBeGreaterThan(0);
    // Back at the top, held there, and on down once more.
    const again = looping.slice(up).findIndex((s) => s.phase === 'top');
    expect(looping[up + again]).toEqual(START);
    expect(looping.at(-1)!.phase).toBe('down');
  });

  it('should rotate after max(rotate, scroll cycle), and never without rotation', () => {
    expect(rotationDue(9.9, 10, true)).toBe(false);
    expect(rotationDue(10, 10, true)).toBe(true);
    expect(rotationDue(45, 10, false)).toBe(false); // still scrolling: the page waits
    expect(rotationDue(1000, 0, true)).toBe(false);
  });

  it('should take ?scroll= within 10–1000 px/s, else the default', () => {
    expect(scrollSpeedParam('400')).toBe(400);
    expect(scrollSpeedParam(undefined)).toBe(SCROLL_SPEED);
    expect(scrollSpeedParam('5')).toBe(SCROLL_SPEED);
    expect(scrollSpeedParam('5000')).toBe(SCROLL_SPEED);
    expect(scrollSpeedParam('fast')).toBe(SCROLL_SPEED);
    expect(scrollSpeedParam(['100'])).toBe(SCROLL_SPEED);
  });
});
