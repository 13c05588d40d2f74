import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from '../test-support/fixtures.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { toGlobalId } from './global-id.js';

const gid = (type: string, id: number) => toGlobalId(type, id);

describe('graphql/lists', () => {
  let hub: TestHub;
  let f: Fixture;

  beforeAll(async () => {
    hub = await startTestHub();
    f = await buildFixture(hub.orm.em.fork(), { generalBranches: 3, branchesPerGeneral: 4, membersPerBranch: 5 });
  });
  afterAll(() => hub.close());

  it('should count every list and give global ids that node() resolves', async () => {
    const res = await hub.gql(`{ organizations { totalCount } members { totalCount nodes { id maskedName } } departments { totalCount } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.organizations.totalCount).toBe(1 + 3 + 12);
    expect(res.data!.members.totalCount).toBe(60);
    expect(res.data!.departments.totalCount).toBe(12);
    const first = res.data!.members.nodes[0];
    expect(first.maskedName).toMatch(/^[\u4e00-\u9fa5]\*+$/);
    const node = await hub.gql(`query($id: ID!) { node(id: $id) { __typename id ... on Member { maskedName } } }`, { id: first.id });
    expect(node.data!.node).toEqual({ __typename: 'Member', id: first.id, maskedName: first.maskedName });
  });

  it('should take orgId as the whole subtree', async () => {
    const gb = f.generalBranches[1];
    const res = await hub.gql(
      `query($org: ID!) {
      members(filter: { orgId: $org }) { totalCount }
      organizations(filter: { orgId: $org }) { totalCount }
      direct: members(filter: { organizationId: { eq: $org } }) { totalCount }
      top: members(filter: { orgId: "${gid('Organization', f.committee.id)}" }) { totalCount }
    }`,
      { org: gid('Organization', gb.id) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      members: { totalCount: 20 },
      organizations: { totalCount: 5 },
      direct: { totalCount: 0 },
      top: { totalCount: 60 },
    });
  });

  it('should take a whole filter as one variable, and/or/not included, as fast as written inline', async () => {
    // graphql-jit cannot compile a variable of a self-containing input type (graphql-jit#81): such a
    // request grew the hub past 4 GB and killed it. These now run on graphql-js.
    const gb = gid('Organization', f.generalBranches[1].id);
    const started = performance.now();
    const res = await hub.gql(
      `query($f: MemberFilter!, $o: OrganizationFilter, $a: ActivityFilter!) {
        members(filter: $f) { totalCount }
        organizations(filter: $o) { totalCount }
        activitiesAggregate(filter: $a) { groups { count } }
      }`,
      {
        f: { orgId: gb, or: [{ politicalStatus: { eq: 'ACTIVIST' } }, { not: { politicalStatus: { eq: 'ACTIVIST' } } }] },
        o: { orgId: gb },
        a: { orgId: gb },
      },
    );
    // A ceiling against the heap blow-up, not the promise (as fast as inline: `pnpm bench` prints both).
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(res.errors).toBeUndefined();
    expect(res.data!.members).toEqual({ totalCount: 20 });
    expect(res.data!.organizations).toEqual({ totalCount: 5 });
  });

  it('should filter on enums, booleans, dates and text, and combine with and/or', async () => {
    const res = await hub.gql(`{
      activists: members(filter: { politicalStatus: { eq: ACTIVIST } }) { totalCount }
      notActivists: members(filter: { politicalStatus: { notIn: [ACTIVIST] } }) { totalCount }
      seniorBackbone: members(filter: { professionalTitle: { in: [SENIOR_FULL] }, isBackbone: true }) { totalCount }
      joined2015: members(filter: { joinedOn: { gte: "2015-01-01", lte: "2015-12-31" } }) { totalCount }
      notJoined: members(filter: { joinedOn: { isNull: true } }) { totalCount }
      nursing: organizations(filter: { name: { contains: "第2党总支" }, kind: { eq: BRANCH } }) { totalCount }
      either: organizations(filter: { or: [{ kind: { eq: COMMITTEE } }, { kind: { eq: GENERAL_BRANCH } }] }) { totalCount }
      likeIsLiteral: organizations(filter: { name: { contains: "%" } }) { totalCount }
    }`);
    expect(res.errors).toBeUndefined();
    const all = await hub.orm.em.fork().getConnection().execute(`select
      count(*) filter (where joined_on between '2015-01-01' and '2015-12-31') as j2015,
      count(*) filter (where professional_title = 'senior_full' and is_backbone) as sb from member`);
    expect(res.data).toEqual({
      activists: { totalCount: 12 },
      notActivists: { totalCount: 48 },
      seniorBackbone: { totalCount: Number(all[0].sb) },
      joined2015: { totalCount: Number(all[0].j2015) },
      notJoined: { totalCount: 12 },
      nursing: { totalCount: 4 },
      either: { totalCount: 4 },
      likeIsLiteral: { totalCount: 0 },
    });
  });

  it('should page forwards and backwards with cursors and never repeat or skip a row', async () => {
    const q = `query($first: Int, $after: String, $last: Int, $before: String) {
      members(first: $first, after: $after, last: $last, before: $before, orderBy: [{ field: PROFESSIONAL_TITLE, direction: DESC }]) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }
      }
    }`;
    const forward: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await hub.gql(q, { first: 7, after });
      expect(res.errors).toBeUndefined();
      const conn = res.data!.members;
      expect(conn.totalCount).toBe(60);
      forward.push(...conn.edges.map((e: any) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(forward).toHaveLength(60);
    expect(new Set(forward).size).toBe(60);

    const backward: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await hub.gql(q, { last: 9, before });
      const conn = res.data!.members;
      backward.unshift(...conn.edges.map((e: any) => e.node.id));
      if (!conn.pageInfo.hasPreviousPage) break;
      before = conn.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it('should answer bad input with a coded, bilingual error naming the argument', async () => {
    const tooMany = await hub.gql(`{ members(first: 5000) { totalCount } }`);
    expect(tooMany.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'pagination/out_of_range',
      field: 'members.first',
    });
    expect(tooMany.errors![0].message).toMatch(/必须.* \/ first must be/);

    // An unknown enum value inside a list variable (graphql-jit throws this one rather than returning it).
    const badEnum = await hub.gql(`query($s: [DevelopmentStage!]!) { developmentEvents(filter: { stage: { in: $s } }) { totalCount } }`, {
      s: ['ACTIVIST_CONFIRMED', 'FULL'],
    });
    expect(badEnum.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(badEnum.errors![0].message).toMatch(/^输入无效 \/ Variable "\$s" got invalid value "FULL"/);

    const badCursor = await hub.gql(`{ activities(after: "not-a-cursor") { totalCount } }`);
    expect(badCursor.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activities.after' });

    const badId = await hub.gql(`{ members(filter: { departmentId: { in: ["${gid('Department', 1)}", "garbage"] } }) { totalCount } }`);
    expect(badId.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'id/invalid',
      field: 'members.filter.departmentId.in.1',
    });

    const wrongType = await hub.gql(`{ members(filter: { orgId: "${gid('Member', 1)}" }) { totalCount } }`);
    expect(wrongType.errors![0].extensions).toMatchObject({ reason: 'id/wrong_type', field: 'members.filter.orgId' });

    const unknownOrg = await hub.gql(`{ members(filter: { orgId: "${gid('Organization', 999999)}" }) { totalCount } }`);
    expect(unknownOrg.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'members.filter.orgId' });

    const badDate = await hub.gql(`{ activities(filter: { heldOn: { gte: "2024-13-45" } }) { totalCount } }`);
    expect(badDate.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(badDate.errors![0].message).toMatch(/^查询校验失败 \/ /);
  });

  it('should return null for ids that do not exist, never a 500', async () => {
    const res = await hub.gql(
      `{ node(id: "${gid('Member', 999999)}") { id } nodes(ids: ["${gid('Organization', f.committee.id)}", "${gid('Honor', 424242)}"]) { id } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ node: null, nodes: [{ id: gid('Organization', f.committee.id) }, null] });
  });
});
