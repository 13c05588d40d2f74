import { describe, expect, it } from 'vitest';
import {
  ageBands,
  assembleCompare,
  buildCalendarOption,
  buildCompareOption,
  buildCountBarOption,
  buildStageFunnelOption,
  GAP,
  calendarRange,
  compareLayout,
  DEFAULT_IDS,
  parseIds,
  STAGES,
  type CompareLabels,
} from './options.ts';

const labels: CompareLabels = {
  indicator: (id) => id,
  value: (_id, c) => (c?.value == null ? '未填报' : `${c.value}%`),
  status: (s) => s,
};

// The option's series as plain data (the option builders return ECharts' loose type).
const series0 = (o: unknown) => (o as { series: { data: unknown[] }[] }).series[0];

describe('dashboard/branches', () => {
  it('should keep known indicator ids from the URL in order and fall back to the defaults', () => {
    expect(parseIds('theme_party_day_rate,nope,theme_party_day_rate,honors_count')).toEqual(['theme_party_day_rate', 'honors_count']);
    expect(parseIds('')).toEqual(DEFAULT_IDS);
    expect(parseIds('unknown')).toEqual(DEFAULT_IDS);
  });

  it('should put each breakdown row under its branch and leave other organisations out', () => {
    const rows = assembleCompare(
      [
        { id: 'b1', name: '一支部' },
        { id: 'b2', name: '二支部' },
      ],
      [
        {
          id: 'x',
          rows: [
            { organization: { id: 'b2', name: '二支部' }, point: { value: 80, nullReason: null, status: 'NOT_MET' } },
            { organization: { id: 'gb', name: '总支' }, point: { value: 99, nullReason: null, status: 'MET' } },
            { organization: { id: 'b1', name: '一支部' }, point: { value: null, nullReason: 'NOT_REPORTED', status: null } },
          ],
        },
      ],
    );
    expect(rows.map((r) => r.name)).toEqual(['一支部', '二支部']);
    expect(rows[0].cells.x).toEqual({ value: null, nullReason: 'NOT_REPORTED', status: null });
    expect(rows[1].cells.x?.value).toBe(80);
  });

  it('should draw every branch × indicator cell with its value, and a missing value as 未填报 rather than 0', () => {
    const rows = [
      {
        id: 'b1',
        name: '一支部',
        cells: {
          a: { value: 95, nullReason: null, status: 'MET' as const },
          b: { value: 0, nullReason: null, status: 'NOT_MET' as const },
        },
      },
      { id: 'b2', name: '二支部', cells: { a: { value: null, nullReason: 'NOT_REPORTED' as const, status: null } } },
    ];
    const o = buildCompareOption(rows, ['a', 'b'], labels) as { yAxis: { data: string[] }; xAxis: { data: string[] } };
    const data = series0(o).data as { value: [number, number, number, number | null]; text: string; branch: string; indicator: string }[];
    expect(o.yAxis.data).toEqual(['一支部', '二支部']);
    expect(o.xAxis.data).toEqual(['a', 'b']);
    expect(data.map((d) => d.value[3])).toEqual([95, 0, null, null]);
    expect(data.map((d) => d.text)).toEqual(['95%', '0%', '未填报', '未填报']);
    // Status codes: MET 0, NOT_MET 2, no value 5 (grey, its own legend entry), never the colour of a 0.
    expect(data.map((d) => d.value[2])).toEqual([0, 2, 5, 5]);
    // Each cell names its branch and indicator: a click opens that branch's evidence.
    expect(data.map((d) => `${d.branch}:${d.indicator}`)).toEqual(['b1:a', 'b1:b', 'b2:a', 'b2:b']);
  });

  it('should fit the column headers to their columns, Chinese broken between words, never 达/标率', () => {
    const heads = ['“三会一课”综合达标率', '主题党日开展率', '组织生活出席率', '党员志愿服务参与率'];
    // 1920: a chart of about 560 px; unmeasured: 150 px columns; a phone: each column as wide as its widest word, and scroll.
    expect(compareLayout(560, heads, 14)).toEqual({ lang: 'zh', names: 152, column: 94, fontSize: 13, minWidth: 560 });
    expect(compareLayout(0, heads, 14)).toMatchObject({ names: 238, column: 150, fontSize: 15 });
    expect(compareLayout(300, heads, 14)).toEqual({ lang: 'zh', names: 80, column: 94, fontSize: 13, minWidth: 488 });
    // English words are not broken either: the names give way first.
    const en = compareLayout(560, ['Attendance at organisational life', 'Members volunteering'], 14, 'en');
    expect(en.column * 2 + en.names + 32).toBeLessThanOrEqual(560);
    expect(en.column).toBeGreaterThanOrEqual(Math.ceil('organisational'.length * 0.55 * 13) + 8);

    const rows = [
      { id: 'b1', name: '一支部', cells: { three_meetings_one_lesson_rate: { value: 95, nullReason: null, status: 'MET' as const } } },
    ];
    const ids = ['three_meetings_one_lesson_rate', 'org_life_attendance_rate'];
    const named = { ...labels, indicator: (id: string) => (id === ids[0] ? heads[0] : heads[2]) };
    const o = buildCompareOption(rows, ids, named, compareLayout(260, [heads[0], heads[2]], 3)) as {
      xAxis: { data: string[]; axisLabel: { width: number } };
      series: { label: { formatter: (p: unknown) => string } }[];
    };
    expect(o.xAxis.data).toEqual(['“三会一课”\n综合达标率', '组织生活\n出席率']);
    const cell = { data: { value: [0, 0, 0, 95], text: '95%' } };
    expect(o.series[0].label.formatter(cell)).toBe('95% ✓');
    // Too narrow for the value: the status symbol alone (the value is in the tooltip and the table).
    const narrow = buildCompareOption(rows, ids, named, compareLayout(300, Array(4).fill('党课开展率'), 3)) as typeof o;
    expect(narrow.series[0].label.formatter(cell)).toBe('✓');
  });

  it('should keep the funnel in the order of the procedure, narrowing by who reached each stage', () => {
    const o = buildStageFunnelOption(
      [
        { stage: 'FULL_MEMBER', count: 29 },
        { stage: 'APPLICANT', count: 1 },
        { stage: 'DEVELOPMENT_TARGET', count: 2 },
        { stage: 'MASSES', count: 5 },
      ],
      (s) => s,
      (n) => `now ${n}`,
    );
    const s = series0(o) as { sort: string; data: { stage: string; value: number; now: number }[] };
    expect(s.sort).toBe('none');
    expect(s.data.map((d) => d.stage)).toEqual([...STAGES]);
    // Reached the stage or a later one (masses are not in the pipeline); at the stage now, 0 included.
    expect(s.data.map((d) => d.value)).toEqual([32, 31, 31, 29, 29]);
    expect(s.data.map((d) => d.now)).toEqual([1, 0, 2, 0, 29]);
  });

  it('should band ages by the year in view and count unknown birth years apart', () => {
    const { bands, unknown } = ageBands([1996, 1995, 1986, 1985, 1976, 1966, 1965, null], 2026);
    // Ages 30 | 31, 40 | 41, 50 | 60 | 61: a band's upper age belongs to it.
    expect(bands.map((b) => b.count)).toEqual([1, 2, 2, 1, 1]);
    expect(unknown).toBe(1);
  });

  it('should cover exactly the 12 calendar months up to the chosen month, ending on its last day', () => {
    expect(calendarRange('2026-10')).toEqual({ from: '2025-11-01', to: '2026-10-31' });
    expect(calendarRange('2024-02')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(calendarRange('2026-01')).toEqual({ from: '2025-02-01', to: '2026-01-31' });
    expect(calendarRange('2026-12')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('should put each day with activities on the calendar under its own date string', () => {
    const o = buildCalendarOption(
      [
        { day: '2025-11-01', count: 2 },
        { day: '2026-10-31', count: 1 },
        { day: '2026-01-05', count: 0 },
      ],
      calendarRange('2026-10'),
      { lang: 'zh', dark: false, unit: '次', perDay: (n) => `每天 ${n} 次` },
    ) as { calendar: { range: string[] } };
    expect(o.calendar.range).toEqual(['2025-11-01', '2026-10-31']);
    expect(series0(o).data).toEqual([
      ['2025-11-01', 2],
      ['2026-10-31', 1],
    ]);
  });

  it('should draw a withheld stage as unknown: layers that need it are partial (≥ the known part), never counting it as 0', () => {
    const o = buildStageFunnelOption(
      [
        { stage: 'FULL_MEMBER', count: 29 },
        { stage: 'APPLICANT', count: 6 },
        { stage: 'DEVELOPMENT_TARGET', count: null },
      ],
      (s) => s,
      (n) => (n === null ? 'hidden' : `now ${n}`),
    ) as any;
    const data = o.series[0].data as { value: number; now: number | null; partial: boolean }[];
    expect(data.map((d) => d.now)).toEqual([6, 0, null, 0, 29]);
    expect(data.map((d) => d.partial)).toEqual([true, true, true, false, false]);
    const label = (i: number) => o.series[0].label.formatter({ name: 'S', value: data[i]!.value, data: data[i] });
    expect(label(0)).toBe('S  ≥35（now 6）');
    expect(label(2)).toBe('S  ≥29（hidden）');
    expect(label(4)).toBe('S  29（now 29）');
  });

  it('should draw a withheld count as a gap labelled hidden, never a 0 bar', () => {
    const o = buildCountBarOption(
      [
        { label: '本科', count: 12 },
        { label: '硕士', count: null },
        { label: '博士', count: 0 },
      ],
      { color: '#000', unit: '人', dark: false, withheld: '人数过少·已隐藏' },
    ) as any;
    expect(o.series[0].data).toEqual([12, GAP, 0]);
    expect(o.xAxis.data[1]).toBe('硕士\n(人数过少·已隐藏)');
    expect(o.xAxis.data[2]).toBe('博士');
    expect(o.tooltip.valueFormatter(GAP)).toBe('人数过少·已隐藏');
    expect(o.tooltip.valueFormatter(0)).toBe('0 人');
  });
});
