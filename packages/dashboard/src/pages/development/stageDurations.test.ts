import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DevelopmentSpanKind } from '@party-hub/schema/client';
import { loadStageDurations, stageDurations } from './stageDurations.ts';

const group = (span: DevelopmentSpanKind, count: number, p25: number, median: number, p75: number, belowMinimumRate: number | null) => ({
  keys: { span },
  count,
  p25,
  median,
  p75,
  minimum: null,
  belowMinimumRate,
});

describe('dashboard/development stage durations', () => {
  it('should give every stretch in the procedure’s order, with the rules’ minimums, empty where nobody finished one', () => {
    const stats = stageDurations([group('PROBATION', 4, 12, 12.5, 13, 25), group('ACTIVIST', 3, 11.5, 12, 15, 100 / 3)]);
    expect(stats.map((s) => s.key)).toEqual(['APPLICANT', 'ACTIVIST', 'TARGET', 'PROBATION']);
    expect(stats.map((s) => s.minMonths)).toEqual([null, 12, null, 12]);
    expect(stats[1]).toMatchObject({ n: 3, p25: 11.5, median: 12, p75: 15, belowMinimum: 1 });
    expect(stats[3]).toMatchObject({ n: 4, belowMinimum: 1 });
    expect(stats[0]).toMatchObject({ n: 0, median: null, belowMinimum: 0 });
  });
});

describe('dashboard/development stage durations, withheld', () => {
  it('should keep a withheld stretch’s people unknown (null), never 0', () => {
    const stats = stageDurations([{ ...group('ACTIVIST', 0, 0, 0, 0, null), count: null, p25: null, median: null, p75: null }]);
    expect(stats[1]).toMatchObject({ n: null, belowMinimum: null, median: null });
  });
});

describe('dashboard/development stage durations loader', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('should ask the hub once for the organisation, passing the abort signal on', async () => {
    const body = { data: { developmentSpansAggregate: { groups: [group('PROBATION', 1, 12, 12, 12, 0)] } } };
    const fetch = vi.fn(async () => new Response(JSON.stringify(body)));
    vi.stubGlobal('fetch', fetch);
    const signal = new AbortController().signal;
    const stats = await loadStageDurations({ orgId: 'o1' }, signal);
    const calls = fetch.mock.calls as unknown as [string, RequestInit][];
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]![1].body as string).variables).toEqual({ orgId: 'o1' });
    expect(calls[0]![1].signal).toBe(signal);
    expect(stats.find((s) => s.key === 'PROBATION')).toMatchObject({ n: 1, median: 12, belowMinimum: 0 });
  });
});
