import { describe, expect, it } from 'vitest';
import { Grid } from './grid.js';

describe('Grid', () => {
  it('keeps a value per organisation, period and indicator, and tells them apart', () => {
    const g = new Grid<number>();
    expect(g.empty).toBe(true);
    g.set(1, '2026-11', 'a', 1).set(2, '2026-11', 'a', 2).set(1, '2026-Q4', 'a', 3).set(1, '2026-11', 'b', 4);
    expect([g.get(1, '2026-11', 'a'), g.get(2, '2026-11', 'a'), g.get(1, '2026-Q4', 'a'), g.get(1, '2026-11', 'b')]).toEqual([1, 2, 3, 4]);
    expect(g.get(3, '2026-11', 'a')).toBeUndefined();
    expect(g.has(1, '2026-10', 'a')).toBe(false);
    expect(g.has(2, '2026-11', 'a')).toBe(true);
    g.set(1, '2026-11', 'a', 9);
    expect(g.get(1, '2026-11', 'a')).toBe(9);
    expect([...g.entries()]).toHaveLength(4);
    const h = new Grid<number>().set(5, '2026-11', 'a', 5).set(1, '2026-11', 'a', 10);
    g.merge(h);
    expect([g.get(5, '2026-11', 'a'), g.get(1, '2026-11', 'a'), g.empty]).toEqual([5, 10, false]);
  });
});
