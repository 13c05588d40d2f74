import { describe, expect, it } from 'vitest';
import type { Org } from '../../state/orgs.ts';
import { compareAsks, compareInput } from './compare.ts';

const org = (id: string, parent: string | null): Org => ({
  id,
  rowId: 0,
  name: `支部${id}`,
  kind: 'BRANCH',
  depth: 2,
  parent: parent ? { id: parent } : null,
});

describe('dashboard/branches compare', () => {
  it('should wait until there are branches in view', () => {
    expect(compareInput([], ['a'], '2026-10')).toBeNull();
  });

  it('should ask each indicator once per parent of a branch in view, a branch without a parent for itself', () => {
    const input = compareInput([org('b1', 'g1'), org('b2', 'g1'), org('b3', 'g2'), org('b4', null)], ['x', 'y'], '2026-10')!;
    expect(input.branches.map((b) => b.parentId)).toEqual(['g1', 'g1', 'g2', 'b4']);
    expect(compareAsks(input)).toEqual([
      { id: 'x', orgId: 'g1' },
      { id: 'x', orgId: 'g2' },
      { id: 'x', orgId: 'b4' },
      { id: 'y', orgId: 'g1' },
      { id: 'y', orgId: 'g2' },
      { id: 'y', orgId: 'b4' },
    ]);
  });
});
