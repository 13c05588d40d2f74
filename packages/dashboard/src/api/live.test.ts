import { describe, expect, it } from 'vitest';
import { affects, isSocketFault, nextMode } from './live.ts';

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

describe('dashboard/live mark', () => {
  it('should look like a network fault only when the socket failed or was closed on us', () => {
    expect(nextMode('connecting', { type: 'connected' })).toBe('live');
    expect(nextMode('live', { type: 'closed', code: 1006 })).toBe('polling');
    expect(nextMode('live', { type: 'error' })).toBe('polling');
    expect(nextMode('polling', { type: 'connected' })).toBe('live');
    // The client closing its idle socket between two pages' subscriptions: nothing is down.
    expect(nextMode('live', { type: 'closed', code: 1000 })).toBe('live');
  });

  it('should tell the hub refusing a subscription (GraphQL errors on a working socket) from the socket failing', () => {
    expect(isSocketFault([{ message: '党组织不存在' }])).toBe(false);
    expect(isSocketFault({ code: 1006, reason: '' })).toBe(true);
    expect(isSocketFault(new Error('network'))).toBe(true);
  });
});
