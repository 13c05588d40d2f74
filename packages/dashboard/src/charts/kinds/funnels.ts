/** Funnels (the development pipeline), registered by the pages that draw them. */
import { FunnelChart } from 'echarts/charts';
import { use } from 'echarts/core';

export const useFunnels = () => use([FunnelChart]);
