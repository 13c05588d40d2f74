/**
 * The comparison's data. `indicatorBreakdown` gives one row per child organisation; under the
 * committee the children are general branches (党总支), so the branches are asked for from their own
 * parents: one breakdown per (indicator, parent of a branch in view), rows kept for the branches only.
 * The same code serves a committee, a general branch (one parent: itself) and a single branch (its
 * parent, one row kept).
 */
import { loadBreakdowns } from '../../api/breakdowns.ts';
import type { Org } from '../../state/orgs.ts';
import { assembleCompare, type CompareRow } from './options.ts';

export interface CompareInput {
  branches: { id: string; name: string; parentId: string }[];
  ids: string[];
  period: string;
}

/** What the comparison loads for: the branches in view (none yet: wait), the indicators, the period. */
export function compareInput(branches: Org[], ids: string[], period: string): CompareInput | null {
  if (!branches.length) return null;
  return { branches: branches.map((b) => ({ id: b.id, name: b.name, parentId: b.parent?.id ?? b.id })), ids, period };
}

/** The breakdowns to ask for: each indicator under each parent of a branch in view. */
export function compareAsks(input: CompareInput): { id: string; orgId: string }[] {
  const parents = [...new Set(input.branches.map((b) => b.parentId))];
  return input.ids.flatMap((id) => parents.map((orgId) => ({ id, orgId })));
}

/** A loader for `useQuery`: the breakdowns in one request, assembled into one row per branch. */
export async function loadCompare(input: CompareInput, signal: AbortSignal): Promise<CompareRow[]> {
  const asks = compareAsks(input);
  const answers = await loadBreakdowns(asks, input.period, 'CHILD_ORGANIZATION', signal);
  return assembleCompare(
    input.branches,
    answers.map((rows, i) => ({ id: asks[i]!.id, rows })),
  );
}
