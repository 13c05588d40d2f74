import { afterEach, describe, expect, it, vi } from 'vitest';
import { affects, isSocketFault, nextMode, onReconnect, RECONNECT_JITTER_MS, reconnected } from './live.ts';

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

describe('dashboard/live reconnect', () => {
  afterEach(() => void vi.useRealTimers());

  it('should reload every live view once, after a random delay of up to 3 s, when the socket came back', () => {
    vi.useFakeTimers();
    const board = vi.fn();
    const card = vi.fn();
    const offs = [onReconnect(board), onReconnect(card)];
    reconnected(() => 0.5);
    reconnected(() => 0); // a second reconnect before the reload: still one reload, at the first's time
    vi.advanceTimersByTime(RECONNECT_JITTER_MS / 2 - 1);
    expect([board.mock.calls.length, card.mock.calls.length]).toEqual([0, 0]);
    vi.advanceTimersByTime(1);
    expect([board.mock.calls.length, card.mock.calls.length]).toEqual([1, 1]);
    vi.advanceTimersByTime(10 * RECONNECT_JITTER_MS);
    expect(board).toHaveBeenCalledTimes(1);
    // The longest wait is the jitter's bound; a view gone from the page is not reloaded.
    offs[1]();
    reconnected(() => 0.999);
    vi.advanceTimersByTime(RECONNECT_JITTER_MS);
    expect([board.mock.calls.length, card.mock.calls.length]).toEqual([2, 1]);
    offs[0]();
  });
});
