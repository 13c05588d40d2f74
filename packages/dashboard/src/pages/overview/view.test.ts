import { describe, expect, it } from 'vitest';
import type { KpiValue } from '../../components/common/kpi.ts';
import { HEADLINE_IDS } from './options.ts';
import { boardTable, categoryGroups, headlineCards } from './view.ts';

const words = { vsPrevious: '比上月', vsYearAgo: '比去年同期', target: (v: string) => `目标 ≥ ${v}` };
const style = { color: '#0072B2', targetColor: '#555' };
const value = (id: string): KpiValue => ({
  indicator: { id },
  value: 95,
  nullReason: null,
  status: 'MET',
  target: { target: 90 },
  changeFromPrevious: null,
  changeFromYearAgo: null,
});

describe('dashboard/overview view', () => {
  it('should make a card per headline indicator the board has, in catalog order, each with its named sparkline', () => {
    const ids = HEADLINE_IDS.toReversed();
    const cards = headlineCards(new Map(ids.map((id) => [id, value(id)])), new Map(), 'zh', words, style);
    expect(cards.map((c) => c.id)).toEqual(HEADLINE_IDS);
    expect(cards.map((c) => c.spark?.name)).toEqual(HEADLINE_IDS.map((id) => `overview-spark-${id}`));
    expect(headlineCards(new Map([['complaint_count', value('complaint_count')]]), new Map(), 'zh', words, style)).toEqual([]);
  });

  it('should put the cards below target first, then in warning, when asked to order by status', () => {
    const [a, b, c] = HEADLINE_IDS as [string, string, string];
    const vs = new Map(HEADLINE_IDS.map((id) => [id, value(id)]));
    vs.set(b, { ...value(b), status: 'WARNING' });
    vs.set(c, { ...value(c), status: 'NOT_MET' });
    const ordered = headlineCards(vs, new Map(), 'zh', words, style, 'status').map((x) => x.id);
    expect(ordered.slice(0, 3)).toEqual([c, b, a]);
    expect(ordered).toHaveLength(HEADLINE_IDS.length);
  });

  it("should draw each card's own 12 months, a gap where a month is not reported", () => {
    const id = HEADLINE_IDS[0];
    const points = [
      { period: '2026-09', value: null },
      { period: '2026-10', value: 95 },
    ];
    const [card] = headlineCards(new Map([[id, value(id)]]), new Map([[id, points]]), 'zh', words, style);
    const option = card.spark!.option as { series: { data: unknown[] }[] };
    expect(option.series[0].data[0]).toBeNull();
  });

  it('should list every category, each with the indicators the board has, in catalog order', () => {
    const groups = categoryGroups(
      new Map([
        ['complaint_count', 1],
        ['honors_count', 2],
      ]),
      'zh',
    );
    expect(groups.length).toBeGreaterThan(3);
    const rows = groups.flatMap((g) => g.rows.map((r) => [g.key, r.id, r.v]));
    expect(rows).toEqual([
      ['ETHICS', 'complaint_count', 1],
      ['INTEGRATION', 'honors_count', 2],
    ]);
  });
});

describe('dashboard/overview export, withheld', () => {
  it('should write a withheld value and its counts as the reason in words, never 0 or blank', () => {
    const v = {
      value: null,
      nullReason: 'SUPPRESSED' as const,
      status: null,
      numerator: null,
      denominator: null,
      target: { target: null },
      changeFromPrevious: null,
      changeFromYearAgo: null,
    };
    const [, row] = boardTable(new Map([['new_probationary_count', v]]), 'zh', { header: ['h'], status: (s) => s });
    expect(row[2]).toBe('人数过少·已隐藏');
    expect(row[8]).toBe('人数过少·已隐藏');
    expect(row[9]).toBe('人数过少·已隐藏');
    expect(row).not.toContain(0);
  });
});
