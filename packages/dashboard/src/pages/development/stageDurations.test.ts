import { afterEach, describe, expect, it, vi } from 'vitest';
import { completedMonths, loadStageDurations, percentile, stageDurations } from './stageDurations.ts';

const ev = (member: string, stage: any, eventDate: string) => ({ member, stage, eventDate });

describe('dashboard/development stage durations', () => {
  it('should count whole calendar months from the dates as written, with no UTC off-by-one', () => {
    expect(completedMonths('2024-03-15', '2025-03-14')).toBe(11);
    expect(completedMonths('2024-03-15', '2025-03-15')).toBe(12);
    expect(completedMonths('2024-01-01', '2024-12-31')).toBe(11);
    expect(completedMonths('2024-01-01', '2025-01-01')).toBe(12);
    expect(completedMonths('2023-12-31', '2024-01-01')).toBe(0);
    expect(completedMonths('2024-01-31', '2024-02-29')).toBe(0);
  });

  it('should interpolate percentiles like percentile_cont', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10], 0.25)).toBe(10);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('should time each stage per person from the first event of each stage and count who moved on too early', () => {
    const stats = stageDurations([
      ev('a', 'ACTIVIST_CONFIRMED', '2023-03-01'),
      ev('a', 'TARGET_CONFIRMED', '2024-03-01'),
      ev('b', 'ACTIVIST_CONFIRMED', '2023-05-10'),
      ev('b', 'ACTIVIST_CONFIRMED', '2023-09-10'),
      ev('b', 'TARGET_CONFIRMED', '2024-05-09'),
      ev('c', 'ACTIVIST_CONFIRMED', '2023-01-01'),
      ev('c', 'TARGET_CONFIRMED', '2024-07-01'),
      ev('d', 'ACTIVIST_CONFIRMED', '2024-01-01'),
    ]);
    const activist = stats.find((s) => s.key === 'activist')!;
    expect(activist.n).toBe(3);
    expect(activist.median).toBe(12);
    expect(activist.p25).toBe(11.5);
    expect(activist.p75).toBe(15);
    expect(activist.belowMinimum).toBe(1);
    expect(stats.find((s) => s.key === 'applicant')!.median).toBeNull();
  });
});

const page = (nodes: [string, string, string][], endCursor: string | null) => ({
  data: {
    developmentEvents: {
      nodes: nodes.map(([member, stage, eventDate]) => ({ member: { id: member }, stage, eventDate })),
      pageInfo: { hasNextPage: endCursor !== null, endCursor },
    },
  },
});

describe('dashboard/development stage durations loader', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('should follow the cursors through every page of events, passing the abort signal on', async () => {
    const pages = [page([['a', 'BRANCH_VOTE_ADMIT', '2024-01-10']], 'c1'), page([['a', 'BRANCH_VOTE_CONVERT', '2025-01-10']], null)];
    const fetch = vi.fn(async () => new Response(JSON.stringify(pages.shift())));
    vi.stubGlobal('fetch', fetch);
    const signal = new AbortController().signal;
    const stats = await loadStageDurations({ orgId: 'o1' }, signal);
    const calls = fetch.mock.calls as unknown as [string, RequestInit][];
    expect(calls.map(([, init]) => JSON.parse(init.body as string).variables.after)).toEqual([null, 'c1']);
    expect(calls.every(([, init]) => init.signal === signal)).toBe(true);
    expect(stats.find((s) => s.key === 'probation')).toMatchObject({ n: 1, median: 12, belowMinimum: 0 });
  });
});
