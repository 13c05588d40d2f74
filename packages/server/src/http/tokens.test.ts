/**
 * Personal access tokens through the real HTTP server and WebSocket: made by a signed-in account (the secret
 * once, stored as its SHA-256), used as `Authorization: Bearer …` with the account's role and scope but
 * read-only, held in memory (no statement per request), refused alike whatever is wrong with them, ended by
 * a revocation on another instance within a second (its sockets too), by its account's disabling or
 * password change; a request with a cookie and a token is refused; every creation, revocation and refused
 * use is audited, never with the secret.
 */
import { createClient, type Client } from 'graphql-ws';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AccountRole } from '../domain/enums.js';
import { toGlobalId } from '../graphql/global-id.js';
import { buildFixture, type Fixture } from '../test-support/fixtures.js';
import {
  bearer,
  initialised,
  makeToken,
  postGraphQL,
  postWith,
  signedIn,
  startTestHub,
  TEST_PASSWORD,
  type TestHub,
} from '../test-support/hub.js';
import { createHttp, type HubHttp } from './app.js';

const CREATE =
  'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret token { id name createdAt expiresAt lastUsedAt revokedAt } } }';
const LIST = '{ apiTokens { id name createdAt expiresAt lastUsedAt revokedAt } }';
const REVOKE = 'mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }';
const TARGET = `mutation($o: ID!) { setIndicatorTarget(orgId: $o, indicatorId: "branch_count", effectiveFrom: "2026-01-01", target: 1) { rows } }`;
const INVALID = {
  code: 'UNAUTHENTICATED',
  reason: 'auth/invalid_token',
  messageZh: '令牌无效、已过期或已撤销',
  messageEn: 'the token is invalid, expired or revoked',
};

async function listen(http: HubHttp): Promise<string> {
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
}

/** A graphql-ws client whose upgrade carries `headers`, and whose connection_init carries `params`. */
function socket(url: string, headers: Record<string, string>, params?: Record<string, unknown>): Client {
  return createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    },
    ...(params ? { connectionParams: params } : {}),
    retryAttempts: 0,
    // Connected from the start and kept so: a lazy client closes between operations and reopens on the next.
    lazy: false,
    onNonLazyError: () => undefined, // a socket the test expects closed (revoked) is not an error here
  });
}

/** The first result (or the errors) of one operation over graphql-ws. */
function once(client: Client, query: string): Promise<{ data?: any; errors?: any[] }> {
  return new Promise((resolve) => {
    const stop = client.subscribe(
      { query },
      {
        next: (r) => (stop(), resolve(r as never)),
        error: (e) => resolve({ errors: Array.isArray(e) ? e : [e] }),
        complete: () => undefined,
      },
    );
  });
}

describe('http/tokens', () => {
  let hub: TestHub;
  let pool: pg.Pool;
  let f: Fixture;
  let analyst: string;
  let secretary: string;
  const gid = (type: string, id: number) => toGlobalId(type, id);
  const membersOf = (i: number) => f.members.filter((m) => m.organization.id === f.branches[i].id);
  const audited = async (after: number, action?: string) =>
    (
      await pool.query(
        `select actor, action, entity, entity_id, after from audit_log where id > $1 ${action ? 'and action = $2' : ''} order by id`,
        [after, ...(action ? [action] : [])],
      )
    ).rows;
  const lastAudit = async () => Number((await pool.query(`select coalesce(max(id), 0) as n from audit_log`)).rows[0].n);

  beforeAll(async () => {
    hub = await startTestHub();
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    f = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 3 });
    analyst = (await hub.as(AccountRole.ANALYST)).cookie;
    secretary = await signedIn(hub.url, hub.db.url, 'a.shuji', AccountRole.SECRETARY, [f.branches[0].id]);
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
  });

  it('should make a token: the secret once, in its shape, stored only as its SHA-256, listed without it, audited without it', async () => {
    const before = await lastAudit();
    const res = await postGraphQL(hub.url, analyst, CREATE, { i: { name: '  月报脚本 ' } });
    expect(res.errors).toBeUndefined();
    const { secret, token } = res.data.createApiToken;
    expect(secret).toMatch(/^hub_pat_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: '月报脚本', lastUsedAt: null, revokedAt: null });
    // 30 days by default.
    expect(Date.parse(token.expiresAt) - Date.parse(token.createdAt)).toBe(30 * 86_400_000);
    const { rows } = await pool.query(`select * from api_token`);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(secret.slice(8));
    const list = await postGraphQL(hub.url, analyst, LIST);
    expect(list.data!.apiTokens).toEqual([token]);
    expect(JSON.stringify(list)).not.toContain(secret.slice(8));
    // No field of a listed token can hold it.
    expect((await postGraphQL(hub.url, analyst, '{ apiTokens { secret } }')).errors?.[0]?.extensions?.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    // Another account sees none of them.
    expect((await postGraphQL(hub.url, secretary, LIST)).data!.apiTokens).toEqual([]);
    const audit = await audited(before);
    expect(audit).toEqual([
      {
        actor: 'test-analyst',
        action: 'auth.token_create',
        entity: 'api_token',
        entity_id: rows[0].id,
        after: { account: rows[0].account_id, name: '月报脚本', days: 30, expiresAt: token.expiresAt, address: '127.0.0.1' },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(8));
  });

  it('should refuse days out of 1–90 and a blank name with coded, bilingual errors naming the field, making nothing', async () => {
    const count = async () => Number((await pool.query(`select count(*) from api_token`)).rows[0].count);
    const before = await count();
    for (const days of [0, 91, -5]) {
      const res = await postGraphQL(hub.url, analyst, CREATE, { i: { name: 'x', days } });
      expect(res.errors![0].extensions, String(days)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'input/out_of_range',
        field: 'createApiToken.input.days',
        messageZh: expect.stringContaining(`有效天数须为 1–90 天（收到 ${days}）`),
        messageEn: expect.stringContaining(`days must be from 1 to 90 (got ${days})`),
      });
    }
    const both = await postGraphQL(hub.url, analyst, CREATE, { i: { name: '   ', days: 365 } });
    expect(both.errors![0].extensions!.problems.map((p: { field: string; reason: string }) => [p.field, p.reason])).toEqual([
      ['createApiToken.input.name', 'input/required'],
      ['createApiToken.input.days', 'input/out_of_range'],
    ]);
    expect(await count()).toBe(before);
    const ninety = await postGraphQL(hub.url, analyst, CREATE, { i: { name: '季度脚本', days: 90 } });
    const t = ninety.data!.createApiToken.token;
    expect(Date.parse(t.expiresAt) - Date.parse(t.createdAt)).toBe(90 * 86_400_000);
  });

  it('should act as its account with its role and scope: an analyst’s still barred from person rows, a secretary’s within its branch', async () => {
    const { secret } = await makeToken(hub.url, analyst);
    const ok = await postWith(
      hub.url,
      bearer(secret),
      '{ me { username role } activities { totalCount } membersAggregate { groups { count } } }',
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toMatchObject({ me: { username: 'test-analyst', role: 'ANALYST' }, membersAggregate: { groups: [{ count: 6 }] } });
    for (const query of ['{ members { nodes { id } } }', `{ node(id: "${gid('Member', membersOf(0)[0].id)}") { id } }`]) {
      const barred = await postWith(hub.url, bearer(secret), query);
      expect(barred.status, query).toBe(403);
      expect(barred.errors![0].extensions, query).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/forbidden' });
    }
    const mine = await makeToken(hub.url, secretary);
    const scoped = await postWith(hub.url, bearer(mine.secret), '{ members { totalCount nodes { id } } }');
    expect(scoped.data!.members.totalCount).toBe(membersOf(0).length);
    const outside = await postWith(
      hub.url,
      bearer(mine.secret),
      `{ members(filter: { orgId: "${gid('Organization', f.branches[1].id)}" }) { totalCount } }`,
    );
    expect(outside.errors![0].extensions).toMatchObject({ reason: 'auth/out_of_scope' });
  });

  it('should hold a token in memory: no statement about tokens per request, its use written at most once a minute', async () => {
    const { secret, id } = await makeToken(hub.url, hub.cookie);
    await postWith(hub.url, bearer(secret), '{ me { username } }');
    await expect
      .poll(async () => (await postGraphQL(hub.url, hub.cookie, LIST)).data!.apiTokens.find((t: { id: string }) => t.id === id).lastUsedAt)
      .not.toBeNull();
    const used = (await postGraphQL(hub.url, hub.cookie, LIST)).data!.apiTokens.find((t: { id: string }) => t.id === id).lastUsedAt;
    hub.resetQueries();
    for (let i = 0; i < 10; i++)
      expect((await postWith(hub.url, bearer(secret), '{ me { username } }')).data!.me.username).toBe('test-committee');
    await new Promise((r) => setTimeout(r, 100));
    expect(hub.queries.filter((q) => /api_token|account/.test(q))).toEqual([]);
    expect((await postGraphQL(hub.url, hub.cookie, LIST)).data!.apiTokens.find((t: { id: string }) => t.id === id).lastUsedAt).toBe(used);
  });

  it('should take a GET with a token without a preflight header (no cookie, no CSRF), unlike a cookie’s', async () => {
    const { secret } = await makeToken(hub.url, hub.cookie);
    const q = encodeURIComponent('{ hospitals { totalCount } }');
    const withToken = await fetch(`${hub.url}/graphql?query=${q}`, { headers: bearer(secret) });
    expect(withToken.status).toBe(200);
    expect(await withToken.json()).toEqual({ data: { hospitals: { totalCount: 1 } } });
    const withCookie = await fetch(`${hub.url}/graphql?query=${q}`, { headers: { cookie: hub.cookie } });
    expect(withCookie.status).toBe(400); // Apollo's CSRF prevention
  });

  it('should refuse every write with a token, its own account’s included (403 auth/read_only_token), audited, changing nothing', async () => {
    const { secret } = await makeToken(hub.url, hub.cookie);
    const before = await lastAudit();
    const tokens = Number((await pool.query(`select count(*) from api_token`)).rows[0].count);
    const writes = [
      [TARGET, { o: gid('Organization', f.committee.id) }],
      [CREATE, { i: { name: '再来一个' } }],
      [
        'mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { username } }',
        { o: TEST_PASSWORD, n: 'Neue-Parole-2027' },
      ],
      ['mutation { signOut }', {}],
      ['mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { username } }', { u: 'test-committee', p: TEST_PASSWORD }],
    ] as const;
    for (const [query, variables] of writes) {
      const res = await postWith(hub.url, bearer(secret), query, variables);
      expect(res.status, query).toBe(403);
      expect(res.errors![0].extensions, query).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/read_only_token' });
      expect(res.errors![0].message).toBe(
        '个人访问令牌只能读取：不能写入数据，也不能创建令牌或修改密码（请登录后操作） / a personal access token may only read: it cannot write data, make tokens or change a password (sign in for that)',
      );
    }
    expect(Number((await pool.query(`select count(*) from api_token`)).rows[0].count)).toBe(tokens);
    expect((await pool.query(`select count(*)::int as n from indicator_target`)).rows[0].n).toBe(0);
    // The session still signs in with the old password: the change was refused.
    expect((await postGraphQL(hub.url, hub.cookie, '{ me { username } }')).data!.me.username).toBe('test-committee');
    const rows = await audited(before, 'access.write_refused');
    expect(rows).toHaveLength(writes.length);
    const tokenId = (await pool.query(`select max(id) as id from api_token`)).rows[0].id;
    for (const r of rows)
      expect(r).toMatchObject({
        actor: 'test-committee',
        after: { refusals: [{ reason: 'auth/read_only_token' }], token: tokenId, address: '127.0.0.1' },
      });
  });

  it('should answer an expired, revoked, tampered, unknown or malformed token alike: 401 auth/invalid_token, audited with why', async () => {
    const expired = await makeToken(hub.url, analyst, '过期的');
    await pool.query(`update api_token set expires_at = now() - interval '1 second' where token_hash = $1`, [
      createHash('sha256').update(expired.secret).digest('hex'),
    ]);
    const revoked = await makeToken(hub.url, analyst, '撤销的');
    expect((await postWith(hub.url, bearer(revoked.secret), '{ me { role } }')).status).toBe(200);
    const before = await lastAudit();
    const r = await postGraphQL(hub.url, analyst, REVOKE, { id: revoked.id });
    expect(r.data!.revokeApiToken.revokedAt).not.toBeNull();
    const good = await makeToken(hub.url, analyst, '好的');
    const flipped = `${good.secret.slice(0, 30)}${good.secret[30] === 'A' ? 'B' : 'A'}${good.secret.slice(31)}`;
    const answers = new Map<string, Awaited<ReturnType<typeof postWith>>>();
    for (const [what, header] of [
      ['expired', `Bearer ${expired.secret}`],
      ['revoked', `Bearer ${revoked.secret}`],
      ['tampered', `Bearer ${flipped}`],
      ['unknown', `Bearer hub_pat_${randomBytes(32).toString('base64url')}`],
      ['truncated', `Bearer ${good.secret.slice(0, -1)}`],
      ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
      ['empty', 'Bearer '],
    ])
      answers.set(what, await postWith(hub.url, { authorization: header }, '{ me { role } }'));
    for (const [what, a] of answers) {
      expect(a.status, what).toBe(401);
      expect(a.headers.get('www-authenticate'), what).toBe('Bearer realm="party-hub", error="invalid_token"');
      expect(a.data, what).toBeUndefined();
      expect(a.errors, what).toEqual([
        { message: '令牌无效、已过期或已撤销 / the token is invalid, expired or revoked', extensions: INVALID },
      ]);
    }
    expect((await postWith(hub.url, bearer(good.secret), '{ me { role } }')).data).toEqual({ me: { role: 'ANALYST' } });
    // Refused uses are written by the audit writer, after the answer.
    await expect.poll(async () => (await audited(before, 'auth.token_refused')).length).toBe(7);
    const rows = await audited(before);
    expect(rows.filter((x) => x.action === 'auth.token_revoke')).toEqual([
      {
        actor: 'test-analyst',
        action: 'auth.token_revoke',
        entity: 'api_token',
        entity_id: expect.any(Number),
        after: expect.objectContaining({ name: '撤销的' }),
      },
    ]);
    const refused = rows.filter((x) => x.action === 'auth.token_refused');
    expect(refused.map((x) => [x.actor, x.after.reason])).toEqual([
      ['test-analyst', 'expired'],
      ['test-analyst', 'revoked'],
      ['anonymous', 'unknown'],
      ['anonymous', 'unknown'],
      ['anonymous', 'malformed'],
      ['anonymous', 'malformed'],
      ['anonymous', 'malformed'],
    ]);
    for (const x of refused) expect(x.after).toMatchObject({ address: '127.0.0.1', via: 'http' });
    const text = JSON.stringify(rows);
    for (const s of [expired.secret, revoked.secret, good.secret]) expect(text).not.toContain(s.slice(8, 30));
    // A token retried refuses again, audited once a minute (per token and address), read once a minute.
    hub.resetQueries();
    for (let i = 0; i < 5; i++) expect((await postWith(hub.url, bearer(revoked.secret), '{ me { role } }')).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(hub.queries.filter((q) => /api_token/.test(q))).toEqual([]);
    expect((await audited(before, 'auth.token_refused')).length).toBe(refused.length);
  });

  it('should stop a disabled account’s tokens, and one whose password must change, and end them all with a password change', async () => {
    const { rows } = await pool.query(`select id from account where username = 'a.shuji'`);
    const account = rows[0].id as number;
    const notify = () => pool.query(`select pg_notify('hub_auth', json_build_object('account', $1::int)::text)`, [account]);
    const { secret } = await makeToken(hub.url, secretary);
    const me = () => postWith(hub.url, bearer(secret), '{ me { username } }');
    expect((await me()).status).toBe(200);
    await pool.query(`update account set disabled = true where id = $1`, [account]);
    await notify();
    await expect.poll(async () => (await me()).status, { timeout: 1000, interval: 50 }).toBe(401);
    await pool.query(`update account set disabled = false where id = $1`, [account]);
    await notify();
    await expect.poll(async () => (await me()).status, { timeout: 1000, interval: 50 }).toBe(200);
    await pool.query(`update account set password_set_at = now() - interval '91 days' where id = $1`, [account]);
    await notify();
    await expect.poll(async () => (await me()).status, { timeout: 1000, interval: 50 }).toBe(401);
    await pool.query(`update account set password_set_at = now() where id = $1`, [account]);
    await notify();
    await expect.poll(async () => (await me()).status, { timeout: 1000, interval: 50 }).toBe(200);
    // A password change ends every token of the account at once (this instance did it: no notification awaited).
    const changed = await postGraphQL(
      hub.url,
      secretary,
      'mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { username } }',
      {
        o: TEST_PASSWORD,
        n: 'Neue-Parole-2027',
      },
    );
    expect(changed.errors).toBeUndefined();
    expect((await me()).status).toBe(401);
    const live = await pool.query(`select count(*)::int as n from api_token where account_id = $1 and revoked_at is null`, [account]);
    expect(live.rows[0].n).toBe(0);
    const audit = await pool.query(`select after from audit_log where action = 'account.password_change' and entity_id = $1`, [account]);
    expect(audit.rows.at(-1)!.after.tokensEnded).toBe(2);
  });

  it('should refuse a request that carries a session cookie and a token (400 auth/ambiguous_credentials), on HTTP and on the upgrade', async () => {
    const { secret } = await makeToken(hub.url, hub.cookie);
    const both = await postWith(hub.url, { ...bearer(secret), cookie: hub.cookie }, '{ me { username } }');
    expect(both.status).toBe(400);
    expect(both.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'auth/ambiguous_credentials' });
    expect(both.errors![0].message).toMatch(/只能用其中一种 \/ .*use one or the other/);
    const ws = `${hub.url.replace('http', 'ws')}/graphql`;
    expect(await initialised(ws, { ...bearer(secret), cookie: hub.cookie }, {})).toBe(400);
    expect(await initialised(ws, { cookie: hub.cookie }, { authorization: `Bearer ${secret}` })).toEqual({
      code: 4400,
      reason: 'auth/ambiguous_credentials',
    });
  });

  it('should take a token on the WebSocket, on the upgrade or in connection_init, from any origin; read-only there too', async () => {
    const { secret } = await makeToken(hub.url, analyst);
    const viaHeader = socket(hub.url, bearer(secret));
    const viaInit = socket(hub.url, { origin: 'https://notebook.example' }, { authorization: `Bearer ${secret}` });
    try {
      for (const client of [viaHeader, viaInit]) {
        const res = await once(client, '{ me { username role } activities { totalCount } }');
        expect(res.errors).toBeUndefined();
        expect(res.data.me).toEqual({ username: 'test-analyst', role: 'ANALYST' });
        const write = await once(
          client,
          `mutation { setIndicatorTarget(orgId: "${gid('Organization', f.committee.id)}", indicatorId: "branch_count", effectiveFrom: "2026-01-01", target: 1) { rows } }`,
        );
        expect(write.errors?.[0]?.extensions).toMatchObject({ reason: 'auth/read_only_token' });
        const m = await once(client, '{ members { nodes { id } } }');
        expect(m.errors?.[0]?.extensions).toMatchObject({ reason: 'auth/forbidden' });
      }
    } finally {
      await viaHeader.dispose();
      await viaInit.dispose();
    }
    const ws = `${hub.url.replace('http', 'ws')}/graphql`;
    const bad = `hub_pat_${randomBytes(32).toString('base64url')}`;
    expect(await initialised(ws, bearer(bad), {})).toBe(401);
    expect(await initialised(ws, {}, { authorization: `Bearer ${bad}` })).toEqual({ code: 4401, reason: 'auth/invalid_token' });
    expect(await initialised(ws, {}, { authorization: 42 })).toEqual({ code: 4401, reason: 'auth/invalid_token' });
    expect(await initialised(ws, { origin: 'https://notebook.example' }, { authorization: `Bearer ${secret}` })).toBe('ack');
    // A cookie still needs the hub's own origin.
    expect(await initialised(ws, { origin: 'https://notebook.example', cookie: hub.cookie }, {})).toBe(403);
    // One row per token and address a minute: the unknown token tried twice left one.
    const refused = async () =>
      (
        await pool.query(`select after from audit_log where action = 'auth.token_refused' and after->>'via' = 'websocket' order by id`)
      ).rows.map((r) => r.after.reason);
    await expect.poll(refused).toEqual(['unknown', 'malformed']);
  });

  it('should refuse a token revoked on one instance on another within a second, its sockets closed', async () => {
    const other = await createHttp({ orm: hub.orm, dashboardDir: null, log: () => undefined });
    const otherUrl = await listen(other);
    const { secret, id } = await makeToken(hub.url, analyst);
    const client = socket(otherUrl, bearer(secret));
    try {
      expect((await postWith(otherUrl, bearer(secret), '{ me { role } }')).data).toEqual({ me: { role: 'ANALYST' } });
      const closed = new Promise<{ code: number; reason: string }>((resolve) => client.on('closed', (e) => resolve(e as never)));
      const stream = client.iterate({
        query: `subscription { indicatorsChanged(orgId: "${gid('Organization', f.branches[0].id)}") { refreshAll } }`,
      });
      void stream.next().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      expect((await postGraphQL(hub.url, analyst, REVOKE, { id })).errors).toBeUndefined();
      const started = Date.now();
      let status = 200;
      while (status === 200 && Date.now() - started < 1000) status = (await postWith(otherUrl, bearer(secret), '{ me { role } }')).status;
      expect(status).toBe(401);
      expect(await closed).toMatchObject({ code: 4401, reason: 'auth/invalid_token' });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await client.dispose();
      await other.stop();
    }
  });

  it('should not resolve a token by node(id), nor revoke another account’s', async () => {
    const { id } = await makeToken(hub.url, analyst);
    expect((await postGraphQL(hub.url, hub.cookie, `{ node(id: "${id}") { id } }`)).data).toEqual({ node: null });
    const other = await postGraphQL(hub.url, hub.cookie, REVOKE, { id });
    expect(other.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'id/not_found', field: 'revokeApiToken.id' });
    const list = (await postGraphQL(hub.url, analyst, LIST)).data!.apiTokens;
    expect(list.find((t: { id: string }) => t.id === id).revokedAt).toBeNull();
  });
});
