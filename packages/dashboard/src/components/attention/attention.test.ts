import { describe, expect, it } from 'vitest';
import { attentionOrder, attentionRows, branchesText, valueWithCounts, type AttentionValue } from './attention.ts';

const v = (id: string, over: Partial<AttentionValue> = {}): AttentionValue => ({
  indicator: { id },
  value: 50,
  nullReason: null,
  status: 'MET',
  target: { target: 100 },
  changeFromPrevious: null,
  previous: { value: null, nullReason: null, status: null },
  ...over,
});
const words = { target: (t: string) => `目标 ≥ ${t}`, more: (n: number) => `等 ${n} 个`, sep: '、' };

describe('attention list', () => {
  it('should put below target first, then warning, each furthest from its target first, then what met its target again', () => {
    const board = [
      v('committee_meeting_rate', { status: 'WARNING', value: 92 }),
      v('general_meeting_rate', { status: 'NOT_MET', value: 80 }),
      v('three_meetings_one_lesson_rate', { status: 'NOT_MET', value: 40 }),
      v('org_life_attendance_rate', { status: 'MET', value: 99, previous: { value: 80, nullReason: null, status: 'NOT_MET' } }),
      v('group_meeting_rate', { status: 'MET', value: 99, previous: { value: 99, nullReason: null, status: 'MET' } }),
      // In progress is never a miss, whatever its figure so far.
      v('theme_party_day_rate', { status: 'IN_PROGRESS', value: 10 }),
    ];
    expect(attentionOrder(board)).toEqual([
      { id: 'three_meetings_one_lesson_rate', group: 'NOT_MET' },
      { id: 'general_meeting_rate', group: 'NOT_MET' },
      { id: 'committee_meeting_rate', group: 'WARNING' },
      { id: 'org_life_attendance_rate', group: 'RECOVERED' },
    ]);
  });

  it('should give a rate with its counts, so a small base shows as one', () => {
    expect(valueWithCounts(v('general_meeting_rate', { value: 50, numerator: 2, denominator: 4 }), 'zh')).toBe('50.0%（2/4）');
    expect(valueWithCounts(v('general_meeting_rate', { value: 50, numerator: 2, denominator: 4 }), 'en')).toBe('50.0% (2/4)');
    expect(valueWithCounts(v('general_meeting_rate', { value: null, nullReason: 'NOT_REPORTED' }), 'zh')).toBe('未填报');
  });

  it('should name the branches behind a miss, worst first, and say how many there are in all', () => {
    const rows = [
      { name: '一支部', value: 95, status: 'MET' as const },
      { name: '二支部', value: 40, status: 'NOT_MET' as const },
      { name: '三支部', value: 92, status: 'WARNING' as const },
      { name: '四支部', value: 60, status: 'NOT_MET' as const },
      { name: '五支部', value: null, status: null },
      { name: '六支部', value: 85, status: 'NOT_MET' as const },
    ];
    expect(branchesText('general_meeting_rate', rows, 'zh', words)).toBe('二支部 40.0%、四支部 60.0%、六支部 85.0% 等 4 个');
    expect(branchesText('general_meeting_rate', rows.slice(0, 3), 'zh', words)).toBe('二支部 40.0%、三支部 92.0%');
    expect(branchesText('general_meeting_rate', [], 'zh', words)).toBe('');
  });

  it('should write each row with its target and change, and no branches for one back on target', () => {
    const board = [
      v('general_meeting_rate', { status: 'NOT_MET', value: 50, numerator: 2, denominator: 4, changeFromPrevious: -25 }),
      v('org_life_attendance_rate', {
        status: 'MET',
        value: 99,
        changeFromPrevious: 19,
        previous: { value: 80, nullReason: null, status: 'WARNING' },
      }),
    ];
    const children = new Map([['general_meeting_rate', [{ name: '二支部', value: 0, status: 'NOT_MET' as const }]]]);
    const rows = attentionRows(board, children, 'zh', words);
    expect(rows[0]).toMatchObject({
      id: 'general_meeting_rate',
      group: 'NOT_MET',
      value: '50.0%（2/4）',
      target: '目标 ≥ 100.0%',
      good: false,
      branches: '二支部 0.0%',
    });
    expect(rows[0]!.change).toMatch(/25/);
    expect(rows[1]).toMatchObject({ id: 'org_life_attendance_rate', group: 'RECOVERED', branches: '', good: true });
  });
});
