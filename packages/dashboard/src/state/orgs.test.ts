import { describe, expect, it } from 'vitest';
import { withinScope, type Org } from './orgs.ts';

const org = (id: string, parent: string | null): Org =>
  ({ id, rowId: 0, name: id, kind: 'BRANCH', depth: 0, parent: parent ? { id: parent } : null }) as Org;

describe('state/orgs withinScope', () => {
  // 党委 c → 总支 g1 (支部 b1, b2), 总支 g2 (支部 b3), in tree order.
  const tree = [org('c', null), org('g1', 'c'), org('b1', 'g1'), org('b2', 'g1'), org('g2', 'c'), org('b3', 'g2')];

  it('should offer the whole tree to an account that reaches it', () => {
    expect(withinScope(tree, null).map((o) => o.id)).toEqual(['c', 'g1', 'b1', 'b2', 'g2', 'b3']);
  });

  it('should offer a secretary its roots and what lies under them, nothing above or beside', () => {
    expect(withinScope(tree, ['g1']).map((o) => o.id)).toEqual(['g1', 'b1', 'b2']);
    expect(withinScope(tree, ['b2', 'b3']).map((o) => o.id)).toEqual(['b2', 'b3']);
    expect(withinScope(tree, [])).toEqual([]);
  });
});
