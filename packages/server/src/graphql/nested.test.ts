import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from '../test-support/fixtures.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { toGlobalId } from './global-id.js';

/** Nested has-many fields are connections with the root lists' arguments, answered inside the parent's statement. */
describe('graphql/nested connections', () => {
  let hub: TestHub;
  let f: Fixture;
  const statements = () => hub.queries.filter((q) => /^\[query\] (select|with)\b/i.test(q)).length;

  beforeAll(async () => {
    hub = await startTestHub();
    // 2 general branches × 3 branches, 7 members each (one activist each, the rest full members).
    f = await buildFixture(hub.orm.em.fork(), { generalBranches: 2, branchesPerGeneral: 3, membersPerBranch: 7 });
  });
  afterAll(() => hub.close());

  it('should page, filter, order and count every parent’s children like a root list, in one statement', async () => {
    hub.resetQueries();
    const res = await hub.gql(`{
      organizations(filter: { kind: { eq: BRANCH } }, orderBy: [{ field: ID }]) {
        nodes {
          id
          all: members { totalCount }
          firstTwo: members(first: 2, orderBy: [{ field: ID, direction: DESC }]) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { rowId } } }
          activists: members(filter: { politicalStatus: { eq: ACTIVIST } }) { totalCount nodes { politicalStatus } }
          lastOne: members(last: 1) { nodes { rowId } pageInfo { hasPreviousPage hasNextPage } }
        }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(statements()).toBe(1);
    const branches = res.data!.organizations.nodes;
    expect(branches).toHaveLength(6);
    for (const [i, b] of branches.entries()) {
      const ids = f.members.filter((m) => m.organization.id === f.branches[i].id).map((m) => m.id);
      expect(b.all.totalCount).toBe(7);
      expect(b.firstTwo.totalCount).toBe(7);
      expect(b.firstTwo.edges.map((e: any) => e.node.rowId)).toEqual(ids.toSorted((x, y) => y - x).slice(0, 2));
      expect(b.firstTwo.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(b.activists).toEqual({ totalCount: 1, nodes: [{ politicalStatus: 'ACTIVIST' }] });
      expect(b.lastOne).toEqual({ nodes: [{ rowId: Math.max(...ids) }], pageInfo: { hasPreviousPage: true, hasNextPage: false } });
    }
  });

  it('should continue a nested page from its cursor', async () => {
    const branch = toGlobalId('Organization', f.branches[0].id);
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await hub.gql(
        `query($id: ID!, $after: String) { node(id: $id) { ... on Organization { members(first: 3, after: $after, orderBy: [{ field: PROFESSIONAL_TITLE, direction: DESC }]) {
          nodes { rowId } pageInfo { hasNextPage endCursor } } } } }`,
        { id: branch, after },
      );
      expect(res.errors).toBeUndefined();
      const conn = res.data.node.members;
      seen.push(...conn.nodes.map((n: any) => n.rowId));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen.toSorted((a, b) => a - b)).toEqual(f.members.filter((m) => m.organization.id === f.branches[0].id).map((m) => m.id));
  });

  it('should nest connections in connections and relations in both, still one statement', async () => {
    hub.resetQueries();
    const res = await hub.gql(`{
      organizations(filter: { kind: { eq: GENERAL_BRANCH } }) {
        nodes { name parent { name } children(first: 20, orderBy: [{ field: NAME }]) { totalCount nodes { name parent { name } departments(first: 5) { nodes { name hospital { name } } } members(first: 1) { nodes { organization { name } } } } } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(statements()).toBe(1);
    const gb = res.data!.organizations.nodes[0];
    expect(gb.parent.name).toBe('测试医院党委');
    expect(gb.children.totalCount).toBe(3);
    for (const c of gb.children.nodes) {
      expect(c.parent.name).toBe(gb.name);
      expect(c.departments.nodes).toEqual([{ name: expect.stringMatching(/^测试科室/), hospital: { name: '测试医院' } }]);
      expect(c.members.nodes[0].organization.name).toBe(c.name);
    }
  });

  it('should refuse bad nested arguments with a coded error naming the place', async () => {
    const res = await hub.gql(`{ organizations { nodes { members(first: 5000) { totalCount } } } }`);
    expect(res.errors![0].extensions).toMatchObject({ reason: 'pagination/out_of_range', field: 'organizations.members.first' });
    const cursor = await hub.gql(`{ organizations { nodes { members(after: "nope") { totalCount } } } }`);
    expect(cursor.errors![0].extensions).toMatchObject({ reason: 'pagination/invalid_cursor', field: 'organizations.members.after' });
  });

  it('should fetch the connections of rows a hand-written resolver returns: one statement for all parents', async () => {
    // `introducers` returns members loaded by id; their `stageEvents` are fetched for all of them at once.
    const conn = hub.orm.em.getConnection();
    const [m1, a, b, m2] = f.members.slice(1, 5);
    for (const m of [m1, m2])
      await conn.execute(
        `insert into development_event (member_id, stage, event_date, introducer1_id, introducer2_id) values (?, 'target_confirmed', '2024-01-10', ?, ?)`,
        [m.id, a.id, b.id],
      );
    await conn.execute(`insert into development_event (member_id, stage, event_date) values (?, 'activist_confirmed', '2020-01-10')`, [
      a.id,
    ]);
    hub.resetQueries();
    const res = await hub.gql(
      `{ developmentEvents(filter: { stage: { eq: TARGET_CONFIRMED } }) { nodes { introducers { rowId stageEvents { totalCount nodes { stage } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(statements()).toBe(2);
    for (const e of res.data!.developmentEvents.nodes)
      expect(e.introducers).toEqual([
        { rowId: a.id, stageEvents: { totalCount: 1, nodes: [{ stage: 'ACTIVIST_CONFIRMED' }] } },
        { rowId: b.id, stageEvents: { totalCount: 0, nodes: [] } },
      ]);
  });
});
