/** Bars, registered by the pages that draw them (charts/echarts.ts registers lines only). */
import { BarChart } from 'echarts/charts';
import { use } from 'echarts/core';

export const useBars = () => use([BarChart]);
