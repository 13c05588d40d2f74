/**
 * Read replicas beyond HTTP GraphQL, against a real streaming replica (test-support/replica.ts): operations sent
 * over the WebSocket (graphql-ws) and the spreadsheet exports (`/export/<kind>.xlsx`) read on the replica as an
 * HTTP request does, with the same read-your-writes rule (a WebSocket operation's `extensions.readAfter`, an
 * export's `x-hub-read-after`), counted as statements on the replica and on the primary; and the audit log's CSV
 * (`/admin/audit.csv`) the same way.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import { createClient, type Client } from 'graphql-ws';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openHubOrm } from '../app/orm.js';
import { AccountRole } from '../domain/enums.js';
import { toGlobalId as gid } from '../graphql/global-id.js';
import { createHttp, type HubHttp } from '../http/app.js';
import { makeToken, postWith, signedIn } from '../test-support/hub.js';
import { migratedHospital, startReplicaPair, type ReplicaPair } from '../test-support/replica.js';
import { userGrant } from '../modules/account/account-grant.cli.js';
import pg from 'pg';
import type { Replica, ReplicaSet } from './replicas.js';

const ACTIVITY = `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }`;
const READ = `query($id: ID!) { node(id: $id) { id } }`;
const LIST = `{ activities(first: 20) { totalCount nodes { id title heldOn } } }`;

const until = async (what: string, ok: () => boolean, timeoutMs = 30_000) => {
  for (const end = Date.now() + timeoutMs; !ok(); await new Promise((r) => setTimeout(r, 100)))
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms: ${what}`);
};

describe('read replicas: the WebSocket and the exports', { timeout: 300_000 }, () => {
  let pair: ReplicaPair;
  let orm: MikroORM;
  let http: HubHttp;
  let url: string;
  let branch: number;
  let set: ReplicaSet;
  let replica: Replica;
  let cookie: string;
  let socket: Client;
  let n = 0;

  const counts = () => ({ replica: replica.statements, primary: set.primaryStatements });
  /** One operation over the socket, with `extensions` (graphql-ws passes them to the server). */
  const overSocket = async (query: string, variables?: Record<string, unknown>, readAfter?: string) => {
    const operation = socket.iterate<any>({
      query,
      ...(variables ? { variables } : {}),
      ...(readAfter ? { extensions: { readAfter } } : {}),
    });
    const first = await operation.next();
    await operation.return?.();
    return first.value as { data?: any; errors?: unknown[]; extensions?: Record<string, unknown> };
  };
  /** A meeting written over HTTP as the committee: its id and the position its answer carries. */
  const write = async (title = `志愿服务 ${++n}`) => {
    const res = await postWith(url, { cookie }, ACTIVITY, {
      i: { organizationId: gid('Organization', branch), type: 'VOLUNTEER_SERVICE', title, heldOn: '2026-03-10' },
    });
    expect(res.errors).toBeUndefined();
    return {
      id: res.data.recordActivity.id as string,
      readAfter: (res as { extensions?: Record<string, unknown> }).extensions?.readAfter as string,
      title,
    };
  };
  /** Every cell's text of an exported workbook. */
  const texts = async (res: Response) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const out: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) => (row.values as unknown[]).forEach((v) => out.push(typeof v === 'string' ? v : JSON.stringify(v ?? '')))),
    );
    return out;
  };
  const exported = (headers: Record<string, string> = {}) => fetch(`${url}/export/activities.xlsx`, { headers: { cookie, ...headers } });
  /** The audit log's CSV of today, as the committee account (given the audit grant below). */
  const auditCsv = async (headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/admin/audit.csv`, { headers: { cookie, ...headers } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const grantAudit = (username: string) =>
    userGrant(['--audit', username], { stdin: process.stdin, out: () => undefined, err: () => undefined }, async () => {
      const p = new pg.Pool({ connectionString: pair.primaryUrl, max: 1 });
      return { pool: p, close: () => p.end() };
    });

  beforeAll(async () => {
    pair = await startReplicaPair({
      prepare: async (dbUrl) => void (branch = (await migratedHospital(dbUrl))[0]!),
    });
    orm = await openHubOrm({ url: pair.primaryUrl, poolMax: 10 });
    http = await createHttp({
      orm,
      dashboardDir: null,
      replicaUrls: [pair.replicaUrl],
      coalesceMaxAgeMs: 0, // each request's own statements are counted (replicas.test.ts says why)
      log: () => undefined,
    });
    await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
    set = http.replicas!;
    replica = set.replicas[0]!;
    await signedIn(url, pair.primaryUrl, 'replica-admin', AccountRole.ADMIN);
    cookie = await signedIn(url, pair.primaryUrl, 'replica-committee', AccountRole.COMMITTEE);
    expect(await grantAudit('replica-committee')).toBe(0);
    const { secret } = await makeToken(url, cookie);
    socket = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${secret}` },
    });
  }, 300_000);

  afterAll(async () => {
    await socket?.dispose();
    await http?.stop();
    await orm?.close();
    await pair?.close();
  });

  it('should run the reads of a query sent over the WebSocket on the healthy replica, not on the primary', async () => {
    await until('the replica is in', () => replica.healthy);
    const before = counts();
    for (let i = 0; i < 10; i++) {
      const res = await overSocket(LIST);
      expect(res.errors).toBeUndefined();
      expect(res.data.activities.totalCount).toBeGreaterThan(0);
    }
    expect(counts().replica - before.replica).toBeGreaterThanOrEqual(10);
    expect(counts().primary - before.primary).toBe(0);
  });

  it('should read a write over the WebSocket on a paused replica with its position (extensions.readAfter), and not without', async () => {
    await until('the replica is in', () => replica.healthy);
    await pair.pause();
    try {
      const { id, readAfter } = await write();
      expect(readAfter).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      expect((await overSocket(READ, { id }, readAfter)).data?.node?.id).toBe(id);
      // Without it the operation reads on the paused replica, which has not replayed the write.
      expect((await overSocket(READ, { id })).data?.node).toBeNull();
    } finally {
      await pair.resume();
    }
    await pair.caughtUp();
  });

  it('should read an export on the healthy replica', async () => {
    await until('the replica is in', () => replica.healthy);
    const before = counts();
    const res = await exported();
    expect(res.status).toBe(200);
    expect((await texts(res)).length).toBeGreaterThan(0);
    expect(counts().replica - before.replica).toBeGreaterThan(0);
    expect(counts().primary - before.primary).toBe(0);
  });

  it('should export a write from a paused replica only with its position (x-hub-read-after): then from the primary', async () => {
    await until('the replica is in', () => replica.healthy);
    await pair.pause();
    try {
      const { title, readAfter } = await write(`导出前写入 ${Date.now()}`);
      expect(await texts(await exported())).not.toContain(title);
      const before = counts();
      expect(await texts(await exported({ 'x-hub-read-after': readAfter }))).toContain(title);
      expect(counts().primary - before.primary).toBeGreaterThan(0);
    } finally {
      await pair.resume();
    }
    await pair.caughtUp();
  });

  it("should read the audit log's CSV on the replica, and a write's own entry from a paused replica only with its position", async () => {
    await until('the replica is in', () => replica.healthy);
    const before = counts();
    expect(await auditCsv()).toContain('replica-committee');
    expect(counts().replica - before.replica).toBeGreaterThan(0);
    await pair.pause();
    try {
      const { title, readAfter } = await write(`审计导出前写入 ${Date.now()}`);
      expect(await auditCsv()).not.toContain(title);
      const onPrimary = counts().primary;
      expect(await auditCsv({ 'x-hub-read-after': readAfter })).toContain(title);
      expect(counts().primary - onPrimary).toBeGreaterThan(0);
    } finally {
      await pair.resume();
    }
    await pair.caughtUp();
  });
});
