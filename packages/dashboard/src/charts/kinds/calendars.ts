/** A calendar heatmap (a branch's year of activities), registered by the page that draws it. */
import { CalendarComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { useHeatmaps } from './heatmaps.ts';

export const useCalendars = () => (useHeatmaps(), use([CalendarComponent]));
