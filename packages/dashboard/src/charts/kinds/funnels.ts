/**
 * Funnels (the development pipeline), registered by the pages that draw them, with ECharts' label layout (the
 * funnel's labels stand in one column beside it).
 */
import { FunnelChart } from 'echarts/charts';
import { use } from 'echarts/core';
import { LabelLayout } from 'echarts/features';

export const useFunnels = () => use([FunnelChart, LabelLayout]);
