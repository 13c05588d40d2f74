import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../test-support/fixtures.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';

const NESTED = `query($n: Int!) {
  organizations(first: $n, filter: { kind: { eq: BRANCH } }, orderBy: [{ field: NAME }]) {
    totalCount
    nodes {
      name
      parent { name parent { name } }
      departments(first: 5) { nodes { name hospital { name } } }
      members(first: 20) {
        totalCount
        nodes {
          maskedName department { name } organization { name }
          stageEvents(first: 5) { nodes { stage } } positions(first: 5) { nodes { role } } honors(first: 5) { nodes { title } }
        }
      }
      activities(first: 10) { nodes { title attendances(first: 20) { nodes { status member { maskedName } } } } }
      children(first: 10) { nodes { name } }
    }
  }
}`;

describe('graphql/batching', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
    // 5 general branches × 10 branches = 50 branches, 12 members each.
    const f = await buildFixture(hub.orm.em.fork(), { generalBranches: 5, branchesPerGeneral: 10, membersPerBranch: 12 });
    // A development record for 50 people, each with two introducers from their branch.
    const conn = hub.orm.em.getConnection();
    for (let i = 0; i < 50; i++) {
      const [m, a, b] = f.members.slice(i * 12 + 1, i * 12 + 4);
      await conn.execute(
        `insert into development_event (member_id, stage, event_date, introducer1_id, introducer2_id) values (?, 'target_confirmed', '2024-01-10', ?, ?)`,
        [m.id, a.id, b.id],
      );
    }
  });
  afterAll(() => hub.close());

  const statements = () => hub.queries.filter((q) => /^\[query\] (select|insert|update|delete|with)\b/i.test(q));

  async function statementsFor(n: number): Promise<{ count: number; branches: number; members: number }> {
    hub.resetQueries();
    const res = await hub.gql(NESTED, { n });
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.organizations.nodes as { members: { totalCount: number; nodes: unknown[] } }[];
    return { count: statements().length, branches: nodes.length, members: nodes.reduce((s, b) => s + b.members.nodes.length, 0) };
  }

  it('should cost the same number of SQL statements for 5 branches as for 50 (no N+1)', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(50);
    expect(small.branches).toBe(5);
    expect(large.branches).toBe(50);
    expect(large.members).toBe(600);
    expect(large.count).toBe(small.count);
    // The page with every nested relation and connection embedded, and its count: one statement.
    expect(large.count).toBe(1);
  });

  it('should batch relations of rows a hand-written resolver returns: one statement per level, not per row', async () => {
    const counts: number[] = [];
    for (const n of [5, 50]) {
      hub.resetQueries();
      const res = await hub.gql(
        `query($n: Int!) { developmentEvents(first: $n) { nodes { stage introducers { maskedName organization { name parent { name } } stageEvents { totalCount } } } } }`,
        { n },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.developmentEvents.nodes).toHaveLength(n);
      for (const e of res.data!.developmentEvents.nodes) expect(e.introducers).toHaveLength(2);
      counts.push(statements().length);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBe(2); // the events, then all introducers with their nested fields embedded
  });
});
