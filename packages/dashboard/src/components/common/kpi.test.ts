import { describe, expect, it } from 'vitest';
import { periodLabel } from '../../state/period.ts';
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
  it('should say a quarterly duty in November is in progress, with its span, its pace and the last quarter', () => {
    const progress = {
      line: (p: { span: string; pace: string; last: string }) => `考核期进行中：${p.span}累计${p.pace}${p.last}`,
      onPace: ' · 进度正常',
      behind: ' · 进度落后',
      last: (p: { period: string; value: string; status: string }) =>
        ` · 上一完整期 ${p.period}：${p.value}${p.status ? `（${p.status}）` : ''}`,
      status: (s: string) => ({ MET: '达标', NOT_MET: '未达标' })[s as 'MET'] ?? s,
    };
    const card = kpiCardModel(
      value({
        id: 'general_meeting_rate',
        value: 69.6,
        status: 'IN_PROGRESS',
        judgedPeriod: '2026-QTD11',
        onPace: null,
        lastComplete: { period: '2026-Q3', value: 93.5, nullReason: null, status: 'NOT_MET' },
      }),
      'zh',
      { ...words, progress },
    );
    expect(card.note).toBe('考核期进行中：2026年10—11月累计 · 上一完整期 2026年第3季度：93.5%（未达标）');
    expect(periodLabel('2026-QTD11', 'en')).toBe('Oct–Nov 2026');
    expect(periodLabel('2026-YTD01', 'zh')).toBe('2026年1月');
    expect(kpiCardModel(value({ id: 'general_meeting_rate' }), 'zh', { ...words, progress }).note).toBeNull();
  });

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

  it('should say 未披露 for a figure withheld, name a reported figure and its source, and flag a partial total or a differing report', () => {
    const withheld = kpiCardModel(
      value({ id: 'ethics_banners', value: null, nullReason: 'NOT_DISCLOSED', status: null, provenance: 'NOT_DISCLOSED' }),
      'zh',
      words,
    );
    expect(withheld).toMatchObject({ value: '未披露', missing: true });
    const reported = kpiCardModel(
      value({
        id: 'outpatient_satisfaction',
        value: 92.5,
        provenance: 'REPORTED',
        reported: { disclosure: 'REPORTED', value: 92.5, source: '国家满意度平台' },
      }),
      'zh',
      words,
    );
    expect(reported.note).toBe('报送值（国家满意度平台）');
    const partial = kpiCardModel(
      value({
        id: 'ethics_banners',
        value: 15,
        provenance: 'RECORDS',
        incomplete: true,
        reported: { disclosure: 'REPORTED', value: 5, source: null },
      }),
      'zh',
      words,
    );
    expect(partial.value).toBe('15面');
    expect(partial.note).toBe('另有报送值 5面 · 部分下级未披露，合计不完整');
    expect(kpiCardModel(value({ id: 'ethics_banners', value: 3, provenance: 'RECORDS' }), 'en', words).note).toBeNull();
  });
});
