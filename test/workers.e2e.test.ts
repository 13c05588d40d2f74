/**
 * HUB_WORKERS=2: one hub process on its embedded PostgreSQL, two worker processes (node:cluster) serving its
 * one port. Two workers, with their own pids, answer; a write made on either worker reaches subscribers on
 * both (each worker has its own LISTEN connection: NOTIFY carries it across); one worker killed under a
 * light load fails only the requests that were in flight on it, another takes its place, and afterwards
 * every request succeeds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoLink,
  gql,
  openLink,
  processesUsing,
  signedInHeaders,
  signedInSocket,
  startHub,
  type HubProcess,
} from './support/hub-process.ts';
import { copySeeded } from './support/seeded.ts';

const CHANGES = `subscription($org: ID!) { indicatorsChanged(orgId: $org) { orgIds from } }`;
const RECORD = `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`;
const READ = `{ hospitals(first: 1) { nodes { id name } } }`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  body: string;
  socket: Socket;
}

/** One HTTP request through `agent` (node:http: the test needs to know which connection carried it). */
function request(agent: http.Agent, url: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { agent, method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, socket: req.socket! }));
      res.on('error', reject);
    });
    req.on('error', reject);
    // A request lost with its worker must end, as a browser's or HAProxy's would (timeout server).
    req.setTimeout(20_000, () => req.destroy(new Error('no answer within 20 s')));
    req.end(body);
  });
}

/** The worker that answers /healthz on this agent's connection. */
async function workerOf(agent: http.Agent, url: string): Promise<{ worker: number; socket: Socket }> {
  const res = await request(agent, url, '/healthz');
  return { worker: (JSON.parse(res.body) as { worker: number }).worker, socket: res.socket };
}

/** A keep-alive connection to each of the two workers (found by /healthz on it), with the socket it uses. */
async function pinnedToEach(url: string): Promise<Map<number, { agent: http.Agent; socket: Socket }>> {
  const agents = new Map<number, { agent: http.Agent; socket: Socket }>();
  while (agents.size < 2) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const { worker, socket } = await workerOf(agent, url);
    if (agents.has(worker)) agent.destroy();
    else agents.set(worker, { agent, socket });
  }
  return agents;
}

/** The pids the primary logged for its workers ("worker N (pid P) serving"), by worker number. */
const workerPids = (hub: HubProcess): Map<number, number> =>
  new Map([...hub.output().matchAll(/worker (\d+) \(pid (\d+)\) serving/g)].map((m) => [Number(m[1]), Number(m[2])]));

/** Waits until `check` holds, or fails after `ms`. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await pause(50);
  }
}

describe('e2e/several workers on one port (HUB_WORKERS=2)', () => {
  let dataDir: string;
  let copied: boolean;
  let hub: HubProcess;
  let committee: string;
  let branch: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-workers-'));
    // The run's seeded hospital, copied (support/seeded.ts): the primary's one-time work on an empty directory
    // (app/prepare.ts, before any worker is forked) is the single process's, which hub.e2e starts from empty.
    copied = await copySeeded(dataDir);
    hub = await startHub({ HUB_DATA_DIR: dataDir, HUB_WORKERS: '2', HUB_SEED: 'hospital' });
    const ids = await gql(
      hub.url,
      `{ c: organizations(filter: { kind: { eq: COMMITTEE } }, first: 1) { nodes { id } }
         br: organizations(filter: { kind: { eq: BRANCH } }, first: 1, orderBy: [{ field: ID }]) { nodes { id } } }`,
    );
    committee = ids.data.c.nodes[0].id;
    branch = ids.data.br.nodes[0].id;
  });

  afterAll(async () => {
    hub?.killAll();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('should answer from two worker processes, each with its own pid, on one port; the demo links printed once', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 40 && seen.size < 2; i++) seen.add((await workerOf(new http.Agent({ keepAlive: false }), hub.url)).worker);
    expect([...seen].toSorted((x, y) => x - y)).toEqual([1, 2]);
    const pids = workerPids(hub);
    expect(new Set([pids.get(1), pids.get(2)]).size).toBe(2);
    expect([pids.get(1), pids.get(2)]).not.toContain(hub.child.pid);
    // The one-time work happened once, in the primary: one seed (none on the copied hospital; one when there was
    // none to copy and the hub seeded for itself), one set of sign-in links, one "ready".
    expect(hub.output().match(/seeding hospital demo data/g) ?? []).toHaveLength(copied ? 0 : 1);
    expect(hub.output().match(/demo sign-in: /g)).toHaveLength(1);
    expect(hub.output().match(/ready: /g)).toHaveLength(1);
  });

  it('should push a write made on either worker to subscribers on both', async () => {
    const clients: Client[] = [];
    const heard: string[][] = [];
    for (let i = 0; i < 4; i++) {
      const client = createClient({
        url: `${hub.url.replace('http', 'ws')}/graphql`,
        retryAttempts: 0,
        webSocketImpl: signedInSocket(hub.url),
      });
      const mine: string[] = [];
      heard.push(mine);
      client.subscribe(
        { query: CHANGES, variables: { org: committee } },
        {
          next: (m: any) => void mine.push(m.data?.indicatorsChanged?.from ?? JSON.stringify(m)),
          error: () => undefined,
          complete: () => undefined,
        },
      );
      clients.push(client);
    }
    await pause(1500); // subscribed once the server acknowledged
    try {
      // A connection pinned to each worker (found by /healthz on it); the write goes over that same connection.
      const days = new Map<number, string>([
        [1, '2026-03-11'],
        [2, '2026-03-12'],
      ]);
      const agents = await pinnedToEach(hub.url);
      for (const [worker, { agent, socket }] of agents) {
        const body = JSON.stringify({
          query: RECORD,
          variables: { i: { organizationId: branch, type: 'THEME_PARTY_DAY', title: '主题党日', heldOn: days.get(worker) } },
        });
        const res = await request(agent, hub.url, '/graphql', signedInHeaders(hub.url), body);
        expect(res.socket, `the write went to worker ${worker}`).toBe(socket);
        expect(JSON.parse(res.body).errors).toBeUndefined();
        agent.destroy();
      }
      // Each subscriber sits on one of the two workers: hearing both writes, it heard one made on the other.
      await until(
        () => heard.every((h) => h.includes('2026-03-11') && h.includes('2026-03-12')),
        10_000,
        `every subscriber hears both writes (${JSON.stringify(heard)})`,
      );
    } finally {
      for (const c of clients) void c.dispose();
    }
  });

  it('should end a session signed out on one worker on the other too (the revocation goes over LISTEN)', async () => {
    const link = demoLink(hub, 'analyst');
    expect(link).not.toBeNull();
    const headers = { 'content-type': 'application/json', cookie: await openLink(link!) };
    const agents = await pinnedToEach(hub.url);
    const me = async (worker: number) => {
      const { agent, socket } = agents.get(worker)!;
      const res = await request(agent, hub.url, '/graphql', headers, JSON.stringify({ query: '{ me { username } }' }));
      expect(res.socket, `asked worker ${worker}`).toBe(socket);
      return (JSON.parse(res.body) as { data?: { me: { username: string } | null } }).data?.me ?? null;
    };
    // Both workers hold the session (each keeps the sessions it has seen for a while).
    expect(await me(1)).not.toBeNull();
    expect(await me(2)).not.toBeNull();
    const { agent, socket } = agents.get(1)!;
    const out = await request(agent, hub.url, '/graphql', headers, JSON.stringify({ query: 'mutation { signOut }' }));
    expect(out.socket).toBe(socket);
    expect(JSON.parse(out.body)).toEqual({ data: { signOut: true } });
    let onTwo = await me(2);
    for (let i = 0; onTwo && i < 40; i++) {
      await pause(100);
      onTwo = await me(2);
    }
    expect(onTwo, 'worker 2 still answers the signed-out session').toBeNull();
    for (const a of agents.values()) a.agent.destroy();
  });

  it('should fail only the requests in flight on a worker killed under load, replace it, then answer everything', async () => {
    const CONCURRENCY = 4;
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const results: { start: number; end: number; ok: boolean; error?: string }[] = [];
    const load = { running: true };
    const loop = async () => {
      while (load.running) {
        const start = Date.now();
        const res = await request(agent, hub.url, '/graphql', signedInHeaders(hub.url), JSON.stringify({ query: READ })).catch(
          (err: Error) => err,
        );
        const ok = !(res instanceof Error) && res.status === 200 && !JSON.parse(res.body).errors;
        results.push({
          start,
          end: Date.now(),
          ok,
          ...(ok ? {} : { error: res instanceof Error ? res.message : `${res.status} ${res.body.slice(0, 200)}` }),
        });
      }
    };
    const loops = Array.from({ length: CONCURRENCY }, loop);
    // The load keeps both cores busy (the run's other tests wait meanwhile): 1.5 s before the kill and after the
    // replacement is some hundred requests each side, enough for both workers to be answering and to see the replacement's.
    await pause(1500);
    const victim = workerPids(hub).get(1)!;
    const killedAt = Date.now();
    process.kill(victim, 'SIGKILL');
    await until(() => /worker 1 \(pid \d+\) was killed \(SIGKILL\): starting another/.test(hub.output()), 10_000, 'the primary notices');
    await until(() => workerPids(hub).size >= 3, 120_000, 'a replacement serves');
    const replacedAt = Date.now();
    await pause(1500);
    load.running = false;
    await Promise.all(loops);
    const loopsEnded = Date.now();
    agent.destroy();

    const failed = results.filter((r) => !r.ok);
    const inFlightAtKill = results.filter((r) => r.start <= killedAt && r.end >= killedAt).length;
    console.log(
      `worker killed under load: ${failed.length} of ${results.length} requests failed (${inFlightAtKill} in flight at the kill, concurrency ${CONCURRENCY}); ` +
        `replacement serving after ${((replacedAt - killedAt) / 1000).toFixed(1)} s, the load's last request ended ${((loopsEnded - replacedAt) / 1000).toFixed(1)} s after that; failures: ${JSON.stringify(failed.map((f) => f.error))}`,
    );
    // Only what was in flight on the dead worker: at most its share of the concurrent requests, all begun by the time it died (1 s of margin for a loaded machine).
    expect(failed.length).toBeLessThanOrEqual(CONCURRENCY);
    expect(failed.every((f) => f.start <= killedAt + 1000)).toBe(true);
    // The other worker kept answering meanwhile, and every request after the kill succeeded.
    expect(results.filter((r) => r.ok && r.start > killedAt && r.end < replacedAt).length).toBeGreaterThan(0);
    expect(results.filter((r) => r.start > killedAt + 1000).every((r) => r.ok)).toBe(true);
    // The replacement takes new connections (handed to whichever worker is free first: not strictly in turn).
    const seen = new Set<number>();
    for (let i = 0; i < 40 && seen.size < 2; i++) seen.add((await workerOf(new http.Agent({ keepAlive: false }), hub.url)).worker);
    expect([...seen].toSorted((x, y) => x - y)).toEqual([2, 3]);
  });

  it('should stop the workers, then its PostgreSQL, on SIGTERM', async () => {
    hub.child.kill('SIGTERM');
    const { code } = await hub.exited;
    expect(code).toBe(0);
    const out = hub.output();
    expect(out).toMatch(/SIGTERM: stopping the workers/);
    expect(out.match(/\[hub worker \d+ [\d.]+s\] stopped/g)).toHaveLength(2);
    expect(out.lastIndexOf('[hub worker')).toBeLessThan(out.lastIndexOf('stopped'));
    expect(processesUsing(dataDir)).toEqual([]);
  });
});
