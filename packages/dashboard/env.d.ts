/// <reference types="vite/client" />

// ECharts ships its locale objects without types.
declare module 'echarts/i18n/langZH-obj.js' {
  const lang: Parameters<typeof import('echarts/core').registerLocale>[1];
  export default lang;
}

interface ImportMetaEnv {
  /** "1" in `vite build --mode e2e`: charts are exposed on window.__HUB_CHARTS__ for the browser tests. */
  readonly VITE_HUB_TEST_HOOK?: string;
}
