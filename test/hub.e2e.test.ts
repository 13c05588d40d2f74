import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gql, startHub, type HubProcess } from './support/hub-process.js';

const COUNTS = `{
  organizations { totalCount }
  branches: organizations(filter: { kind: { eq: branch } }) { totalCount }
  groups: organizations(filter: { kind: { eq: party_group } }) { totalCount }
  departments { totalCount }
  members { totalCount }
  activities { totalCount }
  attendances { totalCount }
  surveyResponses { totalCount }
  honors { totalCount }
}`;

describe('e2e/hub process', () => {
  let dataDir: string;
  let hub: HubProcess | undefined;
  const timings: Record<string, number> = {};

  afterAll(async () => {
    if (hub && hub.child.exitCode === null) hub.child.kill('SIGKILL');
    console.log('start-up timings (s):', timings);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('should start on a fresh machine: embedded PostgreSQL, migrations, hospital demo data, healthy', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-e2e-'));
    hub = await startHub({ HUB_DATA_DIR: dataDir });
    timings.firstStart = hub.healthyAfter;
    expect(hub.output()).toMatch(/new cluster/);
    expect(hub.output()).toMatch(/seeded [\d,]+ rows/);

    const res = await gql(hub.url, COUNTS);
    expect(res.errors).toBeUndefined();
    const c = Object.fromEntries(Object.entries(res.data).map(([k, v]: [string, any]) => [k, v.totalCount]));
    expect(c.branches).toBeGreaterThanOrEqual(40);
    expect(c.branches).toBeLessThanOrEqual(60);
    expect(c.groups).toBeGreaterThanOrEqual(120);
    expect(c.departments).toBeGreaterThanOrEqual(30);
    expect(c.members).toBeGreaterThanOrEqual(1300);
    expect(c.members).toBeLessThanOrEqual(1800);
    expect(c.surveyResponses).toBeGreaterThanOrEqual(250_000);
    expect(c.activities).toBeGreaterThan(5_000);
    expect(c.attendances).toBeGreaterThan(50_000);
    expect(c.honors).toBeGreaterThan(0);
  });

  it('should serve the dashboard, GraphiQL and GET queries on the same port', async () => {
    const page = await fetch(`${hub!.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="app">/);
    expect((await fetch(`${hub!.url}/graphiql`)).status).toBe(200);
    const q = encodeURIComponent('{ hospitals { nodes { name committee { name } } } }');
    const get = await fetch(`${hub!.url}/graphql?query=${q}`, { headers: { 'apollo-require-preflight': '1' } });
    const body = (await get.json()) as any;
    expect(body.data.hospitals.nodes[0].committee.name).toMatch(/党委/);
  });

  it('should answer a subtree query an analyst would write', async () => {
    const gb = await gql(
      hub!.url,
      `{ organizations(filter: { kind: { eq: general_branch } }, first: 1) { nodes { id name children { id } } } }`,
    );
    const general = gb.data.organizations.nodes[0];
    const res = await gql(
      hub!.url,
      `query($org: ID!) { members(filter: { orgId: $org, politicalStatus: { in: [full_member, probationary] } }, first: 3) { totalCount nodes { maskedName organization { name parent { id } } } } }`,
      { org: general.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.members.totalCount).toBeGreaterThan(0);
    for (const m of res.data.members.nodes)
      expect([general.id, ...general.children.map((c: any) => c.id)]).toContain(m.organization.parent?.id ?? general.id);
  });

  it('should stop cleanly on SIGTERM and restart on the same data quickly, without seeding again', async () => {
    const before = (await gql(hub!.url, `{ members { totalCount } }`)).data.members.totalCount;
    hub!.child.kill('SIGTERM');
    expect(await hub!.exited).toEqual({ code: 0, signal: null });
    expect(hub!.output()).toMatch(/stopped/);
    hub = await startHub({ HUB_DATA_DIR: dataDir });
    timings.restart = hub.healthyAfter;
    expect(hub.output()).not.toMatch(/seeding/);
    expect(hub.output()).not.toMatch(/new cluster/);
    const res = await gql(hub.url, `{ members { totalCount } }`);
    expect(res.data.members.totalCount).toBe(before);
    // The issue asks for a restart within 5 s on the 2-core machine; allow slack for a loaded CI box.
    expect(hub.healthyAfter).toBeLessThan(15);
  });

  it('should recover after a crash (the hub killed, its PostgreSQL orphaned)', async () => {
    hub!.child.kill('SIGKILL');
    await hub!.exited;
    hub = await startHub({ HUB_DATA_DIR: dataDir });
    timings.afterCrash = hub.healthyAfter;
    expect(hub.output()).toMatch(/orphaned PostgreSQL|stale/);
    const res = await gql(hub.url, `{ members { totalCount } }`);
    expect(res.data.members.totalCount).toBeGreaterThan(1000);
    hub.child.kill('SIGTERM');
    expect((await hub.exited).code).toBe(0);
  });
});
