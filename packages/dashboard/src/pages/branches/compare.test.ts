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

describe('the branch table to take away', () => {
  it('should give each branch its values as numbers, a missing one in words, and each status in words', async () => {
    const { compareTable } = await import('./options.ts');
    const rows = [
      { id: 'B1', name: '一支部', cells: { general_meeting_rate: { value: 50, nullReason: null, status: 'NOT_MET' as const } } },
      { id: 'B2', name: '二支部', cells: {} },
    ];
    const table = compareTable(rows, ['general_meeting_rate'], 'zh', {
      branch: '党支部',
      status: (s) => ({ NOT_MET: '未达标' })[s as 'NOT_MET'] ?? s,
      statusOf: (n) => `${n} · 状态`,
    });
    expect(table[0]).toEqual(['党支部', '支部党员大会按期召开率', '支部党员大会按期召开率 · 状态']);
    expect(table[1]).toEqual(['一支部', 50, '未达标']);
    expect(table[2]).toEqual(['二支部', '未填报', null]);
  });
});
