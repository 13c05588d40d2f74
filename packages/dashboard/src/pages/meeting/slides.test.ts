import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n.ts';
import { MEETING_MESSAGES } from './messages.ts';
import { BRANCH_ROWS } from './options.ts';
import { belowSlide, branchesSlide, compareCounts, compareSlide, COMPARE_IDS, trendSlide, type SlideValue } from './slides.ts';
import { fill, KEY_RATES } from './summary.ts';

type Any = any; // reading an ECharts option back
/** The page's words, as vue-i18n would give them. */
const words =
  (lang: 'zh' | 'en'): Translate =>
  (key, params = {}) => {
    const template = key
      .replace(/^meeting\./, '')
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], MEETING_MESSAGES[lang]);
    return typeof template === 'string' ? fill(template, params as Record<string, string | number>) : key;
  };
const t = words('zh');
const tEn = words('en');
const ctx = { lang: 'zh' as const, t, fg: '#000', scope: '院党委 · 2026年11月' };
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
    expect(slide.takeaway).toBe(
      '1 项未达标、1 项预警；差距最大的是主题党日开展率，仅达到目标的 60.0%。另有 1 项没有可用的目标，图中未画出。',
    );
    expect(belowSlide([], new Map(), ctx)).toMatchObject({ empty: true, takeaway: '本月没有低于目标的指标。' });
  });

  it('should say when the chart draws fewer indicators than are below target, never that none is', () => {
    const below = [
      { id: 'theme_party_day_rate', status: 'NOT_MET' as const, achievement: 60 },
      { id: 'complaint_count', status: 'NOT_MET' as const, achievement: null },
    ];
    expect(belowSlide(below, new Map(), ctx).takeaway).toBe(
      '1 项未达标、0 项预警；差距最大的是主题党日开展率，仅达到目标的 60.0%。另有 1 项没有可用的目标，图中未画出。',
    );
    const only = belowSlide([below[1]], new Map(), ctx);
    expect(only.takeaway).toBe('另有 1 项没有可用的目标，图中未画出。');
    expect(only.takeaway).not.toContain('没有低于目标');
  });

  it('should name the organisation and the month on every chart slide', () => {
    const trend = { current: [point('2026-10', 80)], lastYear: [point('2025-10', 70)] };
    const slides = [
      compareSlide(new Map(), ctx),
      trendSlide('integration_index', undefined, trend, ctx),
      belowSlide([], new Map(), ctx),
      branchesSlide([], ctx),
    ];
    expect(slides.map((x) => x.scope)).toEqual(Array(4).fill('院党委 · 2026年11月'));
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

  it('should say how many branches the chart draws when there are more than fit', () => {
    const list = Array.from({ length: 20 }, (_, i) => ({
      orgId: String(i),
      name: `支部${i}`,
      notMet: i < 2 ? [...KEY_RATES] : [KEY_RATES[0]],
    }));
    const slide = branchesSlide(list, ctx);
    expect((slide.option as Any).yAxis.data).toHaveLength(BRANCH_ROWS);
    expect(slide.takeaway).toBe('20 个支部至少一项重点比率未达标，图中显示最差的 15 个；最多的 2 个支部有 3 项未达标。');
    const en = branchesSlide(list, { ...ctx, lang: 'en', t: tEn });
    expect(en.takeaway).toBe('20 branches missed at least one key rate, the 15 with most misses drawn; 2 of them missed 3 of the 3.');
    expect(branchesSlide(list.slice(0, 15), ctx).takeaway).not.toContain('图中显示');
  });
});
