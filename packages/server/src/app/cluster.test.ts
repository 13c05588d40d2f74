import { describe, expect, it } from 'vitest';
import { replacementPause } from './cluster.js';

describe('cluster: replacing a dead worker', () => {
  it('should replace a worker that lived at once, and wait longer each time they die young, up to 30 s', () => {
    expect(replacementPause(60_000, 5)).toBe(0);
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => replacementPause(500, n))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});
