import { describe, expect, it } from 'vitest';
import {
  belowTarget,
  branchesNeedingAttention,
  movers,
  MOVER_Z,
  significance,
  summarise,
  twoProportionZ,
  type BoardValue,
  type Breakdown,
} from './summary.ts';

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

/** A rate from x₀ of n₀ last period to x₁ of n₁ now (smallBase as the API marks it: fewer than five). */
function rate(id: string, [x0, n0]: [number, number], [x1, n1]: [number, number], extra: Partial<BoardValue> = {}): BoardValue {
  const base = v(id, (100 * x1) / n1, (100 * x0) / n0, { numerator: x1, denominator: n1, smallBase: n1 < 5, ...extra });
  return { ...base, previous: { ...base.previous, numerator: x0, denominator: n0, smallBase: n0 < 5 } };
}

const row = (orgId: string, name: string, status: 'NOT_MET' | 'MET' | null, value: number | null = 50) => ({ orgId, name, status, value });

describe('dashboard/meeting summary', () => {
  it('should rank moves by significance: a few points among many before many points among few, and noise not at all', () => {
    const board = [
      rate('three_meetings_one_lesson_rate', [300, 1000], [360, 1000]), // 6 pp among 1,000: z ≈ 2.85
      rate('theme_party_day_rate', [10, 20], [18, 20]), // 40 pp among 20: z ≈ 2.76
      rate('org_life_attendance_rate', [300, 1000], [310, 1000]), // 1 pp among 1,000: noise
      rate('on_time_conversion_rate', [1, 4], [4, 4]), // 75 pp among four: a small base, never a mover
      v('service_event_count', 20, 60), // Poisson: 40 / √80 ≈ 4.5
      v('activist_count', 3, 1), // Poisson: 2 / √4 = 1, noise
    ];
    expect(movers(board).map((m) => m.id)).toEqual(['service_event_count', 'three_meetings_one_lesson_rate', 'theme_party_day_rate']);
    expect(movers(board).find((m) => m.id === 'service_event_count')?.kind).toBe('count');
    expect(twoProportionZ({ x: 360, n: 1000 }, { x: 300, n: 1000 })).toBeCloseTo(2.85, 2);
    expect(significance(board[3])).toBeNull();
  });

  it('should judge a rate without its counts, the index and an amount against the target band', () => {
    // integration_index: target 90, warning 80 → a band of 10 points; a move across it scores MOVER_Z.
    const index = (change: number) => v('integration_index', 80 + change, 80, { target: { target: 90, warning: 80 } });
    expect(significance(index(10))).toBeCloseTo(MOVER_Z);
    expect(movers([index(5)])).toEqual([]);
    expect(movers([index(-12)]).map((m) => m.id)).toEqual(['integration_index']);
    // A rate reported without its counts and without a band: against 10 points.
    expect(significance(v('staff_satisfaction', 70, 90))).toBeCloseTo(2 * MOVER_Z);
    // An amount without a band: against half the previous value.
    expect(significance(v('refused_red_envelope_amount', 0, 10100))).toBeCloseTo(2 * MOVER_Z);
  });

  it('should never treat a not reported value as 0: it is listed as 未填报, not as a fall', () => {
    const board = [v('staff_satisfaction', null, 81.4), rate('theme_party_day_rate', [30, 46], [44, 46])];
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

  it('should name rates and counts apart, every rate with its counts, and cap a long below-target list', () => {
    const board = [rate('theme_party_day_rate', [44, 46], [30, 46]), v('service_event_count', 60, 20)];
    expect(summarise(board, [], 'zh').sentences[0]).toBe(
      '与上期相比（季度、年度指标按同口径累计），变动显著的比率有主题党日开展率下降30.4个百分点，由95.7%（44/46）到65.2%（30/46）。' +
        '变动显著的数量有服务群众活动场次上升40次，由20次到60次。',
    );
    expect(summarise(board, [], 'en').sentences[0]).toBe(
      'Against the previous period (quarterly and yearly indicators to date, like for like), the rates that moved significantly were ' +
        'Theme Party days held down 30.4 pp, 95.7% (44/46) → 65.2% (30/46). The counts that moved significantly were ' +
        'Service activities up 40 times, 20 times → 60 times.',
    );
    const many = [
      'general_meeting_rate',
      'party_lecture_rate',
      'theme_party_day_rate',
      'committee_meeting_rate',
      'group_meeting_rate',
      'secretary_dept_head_rate',
    ].map((id, i) => rate(id, [1 + i, 10], [1 + i, 10], { status: 'NOT_MET', target: { target: 100 } }));
    const en = summarise(many, [], 'en').sentences[1];
    expect(en).toMatch(/^6 indicators are below target\. Not met: .+ 10\.0% \(1\/10\), target 100\.0%; .+, and 3 more\.$/);
    expect(summarise(many, [], 'zh').sentences[1]).toContain('等 6 项');
    expect(summarise(many, [], 'zh').sentences[1]).toContain('10.0%（1/10），目标 100.0%');
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

  it('should skip a count that rose by a few from 0 (noise) and unchanged values, but not one that rose by many', () => {
    expect(movers([v('honors_count', 3, 0), v('branch_count', 46, 46)])).toEqual([]);
    expect(movers([v('honors_count', 12, 0)]).map((m) => m.id)).toEqual(['honors_count']);
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
    const board = [rate('three_meetings_one_lesson_rate', [180, 200], [120, 200], { status: 'NOT_MET', target: { target: 95 } })];
    const zh = summarise(
      board,
      [{ indicatorId: 'three_meetings_one_lesson_rate', rows: [{ orgId: 'x', name: '检验科党支部', value: 50, status: 'NOT_MET' }] }],
      'zh',
    );
    expect(zh.sentences[0]).toBe(
      '与上期相比（季度、年度指标按同口径累计），变动显著的比率有“三会一课”综合达标率下降30.0个百分点，由90.0%（180/200）到60.0%（120/200）。',
    );
    expect(zh.sentences[1]).toBe('有 1 项指标低于目标。未达标：“三会一课”综合达标率 60.0%（120/200），目标 95.0%。');
    expect(zh.sentences[2]).toContain('最需关注的是检验科党支部（1 项未达标）');
    const en = summarise(board, [], 'en');
    expect(en.sentences[0]).toMatch(
      /^Against the previous period \(quarterly and yearly indicators to date, like for like\), the rates that moved significantly were .+ down 30\.0 pp, 90\.0% \(180\/200\) → 60\.0% \(120\/200\)\.$/,
    );
    const empty = summarise([], [], 'zh');
    expect(empty.sentences).toEqual([
      '与上期相比，没有可比较的明显变动（按人数判断，小样本不计）。',
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
