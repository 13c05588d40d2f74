/**
 * The branch pages' pure pieces: which indicators to compare, the branch × indicator matrix, and the
 * option of every chart (compare heatmap, stage funnel, count bars, activity calendar).
 */
import { indicator, monthsBefore, parsePeriod, type NullReason } from '@party-hub/schema/indicators';
import type { EChartsCoreOption } from 'echarts/core';
import { INK, STATUS } from '../../charts/palette.ts';
import { useBars } from '../../charts/kinds/bars.ts';
import { useCalendars } from '../../charts/kinds/calendars.ts';
import { useFunnels } from '../../charts/kinds/funnels.ts';
import { useHeatmaps } from '../../charts/kinds/heatmaps.ts';
import { formatValue, indicatorName } from '../../format.ts';
import { headerWords, packLines } from './view.ts';

useBars();
useCalendars();
useFunnels();
useHeatmaps();

/** What a branch is judged on by default: its own organisational life and service. */
export const DEFAULT_IDS = [
  'three_meetings_one_lesson_rate',
  'theme_party_day_rate',
  'org_life_attendance_rate',
  'volunteer_participation_rate',
];

/** `?ids=a,b,c` → known catalog ids, in the order given, each once; nothing valid → the defaults. */
export function parseIds(raw: string | null | undefined): string[] {
  const ids = [...new Set((raw ?? '').split(',').map((s) => s.trim()))].filter((id) => id && indicator(id));
  return ids.length ? ids : [...DEFAULT_IDS];
}

export type Status = 'MET' | 'WARNING' | 'NOT_MET' | 'NO_TARGET' | 'IN_PROGRESS';
export interface Cell {
  value: number | null;
  nullReason: NullReason | null;
  status: Status | null;
}
export interface CompareRow {
  id: string;
  name: string;
  cells: Record<string, Cell | undefined>;
}
export interface BreakdownResult {
  id: string;
  rows: { organization: { id: string; name: string } | null; point: Cell }[];
}

/** One row per branch (in the order given), one cell per indicator from whichever breakdown names it. */
export function assembleCompare(branches: { id: string; name: string }[], results: BreakdownResult[]): CompareRow[] {
  const rows = branches.map((b) => ({ id: b.id, name: b.name, cells: {} as Record<string, Cell | undefined> }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const res of results)
    for (const r of res.rows) {
      const row = r.organization && byId.get(r.organization.id);
      if (row) row.cells[res.id] = { value: r.point.value, nullReason: r.point.nullReason, status: r.point.status };
    }
  return rows;
}

/** Status order of the compare chart's legend (and the visual dimension's codes). */
export const STATUS_CODES = ['MET', 'WARNING', 'NOT_MET', 'IN_PROGRESS', 'NO_TARGET', 'NONE'] as const;
const NO_VALUE = '#C9CDD2';
const statusCode = (c: Cell | undefined) => STATUS_CODES.indexOf(c?.value === null || !c?.status ? 'NONE' : c.status);

export interface CompareLabels {
  indicator: (id: string) => string;
  /** A cell's value as text (未填报 for null, never 0). */
  value: (id: string, cell: Cell | undefined) => string;
  /** The legend's word for each status code (NONE: no value). */
  status: (s: (typeof STATUS_CODES)[number]) => string;
}

/** The compare chart's legend: a piece per status code, with its symbol and words. */
function statusLegend(labels: CompareLabels) {
  return {
    type: 'piecewise',
    dimension: 2,
    orient: 'horizontal',
    left: 'center',
    bottom: 4,
    // No value: a paler grey than 无目标, and its own words in the cell.
    pieces: STATUS_CODES.map((s, i) => ({
      value: i,
      label: `${STATUS[s].symbol} ${labels.status(s)}`,
      color: s === 'NONE' ? NO_VALUE : STATUS[s].color,
    })),
    selectedMode: false,
    itemGap: 16,
  };
}

/** How the heatmap fits its chart: the width of the branch names and of each indicator's column, in px. */
export interface CompareFit {
  lang: 'zh' | 'en';
  names: number;
  column: number;
  /** The column headers' font size: 15 px, or 13 where a header's widest word would not fit at 15. */
  fontSize: number;
  /** Narrower than this the chart scrolls in its own box rather than squeeze a header's word. */
  minWidth: number;
}
/** A column narrower than this shows the status symbol alone (the value is in the tooltip and the table). */
const VALUE_COLUMN = 84;
/** Room beyond the estimate of a word's width (ECharts measures the font's own, a closing quote went to a line of its own). */
const SLACK = 1.1;

/** A word's width in ems: a Chinese character, full-width sign or curly quote (full width in a Chinese font) one, anything else about half. */
const ems = (word: string) => [...word].reduce((w, ch) => w + (/[\u2018-\u201f\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.55), 0);

/** The widest word of the headers, in ems (Chinese split as headerWords does, English at its spaces). */
function widestWord(headers: readonly string[], lang: 'zh' | 'en'): number {
  const words = headers.flatMap((h) => (lang === 'zh' ? headerWords(h, 'zh') : h.split(/\s+/)));
  return Math.max(0, ...words.map(ems));
}

/**
 * The heatmap's widths for a chart `width` px wide (0: not measured yet) with these column headers. Each
 * column is at least as wide as its headers' widest word at 13 px (never broken inside a word); the branch
 * names take what is left up to a third of the chart (240 px at most, truncated beyond, 80 px at least);
 * what still does not fit scrolls.
 */
export function compareLayout(width: number, headers: readonly string[], longestName: number, lang: 'zh' | 'en' = 'zh'): CompareFit {
  const n = Math.max(1, headers.length);
  const em = widestWord(headers, lang);
  const least = Math.max(56, Math.ceil(em * 13 * SLACK) + 8);
  const wanted = Math.min(240, longestName * 17);
  const names = width > 0 ? Math.min(wanted, Math.max(80, Math.min(Math.round(width / 3), width - 32 - n * least))) : wanted;
  const column = width > 0 ? Math.max(least, Math.floor((width - names - 32) / n)) : Math.max(150, least);
  const fontSize = column >= VALUE_COLUMN && column - 8 >= em * 15 * SLACK ? 15 : 13;
  return { lang, names, column, fontSize, minWidth: names + n * least + 32 };
}

/**
 * The indicator axis: each name in lines that fit its column, Chinese broken between words only (ECharts
 * would break it between any two characters, 达/标率), English by ECharts at its spaces.
 */
function compareXAxis(names: string[], fit: CompareFit) {
  const { column, fontSize } = fit;
  return {
    type: 'category',
    position: 'top',
    data: names.map((name) => (fit.lang === 'zh' ? packLines(headerWords(name, 'zh'), (column - 8) / (fontSize * SLACK), ems) : name)),
    axisLabel: { interval: 0, width: column - 8, overflow: 'break', fontSize, lineHeight: fontSize + 5 },
    splitArea: { show: false },
  };
}

/**
 * Branch × indicator heatmap: the cell's colour is its status (legend with words), its text the value
 * and the status symbol, so colour is never alone; a missing value is grey and says 未填报.
 * Each item's value is [indicator index, branch index, status code, value or null]; rows are drawn in the
 * order given (sorted, cut to the worst N: the page's view).
 */
export function buildCompareOption(
  rows: CompareRow[],
  ids: string[],
  labels: CompareLabels,
  fit: CompareFit = compareLayout(
    0,
    ids.map((id) => labels.indicator(id)),
    Math.max(0, ...rows.map((r) => r.name.length)),
  ),
): EChartsCoreOption {
  const data = rows.flatMap((r, y) =>
    ids.map((id, x) => {
      const cell = r.cells[id];
      // The branch and indicator ride along: a click on the cell opens that branch's evidence.
      return { value: [x, y, statusCode(cell), cell?.value ?? null], text: labels.value(id, cell), branch: r.id, indicator: id };
    }),
  );
  const symbolOnly = fit.column < VALUE_COLUMN;
  return {
    animation: false,
    tooltip: {
      formatter: (p: { data: { value: number[]; text: string } }) => {
        const [x, y, code] = p.data.value as [number, number, number];
        return `${rows[y]?.name}<br/>${labels.indicator(ids[x] ?? '')}：<b>${p.data.text}</b> ${labels.status(STATUS_CODES[code] ?? 'NONE')}`;
      },
    },
    grid: { left: 8, right: 8, top: 56, bottom: 56, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: compareXAxis(
      ids.map((id) => labels.indicator(id)),
      fit,
    ),
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisLabel: { interval: 0, fontSize: 16, width: fit.names, overflow: 'truncate' },
    },
    visualMap: statusLegend(labels),
    series: [
      {
        type: 'heatmap',
        name: 'compare',
        data,
        itemStyle: { borderColor: 'rgba(128,128,128,0.35)', borderWidth: 2 },
        label: {
          show: true,
          fontSize: 16,
          color: '#111',
          formatter: (p: { data: { value: number[]; text: string } }) => {
            const symbol = STATUS[STATUS_CODES[p.data.value[2]] ?? 'NONE'].symbol;
            return symbolOnly ? symbol : `${p.data.text} ${symbol}`;
          },
        },
        emphasis: { itemStyle: { borderColor: '#000', borderWidth: 2 } },
      },
    ],
  };
}

/** The development stages in their fixed order, applicant first (the funnel never sorts by size). */
export const STAGES = ['APPLICANT', 'ACTIVIST', 'DEVELOPMENT_TARGET', 'PROBATIONARY', 'FULL_MEMBER'] as const;
export type Stage = (typeof STAGES)[number];

/** People per stage now, in STAGES order; null where the hub withheld the stage's group (too few people). */
export function stageCounts(groups: { stage: string | null; count: number | null }[]): (number | null)[] {
  return STAGES.map((s) => {
    const mine = groups.filter((g) => g.stage === s);
    return mine.some((g) => g.count === null) ? null : mine.reduce((n, g) => n + (g.count ?? 0), 0);
  });
}

/**
 * The stage funnel of the people in the branch now, in the order of the procedure (never sorted by
 * size): each layer is how many have reached that stage or a later one, so it narrows like the
 * procedure does; the label also says how many stand at that stage now (0 is a count, not a gap). A
 * stage withheld (null: too few people, for an analyst) makes every layer that sums it partial: its
 * value is the known part and its label says “≥”, never a total that counts the hidden stage as 0.
 */
export function buildStageFunnelOption(
  groups: { stage: string | null; count: number | null }[],
  label: (s: Stage) => string,
  nowText: (n: number | null) => string,
): EChartsCoreOption {
  const now = stageCounts(groups);
  const reached = now.map((_, i) => now.slice(i).reduce<number>((a, b) => a + (b ?? 0), 0));
  const partial = now.map((_, i) => now.slice(i).some((n) => n === null));
  type P = { name: string; value: number; data: { now: number | null; partial: boolean } };
  const text = (p: P) => `${p.data.partial ? '≥' : ''}${p.value}（${nowText(p.data.now)}）`;
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p: P) => `${p.name}：${text(p)}`,
    },
    series: [
      {
        type: 'funnel',
        name: 'stages',
        sort: 'none',
        left: '8%',
        right: '8%',
        top: 40,
        bottom: 8,
        minSize: '30%',
        maxSize: '100%',
        gap: 3,
        label: {
          show: true,
          position: 'inside',
          fontSize: 16,
          color: '#111',
          formatter: (p: P) => `${p.name}  ${text(p)}`,
        },
        itemStyle: { borderWidth: 0 },
        data: STAGES.map((s, i) => ({ name: label(s), value: reached[i], now: now[i], stage: s, partial: partial[i] })),
      },
    ],
  };
}

/** Age bands (age reached in `year`); people without a birth year are counted apart. */
export const AGE_BANDS = [
  { key: 'le30', max: 30 },
  { key: '31to40', max: 40 },
  { key: '41to50', max: 50 },
  { key: '51to60', max: 60 },
  { key: 'gt60', max: Infinity },
] as const;

export function ageBands(birthYears: (number | null)[], year: number): { bands: { key: string; count: number }[]; unknown: number } {
  const bands = AGE_BANDS.map((b) => ({ key: b.key, count: 0 }));
  let unknown = 0;
  for (const by of birthYears) {
    if (by === null) {
      unknown++;
      continue;
    }
    const i = AGE_BANDS.findIndex((b) => year - by <= b.max);
    bands[i].count++;
  }
  return { bands, unknown };
}

/** A bar's label and people; null: withheld by the hub (too few people), drawn as a gap, never a 0 bar. */
export interface CountItem {
  label: string;
  count: number | null;
}

/** Where a bar is withheld: ECharts' empty value (`-`) leaves a gap, and the axis label says why. */
export const GAP = '-';

/**
 * A small count chart (age, education, title): vertical bars in the order given, each labelled. A withheld
 * count is a gap, its category labelled with `opts.withheld` (人数过少·已隐藏) underneath, and its tooltip says so.
 */
export function buildCountBarOption(
  items: CountItem[],
  opts: { color: string; unit: string; dark: boolean; withheld?: string },
): EChartsCoreOption {
  const hidden = opts.withheld ?? '—';
  return {
    animation: false,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v} ${opts.unit}` : hidden),
    },
    grid: { left: 8, right: 8, top: 28, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'category',
      data: items.map((i) => (i.count === null ? `${i.label}\n(${hidden})` : i.label)),
      axisLabel: { interval: 0, fontSize: 14 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: 'count',
        data: items.map((i) => i.count ?? GAP),
        barMaxWidth: 56,
        itemStyle: { color: opts.color, borderRadius: [4, 4, 0, 0] },
        label: {
          show: true,
          position: 'top',
          fontSize: 16,
          fontWeight: 'bold',
          color: opts.dark ? INK.dark : INK.light,
          textBorderWidth: 0,
        },
      },
    ],
  };
}

/**
 * The calendar's 12 months ending with `month` (`YYYY-MM`), as Asia/Shanghai calendar dates: by month
 * arithmetic on strings, never through a Date (which would parse `YYYY-MM-DD` as UTC).
 */
export function calendarRange(month: string): { from: string; to: string } {
  return { from: `${monthsBefore(month, 11)}-01`, to: parsePeriod(month).end };
}

/** Activities per day over the range: a calendar heatmap, each day with activities showing its count. */
export function buildCalendarOption(
  days: { day: string; count: number }[],
  range: { from: string; to: string },
  opts: { lang: 'zh' | 'en'; dark: boolean; unit: string; perDay: (n: string) => string },
): EChartsCoreOption {
  const max = Math.max(3, ...days.map((d) => d.count));
  const line = opts.dark ? '#3a4048' : '#d0d4d9';
  return {
    animation: false,
    tooltip: { formatter: (p: { value: [string, number] }) => `${p.value[0]}：${p.value[1]} ${opts.unit}` },
    visualMap: {
      type: 'piecewise',
      dimension: 1,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: [
        { value: 1, label: opts.perDay('1') },
        { value: 2, label: opts.perDay('2') },
        { gte: 3, lte: max, label: opts.perDay('≥3') },
      ],
      inRange: { color: opts.dark ? ['#2b6b8f', '#56B4E9', '#b5e0fa'] : ['#9ecae1', '#4292c6', '#08519c'] },
      selectedMode: false,
    },
    calendar: {
      range: [range.from, range.to],
      top: 64,
      left: 56,
      right: 16,
      bottom: 44,
      cellSize: ['auto', 'auto'],
      splitLine: { lineStyle: { color: opts.dark ? '#8a8f96' : '#6b7178', width: 1.5 } },
      itemStyle: { color: 'transparent', borderColor: line, borderWidth: 1 },
      dayLabel: { firstDay: 1, nameMap: opts.lang === 'zh' ? 'ZH' : 'EN', fontSize: 14 },
      monthLabel: { nameMap: opts.lang === 'zh' ? 'ZH' : 'EN', fontSize: 14 },
      yearLabel: { show: false },
    },
    series: [
      {
        type: 'heatmap',
        name: 'activities',
        coordinateSystem: 'calendar',
        data: days.filter((d) => d.count > 0).map((d) => [d.day, d.count]),
        label: {
          show: true,
          fontSize: 14,
          color: opts.dark ? '#fff' : '#111',
          textBorderColor: opts.dark ? '#000' : '#fff',
          textBorderWidth: 2,
          formatter: (p: { value: [string, number] }) => String(p.value[1]),
        },
      },
    ],
  };
}

/**
 * The comparison as a table to take away: a branch per row, each indicator's value and status in two columns
 * (numbers as numbers; a missing value as its reason in words, never 0).
 */
export function compareTable(
  rows: readonly CompareRow[],
  ids: readonly string[],
  lang: 'zh' | 'en',
  words: { branch: string; status: (s: Status) => string; statusOf: (name: string) => string },
): (string | number | null)[][] {
  const header = [words.branch, ...ids.flatMap((id) => [indicatorName(id, lang), words.statusOf(indicatorName(id, lang))])];
  return [
    header,
    ...rows.map((r) => [
      r.name,
      ...ids.flatMap((id) => {
        const c = r.cells[id];
        return [
          c?.value ?? formatValue(id, null, c?.nullReason ?? 'NOT_REPORTED', lang),
          c?.status && c.value != null ? words.status(c.status) : null,
        ];
      }),
    ]),
  ];
}
