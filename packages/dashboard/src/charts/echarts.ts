/**
 * The one place ECharts is put together: lines and the components every page uses are registered here
 * (tree-shaken `echarts/core`), with ECharts' own Chinese locale and the two themes; bars, heatmaps,
 * calendars and funnels by the pages that draw them (kinds.ts), so the overview's chunk goes without them.
 */
import { LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { registerLocale, registerTheme, use } from 'echarts/core';
import langZH from 'echarts/i18n/langZH-obj.js';
import { CanvasRenderer } from 'echarts/renderers';
import { FONT, INK, MUTED, SERIES_DARK, SERIES_LIGHT } from './palette.ts';

use([
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);
registerLocale('ZH', langZH);

import type { ThemeName } from '../state/ui.ts';

// Sizes for a meeting-room screen read from a few metres: nothing under 14 px; `k` is the wall TV's scale
// (state/kiosk.ts tvScale: 14 px becomes ≥ 22 px on a 1080p kiosk).
const text = (color: string, k: number) => ({ color, fontSize: Math.round(14 * k * 10) / 10, fontFamily: FONT });
function theme(colors: string[], fg: string, muted: string, grid: string, k = 1) {
  const axis = {
    axisLine: { lineStyle: { color: muted } },
    axisTick: { lineStyle: { color: muted } },
    axisLabel: text(fg, k),
    splitLine: { lineStyle: { color: grid } },
    nameTextStyle: text(muted, k),
  };
  return {
    color: colors,
    backgroundColor: 'transparent',
    // A short entrance (ECharts' own is a second): a page is read at a glance, and on the wall it turns every minute.
    animationDuration: 300,
    animationDurationUpdate: 300,
    textStyle: text(fg, k),
    title: { textStyle: { ...text(fg, k), fontSize: Math.round(18 * k) }, subtextStyle: text(muted, k) },
    legend: { textStyle: text(fg, k), itemWidth: Math.round(25 * k), itemHeight: Math.round(14 * k) },
    tooltip: { textStyle: { fontSize: text(fg, k).fontSize } },
    categoryAxis: axis,
    valueAxis: axis,
    timeAxis: axis,
    // Text only: the key's box differs by kind (a continuous map's bar is 140 px tall).
    visualMap: { textStyle: text(fg, k) },
    calendar: { dayLabel: text(fg, k), monthLabel: text(fg, k), yearLabel: text(muted, k) },
  };
}
/** Series colours, text, secondary text and grid lines of each theme. */
const THEMES: Record<ThemeName, [string[], string, string, string]> = {
  light: [SERIES_LIGHT, INK.light, MUTED.light, '#e3e6ea'],
  dark: [SERIES_DARK, INK.dark, MUTED.dark, '#2f3640'],
};
registerTheme('hub-light', theme(...THEMES.light));
registerTheme('hub-dark', theme(...THEMES.dark));
const scaledThemes = new Set<string>();

/**
 * ECharts' theme for the dashboard's theme, at the kiosk's TV scale `k` (a theme per scale, registered
 * the first time it is asked: a TV keeps one).
 */
export function echartsTheme(t: ThemeName, k = 1): string {
  const base = t === 'dark' ? 'hub-dark' : 'hub-light';
  if (k === 1) return base;
  const name = `${base}@${k}`;
  if (!scaledThemes.has(name)) {
    registerTheme(name, theme(...THEMES[t], k));
    scaledThemes.add(name);
  }
  return name;
}
