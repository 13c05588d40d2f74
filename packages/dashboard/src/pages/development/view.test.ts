import { describe, expect, it } from 'vitest';
import { stageDurations } from './stageDurations.ts';
import { minimumRules, shareSeries, SHARE_IDS } from './view.ts';

const rule = (m: number, stages: string) => `${stages}≥${m}`;

describe('dashboard/development view', () => {
  it('should give each share indicator its series in order, empty when the board lacks it', () => {
    const series = [
      { indicator: { id: SHARE_IDS[1] }, points: [{ period: '2026-10', value: 40, target: { target: 30 } }] },
      { indicator: { id: 'other' }, points: [] },
    ];
    const out = shareSeries(series, 'zh');
    expect(out.map((s) => s.points)).toEqual([[], [{ period: '2026-10', value: 40, target: 30 }]]);
    expect(out[0].name).not.toBe(out[1].name);
  });

  it('should name one rule per distinct minimum with the stages it binds, in the page language', () => {
    const stats = stageDurations([]);
    expect(minimumRules(stats, (k) => k, rule, 'zh')).toBe('ACTIVIST、PROBATION≥12');
    expect(minimumRules(stats, (k) => k, rule, 'en')).toBe('ACTIVIST, PROBATION≥12');
  });
});
