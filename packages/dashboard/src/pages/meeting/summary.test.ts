import { describe, expect, it } from 'vitest';
import { belowTarget, branchesNeedingAttention, movers, summarise, type BoardValue, type Breakdown } from './summary.ts';

function v(id: string, value: number | null, previous: number | null, extra: Partial<BoardValue> = {}): BoardValue {
  return {
    indicator: { id },
    value,
    nullReason: value === null ? 'NOT_REPORTED' : null,
    status: null,
    target: { target: null },
    changeFromPrevious: value !== null && previous !== null ? value - previous : null,
    previous: { value: previous, nullReason: previous === null ? 'NOT_REPORTED' : null },
    ...extra,
  };
}

const row = (orgId: string, name: string, status: 'NOT_MET' | 'MET' | null, value: number | null = 50) => ({ orgId, name, status, value });

describe('dashboard/meeting summary', () => {
  it('should rank rates by percentage points and counts by relative change', () => {
    const board = [
      v('theme_party_day_rate', 80, 90), // 10 pp → 0.10
      v('service_event_count', 30, 20), // +50 % → 0.50
      v('three_meetings_one_lesson_rate', 60, 90), // 30 pp → 0.30
      v('activist_count', 61, 60), // tiny
    ];
    expect(movers(board).map((m) => m.id)).toEqual([
      'service_event_count',
      'three_meetings_one_lesson_rate',
      'theme_party_day_rate',
      'activist_count',
    ]);
  });

  it('should never treat a not reported value as 0: it is listed as 未填报, not as a fall', () => {
    const board = [v('staff_satisfaction', null, 81.4), v('theme_party_day_rate', 95, 90)];
    const s = summarise(board, [], 'zh');
    expect(s.movers.map((m) => m.id)).toEqual(['theme_party_day_rate']);
    expect(s.notReported).toEqual(['staff_satisfaction']);
    expect(s.sentences.join('')).toContain('本月未填报：医务人员满意度');
    expect(s.sentences[0]).not.toContain('医务人员满意度');
  });

  it('should say a month without any value has no data, never that every indicator met its target', () => {
    const board = [v('staff_satisfaction', null, 81.4), v('theme_party_day_rate', null, 90)];
    const s = summarise(board, [], 'zh');
    expect(s.sentences).toEqual(['本月尚无任何指标数据（未填报）：没有可以判断或比较的内容。']);
    expect(summarise(board, [], 'en').sentences.join('')).not.toMatch(/met it/);
  });

  it('should name rates and counts apart, and cap a long below-target list', () => {
    const board = [v('theme_party_day_rate', 80, 90), v('service_event_count', 30, 20)];
    expect(summarise(board, [], 'zh').sentences[0]).toBe(
      '与上期相比（季度、年度指标按同口径累计），比率变动最大的是主题党日开展率下降10.0个百分点（90.0% → 80.0%）；数量变动最大的是服务群众活动场次上升10次（20次 → 30次）。',
    );
    const many = [
      'general_meeting_rate',
      'party_lecture_rate',
      'theme_party_day_rate',
      'committee_meeting_rate',
      'group_meeting_rate',
      'secretary_dept_head_rate',
    ].map((id, i) => v(id, 10 + i, 10 + i, { status: 'NOT_MET', target: { target: 100 } }));
    const en = summarise(many, [], 'en').sentences[1];
    expect(en).toMatch(/^6 indicators are below target: not met: .+, and 3 more\.$/);
    expect(summarise(many, [], 'zh').sentences[1]).toContain('等 6 项');
  });

  it('should never make a mover of a small base, and never call an in-progress duty below target', () => {
    const board = [
      v('high_knowledge_share_new', 100, 25, { smallBase: true }), // 1 of 1 after 1 of 4: 75 points of nothing
      v('theme_party_day_rate', 95, 90),
      v('general_meeting_rate', 45.7, 93.5, { status: 'IN_PROGRESS', target: { target: 100 } }),
    ];
    expect(movers(board).map((m) => m.id)).not.toContain('high_knowledge_share_new');
    expect(belowTarget(board)).toEqual([]);
  });

  it('should skip a count that rose from 0 (no relative change) and unchanged values', () => {
    expect(movers([v('honors_count', 3, 0), v('branch_count', 46, 46)])).toEqual([]);
  });

  it('should list NOT_MET before WARNING, furthest from target first', () => {
    const board = [
      v('theme_party_day_rate', 92, 92, { status: 'WARNING', target: { target: 100 } }),
      v('general_meeting_rate', 80, 80, { status: 'NOT_MET', target: { target: 100 } }),
      v('party_lecture_rate', 40, 40, { status: 'NOT_MET', target: { target: 100 } }),
      v('outpatient_satisfaction', 95, 95, { status: 'MET', target: { target: 90 } }),
    ];
    expect(belowTarget(board).map((b) => [b.id, b.status, b.achievement])).toEqual([
      ['party_lecture_rate', 'NOT_MET', 40],
      ['general_meeting_rate', 'NOT_MET', 80],
      ['theme_party_day_rate', 'WARNING', 92],
    ]);
  });

  it('should keep board order for ties and rank branches by misses, then by name', () => {
    const tie = [
      v('general_meeting_rate', 50, 50, { status: 'NOT_MET', target: { target: 100 } }),
      v('party_lecture_rate', 50, 50, { status: 'NOT_MET', target: { target: 100 } }),
    ];
    expect(belowTarget(tie).map((b) => b.id)).toEqual(['general_meeting_rate', 'party_lecture_rate']);
    const breakdowns: Breakdown[] = [
      {
        indicatorId: 'theme_party_day_rate',
        rows: [row('b', '乙支部', 'NOT_MET'), row('a', '甲支部', 'NOT_MET'), row('c', '丙支部', 'MET')],
      },
      { indicatorId: 'org_life_attendance_rate', rows: [row('c', '丙支部', 'NOT_MET'), row('a', '甲支部', null, null)] },
      { indicatorId: 'three_meetings_one_lesson_rate', rows: [row('c', '丙支部', 'NOT_MET')] },
    ];
    const ranked = branchesNeedingAttention(breakdowns, 'zh');
    expect(ranked.map((b) => [b.name, b.notMet.length])).toEqual([
      ['丙支部', 2],
      ['甲支部', 1],
      ['乙支部', 1],
    ]);
  });

  it('should write full sentences in both languages, and say so when there is nothing', () => {
    const board = [v('three_meetings_one_lesson_rate', 60, 90, { status: 'NOT_MET', target: { target: 95 } })];
    const zh = summarise(
      board,
      [{ indicatorId: 'three_meetings_one_lesson_rate', rows: [{ orgId: 'x', name: '检验科党支部', value: 50, status: 'NOT_MET' }] }],
      'zh',
    );
    expect(zh.sentences[0]).toBe(
      '与上期相比（季度、年度指标按同口径累计），比率变动最大的是“三会一课”综合达标率下降30.0个百分点（90.0% → 60.0%）。',
    );
    expect(zh.sentences[1]).toBe('有 1 项指标低于目标：未达标的有“三会一课”综合达标率（60.0%，目标 95.0%）。');
    expect(zh.sentences[2]).toContain('最需关注的是检验科党支部（1 项未达标）');
    const en = summarise(board, [], 'en');
    expect(en.sentences[0]).toMatch(
      /^Against the previous period \(quarterly and yearly indicators to date, like for like\), the rates that moved most were .+ down 30\.0 pp \(90\.0% → 60\.0%\)\.$/,
    );
    const empty = summarise([], [], 'zh');
    expect(empty.sentences).toEqual([
      '与上期相比，没有可比较的明显变动。',
      '所有设有目标且已填报的指标本月均已达标。',
      '本组织下没有可分解到支部的数据。',
    ]);
    const none = summarise(
      [],
      [{ indicatorId: 'theme_party_day_rate', rows: [{ orgId: 'x', name: '甲', value: 100, status: 'MET' }] }],
      'en',
    );
    expect(none.sentences[2]).toBe('No branch missed a key rate (Theme Party days held).');
  });
});
