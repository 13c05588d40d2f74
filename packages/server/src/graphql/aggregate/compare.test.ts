import { describe, expect, it } from 'vitest';
import { changeOf, shiftBack, widened } from './compare.js';
import type { KeyDef } from './entity.js';

const key = (bucket: KeyDef['bucket']) => ({ name: 'heldOn', bucket }) as KeyDef;

describe('graphql/aggregate/compare', () => {
  it('should widen a filter back to the start of the bucket compared with, whatever day the bound falls on', () => {
    expect(widened({ heldOn: { gte: '2025-03-31', lte: '2025-06-30' } }, key('MONTH'), 'PREVIOUS')).toEqual({
      heldOn: { gte: '2025-02-01', lte: '2025-06-30' },
    });
    expect(widened({ heldOn: { gt: '2025-05-15' } }, key('QUARTER'), 'PREVIOUS')).toEqual({ heldOn: { gte: '2025-01-01' } });
    expect(widened({ heldOn: { eq: '2025-08-20' } }, key('MONTH'), 'SAME_PERIOD_LAST_YEAR')).toEqual({
      heldOn: { lte: '2025-08-20', gte: '2024-08-01' },
    });
    expect(widened({ title: { contains: 'x' } }, key('MONTH'), 'PREVIOUS')).toEqual({ title: { contains: 'x' } });
  });

  it('should shift a bucket start by a bucket, or a year (a week by 52 weeks, still a Monday)', () => {
    expect(shiftBack('2025-01-01', 'MONTH', 'PREVIOUS')).toBe('2024-12-01');
    expect(shiftBack('2025-01-01', 'QUARTER', 'PREVIOUS')).toBe('2024-10-01');
    expect(shiftBack('2025-03-03', 'WEEK', 'SAME_PERIOD_LAST_YEAR')).toBe('2024-03-04');
    expect(shiftBack('2025-01-01', 'YEAR', 'PREVIOUS')).toBe('2024-01-01');
  });

  it('should give a change as this group minus the other, measure by measure, null where either has none', () => {
    const g = { keys: { m: '2025-06-01' }, groupedBy: ['M'], isSubtotal: false, isTotal: false, isFilled: false, count: 12 };
    const change = changeOf({ ...g, m: { avg: 4.53, rate: 80, none: null } }, { ...g, count: 15, m: { avg: 4.21, rate: null, none: 3 } });
    expect(change).toMatchObject({ count: -3, m: { avg: 0.32, rate: null, none: null }, keys: { m: '2025-06-01' } });
  });
});
