import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gql, mainJs, pnpmStart, processesUsing, sessionCookie, startHub, type HubProcess } from './support/hub-process.js';

const dashboardIndex = createRequire(mainJs).resolve('@party-hub/dashboard/dist/index.html');
/** Modification times of what `pnpm build` writes: a restart on an unchanged checkout leaves them alone. */
const builtAt = () => [mainJs, dashboardIndex].map((f) => statSync(f).mtimeMs);

const COUNTS = `{
  organizations { totalCount }
  branches: organizations(filter: { kind: { in: [BRANCH, JOINT_BRANCH] } }) { totalCount }
  groups: organizations(filter: { kind: { eq: PARTY_GROUP } }) { totalCount }
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
  let membersBefore = 0;

  afterAll(async () => {
    hub?.killAll();
    console.log('start-up timings (s):', timings);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('should start through `pnpm start` on a fresh machine: embedded PostgreSQL, migrations, hospital demo data, healthy', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-e2e-'));
    // `pnpm test` built the checkout before the run, so pnpm start's build step writes nothing here (the restart
    // test asserts it) and the dist that other end-to-end files run at the same time stays as it is.
    hub = await pnpmStart({ HUB_DATA_DIR: dataDir });
    timings.firstStart = hub.healthyAfter;
    // What pnpm start's build step did (it should build nothing: other files serve this checkout's dist meanwhile).
    console.log(
      `first pnpm start, build step: ${/(?:✅ )?Ran \d+ scripts? and skipped \d+[^\n]*/.exec(hub.output())?.[0] ?? '(no summary)'}`,
    );
    expect(hub.output()).toMatch(/new cluster/);
    expect(hub.output()).toMatch(/seeded [\d,]+ rows/);
    expect(hub.output()).toMatch(/ready: http:\S+\/ \(dashboard\)/);

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
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toMatch(/<div id="app"><\/div>/);
    const script = html.match(/<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script, html).toBeDefined();
    const asset = await fetch(`${hub!.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await asset.text()).length).toBeGreaterThan(10_000);
    expect((await fetch(`${hub!.url}/graphiql`)).status).toBe(200);
    const q = encodeURIComponent('{ hospitals { nodes { name committee { name } } } }');
    const get = await fetch(`${hub!.url}/graphql?query=${q}`, {
      headers: { 'apollo-require-preflight': '1', cookie: sessionCookie(hub!.url) },
    });
    const body = (await get.json()) as any;
    expect(body.data.hospitals.nodes[0].committee.name).toMatch(/党委/);
  });

  it('should answer a subtree query an analyst would write', async () => {
    const gb = await gql(
      hub!.url,
      `{ organizations(filter: { kind: { eq: GENERAL_BRANCH } }, first: 1) { nodes { id name children { nodes { id } } } } }`,
    );
    const general = gb.data.organizations.nodes[0];
    const res = await gql(
      hub!.url,
      `query($org: ID!) { members(filter: { orgId: $org, politicalStatus: { in: [FULL_MEMBER, PROBATIONARY] } }, first: 3) { totalCount nodes { maskedName organization { name parent { id } } } } }`,
      { org: general.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.members.totalCount).toBeGreaterThan(0);
    for (const m of res.data.members.nodes)
      expect([general.id, ...general.children.nodes.map((c: any) => c.id)]).toContain(m.organization.parent?.id ?? general.id);
  });

  it('should stop pnpm, the hub and its PostgreSQL cleanly on SIGTERM to pnpm', async () => {
    membersBefore = (await gql(hub!.url, `{ members { totalCount } }`)).data.members.totalCount;
    hub!.child.kill('SIGTERM');
    const exit = await hub!.exited;
    // pnpm forwards the signal, waits for the hub, then ends as killed by SIGTERM (128 + 15).
    expect(exit.code === 143 || exit.signal === 'SIGTERM', JSON.stringify(exit)).toBe(true);
    expect(hub!.output()).toMatch(/SIGTERM: stopping[\s\S]*stopped/);
    expect(processesUsing(`${dataDir}/`)).toEqual([]);
    expect(existsSync(join(dataDir, 'pg18', 'postmaster.pid'))).toBe(false);
  });

  it('should restart through `pnpm start` on an unchanged checkout, without building or seeding again', async () => {
    const built = builtAt();
    hub = await pnpmStart({ HUB_DATA_DIR: dataDir });
    timings.restart = hub.healthyAfter;
    console.log(`restart through pnpm start: healthy after ${hub.healthyAfter.toFixed(2)} s`);
    expect(builtAt()).toEqual(built);
    expect(hub.output()).not.toMatch(/seeding/);
    expect(hub.output()).not.toMatch(/new cluster/);
    const members = (await gql(hub.url, `{ members { totalCount } }`)).data.members.totalCount;
    hub.child.kill('SIGTERM');
    await hub.exited;
    expect(processesUsing(`${dataDir}/`)).toEqual([]);
    expect(members).toBe(membersBefore);
    // The README promises a restart within 5 s (`pnpm bench` measures it); held here to 5× that, for a loaded CI machine.
    expect(hub.healthyAfter).toBeLessThan(25);
  });

  it('should recover after a crash (the hub killed, its PostgreSQL orphaned)', async () => {
    hub = await startHub({ HUB_DATA_DIR: dataDir });
    hub.child.kill('SIGKILL');
    await hub.exited;
    expect(processesUsing(`${dataDir}/`)).not.toEqual([]);
    hub = await startHub({ HUB_DATA_DIR: dataDir });
    timings.afterCrash = hub.healthyAfter;
    expect(hub.output()).toMatch(/orphaned PostgreSQL|stale/);
    const res = await gql(hub.url, `{ members { totalCount } }`);
    expect(res.data.members.totalCount).toBeGreaterThan(1000);
    hub.child.kill('SIGTERM');
    expect((await hub.exited).code).toBe(0);
    expect(processesUsing(`${dataDir}/`)).toEqual([]);
  });
});
