import type { SatisfactionDistributionQuery } from '@party-hub/schema/client';
import { describe, expect, it } from 'vitest';
import type { KpiValue } from '../../components/common/kpi.ts';
import { departmentRows, distributionVariables, latestReported, satisfactionCards, surveyDistributions } from './view.ts';

const survey = (id: string, scale: 'PERCENT_SATISFIED' | 'LIKERT_5') => ({
  id,
  title: id,
  scale,
  source: 'INTERNAL' as const,
  satisfiedFrom: '90',
});

const band = (counts: [string, number][]) => ({ groups: counts.map(([id, count]) => ({ count, keys: { survey: { id } } })) });

describe('dashboard/satisfaction view', () => {
  it('should ask for the month and kind once in all and once more per score band, each band its own whole filter', () => {
    const v = distributionVariables('O1', 'INPATIENT', '2026-02');
    const base = { orgId: 'O1', survey: { kind: { eq: 'INPATIENT' } }, respondedOn: { gte: '2026-02-01', lte: '2026-02-28' } };
    expect(v.all).toEqual(base);
    expect(v.b0).toEqual({ ...base, overallScore: { lt: 60 } });
    expect(v.b4).toEqual({ ...base, overallScore: { gte: 90, lt: 95 } });
    expect(v.b6).toEqual({ ...base, overallScore: { eq: 100 } });
  });

  it('should say when a card without a value was last reported, and what', () => {
    const points = [
      { period: '2026-08', value: null },
      { period: '2026-09', value: 81.44 },
      { period: '2026-10', value: null },
    ];
    expect(latestReported(points)).toEqual({ period: '2026-09', value: 81.44 });
    const staff: KpiValue = {
      indicator: { id: 'staff_satisfaction' },
      value: null,
      nullReason: 'NOT_REPORTED',
      status: null,
      target: { target: 85 },
      changeFromPrevious: null,
      changeFromYearAgo: null,
    };
    const words = {
      vsPrevious: '比上月',
      vsYearAgo: '比去年同期',
      noChange: '无可比数据',
      target: (v: string) => `目标 ≥ ${v}`,
      latest: (p: string, v: string) => `最近一次：${p} ${v}`,
    };
    const [card] = satisfactionCards([staff], [{ indicator: { id: 'staff_satisfaction' }, points }], 'zh', words);
    expect(card).toMatchObject({ value: '未填报', missing: true, note: '最近一次：2026-09 81.4%', target: '目标 ≥ 85.0%' });
    expect(card.changes.map((c) => c.text)).toEqual(['无可比数据', '无可比数据']);
  });

  it("should rank departments on their value and status and keep each one's responses", () => {
    const rows = departmentRows([
      {
        rank: 1,
        organization: null,
        department: { id: 'D1', name: '眼科' },
        point: { value: 95.8, nullReason: null, status: 'MET', numerator: 113, denominator: 118 },
      },
    ]);
    expect(rows).toEqual([{ name: '眼科', value: 95.8, status: 'MET', count: 118 }]);
  });

  it('should count each survey in each band apart, leave out Likert surveys, and name each by source and scale', () => {
    const d: SatisfactionDistributionQuery = {
      surveys: {
        groups: [
          { count: 4, keys: { survey: survey('a', 'PERCENT_SATISFIED') } },
          { count: 9, keys: { survey: survey('l', 'LIKERT_5') } },
        ],
      },
      b0: band([['a', 1]]),
      b1: band([]),
      b2: band([]),
      b3: band([['a', 1]]),
      b4: band([
        ['a', 2],
        ['l', 9],
      ]),
      b5: band([]),
      b6: band([]),
    };
    const out = surveyDistributions(d, { name: (so, sc) => `${so} · ${sc}`, note: (so, sc, from) => `${so} ${sc} ≥${from}` });
    expect(out).toEqual([
      { id: 'a', name: 'INTERNAL · PERCENT_SATISFIED', note: 'INTERNAL PERCENT_SATISFIED ≥90', total: 4, counts: [1, 0, 0, 1, 2, 0, 0] },
    ]);
  });
});
