/**
 * 月度例会 (meeting mode). Every slide is rendered at load (only the current one is visible), so all four
 * charts draw at load: meeting-headline-compare, meeting-integration-trend, meeting-below-target,
 * meeting-branches. The headline comparison's bars and the trend's two lines are the API's values.
 *
 * Stepping by keyboard: `stepThroughSlides(page)` below. It reads `[data-testid=slide-counter]`
 * ("1 / 5"), presses ArrowRight / PageDown / Space to the end, End / Home, PageUp, and after each key
 * waits for the counter text and for `?slide=N` in the URL (1-based; absent on the first slide).
 */
import type { Page } from 'playwright-core';
import { monthsBefore } from '@party-hub/schema/indicators';
import { expect } from 'vitest';
import type { PageSpec } from '../page-spec.ts';

const ROOT = `{ organizations(first: 1, filter: { kind: { eq: COMMITTEE } }) { nodes { id } } }`;
const DATA = `query ($orgId: ID!, $period: Period!, $from: Period!) {
  indicatorCatalog { id headline unit { zh } }
  indicators(orgId: $orgId, period: $period) { values { indicator { id } value previous { value } yearAgo { value } } }
  indicatorSeries(ids: ["integration_index"], orgId: $orgId, from: $from, to: $period, grain: MONTH) { points { period value } }
}`;

const plain = (v: any) => (v === '-' || v === undefined ? null : v && typeof v === 'object' ? v.value : v);

const COUNTER = '[data-testid=slide-counter]';

/** Steps through the deck by keyboard, checking the counter and `?slide=` after each key. */
export async function stepThroughSlides(page: Page): Promise<number> {
  const counter = page.locator(COUNTER);
  const text = (await counter.textContent()) ?? '';
  const total = Number(text.split('/')[1]);
  expect(text.replace(/\s/g, '')).toBe(`1/${total}`);
  const now = async () => [(await counter.textContent())?.replace(/\s/g, ''), new URL(page.url()).searchParams.get('slide')];
  // Its own polling (no expect.poll), so the helper also runs outside a vitest worker.
  const expectAt = async (n: number) => {
    const want = [`${n}/${total}`, n === 1 ? null : String(n)];
    for (let tries = 0; tries < 50 && JSON.stringify(await now()) !== JSON.stringify(want); tries++) await page.waitForTimeout(100);
    expect(await now()).toEqual(want);
  };
  // Keys go to the page, not to a focused picker (the deck ignores keys typed into form fields).
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  const keys = ['ArrowRight', 'PageDown', 'Space'];
  for (let n = 2; n <= total; n++) {
    await page.keyboard.press(keys[(n - 2) % keys.length] ?? 'ArrowRight');
    await expectAt(n);
  }
  await page.keyboard.press('ArrowRight'); // stays on the last slide
  await expectAt(total);
  await page.keyboard.press('Home');
  await expectAt(1);
  await page.keyboard.press('End');
  await expectAt(total);
  await page.keyboard.press('PageUp');
  await expectAt(total - 1);
  await page.keyboard.press('ArrowLeft');
  await expectAt(total - 2);
  return total;
}

export default [
  {
    name: 'meeting',
    path: '/meeting',
    charts: ['meeting-headline-compare', 'meeting-integration-trend', 'meeting-below-target', 'meeting-branches'],
    verify: async ({ graphql, option, query }) => {
      const month = query.get('month') ?? '2026-10';
      const root: any = query.get('org') ? null : await graphql(ROOT);
      const orgId = query.get('org') ?? root.organizations.nodes[0].id;
      const api: any = await graphql(DATA, { orgId, period: month, from: monthsBefore(month, 23) });

      // Headline rates (catalog order, first on top: the category axis is bottom-up).
      const ids = api.indicatorCatalog.filter((d: any) => d.headline && d.unit.zh === '%').map((d: any) => d.id);
      const byId = new Map<string, any>(api.indicators.values.map((v: any) => [v.indicator.id, v]));
      const compare = await option('meeting-headline-compare');
      const [yearAgo, previous, current] = compare.series.map((s: any) => s.data.map(plain));
      const rows: any[] = ids.toReversed().map((id: string) => byId.get(id));
      expect(current).toEqual(rows.map((v) => v.value));
      expect(previous).toEqual(rows.map((v) => v.previous.value));
      expect(yearAgo).toEqual(rows.map((v) => v.yearAgo.value));

      // The trend: this year's 12 months and the same months a year earlier, on one chart.
      const points = api.indicatorSeries[0].points;
      const trend = await option('meeting-integration-trend');
      expect(trend.xAxis[0].data).toEqual(points.slice(-12).map((p: any) => p.period));
      expect(trend.series[0].data.map(plain)).toEqual(points.slice(-12).map((p: any) => p.value));
      expect(trend.series[1].data.map(plain)).toEqual(points.slice(-24, -12).map((p: any) => p.value));
    },
  },
] satisfies PageSpec[];
