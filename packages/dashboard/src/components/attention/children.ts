/**
 * The child organisations of each listed indicator, in one request (api/breakdowns.ts): the attention list
 * names the branches behind a miss from it.
 */
import { loadBreakdowns } from '../../api/breakdowns.ts';
import type { ChildPoint } from './attention.ts';

/** Each indicator's child organisations' points (empty for an organisation without children). */
export async function loadChildren(
  v: { orgId: string; period: string; ids: readonly string[] },
  signal?: AbortSignal,
): Promise<Map<string, ChildPoint[]>> {
  const rows = await loadBreakdowns(
    v.ids.map((id) => ({ id, orgId: v.orgId })),
    v.period,
    'CHILD_ORGANIZATION',
    signal,
  );
  return new Map(
    v.ids.map((id, i) => [
      id,
      rows[i]!.filter((r) => r.organization).map((r) => ({ name: r.organization!.name, value: r.point.value, status: r.point.status })),
    ]),
  );
}
