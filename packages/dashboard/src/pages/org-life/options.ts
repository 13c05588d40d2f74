/**
 * 组织生活 compliance: which branch held the required meeting in which month, judged at the catalog's
 * grain (monthly kinds per month, quarterly kinds per quarter), and the heatmap that shows it with a
 * symbol and a count in every cell, so the status never rests on colour alone.
 */
import type { ActivityType } from '@party-hub/schema/client';
import type { EChartsCoreOption } from 'echarts/core';
import { STATUS } from '../../charts/palette.ts';
import { definition } from '../../format.ts';
import { useHeatmaps } from '../../charts/kinds/heatmaps.ts';

useHeatmaps();

/** The five kinds the page judges, each with the catalog indicator that holds its cadence. */
export const MEETING_KINDS = [
  { kind: 'BRANCH_COMMITTEE_MEETING', indicator: 'committee_meeting_rate' },
  { kind: 'BRANCH_GENERAL_MEETING', indicator: 'general_meeting_rate' },
  { kind: 'GROUP_MEETING', indicator: 'group_meeting_rate' },
  { kind: 'PARTY_LECTURE', indicator: 'party_lecture_rate' },
  { kind: 'THEME_PARTY_DAY', indicator: 'theme_party_day_rate' },
] as const satisfies readonly { kind: ActivityType; indicator: string }[];

export type MeetingKind = (typeof MEETING_KINDS)[number]['kind'];

export function isMeetingKind(v: string): v is MeetingKind {
  return MEETING_KINDS.some((k) => k.kind === v);
}

/** The grain a kind is judged at, from its catalog indicator (quarterly: general meeting, lecture). */
export function cadenceOf(kind: MeetingKind): 'MONTH' | 'QUARTER' {
  const id = MEETING_KINDS.find((k) => k.kind === kind)!.indicator;
  return definition(id).grain === 'QUARTER' ? 'QUARTER' : 'MONTH';
}

export type CellStatus = 'MET' | 'NOT_MET' | 'PENDING' | 'NOT_REPORTED';
export const CELL_STATUSES: CellStatus[] = ['MET', 'NOT_MET', 'PENDING', 'NOT_REPORTED'];

export interface Cell {
  branch: string;
  month: string;
  /** Meetings held that month; null when the branch did not exist then (未填报, never 0). */
  count: number | null;
  status: CellStatus;
  /** For quarterly kinds: meetings held in the quarter up to the month in view. */
  periodCount: number | null;
}

export interface BranchLife {
  id: string;
  foundedOn?: string | null;
  dissolvedOn?: string | null;
}

/** The first month (`YYYY-MM`) of the quarter holding `month`. */
export function quarterStart(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}`;
}

function quarterMonths(month: string): string[] {
  const [y, m] = quarterStart(month).split('-').map(Number) as [number, number];
  return [0, 1, 2].map((i) => `${y}-${String(m + i).padStart(2, '0')}`);
}

/** `YYYY-MM` of a `YYYY-MM-DD` date, as written (no Date, no time zone). */
export const monthOf = (date: string): string => date.slice(0, 7);

/**
 * Judges every branch × month. `counts` maps `branchId|YYYY-MM` to meetings held (absent: none held);
 * for quarterly kinds it must also hold the months of the first quarter before the window. `last` is
 * the month in view: a quarter not over yet with no meeting is PENDING, not a miss.
 */
export function judgeCells(
  branches: BranchLife[],
  months: string[],
  counts: ReadonlyMap<string, number>,
  cadence: 'MONTH' | 'QUARTER',
  last: string,
): Cell[] {
  const cells: Cell[] = [];
  for (const b of branches) {
    const from = b.foundedOn ? monthOf(b.foundedOn) : null;
    const to = b.dissolvedOn ? monthOf(b.dissolvedOn) : null;
    const held = (m: string) => counts.get(`${b.id}|${m}`) ?? 0;
    for (const month of months) {
      if ((from && month < from) || (to && month > to)) {
        cells.push({ branch: b.id, month, count: null, status: 'NOT_REPORTED', periodCount: null });
        continue;
      }
      const count = held(month);
      if (cadence === 'MONTH') {
        cells.push({ branch: b.id, month, count, status: count > 0 ? 'MET' : 'NOT_MET', periodCount: count });
        continue;
      }
      const inQuarter = quarterMonths(month).filter((m) => m <= last && (!from || m >= from));
      const periodCount = inQuarter.reduce((s, m) => s + held(m), 0);
      const over = quarterMonths(month)[2] <= last;
      const status = periodCount > 0 ? 'MET' : over ? 'NOT_MET' : 'PENDING';
      cells.push({ branch: b.id, month, count, status, periodCount });
    }
  }
  return cells;
}

export interface HeatmapLabels {
  status: Record<CellStatus, string>;
  /** Axis text of a month, e.g. `2026-10` → `10月` / `Oct`. */
  month: (m: string) => string;
  /** Tooltip line for the count, e.g. `召开 2 次`. */
  held: (count: number) => string;
  /** Tooltip line for a quarter's total, e.g. `本季度累计 1 次`. */
  quarter: (count: number) => string;
}

const STATUS_COLOR: Record<CellStatus, string> = {
  MET: STATUS.MET.color,
  NOT_MET: STATUS.NOT_MET.color,
  PENDING: STATUS.WARNING.color,
  NOT_REPORTED: STATUS.NONE.color,
};
const STATUS_SYMBOL: Record<CellStatus, string> = { MET: '✓', NOT_MET: '✕', PENDING: '…', NOT_REPORTED: '—' };

/** The text in a cell: the symbol and the count, or a dash when there is nothing to count. */
export function cellText(c: Pick<Cell, 'status' | 'count'>): string {
  return c.count === null ? STATUS_SYMBOL.NOT_REPORTED : `${STATUS_SYMBOL[c.status]} ${c.count}`;
}

/** Heatmap: y = branches (first on top), x = months; value dims [x, y, status index, count]. */
export function buildOrgLifeHeatmapOption(
  branches: { id: string; name: string }[],
  months: string[],
  cells: Cell[],
  labels: HeatmapLabels,
  quarterly: boolean,
): EChartsCoreOption {
  const xi = new Map(months.map((m, i) => [m, i]));
  const yi = new Map(branches.map((b, i) => [b.id, i]));
  const data = cells
    .filter((c) => xi.has(c.month) && yi.has(c.branch))
    .map((c) => ({ value: [xi.get(c.month)!, yi.get(c.branch)!, CELL_STATUSES.indexOf(c.status), c.count], cell: c }));
  return {
    tooltip: {
      formatter: (p: { data: { cell: Cell } }) => {
        const c = p.data.cell;
        const name = branches[yi.get(c.branch)!].name;
        const lines = [name, c.month, `${STATUS_SYMBOL[c.status]} ${labels.status[c.status]}`];
        if (c.count !== null) lines.push(labels.held(c.count));
        if (quarterly && c.periodCount !== null) lines.push(labels.quarter(c.periodCount));
        return lines.join('<br/>');
      },
    },
    grid: { left: 236, right: 16, top: 64, bottom: 48 },
    xAxis: { type: 'category', data: months.map(labels.month), position: 'top', splitArea: { show: false } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: branches.map((b) => b.name),
      axisLabel: { width: 220, overflow: 'truncate', ellipsis: '…' },
      triggerEvent: true,
    },
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: CELL_STATUSES.map((s, i) => ({ value: i, label: `${STATUS_SYMBOL[s]} ${labels.status[s]}`, color: STATUS_COLOR[s] })),
    },
    series: [
      {
        type: 'heatmap',
        name: 'orglife',
        data,
        label: { show: true, color: '#111', fontSize: 14, formatter: (p: { data: { cell: Cell } }) => cellText(p.data.cell) },
        itemStyle: { borderColor: 'rgba(128,128,128,0.35)', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#000', borderWidth: 2 } },
      },
    ],
  };
}
