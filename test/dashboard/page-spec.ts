/**
 * What each dashboard page promises the browser tests: its path, the charts it must draw (by their
 * HubChart name), and a check that the drawn data is the data the API returns.
 */
import type { Page } from 'playwright-core';

export interface PageContext {
  page: Page;
  /** POSTs to the hub's /graphql and returns `data` (throws on errors). */
  graphql: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;
  /** The drawn chart's current option, read back from its ECharts instance (window.__HUB_CHARTS__). */
  option: (chart: string) => Promise<any>;
  /** The query string the page was opened with (org, month, …), e.g. `?month=2026-10&lang=zh-CN`. */
  query: URLSearchParams;
}

export interface PageSpec {
  /** Screenshot prefix, e.g. `org-life`. */
  name: string;
  /** Path with any page query, e.g. `/organization-life` or `/indicators/outpatient_satisfaction`. */
  path: string;
  /** HubChart names that must have drawn with data. */
  charts: string[];
  /** Asserts (with vitest's expect) that what is drawn agrees with what the API says. */
  verify?: (ctx: PageContext) => Promise<void>;
}
