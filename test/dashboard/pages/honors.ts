/**
 * 荣誉: the stacked bars are the API's honors per level and year; the list is the API's, newest first, and filtered
 * (a level and words chosen go into the URL, and the list is the API's honours of that level with those words).
 */
import { parsePeriod } from '@party-hub/schema/indicators';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PageSpec } from '../page-spec.ts';

const ROOT = `{ organizations(first: 1, filter: { kind: { eq: COMMITTEE } }) { nodes { id } } }`;
const DATA = `query ($orgId: ID!, $to: LocalDate!) {
  honorsAggregate(groupBy: [LEVEL, AWARDED_ON_YEAR], filter: { orgId: $orgId, awardedOn: { lte: $to } }) { groups { keys { level awardedOnYear } count } }
  honors(filter: { orgId: $orgId, awardedOn: { lte: $to } }, first: 20, orderBy: [{ field: AWARDED_ON, direction: DESC }]) { totalCount nodes { awardedOn title level category issuer recipientType department { name } organization { name } hospital { name } } }
}`;

const FILTERED = `query ($orgId: ID!, $to: LocalDate!, $level: HonorLevel!, $q: String!) {
  honors(filter: { orgId: $orgId, awardedOn: { lte: $to }, level: { eq: $level }, title: { contains: $q } }, first: 20, orderBy: [{ field: AWARDED_ON, direction: DESC }]) { totalCount nodes { awardedOn title level category issuer recipientType department { name } organization { name } hospital { name } } }
}`;

/**
 * The list's filter: a level and words (from the newest honour's title) chosen go into the URL; every row shown is
 * of that level with the words in its title, issuer or recipient, and every honour with them in its title is counted
 * (the list also finds them in issuers and recipients: more, never fewer). Then cleared.
 */
async function checkFilter(
  page: Page,
  graphql: (query: string, variables: Record<string, unknown>) => Promise<any>,
  { orgId, to, newest }: { orgId: string; to: string; newest: { title: string; level: string } },
): Promise<void> {
  const q = newest.title.slice(0, 2);
  await page.locator('[data-testid=honors-level]').selectOption(newest.level);
  await page.locator('[data-testid=honors-search]').fill(q);
  await expect.poll(() => Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ level: newest.level, q });
  const filtered = await graphql(FILTERED, { orgId, to, level: newest.level, q });
  const read = () =>
    page.$$eval('[data-testid="honor-row"]', (trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent?.trim() ?? '')));
  const matches = (r: string[]) => [r[1], r[4], r[5]].some((cell) => cell?.includes(q));
  await expect.poll(async () => (await read()).filter((r) => !matches(r)).length).toBe(0);
  const shown = await read();
  expect(shown.length).toBeGreaterThan(0);
  expect(new Set(shown.map((r) => r[2])).size).toBe(1);
  // The count said under the list is the total that match (its last number, in both languages).
  const total = Number((await page.locator('.foot [role=status]').innerText()).match(/\d+/g)?.at(-1) ?? -1);
  expect(total).toBeGreaterThanOrEqual(filtered.honors.totalCount);
  await page.locator('[data-testid=honors-reset]').click();
  await expect.poll(() => new URL(page.url()).searchParams.has('level')).toBe(false);
}

export default [
  {
    name: 'honors',
    path: '/honors',
    charts: ['honors-by-level'],
    verify: async ({ page, graphql, option, query }) => {
      const month = query.get('month') ?? '2026-10';
      const orgId = query.get('org') ?? (await graphql(ROOT)).organizations.nodes[0].id;
      const api = await graphql(DATA, { orgId, to: parsePeriod(month).end });
      const groups = api.honorsAggregate.groups.filter((g: any) => g.keys.level && g.keys.awardedOnYear);
      const year = Number(month.slice(0, 4));
      const first = Math.min(year, ...groups.map((g: any) => Number(g.keys.awardedOnYear.slice(0, 4))));
      const years = Array.from({ length: year - first + 1 }, (_, i) => first + i);
      const levels = [...new Set(groups.map((g: any) => g.keys.level))];

      const o = await option('honors-by-level');
      expect(o.xAxis[0].data).toHaveLength(years.length);
      const bars = o.series.slice(0, -1);
      expect(bars).toHaveLength(levels.length);
      levels.forEach((level, i) => {
        const expected = years.map(
          (y) => groups.find((g: any) => g.keys.level === level && g.keys.awardedOnYear.startsWith(String(y)))?.count ?? 0,
        );
        expect(bars[i].data).toEqual(expected);
        expect(bars[i].stack).toBe('honors');
      });
      const total = groups.reduce((n: number, g: any) => n + g.count, 0);
      expect(bars.flatMap((s: any) => s.data).reduce((n: number, v: number) => n + v, 0)).toBe(total);
      expect(total).toBe(api.honors.totalCount);

      // The list: the API's first page, newest first, and never a person's name column.
      const cells = await page.$$eval('[data-testid="honor-row"]', (trs) =>
        trs.map((tr) => [tr.children[0]?.textContent?.trim(), tr.children[1]?.textContent?.trim()]),
      );
      // Honours that read the same (a unit's people given one honour on one day; names are never shown) are one row.
      const text = (h: any) =>
        JSON.stringify([
          h.awardedOn,
          h.title,
          h.level,
          h.category,
          h.issuer,
          h.recipientType,
          (h.department ?? h.organization ?? h.hospital).name,
        ]);
      const grouped = (nodes: any[]) => nodes.filter((h: any, i: number, all: any[]) => i === 0 || text(all[i - 1]) !== text(h));
      expect(cells).toEqual(grouped(api.honors.nodes).map((h: any) => [h.awardedOn, h.title]));

      await checkFilter(page, graphql, { orgId, to: parsePeriod(month).end, newest: api.honors.nodes[0] });
    },
  },
] satisfies PageSpec[];
