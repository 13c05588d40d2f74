/**
 * A chart's option at the kiosk's TV scale (state/kiosk.ts `tvScale`), applied once for every chart by
 * HubChart rather than by each page: every explicit text size grows by the factor, and with it the room
 * the text is given (grid margins, a label's width, legend and visual-map keys). Sizes a page leaves to
 * the theme grow through the theme (charts/echarts.ts). Lines, symbols and data are left alone.
 */
import type { EChartsCoreOption } from 'echarts/core';

/** Sizes of text wherever they are (a rich-text style, a data item's label, …). */
const TEXT_KEYS = new Set(['fontSize', 'lineHeight', 'itemWidth', 'itemHeight', 'itemGap', 'distance']);
/**
 * Where `width` is the room a text is given, not a line's width. Only when the text is truncated to it: a
 * width to break at stays (a category's band does not grow with the text, and wider lines would overlap).
 */
const TEXT_BOXES = new Set(['axisLabel', 'label', 'nameTextStyle', 'textStyle']);
const GRID_MARGINS = new Set(['left', 'right', 'top', 'bottom']);

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

function scaled(key: string, parent: string, owner: Record<string, unknown>): boolean {
  if (typeof owner[key] !== 'number') return false;
  const room = key === 'width' && TEXT_BOXES.has(parent) && owner.overflow !== 'break';
  return TEXT_KEYS.has(key) || room || (parent === 'grid' && GRID_MARGINS.has(key));
}

function walk(v: unknown, parent: string, k: number): unknown {
  if (Array.isArray(v)) return v.map((x) => walk(x, parent, k)); // an array keeps its owner's key: grid: [{…}]
  if (!isPlain(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [key, x] of Object.entries(v)) out[key] = scaled(key, parent, v) ? Math.round((x as number) * k * 10) / 10 : walk(x, key, k);
  return out;
}

/** The option with its text sizes and text room multiplied by `k` (the same object when k is 1). */
export function scaleOption<T extends EChartsCoreOption>(option: T, k: number): T {
  return k === 1 ? option : (walk(option, '', k) as T);
}

/** A CSS height in px at the scale (`360px` → `585px` at 1.625); other units as given. */
export function scaleHeight(height: string, k: number): string {
  const m = /^(\d+(?:\.\d+)?)px$/.exec(height.trim());
  return m && k !== 1 ? `${Math.round(Number(m[1]) * k)}px` : height;
}
