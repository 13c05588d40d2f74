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

// Sizes for a meeting-room TV read from a few metres: nothing under 14 px.
const text = (color: string) => ({ color, fontSize: 14, fontFamily: FONT });
function theme(colors: string[], fg: string, muted: string, grid: string) {
  const axis = {
    axisLine: { lineStyle: { color: muted } },
    axisTick: { lineStyle: { color: muted } },
    axisLabel: text(fg),
    splitLine: { lineStyle: { color: grid } },
    nameTextStyle: text(muted),
  };
  return {
    color: colors,
    backgroundColor: 'transparent',
    // A short entrance (ECharts' own is a second): a page is read at a glance, and on the wall it turns every minute.
    animationDuration: 300,
    animationDurationUpdate: 300,
    textStyle: { fontFamily: FONT, fontSize: 14, color: fg },
    title: { textStyle: { ...text(fg), fontSize: 18 }, subtextStyle: text(muted) },
    legend: { textStyle: text(fg) },
    tooltip: { textStyle: { fontSize: 14 } },
    categoryAxis: axis,
    valueAxis: axis,
    timeAxis: axis,
    visualMap: { textStyle: text(fg) },
    calendar: { dayLabel: text(fg), monthLabel: text(fg), yearLabel: text(muted) },
  };
}
registerTheme('hub-light', theme(SERIES_LIGHT, INK.light, MUTED.light, '#e3e6ea'));
registerTheme('hub-dark', theme(SERIES_DARK, INK.dark, MUTED.dark, '#2f3640'));

/** ECharts' theme for the dashboard's theme. */
export const echartsTheme = (t: ThemeName) => (t === 'dark' ? 'hub-dark' : 'hub-light');
