import { describe, expect, it } from 'vitest';
import { affects } from './live.ts';

describe('dashboard/live', () => {
  const change = (ids: string[], refreshAll = false) => ({ indicatorIds: ids, refreshAll });

  it('should reload a view only for a change to an indicator it shows', () => {
    expect(affects(change(['honors_count']), ['outpatient_satisfaction'])).toBe(false);
    expect(affects(change(['honors_count', 'outpatient_satisfaction']), ['outpatient_satisfaction'])).toBe(true);
  });

  it('should always reload on a full refresh, a poll, or a view that shows everything', () => {
    expect(affects(change([], true), ['outpatient_satisfaction'])).toBe(true);
    expect(affects(null, ['outpatient_satisfaction'])).toBe(true);
    expect(affects(change(['honors_count']))).toBe(true);
    // The hub's "everything" when the list would not fit in a notification.
    expect(affects(change([]), ['outpatient_satisfaction'])).toBe(true);
  });

  it('should reload the integration index on any change (its inputs are weighted per hospital)', () => {
    expect(affects(change(['outpatient_satisfaction']), ['integration_index'])).toBe(true);
    expect(affects(change(['complaint_count']), ['integration_index'])).toBe(true);
  });
});
