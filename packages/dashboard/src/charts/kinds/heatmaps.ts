/** Heatmaps with their colour scale, registered by the pages that draw them (org-life, branch comparison). */
import { HeatmapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { use } from 'echarts/core';

export const useHeatmaps = () => use([HeatmapChart, VisualMapComponent]);
