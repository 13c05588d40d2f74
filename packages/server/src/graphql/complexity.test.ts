import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../test-support/fixtures.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { complexityOf, MAX_COMPLEXITY, NESTED_FANOUT } from './complexity.js';
import { buildHubSchema } from './schema.js';

describe('graphql/complexity', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
    await buildFixture(hub.orm.em.fork(), { generalBranches: 2, branchesPerGeneral: 2, membersPerBranch: 3 });
  });
  afterAll(() => hub.close());

  it('should count objects: a page multiplies its children, a nested list its typical fan-out', async () => {
    const schema = await buildHubSchema();
    const cost = (q: string) => complexityOf(schema, parse(q));
    expect(cost(`{ members(first: 10) { totalCount nodes { id maskedName } } }`)).toBe(1 + 10 * 3);
    expect(cost(`{ members { nodes { id } } }`)).toBe(1 + 50 * 1);
    expect(cost(`{ organizations(first: 2) { nodes { members { id } } } }`)).toBe(1 + 2 * (1 + NESTED_FANOUT));
  });

  it('should refuse a runaway query before it runs, with a coded bilingual error', async () => {
    const res = await hub.gql(
      `{ organizations(first: 1000) { nodes { members { attendances { activity { attendances { member { maskedName } } } } } } } }`,
    );
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'query/too_complex' });
    expect(res.errors![0].message).toMatch(/^查询过于复杂.* \/ query too complex: about [\d,]+ objects, the limit is 500,000/);
    expect(hub.queries.filter((q) => /from "attendance"/.test(q))).toEqual([]);
    const http = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ organizations(first: 1000) { nodes { members { attendances { id } } } } }` }),
    });
    expect(http.status).toBe(400);
    expect(JSON.stringify(await http.json())).not.toMatch(/"http"/);
  });

  it('should let the queries the dashboard and the benchmarks make through', async () => {
    const res = await hub.gql(
      `{ organizations(filter: { kind: { eq: branch } }, first: 50) { nodes { name members { maskedName politicalStatus } activities { title heldOn } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.organizations.nodes).toHaveLength(4);
    expect(MAX_COMPLEXITY).toBeGreaterThan(50 * (1 + 2 * NESTED_FANOUT * 3));
  });
});
