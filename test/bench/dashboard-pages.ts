/// <reference lib="dom" />
/**
 * `pnpm bench` (dashboard pages): per page of test/dashboard/pages, what a committee member's browser waits
 * for, against the targets of the room (issue: the dashboard in the room):
 *
 *   JavaScript over the wire, cold, overview     ≤ 250 KB
 *   navigation → every chart drawn, cold, p50    ≤ 1.0 s overview, ≤ 1.5 s every page
 *   GraphQL requests on /branches                ≤ 3
 *
 * Cold: a fresh browser context (no HTTP cache) at 1920×1080, zh-CN, light; warm: reloads in the same
 * context. Each figure is the median of BENCH_PAGE_RUNS loads (5). The hub serves the dashboard's test build
 * (dist-e2e: the production build plus the hook on window.__HUB_CHARTS__ that says when a chart has drawn;
 * its chunks are the same within a few hundred bytes), on the embedded PostgreSQL with the hospital demo
 * data. Never part of `pnpm test` (the browser suite prints its one cold load per page, held to a ceiling).
 *
 *   node bench/dashboard-pages.ts      BENCH_PAGE_RUNS=5, BENCH_PAGES=overview,branches (only those)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { hasBrowser, launchChromium } from '../support/browser.ts';
import { addSession, type HubProcess } from '../support/hub-process.ts';
import { loadSpecs, overTheWire, pageUrl, startDashboardHub, waitForCharts, type OverTheWire } from '../dashboard/harness.ts';

const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);
const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** The room's targets per page (the overview is the first thing on the wall). */
const target = (page: string) => ({
  coldMs: page === 'overview' ? 1000 : 1500,
  jsWireKb: page === 'overview' ? 250 : null,
  graphqlRequests: page === 'branches' ? 3 : null,
});

interface Row extends OverTheWire {
  page: string;
  coldP50Ms: number;
  warmP50Ms: number;
  verdict: string;
}

async function measure(browser: Browser, hub: HubProcess, name: string, path: string, charts: string[]): Promise<Row> {
  const url = pageUrl(hub.url, path).href;
  const cold: number[] = [];
  let wire: OverTheWire | null = null;
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await addSession(context, hub.url);
    const page = await context.newPage();
    await page.goto(url);
    cold.push((await waitForCharts(page, charts)).firstDrawnMs);
    wire ??= await overTheWire(page);
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  await addSession(context, hub.url);
  const page = await context.newPage();
  await page.goto(url);
  await waitForCharts(page, charts);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.reload();
    warm.push((await waitForCharts(page, charts)).firstDrawnMs);
  }
  await context.close();
  const row = { page: name, ...wire!, coldP50Ms: Math.round(median(cold)), warmP50Ms: Math.round(median(warm)) };
  return { ...row, verdict: verdict(row) };
}

/** Each target the page has, met or missed, in words. */
function verdict(r: Omit<Row, 'verdict'>): string {
  const t = target(r.page);
  const checks = [
    `cold ${r.coldP50Ms <= t.coldMs ? '≤' : '>'} ${t.coldMs} ms`,
    t.jsWireKb === null ? null : `JS ${r.jsWireKb <= t.jsWireKb ? '≤' : '>'} ${t.jsWireKb} KB`,
    t.graphqlRequests === null ? null : `GraphQL ${r.graphqlRequests <= t.graphqlRequests ? '≤' : '>'} ${t.graphqlRequests}`,
  ];
  const missed = checks.some((c) => c?.includes('>'));
  return `${missed ? 'MISSED' : 'met'}: ${checks.filter(Boolean).join(', ')}`;
}

async function main() {
  if (!hasBrowser) throw new Error('no Chromium (CHROMIUM_PATH or /usr/bin/chromium): .ci/run installs it');
  const { specs, broken } = await loadSpecs();
  if (broken.length) throw new Error(`page specs that do not load: ${broken.map((b) => b.file).join(', ')}`);
  const dataDir = await mkdtemp(join(tmpdir(), 'party-hub-bench-pages-'));
  const hub = await startDashboardHub(dataDir);
  const browser = await launchChromium();
  try {
    const rows: Row[] = [];
    const only = process.env.BENCH_PAGES?.split(',');
    for (const { spec } of specs.filter((x) => !only || only.includes(x.spec.name)))
      rows.push(await measure(browser, hub, spec.name, spec.path, spec.charts));
    console.log(
      `\ndashboard pages, p50 of ${RUNS} loads each (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores):`,
    );
    console.table(rows);
  } finally {
    await browser.close();
    hub.killAll();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
