import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n.ts';
import { MEETING_MESSAGES } from './messages.ts';
import { belowSlide, branchesSlide, compareCounts, compareSlide, COMPARE_IDS, trendSlide, type SlideValue } from './slides.ts';
import { fill, KEY_RATES } from './summary.ts';

type Any = any; // reading an ECharts option back
/** The page's Chinese words, as vue-i18n would give them. */
const t: Translate = (key, params = {}) => {
  const template = key
    .replace(/^meeting\./, '')
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], MEETING_MESSAGES.zh);
  return typeof template === 'string' ? fill(template, params as Record<string, string | number>) : key;
};
const ctx = { lang: 'zh' as const, t, fg: '#000' };
const value = (id: string, v: number | null, previous: number | null, extra: Partial<SlideValue> = {}): SlideValue => ({
  indicator: { id },
  value: v,
  target: { target: null },
  changeFromPrevious: v !== null && previous !== null ? v - previous : null,
  changeFromYearAgo: null,
  previous: { value: previous },
  yearAgo: { value: null },
  ...extra,
});

const point = (period: string, v: number | null) => ({ period, value: v, target: { target: 80 } });

describe('dashboard/meeting slides', () => {
  it('should compare the headline rates the board has, and count which rose, fell or held', () => {
    const [a, b, c] = COMPARE_IDS as [string, string, string];
    const byId = new Map([
      [a, value(a, 90, 80)],
      [b, value(b, 70, 70.02)],
      [c, value(c, null, 60)],
    ]);
    const slide = compareSlide(byId, ctx);
    expect((slide.option as Any).yAxis.data).toHaveLength(3);
    expect(compareCounts([{ id: a, name: a, value: 90, previous: 80, yearAgo: null }])).toEqual({ n: 1, up: 1, down: 0, same: 0 });
    expect(slide.takeaway).toBe('2 项核心比率中，1 项高于上月，0 项低于上月，1 项持平。');
    expect(compareSlide(new Map(), ctx)).toMatchObject({ empty: true, takeaway: '核心比率本月没有可与上月比较的值。' });
  });

  it('should draw the trend and write its takeaway from the same numbers, or say it was not reported', () => {
    const trend = { current: [point('2026-09', 70), point('2026-10', 80)], lastYear: [point('2025-09', 60), point('2025-10', null)] };
    const v = value('integration_index', 80, 70, { changeFromYearAgo: null });
    const slide = trendSlide('integration_index', v, trend, ctx);
    expect((slide.option as Any).series[0].markLine.data).toEqual([{ yAxis: 80 }]);
    expect(slide.takeaway).toContain('近 12 个月平均 75.0');
    expect(slide.takeaway).toContain('较去年同月 未填报');
    expect(trendSlide('integration_index', value('integration_index', null, 70), trend, ctx).takeaway).toBe('本月未填报。');
  });

  it('should rank the indicators below target that have a usable target, and name the furthest behind', () => {
    const below = [
      { id: 'theme_party_day_rate', status: 'NOT_MET' as const, achievement: 60 },
      { id: 'org_life_attendance_rate', status: 'WARNING' as const, achievement: 95 },
      { id: 'complaint_count', status: 'NOT_MET' as const, achievement: null },
    ];
    const slide = belowSlide(below, new Map(), ctx);
    expect((slide.option as Any).yAxis.data).toHaveLength(2);
    expect(slide.takeaway).toBe('1 项未达标、1 项预警；差距最大的是主题党日开展率，仅达到目标的 60.0%。');
    expect(belowSlide([], new Map(), ctx)).toMatchObject({ empty: true, takeaway: '本月没有低于目标的指标。' });
  });

  it('should say how many branches missed a key rate and how many missed the most', () => {
    const list = [
      { orgId: '1', name: '甲', notMet: [...KEY_RATES] },
      { orgId: '2', name: '乙', notMet: [...KEY_RATES] },
      { orgId: '3', name: '丙', notMet: [KEY_RATES[0]] },
    ];
    const slide = branchesSlide(list, ctx);
    expect(slide.takeaway).toBe('3 个支部至少一项重点比率未达标；最多的 2 个支部有 3 项未达标。');
    expect(slide.subtitle).toContain('、');
    expect(branchesSlide([], ctx)).toMatchObject({ empty: true, takeaway: '各支部重点比率均无未达标。' });
  });
});
