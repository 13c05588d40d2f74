import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../test-support/fixtures.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';

describe('graphql/jit', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
    await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 2 });
  });
  afterAll(() => hub.close());

  it('should use a variable’s default when it is not given, non-null ones too (as graphql-js does)', async () => {
    const res = await hub.gql(
      `query($first: Int! = 1, $kinds: [OrgKind!]! = [BRANCH, JOINT_BRANCH], $order: OrderDirection = DESC) {
        organizations(first: $first, filter: { kind: { in: $kinds } }, orderBy: [{ field: ID, direction: $order }]) { nodes { kind rowId } totalCount }
      }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.organizations.nodes).toHaveLength(1);
    expect(res.data!.organizations.nodes[0].kind).toBe('BRANCH');
    expect(res.data!.organizations.totalCount).toBe(2);
    const all = await hub.gql(
      `{ organizations(filter: { kind: { in: [BRANCH] } }, orderBy: [{ field: ID, direction: DESC }]) { nodes { rowId } } }`,
    );
    expect(res.data!.organizations.nodes[0].rowId).toBe(all.data!.organizations.nodes[0].rowId);
  });
});
