/// <reference lib="dom" />
// oxlint-disable no-underscore-dangle -- window.__HUB_CHARTS__ is the test build's hook (packages/dashboard/src/charts/hook.ts)
/**
 * What the dashboard's browser tests share: the hub serving the test build of the dashboard (dist-e2e,
 * whose charts report themselves on window.__HUB_CHARTS__), the page specs of test/dashboard/pages,
 * waiting until named charts have drawn data, reading their options back, and the problems a page
 * must not have (console errors, uncaught exceptions, failed requests, GraphQL errors, other origins).
 */
import { existsSync, readdirSync } from 'node:fs';
import { chmod, cp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { currentMonth, month as monthPeriod, previousPeriod } from '@party-hub/schema/indicators';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { demoLink, gql, repoRoot, startHub, type HubProcess } from '../support/hub-process.ts';
import { copySeeded } from '../support/seeded.ts';
import type { PageContext, PageSpec } from './page-spec.ts';

export const distE2e = join(repoRoot, 'packages', 'dashboard', 'dist-e2e');
export const screenshotsDir = join(repoRoot, 'test', 'screenshots');
const pagesDir = fileURLToPath(new URL('./pages', import.meta.url));

/**
 * The hub on the embedded PostgreSQL with the hospital demo data (seeded once per run and copied), serving a copy of dist-e2e at /. A copy in
 * the test's own directory: a build elsewhere in the run that rebuilt the test build emptied dist-e2e while it wrote it,
 * and a page loaded in that window was a 404 (seen twice in CI, on different pages' loads).
 */
export async function startDashboardHub(dataDir: string, env: Record<string, string> = {}): Promise<HubProcess> {
  if (!existsSync(join(distE2e, 'index.html')))
    throw new Error(`${distE2e} is missing: run \`pnpm build:test\` (\`pnpm test\` runs it: the shipped build and the test build)`);
  const served = join(dataDir, 'dashboard');
  await cp(distE2e, served, { recursive: true });
  // The hub's data directory sits inside dataDir: as root, its PostgreSQL runs as "postgres", which must be
  // able to pass through (mkdtemp makes 0700).
  await chmod(dataDir, 0o711);
  // The run's seeded hospital, copied (support/seeded.ts); HUB_SEED=hospital stays for when there is none to copy.
  await copySeeded(join(dataDir, 'hub'));
  return startHub({ HUB_DATA_DIR: join(dataDir, 'hub'), HUB_SEED: 'hospital', HUB_DASHBOARD_DIR: served, ...env });
}

/** The last complete month in Asia/Shanghai, as the dashboard defaults to it (whatever the zone here). */
export function lastCompleteMonth(now: Date = new Date()): string {
  const { year, month } = currentMonth(now, 'Asia/Shanghai');
  return previousPeriod(monthPeriod(year, month)).key;
}

export interface LoadedSpecs {
  specs: { file: string; spec: PageSpec }[];
  /** Files that would not load (a syntax error, no default export): each becomes a failing test. */
  broken: { file: string; error: string }[];
}

/** Every spec of test/dashboard/pages/*.ts, read at run time (people add pages while others test). */
export async function loadSpecs(): Promise<LoadedSpecs> {
  const out: LoadedSpecs = { specs: [], broken: [] };
  const files = existsSync(pagesDir)
    ? readdirSync(pagesDir)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
        .toSorted()
    : [];
  for (const file of files) {
    try {
      const mod = (await import(pathToFileURL(join(pagesDir, file)).href)) as { default?: unknown };
      if (!Array.isArray(mod.default)) throw new Error('no default export of PageSpec[]');
      for (const spec of mod.default as PageSpec[]) out.specs.push({ file, spec });
    } catch (err) {
      out.broken.push({ file, error: (err as Error).stack ?? String(err) });
    }
  }
  return out;
}

/** The page's URL on the hub: the spec's path (with its own query) plus `extra` parameters. */
export function pageUrl(base: string, path: string, extra: Record<string, string> = {}): URL {
  const url = new URL(path, base);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return url;
}

/** GraphQL operations a page has sent and not yet had answered (named when charts do not draw). */
const inFlight = new WeakMap<Page, Map<object, string>>();

/**
 * Records what must not happen on a page. Aborted requests are left out: leaving a page (or a reload of
 * changed data) cancels what is still in flight, which is no error of the page's.
 */
export function watchProblems(page: Page, origin: string): string[] {
  const problems: string[] = [];
  const pending = new Map<object, string>();
  inFlight.set(page, pending);
  page.on('request', (r) => {
    if (!r.url().endsWith('/graphql') || r.method() !== 'POST') return;
    const body = (r.postDataJSON() ?? {}) as { operationName?: string; query?: string; variables?: unknown };
    const name = body.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(body.query ?? '')?.[1] ?? 'anonymous';
    pending.set(r, `${name} ${JSON.stringify(body.variables ?? {})}`);
  });
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => pending.delete(r));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.stack ?? e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (!why.includes('ERR_ABORTED')) problems.push(`request failed: ${r.method()} ${r.url()} ${why}`);
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`other origin: ${url}`);
  });
  page.on('response', async (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
    if (!res.url().endsWith('/graphql') || res.request().method() !== 'POST') return;
    const body = (await res.json().catch(() => null)) as { errors?: { message: string }[] } | null;
    for (const e of body?.errors ?? []) problems.push(`GraphQL error: ${e.message}`);
  });
  return problems;
}

export interface ChartsDrawn {
  /** performance.now() (from navigation start) when the last of the named charts first finished drawing. */
  firstDrawnMs: number;
  /** performance.now() when the test saw every named chart with data (polled every 50 ms). */
  seenMs: number;
}

/** Waits until every named chart is on window.__HUB_CHARTS__, has drawn, and has a series with data. */
export async function waitForCharts(page: Page, names: string[], timeoutMs = 60_000): Promise<ChartsDrawn> {
  try {
    const handle = await page.waitForFunction(
      (wanted: string[]) => {
        const all = window.__HUB_CHARTS__ ?? {};
        let first = 0;
        for (const name of wanted) {
          const c = all[name];
          if (!c || c.draws < 1 || c.chart.isDisposed()) return false;
          const o = c.chart.getOption() as { series?: { data?: unknown }[]; dataset?: { source?: unknown }[] };
          // oxlint-disable-next-line unicorn/consistent-function-scoping -- runs in the page: it cannot use the test's scope
          const size = (v: unknown) => (Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0);
          const hasData = (o.series ?? []).some((s) => size(s.data) > 0) || (o.dataset ?? []).some((d) => size(d.source) > 0);
          if (!hasData) return false;
          first = Math.max(first, c.firstDrawnAt);
        }
        return { firstDrawnMs: first, seenMs: performance.now() };
      },
      names,
      { polling: 50, timeout: timeoutMs },
    );
    return (await handle.jsonValue()) as ChartsDrawn;
  } catch (err) {
    const state = await page.evaluate(() =>
      Object.entries(window.__HUB_CHARTS__ ?? {}).map(([name, c]) => {
        const o = c.chart.getOption() as { series?: { type?: string; data?: unknown[] }[] };
        return `${name}: draws ${c.draws}, series ${(o.series ?? []).map((s) => `${s.type}×${s.data?.length ?? 0}`).join(' ') || 'none'}`;
      }),
    );
    const missing = names.filter((n) => !state.some((s) => s.startsWith(`${n}:`)));
    const waiting = [...(inFlight.get(page)?.values() ?? [])];
    throw new Error(
      `charts not drawn with data within ${timeoutMs / 1000}s on ${page.url()}\n  never drawn: ${missing.join(', ') || '(none)'}\n  ` +
        `on the page: ${state.join('\n  ') || '(no chart at all)'}\n  ` +
        `GraphQL still unanswered: ${waiting.join('\n    ') || '(none)'}\n(${(err as Error).message.split('\n')[0]})`,
      { cause: err },
    );
  }
}

/** The chart's option as ECharts holds it now, as plain data (functions dropped, typed arrays as arrays). */
export async function chartOption(page: Page, name: string): Promise<any> {
  return page.evaluate((n) => {
    const c = window.__HUB_CHARTS__?.[n];
    if (!c) throw new Error(`no chart "${n}" on window.__HUB_CHARTS__ (drawn: ${Object.keys(window.__HUB_CHARTS__ ?? {}).join(', ')})`);
    const opt = c.chart.getOption();
    // oxlint-disable-next-line unicorn/consistent-function-scoping -- runs in the page: it cannot use the test's scope
    const plain = (_k: string, v: unknown) =>
      typeof v === 'function' ? undefined : ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v;
    try {
      return JSON.parse(JSON.stringify(opt, plain));
    } catch {
      // A cycle somewhere (an instance kept in the option): cut every repeated object.
      const seen = new WeakSet<object>();
      return JSON.parse(
        JSON.stringify(opt, (k, v) => {
          const p = plain(k, v);
          if (p && typeof p === 'object') {
            if (seen.has(p)) return undefined;
            seen.add(p);
          }
          return p;
        }),
      );
    }
  }, name);
}

/** The context a spec's verify gets (page-spec.ts). */
export function pageContext(page: Page, hubUrl: string, query: URLSearchParams): PageContext {
  return {
    page,
    query,
    option: (name) => chartOption(page, name),
    graphql: async (document, variables) => {
      const res = await gql(hubUrl, document, variables);
      if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}\nquery: ${document}`);
      return res.data;
    },
  };
}

/** Fonts loaded and the charts' entry animations over: what a screenshot should show. */
/**
 * Fonts loaded, then quiet: no chart has finished a draw (an animation, a resize after layout, a late
 * answer) for `ms`, so a screenshot shows what a viewer sees, not a chart mid-transition.
 */
export async function settle(page: Page, ms = 400): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page
    .waitForFunction(
      (quiet: number) => {
        const last = Math.max(0, ...Object.values(window.__HUB_CHARTS__ ?? {}).map((c) => c.drawnAt));
        return performance.now() - last > quiet;
      },
      ms,
      { polling: 100, timeout: 10_000 },
    )
    .catch(() => undefined); // a chart that keeps redrawing is photographed as it is
}

/**
 * The whole page as one picture. Playwright's fullPage capture stretches the viewport for the shot,
 * which resizes every chart (autoresize) and caught a line chart mid-redraw, squeezed to its left edge:
 * stretch it here, let the charts redraw and settle, photograph, and put the viewport back.
 */
export async function photograph(page: Page, path: string, viewport: { width: number; height: number }): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height });
    await settle(page);
  }
  await page.screenshot({ path, fullPage: true });
  await page.setViewportSize(viewport);
}

declare global {
  interface Window {
    __HUB_CHARTS__?: Record<
      string,
      {
        chart: { getOption(): unknown; isDisposed(): boolean };
        firstDrawnAt: number;
        drawnAt: number;
        draws: number;
      }
    >;
  }
}

/** axe-core's source, read once (injected by evaluate: the hub's CSP rightly refuses an inline script tag). */
let axeSource: string | null = null;

/**
 * axe-core's serious and critical findings on the page as it is (WCAG 2.x A and AA rules and axe's best
 * practices), one line each with the first elements it names: what a screen-reader user would hit.
 */
export async function axeFindings(page: Page): Promise<string[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as any).axe;
    const res = await axe.run(document, { resultTypes: ['violations'] });
    return (res.violations as any[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.impact} ${v.id} (${v.help}): ${v.nodes
            .slice(0, 3)
            .map((n: any) => n.target.join(' '))
            .join(' | ')}`,
      );
  });
}

/** The cold load over the wire (Resource Timing's transferSize: compressed bytes and headers): every request, JavaScript alone. */
export interface OverTheWire {
  requests: number;
  graphqlRequests: number;
  wireKb: number;
  jsWireKb: number;
}

/** What the page's load took over the wire, from Resource Timing (in a fresh context nothing came from a cache). */
export async function overTheWire(page: Page): Promise<OverTheWire> {
  const w = await page.evaluate(() => {
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ] as PerformanceResourceTiming[];
    const sum = (es: PerformanceResourceTiming[]) => es.reduce((t, e) => t + e.transferSize, 0);
    return {
      requests: entries.length,
      graphqlRequests: entries.filter((e) => e.name.includes('/graphql')).length,
      bytes: sum(entries),
      js: sum(entries.filter((e) => /\.js(\?|$)/.test(e.name))),
    };
  });
  const kb = (n: number) => Math.round(n / 1024);
  return { requests: w.requests, graphqlRequests: w.graphqlRequests, wireKb: kb(w.bytes), jsWireKb: kb(w.js) };
}

/** A valid ID-card number (GB 11643 check digit): area 110101, born `birth` (YYYYMMDD), sequence `seq`. */
export function idCard(birth: string, seq: number): string {
  const first = `110101${birth}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first + '10X98765432'[sum % 11]!;
}

/** A page's problems but the refusals a test asked for (a write's coded bad input, answered as GraphQL errors). */
export const unexpected = (problems: string[]) => problems.filter((p) => !/^GraphQL error: .*(未写入任何数据|nothing was written)/.test(p));

/** The demo branch secretary in a browser context of its own, signed in by its one-time link (it works once), on the overview. */
export async function demoSecretary(
  browser: Browser,
  hub: HubProcess,
  options: BrowserContextOptions,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = watchProblems(page, new URL(hub.url).origin);
  await page.goto(demoLink(hub, 'branch secretary')!);
  await page.waitForURL((u) => u.pathname === '/', { timeout: 30_000 });
  return { context, page, problems };
}
