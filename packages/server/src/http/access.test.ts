/**
 * The access gate through the real HTTP server and WebSocket: nothing without a session but signing in;
 * an unchanged password opens only its own account; an analyst reaches no person rows and writes
 * nothing; an administrator reaches reference data only; a database without an administrator answers
 * auth/no_admin until the setup page made one; sessions are held in memory (no statement per request)
 * and a sign-out on one instance ends the session on another, its sockets included, within a second.
 */
import { createClient } from 'graphql-ws';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AccountRole } from '../domain/enums.js';
import { toGlobalId } from '../graphql/global-id.js';
import { demoLinks } from '../modules/account/demo.js';
import { verifyPassword } from '../modules/account/password.js';
import { buildFixture } from '../test-support/fixtures.js';
import { postGraphQL, startTestHub, type TestHub } from '../test-support/hub.js';
import { createHttp, type HubHttp } from './app.js';

const refusal = (res: { errors?: { extensions?: Record<string, any>; message: string }[] }) => res.errors?.[0]?.extensions ?? null;

async function listen(http: HubHttp): Promise<string> {
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
}

describe('http/access', () => {
  let hub: TestHub;
  let pool: pg.Pool;
  let branch: string;

  beforeAll(async () => {
    hub = await startTestHub();
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    const f = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 3 });
    branch = toGlobalId('Organization', f.branches[0].id);
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
  });

  it('should answer nothing but signIn, signOut and me without a session: 401, coded, in both languages', async () => {
    for (const query of [
      '{ members { totalCount } }',
      '{ hospitals { nodes { id } } }',
      '{ __schema { queryType { name } } }',
      '{ me { username } members { totalCount } }',
      'query { ...Lists } fragment Lists on Query { activities { totalCount } }',
      'mutation { setIndicatorTarget(orgId: "x", indicatorId: "branch_count", effectiveFrom: "2026-01-01", target: 1) { rows } }',
    ]) {
      const res = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'x-hub-actor': 'committee' },
        body: JSON.stringify({ query }),
      });
      expect(res.status, query).toBe(401);
      const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.data, query).toBeUndefined();
      expect(body.errors[0]).toMatchObject({
        message: '请先登录 / sign in first',
        extensions: { code: 'UNAUTHENTICATED', reason: 'auth/required', messageZh: '请先登录', messageEn: 'sign in first' },
      });
    }
    expect(await postGraphQL(hub.url, null, '{ me { username } __typename }')).toEqual({ data: { me: null, __typename: 'Query' } });
    expect((await postGraphQL(hub.url, null, 'mutation { signOut }')).data).toEqual({ signOut: false });
  });

  it('should let an account whose password must change do nothing but change it (or sign out, or ask who it is)', async () => {
    const secretary = await hub.as(AccountRole.SECRETARY);
    await pool.query(`update account set must_change_password = true where username = 'test-secretary'`);
    await pool.query(`select pg_notify('hub_auth', json_build_object('account', id)::text) from account where username = 'test-secretary'`);
    await new Promise((r) => setTimeout(r, 300));
    const res = await secretary.gql('{ activities { totalCount } }');
    expect(refusal(res)).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/password_change_required' });
    expect((await secretary.gql('{ me { mustChangePassword } }')).data).toEqual({ me: { mustChangePassword: true } });
    await pool.query(`update account set must_change_password = false where username = 'test-secretary'`);
    await pool.query(`select pg_notify('hub_auth', json_build_object('account', id)::text) from account where username = 'test-secretary'`);
    await new Promise((r) => setTimeout(r, 300));
    expect((await secretary.gql('{ activities { totalCount } }')).errors).toBeUndefined();
  });

  it('should keep an analyst from person rows (root, nested, fragments, node) and from every write, but not from aggregates', async () => {
    const analyst = await hub.as(AccountRole.ANALYST);
    for (const query of [
      '{ members { nodes { id } } }',
      '{ organizations { nodes { members { nodes { joinedOn } } } } }',
      '{ activities { nodes { attendances { nodes { status } } } } }',
      `{ node(id: "${toGlobalId('Member', 1)}") { id } }`,
      `{ nodes(ids: ["${branch}"]) { ... on Organization { name } } }`,
      '{ ...F } fragment F on Query { positions { nodes { id } } }',
      `{ indicatorEvidence(orgId: "${branch}", id: "org_life_attendance_rate", period: "2026-01") { nodes { label } } }`,
    ]) {
      const e = refusal(await analyst.gql(query));
      expect(e, query).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/forbidden' });
      expect(e!.messageZh, query).toMatch(/^分析人员账号不能读取 /);
    }
    const write = refusal(
      await analyst.gql(
        `mutation($o: ID!) { setIndicatorTarget(orgId: $o, indicatorId: "branch_count", effectiveFrom: "2026-01-01", target: 1) { rows } }`,
        { o: branch },
      ),
    );
    expect(write).toMatchObject({ reason: 'auth/forbidden', messageEn: 'an analyst account may not write data' });
    // Counts are not rows: a connection's totalCount and the aggregates stay open.
    const ok = await analyst.gql(
      '{ membersAggregate { groups { count } } organizations { nodes { members { totalCount } } } activities { totalCount } me { role } }',
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.membersAggregate.groups[0].count).toBe(6);
    const counts = await analyst.gql(
      `{ indicatorEvidence(orgId: "${branch}", id: "org_life_attendance_rate", period: "2026-01") { totalCount numerator denominator } }`,
    );
    expect(counts.errors).toBeUndefined();
  });

  it('should let an administrator read reference data and its own account only', async () => {
    const admin = await hub.as(AccountRole.ADMIN);
    const ok = await admin.gql('{ hospitals { totalCount } organizations { nodes { name } } indicatorCatalog { id } me { role } }');
    expect(ok.errors).toBeUndefined();
    for (const query of [
      '{ activities { totalCount } }',
      '{ membersAggregate { groups { count } } }',
      '{ organizations { nodes { activities { totalCount } } } }',
    ])
      expect(refusal(await admin.gql(query)), query).toMatchObject({ reason: 'auth/forbidden' });
  });

  it('should hold sessions in memory: no statement about sessions per request', async () => {
    await hub.gql('{ me { username } }');
    hub.resetQueries();
    for (let i = 0; i < 10; i++) expect((await hub.gql('{ me { username } }')).data!.me.username).toBe('test-committee');
    expect(hub.queries.filter((q) => /account/.test(q))).toEqual([]);
  });

  it('should end a session on every instance within a second of its sign-out, its sockets included', async () => {
    const other = await createHttp({ orm: hub.orm, dashboardDir: null, log: () => undefined });
    const otherUrl = await listen(other);
    const { cookie: analystCookie } = await hub.as(AccountRole.ANALYST);
    const client = createClient({
      url: `${otherUrl.replace('http', 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie: analystCookie } });
        }
      },
      retryAttempts: 0,
    });
    try {
      expect((await postGraphQL(otherUrl, analystCookie, '{ me { role } }')).data).toEqual({ me: { role: 'ANALYST' } });
      const closed = new Promise<number>((resolve) => client.on('closed', (e) => resolve((e as { code: number }).code)));
      const stream = client.iterate({ query: 'subscription { indicatorsChanged(orgId: "' + branch + '") { refreshAll } }' });
      void stream.next().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      expect((await postGraphQL(hub.url, analystCookie, 'mutation { signOut }')).data).toEqual({ signOut: true });
      const started = Date.now();
      let me: unknown = { role: 'ANALYST' };
      while (me !== null && Date.now() - started < 1000) me = (await postGraphQL(otherUrl, analystCookie, '{ me { role } }')).data!.me;
      expect(me).toBeNull();
      expect(await closed).toBe(4401);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await client.dispose();
      await other.stop();
    }
  });

  it('should open a one-time sign-in link once, from this machine, and then never again', async () => {
    const [link] = await demoLinks(pool);
    const first = await fetch(`${hub.url}${link.path}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = /hub_session=[A-Za-z0-9_-]{43}/.exec(first.headers.get('set-cookie') ?? '')![0];
    expect((await postGraphQL(hub.url, cookie, '{ me { username role } }')).data).toEqual({
      me: { username: 'demo-committee', role: 'COMMITTEE' },
    });
    const again = await fetch(`${hub.url}${link.path}`, { redirect: 'manual' });
    expect(again.status).toBe(410);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toMatch(/链接已失效 \/ Link no longer valid/);
    // A start issues new links and voids the unused ones of the start before.
    const older = await demoLinks(pool);
    await demoLinks(pool);
    expect((await fetch(`${hub.url}${older[1].path}`, { redirect: 'manual' })).status).toBe(410);
    const { rows } = await pool.query(`select count(*)::int as n from account where username like 'demo-%'`);
    expect(rows[0].n).toBe(4);
    // No demo account has a password anybody could know (a random one, hashed, never shown): no guess opens one.
    const accounts = (await pool.query(`select username, password_hash from account where username like 'demo-%'`)).rows;
    expect(accounts).toHaveLength(4);
    for (const a of accounts)
      for (const guess of [a.username, 'demo', 'password', 'Password1', 'admin', '123456', 'Demo-2026!', 'changeme', ''])
        expect(await verifyPassword(guess, a.password_hash), `${a.username}: ${guess}`).toBe(false);
  });
});

describe('http/access without an administrator', () => {
  let hub: TestHub;
  let bare: HubHttp;
  let url: string;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.orm.em.getConnection().execute(`delete from account where role = 'admin'`);
    bare = await createHttp({ orm: hub.orm, dashboardDir: null, log: () => undefined });
    url = await listen(bare);
  });
  afterAll(async () => {
    await bare.stop();
    await hub.close();
  });

  it('should answer every operation, signing in included, with auth/no_admin until the setup page made one', async () => {
    for (const query of ['{ me { username } }', 'mutation { signIn(username: "x", password: "y") { role } }']) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'auth/no_admin' });
      expect(body.errors[0].message).toMatch(/pnpm user:create --role admin.*\/setup/);
    }
    // The downloads and the link pages too, not a sign-in prompt nor a page of their own; and the WebSocket.
    for (const path of ['/admin/audit.csv?from=2026-01-01&to=2026-01-31', '/export/members.xlsx', '/auth/link/x', '/auth/display/x']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(503);
      expect(((await res.json()) as { errors: { extensions: unknown }[] }).errors[0].extensions, path).toMatchObject({
        reason: 'auth/no_admin',
      });
    }
    const upgraded = await new Promise<{ status: number; body: string }>((resolve) => {
      const socket = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      socket.on('unexpected-response', (_req, res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
    });
    expect(upgraded.status).toBe(503);
    expect(JSON.parse(upgraded.body).errors[0].extensions).toMatchObject({ reason: 'auth/no_admin' });
    const form = await fetch(`${url}/setup`);
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/<form method="post" action="\/setup">/);
    const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${url}/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, ...headers },
        body: new URLSearchParams(fields).toString(),
      });
    const crossSite = await post(
      { username: 'root.admin', password: 'Gong-Wei-2026!', repeat: 'Gong-Wei-2026!' },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    const weak = await post({ username: 'root.admin', password: 'password1', repeat: 'password1' });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toMatch(/常见密码|common password/);
    const script = await post({ username: '<script>x</script>', password: 'Gong-Wei-2026!', repeat: 'Gong-Wei-2026!' });
    expect(script.status).toBe(400);
    expect(await script.text()).not.toContain('<script>');
    const made = await post({ username: 'root.admin', password: 'Gong-Wei-2026!', repeat: 'Gong-Wei-2026!' });
    expect(made.status).toBe(201);
    const signIn = await postGraphQL(
      url,
      null,
      'mutation { signIn(username: "root.admin", password: "Gong-Wei-2026!") { role mustChangePassword } }',
    );
    expect(signIn.data).toEqual({ signIn: { role: 'ADMIN', mustChangePassword: false } });
    const again = await post({ username: 'second.admin', password: 'Gong-Wei-2026!', repeat: 'Gong-Wei-2026!' });
    expect(await again.text()).toMatch(/已有系统管理员/);
    const [{ n }] = await hub.orm.em.getConnection().execute(`select count(*)::int as n from account where role = 'admin'`);
    expect(n).toBe(1);
  });
});
