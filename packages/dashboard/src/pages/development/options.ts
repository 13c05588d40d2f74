/**
 * 党员发展: the pipeline in its fixed order, the time people spent in each stage against the official
 * minimums (whole calendar months from the dates as written, no Date, no time zone), and the share of
 * new members from high-knowledge and front-line groups against the catalog's targets.
 */
import type { PoliticalStatus } from '@party-hub/schema/client';
import type { EChartsCoreOption } from 'echarts/core';
import type { SpanKey, SpanStats } from './stageDurations.ts';
import { useBars } from '../../charts/kinds/bars.ts';
import { useFunnels } from '../../charts/kinds/funnels.ts';

useBars();
useFunnels();

/**
 * 申请人 → 积极分子 → 发展对象 → 已通过支部大会、待审批 → 预备党员: always this order, whatever the API returns
 * (the stages of the server's one stage model, Member.politicalStatus). 正式党员 are not a stage of the pipeline
 * but the stock it ends in (twenty times any stage): the page gives their number beside the funnel, not in it.
 */
export const FUNNEL_ORDER = [
  'APPLICANT',
  'ACTIVIST',
  'DEVELOPMENT_TARGET',
  'ADMISSION_PENDING',
  'PROBATIONARY',
] as const satisfies readonly PoliticalStatus[];
export type FunnelStage = (typeof FUNNEL_ORDER)[number];

/** People at a stage; count null: the hub withheld the group (too few people, for an analyst). */
type Group = { stage: PoliticalStatus | null; count: number | null };
/** People at a stage, or null when any group of it is withheld (never counted as 0). */
const countOf = (groups: readonly Group[], stage: PoliticalStatus): number | null => {
  const mine = groups.filter((g) => g.stage === stage);
  return mine.some((g) => g.count === null) ? null : mine.reduce((s, g) => s + (g.count ?? 0), 0);
};

export function funnelCounts(groups: readonly Group[]): { stage: FunnelStage; count: number | null }[] {
  return FUNNEL_ORDER.map((stage) => ({ stage, count: countOf(groups, stage) }));
}

/** 正式党员 on the roll: the figure beside the funnel (null: withheld). */
export const fullMembers = (groups: readonly Group[]): number | null => countOf(groups, 'FULL_MEMBER');

interface FunnelItem {
  name: string;
  value: number | string;
  data: { withheld?: boolean };
}
/** A withheld layer's grey: no colour of a stage, so it never reads as a count. */
const WITHHELD_GREY = 'rgba(128,128,128,0.35)';
/** A funnel label's width before it wraps: room beside the funnel in a half-width panel on a laptop. */
export const FUNNEL_LABEL_WIDTH = 230;

/**
 * The pipeline funnel, one layer per stage in FUNNEL_ORDER. A withheld stage (count null) is an empty grey
 * layer (ECharts' `-`: no width) labelled `withheld` (人数过少·已隐藏), never a layer of 0.
 */
export function buildFunnelOption(
  rows: { stage: FunnelStage; count: number | null }[],
  name: (s: FunnelStage) => string,
  colors: string[],
  describe: (list: string) => string,
  /** The theme's text colour: the labels beside the funnel. */
  textColor: string,
  labelWidth = FUNNEL_LABEL_WIDTH,
  withheld = '—',
): EChartsCoreOption {
  const data = rows.map((r, i) =>
    r.count === null
      ? { name: name(r.stage), value: '-', withheld: true, itemStyle: { color: WITHHELD_GREY } }
      : { name: name(r.stage), value: r.count, itemStyle: { color: colors[i % colors.length] } },
  );
  const text = (d: { value: number | string; withheld?: boolean }) => (d.withheld ? withheld : String(d.value));
  const show = (p: FunnelItem) => `${p.name}  ${text({ value: p.value, withheld: p.data?.withheld })}`;
  return {
    aria: { enabled: true, label: { enabled: true, description: describe(data.map((d) => `${d.name} ${text(d)}`).join('；')) } },
    tooltip: { trigger: 'item', formatter: (p: FunnelItem) => show(p).replace('  ', ': ') },
    series: [
      {
        type: 'funnel',
        name: 'pipeline',
        sort: 'none',
        min: 0,
        max: Math.max(1, ...rows.map((r) => r.count ?? 0)),
        minSize: '0%',
        maxSize: '100%',
        funnelAlign: 'left',
        left: '2%',
        width: '46%',
        top: 16,
        bottom: 8,
        gap: 4,
        label: {
          show: true,
          position: 'right',
          fontSize: 16,
          lineHeight: 20,
          fontWeight: 'bold',
          color: textColor,
          textBorderWidth: 0,
          // A long stage name (`Voted in by the branch meeting, awaiting …`) wraps rather than runs off the chart.
          width: labelWidth,
          overflow: 'break',
          formatter: show,
        },
        // Every label in one column just right of the widest stage.
        labelLayout: { x: '51%', align: 'left' },
        labelLine: { show: false },
        emphasis: { label: { fontSize: 16 } },
        data,
      },
    ],
  };
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export interface StageLabels {
  stage: (k: SpanKey) => string;
  p25: string;
  median: string;
  p75: string;
  /** Short markLine text beside the line's end, e.g. `最短 12`; the subtitle names the stages. */
  minimum: (months: number) => string;
  /** Tooltip line: people timed and how many moved on early. */
  detail: (s: SpanStats) => string;
  months: string;
}

/** The distinct minimums and the stages each binds, for the subtitle: `[[12, ['积极分子培养期', '预备期']]]`. */
export function minimumsOf(stats: SpanStats[], stage: (k: SpanKey) => string): [number, string[]][] {
  const mins = new Map<number, string[]>();
  for (const s of stats) if (s.minMonths !== null) mins.set(s.minMonths, [...(mins.get(s.minMonths) ?? []), stage(s.key)]);
  return [...mins];
}

/**
 * P25 / median / P75 bars per stage; one dashed markLine per distinct minimum, its short label to the
 * right of the plot (outside the bars, so it collides with no value label).
 */
export function buildStageTimeOption(
  stats: SpanStats[],
  labels: StageLabels,
  colors: string[],
  ruleColor: string,
  /** The theme's text colour for the value labels above the bars. */
  textColor: string,
): EChartsCoreOption {
  const mins = minimumsOf(stats, labels.stage);
  const bar = (name: string, pick: (s: SpanStats) => number | null, i: number) => ({
    type: 'bar',
    name,
    data: stats.map((s) => round(pick(s))),
    itemStyle: { color: colors[i] },
    label: { show: true, position: 'top', fontSize: 14, color: textColor, textBorderWidth: 0 },
  });
  const series: Record<string, unknown>[] = [
    bar(labels.p25, (s) => s.p25, 0),
    bar(labels.median, (s) => s.median, 1),
    bar(labels.p75, (s) => s.p75, 2),
  ];
  series[1].markLine = {
    symbol: 'none',
    lineStyle: { color: ruleColor, type: 'dashed', width: 2 },
    label: { formatter: '{b}', position: 'end', distance: 6, fontSize: 14, fontWeight: 'bold', color: ruleColor },
    data: mins.map(([m]) => ({ yAxis: m, name: labels.minimum(m) })),
  };
  return {
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { dataIndex: number; seriesName: string; value: number | null; marker: string }[]) => {
        const s = stats[ps[0].dataIndex];
        return [
          labels.stage(s.key),
          ...ps.map((p) => `${p.marker}${p.seriesName}: ${p.value ?? '—'} ${labels.months}`),
          labels.detail(s),
        ].join('<br/>');
      },
    },
    grid: { left: 56, right: 84, top: 56, bottom: 40 },
    xAxis: { type: 'category', data: stats.map((s) => labels.stage(s.key)), axisLabel: { interval: 0, width: 130, overflow: 'break' } },
    yAxis: { type: 'value', name: labels.months, minInterval: 1 },
    series,
  };
}

export interface SharePoint {
  period: string;
  value: number | null;
  target: number | null;
}

/**
 * Two monthly series (high-knowledge, front-line) as bars with each one's target as a dashed markLine in
 * the series' colour, labelled to the right of the plot where no bar is; null = gap.
 */
export function buildShareOption(
  series: { name: string; points: SharePoint[] }[],
  labels: { target: (v: number) => string; notReported: string },
  colors: string[],
  /** The theme's text colour: a target's label is a swatch in the series' colour, then text in this. */
  textColor: string,
): EChartsCoreOption {
  const periods = series[0]?.points.map((p) => p.period) ?? [];
  return {
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => (v === null || v === undefined ? labels.notReported : `${v.toFixed(1)}%`),
    },
    grid: { left: 56, right: 96, top: 48, bottom: 40 },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: series.map((s, i) => {
      const target = s.points.find((p) => p.target !== null)?.target ?? null;
      return {
        type: 'bar',
        name: s.name,
        data: s.points.map((p) => (p.value === null ? null : Math.round(p.value * 10) / 10)),
        itemStyle: { color: colors[i] },
        markLine:
          target === null
            ? undefined
            : {
                symbol: 'none',
                lineStyle: { color: colors[i], type: 'dashed', width: 2 },
                label: {
                  formatter: `{swatch|■} ${labels.target(target)}`,
                  position: 'end',
                  distance: 6,
                  fontSize: 14,
                  color: textColor,
                  rich: { swatch: { color: colors[i], fontSize: 14 } },
                },
                data: [{ yAxis: target }],
              },
      };
    }),
  };
}
