// oxlint-disable no-underscore-dangle -- window.__HUB_CHARTS__ is the hook the browser tests read (test/dashboard/harness.ts)
/**
 * The browser tests' window on the charts (only in `vite build --mode e2e`): each drawn chart by name,
 * with its instance (the test reads `getOption()` back) and when it first finished drawing.
 */
import type { EChartsType } from 'echarts/core';

export interface DrawnChart {
  chart: EChartsType;
  /** performance.now() when it first finished drawing data. */
  firstDrawnAt: number;
  drawnAt: number;
  draws: number;
}

declare global {
  interface Window {
    __HUB_CHARTS__?: Record<string, DrawnChart>;
  }
}

export const TEST_HOOK = import.meta.env.VITE_HUB_TEST_HOOK === '1';

export function reportDrawn(name: string, chart: EChartsType): void {
  if (!TEST_HOOK) return;
  const all = (window.__HUB_CHARTS__ ??= {});
  const now = performance.now();
  const prev = all[name];
  all[name] = { chart, firstDrawnAt: prev?.firstDrawnAt ?? now, drawnAt: now, draws: (prev?.draws ?? 0) + 1 };
}

export function forgetChart(name: string): void {
  if (TEST_HOOK && window.__HUB_CHARTS__) delete window.__HUB_CHARTS__[name];
}
