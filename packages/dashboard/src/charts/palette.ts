/**
 * Colours a committee can tell apart: Okabe & Ito's colour-blind-safe palette (2008) for series, and
 * status never shown by colour alone: every status also has a word, a symbol and (on bars) a decal.
 */
import type { IndicatorStatus } from '@party-hub/schema/client';

/** The page's font stack by name: a canvas cannot 'inherit' one (it falls back to 10px sans-serif). */
export const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** Text on the page and in the charts, per theme (the same as --fg in styles.css). */
export const INK = { light: '#1f2328', dark: '#e8eaed' } as const;
/** Secondary text and guide lines, per theme (--muted). */
export const MUTED = { light: '#5b636b', dark: '#a9b0b8' } as const;
/** The panels' background (styles.css `--panel`): what a label is set on where a line would cross it. */
export const PAPER = { light: '#ffffff', dark: '#182029' } as const;

export const SERIES_LIGHT = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#8C6D00', '#555555'];
export const SERIES_DARK = ['#56B4E9', '#E69F00', '#2CC38F', '#FF7A33', '#7FA8FF', '#E59ACB', '#F0E442', '#BBBBBB'];

export interface StatusStyle {
  color: string;
  symbol: string;
  /** ECharts decal for bars and areas, so print and colour-blind eyes see it too. */
  decal: { symbol: string; dashArrayX?: number[] | number[][]; dashArrayY?: number[]; rotation?: number } | 'none';
}

export const STATUS: Record<IndicatorStatus | 'NONE', StatusStyle> = {
  MET: { color: '#009E73', symbol: '✓', decal: 'none' },
  WARNING: { color: '#E69F00', symbol: '▲', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: 0 } },
  NOT_MET: { color: '#D55E00', symbol: '✕', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 4], rotation: Math.PI / 4 } },
  NO_TARGET: { color: '#8A8A8A', symbol: '–', decal: 'none' },
  IN_PROGRESS: { color: '#0072B2', symbol: '◔', decal: { symbol: 'circle', dashArrayX: [4, 4], dashArrayY: [4, 4], rotation: 0 } },
  NONE: { color: '#8A8A8A', symbol: '·', decal: 'none' },
};

export function statusStyle(s: IndicatorStatus | null | undefined): StatusStyle {
  return STATUS[s ?? 'NONE'];
}

/** The decal object ECharts wants, or undefined for a plain fill. */
export function statusDecal(s: IndicatorStatus | null | undefined): StatusStyle['decal'] | undefined {
  const d = statusStyle(s).decal;
  return d === 'none' ? undefined : d;
}
