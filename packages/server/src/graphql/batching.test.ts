import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../test-support/fixtures.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';

const NESTED = `query($n: Int!) {
  organizations(first: $n, filter: { kind: { eq: branch } }, orderBy: [{ field: name }]) {
    totalCount
    nodes {
      name
      parent { name parent { name } }
      departments { name hospital { name } }
      members { maskedName department { name } organization { name } stageEvents { stage } positions { role } honors { title } }
      activities { title attendances { status member { maskedName } } }
      children { name }
    }
  }
}`;

describe('graphql/batching', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
    // 5 general branches × 10 branches = 50 branches, 12 members each.
    await buildFixture(hub.orm.em.fork(), { generalBranches: 5, branchesPerGeneral: 10, membersPerBranch: 12 });
  });
  afterAll(() => hub.close());

  async function statementsFor(n: number): Promise<{ count: number; branches: number; members: number }> {
    hub.resetQueries();
    const res = await hub.gql(NESTED, { n });
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.organizations.nodes as { members: unknown[] }[];
    const count = hub.queries.filter((q) => /^\[query\] (select|insert|update|delete|with)\b/i.test(q)).length;
    return { count, branches: nodes.length, members: nodes.reduce((s, b) => s + b.members.length, 0) };
  }

  it('should cost the same number of SQL statements for 5 branches as for 50 (no N+1)', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(50);
    expect(small.branches).toBe(5);
    expect(large.branches).toBe(50);
    expect(large.members).toBe(600);
    expect(small.count).toBeGreaterThan(5);
    expect(large.count).toBe(small.count);
    // One statement per relation level, not per row: a handful in all.
    expect(large.count).toBeLessThanOrEqual(16);
  });
});
