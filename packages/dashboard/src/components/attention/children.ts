/**
 * The child organisations of each listed indicator, in one request: one `indicatorBreakdown` per indicator
 * under an alias (the ids are the catalog's own, so the operation's text is a handful of shapes, each
 * compiled once by the hub). The attention list names the branches behind a miss from it.
 */
import { request, type Document } from '../../api/client.ts';
import type { ChildPoint } from './attention.ts';
import type { Status } from '../../pages/meeting/summary.ts';

interface Row {
  organization: { name: string } | null;
  point: { value: number | null; status: Status | null };
}
type Result = Record<string, { rows: Row[] } | null>;

const SAFE_ID = /^[a-z0-9_]+$/;

/** The operation: `b0: indicatorBreakdown(id: "…", …) { rows { … } }` per id. */
export function childrenDocument(ids: readonly string[]): Document<Result, { orgId: string; period: string }> {
  for (const id of ids) if (!SAFE_ID.test(id)) throw new Error(`not an indicator id: ${id}`);
  const fields = ids.map(
    (id, i) =>
      `b${i}: indicatorBreakdown(id: "${id}", orgId: $orgId, period: $period, by: CHILD_ORGANIZATION) { rows { organization { name } point { value status } } }`,
  );
  const text = `query AttentionChildren($orgId: ID!, $period: Period!) { ${fields.join(' ')} }`;
  return { toString: () => text };
}

/** Each indicator's child organisations' points (empty for an organisation without children). */
export async function loadChildren(
  v: { orgId: string; period: string; ids: readonly string[] },
  signal?: AbortSignal,
): Promise<Map<string, ChildPoint[]>> {
  if (!v.ids.length) return new Map();
  const data = await request(childrenDocument(v.ids), { orgId: v.orgId, period: v.period }, signal);
  return new Map(
    v.ids.map((id, i) => [
      id,
      (data[`b${i}`]?.rows ?? [])
        .filter((r) => r.organization)
        .map((r) => ({ name: r.organization!.name, value: r.point.value, status: r.point.status })),
    ]),
  );
}
