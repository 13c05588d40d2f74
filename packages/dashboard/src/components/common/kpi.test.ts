import { describe, expect, it } from 'vitest';
import { kpiCardModel, kpiItems, thresholdText, type KpiValue, type KpiWords } from './kpi.ts';

const words: KpiWords = {
  vsPrevious: '比上月',
  vsYearAgo: '比去年同期',
  target: (v, direction) => `目标 ${direction === 'LOWER' ? '≤' : '≥'} ${v}`,
};
const value = (over: Partial<KpiValue> & { id: string }): KpiValue => ({
  indicator: { id: over.id },
  value: 93.54,
  nullReason: null,
  status: 'MET',
  target: { target: 90 },
  changeFromPrevious: 1.2,
  changeFromYearAgo: -0.4,
  ...over,
});

describe('dashboard/kpi card', () => {
  it('should show the value with its unit, the target with its direction and both changes, good or bad', () => {
    const card = kpiCardModel(value({ id: 'outpatient_satisfaction' }), 'zh', words);
    expect(card).toMatchObject({ id: 'outpatient_satisfaction', name: '门诊患者满意度', value: '93.5%', missing: false, status: 'MET' });
    expect(card.target).toBe('目标 ≥ 90.0%');
    expect(card.changes).toEqual([
      { label: '比上月', text: '+1.2个百分点', good: true },
      { label: '比去年同期', text: '−0.4个百分点', good: false },
    ]);
  });

  it('should say 未填报 for a missing value, never 0, and leave a change with nothing to compare empty or in words', () => {
    const v = value({ id: 'outpatient_satisfaction', value: null, nullReason: 'NOT_REPORTED', changeFromPrevious: null });
    const card = kpiCardModel(v, 'zh', words);
    expect([card.value, card.missing]).toEqual(['未填报', true]);
    expect(card.changes[0]).toEqual({ label: '比上月', text: null, good: null });
    expect(kpiCardModel(v, 'zh', { ...words, noChange: '无可比数据' }).changes[0].text).toBe('无可比数据');
  });

  it('should write a lower-is-better target as at most, and a count target without a unit', () => {
    const card = kpiCardModel(value({ id: 'complaint_count', value: 3, target: { target: 5 } }), 'zh', words);
    expect(card.target).toBe('目标 ≤ 5');
    expect(thresholdText('complaint_count', 5, 'en')).toBe('5');
    expect(kpiCardModel(value({ id: 'complaint_count', target: { target: null } }), 'zh', words).target).toBeNull();
  });

  it('should give the small figures in the order asked, leaving out what the board lacks', () => {
    const values = [value({ id: 'activist_count', value: 59 }), value({ id: 'complaint_count', value: null, nullReason: 'NOT_REPORTED' })];
    expect(kpiItems(values, ['complaint_count', 'honors_count', 'activist_count'])).toEqual([
      { id: 'complaint_count', value: null, nullReason: 'NOT_REPORTED', status: 'MET' },
      { id: 'activist_count', value: 59, nullReason: null, status: 'MET' },
    ]);
    expect(kpiItems(values).map((k) => k.id)).toEqual(['activist_count', 'complaint_count']);
  });
});
