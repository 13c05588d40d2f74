/**
 * Several breakdowns in one request: one `indicatorBreakdown` per (indicator, organisation) under an alias,
 * the organisations as variables. A page that compares branches across indicators (or opens general branches
 * into their branches) asked once per pair before: 25 requests for `/branches`. The operation's text depends
 * only on how many pairs there are and on the catalog's ids, so the hub compiles a handful of shapes.
 */
import type { IndicatorBreakdownQuery } from '@party-hub/schema/client';
import { request, type Document } from './client.ts';

export type BreakdownRow = NonNullable<IndicatorBreakdownQuery['indicatorBreakdown']>['rows'][number];
export interface BreakdownAsk {
  id: string;
  orgId: string;
}

const SAFE_ID = /^[a-z0-9_]+$/;
/** The fields of a row, as IndicatorBreakdown.graphql asks them (the generated row type fits both). */
const ROW = `rank organization { id name kind } department { id name } point { value nullReason status numerator denominator }`;

export function breakdownsDocument(
  asks: readonly BreakdownAsk[],
  by: 'CHILD_ORGANIZATION' | 'DEPARTMENT',
): Document<Record<string, { rows: BreakdownRow[] } | null>, Record<string, string>> {
  for (const a of asks) if (!SAFE_ID.test(a.id)) throw new Error(`not an indicator id: ${a.id}`);
  const vars = asks.map((_, i) => `$o${i}: ID!`).join(', ');
  const fields = asks.map(
    (a, i) => `b${i}: indicatorBreakdown(id: "${a.id}", orgId: $o${i}, period: $period, by: ${by}) { rows { ${ROW} } }`,
  );
  const text = `query Breakdowns($period: Period!, ${vars}) { ${fields.join(' ')} }`;
  return { toString: () => text };
}

/** The hub answers at most 20 root fields (aliases included) per operation: more asks go in several, in parallel. */
export const MAX_ROOT_FIELDS = 20;

/** Each ask's rows, in the asks' order (empty where the hub had none). */
export async function loadBreakdowns(
  asks: readonly BreakdownAsk[],
  period: string,
  by: 'CHILD_ORGANIZATION' | 'DEPARTMENT',
  signal?: AbortSignal,
): Promise<BreakdownRow[][]> {
  const parts: BreakdownAsk[][] = [];
  for (let i = 0; i < asks.length; i += MAX_ROOT_FIELDS) parts.push(asks.slice(i, i + MAX_ROOT_FIELDS));
  const answers = await Promise.all(
    parts.map(async (part) => {
      const variables: Record<string, string> = { period };
      part.forEach((a, i) => (variables[`o${i}`] = a.orgId));
      const data = await request(breakdownsDocument(part, by), variables, signal);
      return part.map((_, i) => data[`b${i}`]?.rows ?? []);
    }),
  );
  return answers.flat();
}
