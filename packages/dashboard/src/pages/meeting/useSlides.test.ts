import { describe, expect, it } from 'vitest';
import { keyTarget } from './useSlides.ts';

describe('dashboard/meeting keys', () => {
  it('should move like a clicker: PageDown/ArrowRight/Space forward, PageUp/ArrowLeft/Shift+Space back, clamped', () => {
    expect(['PageDown', 'ArrowRight', ' '].map((k) => keyTarget(k, false, 1, 5))).toEqual([2, 2, 2]);
    expect(['PageUp', 'ArrowLeft'].map((k) => keyTarget(k, false, 1, 5))).toEqual([0, 0]);
    expect(keyTarget(' ', true, 3, 5)).toBe(2);
    expect(keyTarget('ArrowRight', false, 4, 5)).toBe(4);
    expect(keyTarget('PageUp', false, 0, 5)).toBe(0);
  });

  it('should jump to the ends with Home and End and leave other keys alone', () => {
    expect(keyTarget('Home', false, 3, 5)).toBe(0);
    expect(keyTarget('End', false, 0, 5)).toBe(4);
    expect(keyTarget('a', false, 0, 5)).toBeNull();
  });
});
