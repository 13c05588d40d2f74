/**
 * Wall displays (大屏) through the real HTTP server and WebSocket: a signed-in committee member, secretary or
 * analyst makes a one-time display link (stored as its SHA-256, good once for 24 hours, from any address);
 * opening it makes a read-only token named `大屏 · <name>` lasting the link's days and hands it to the browser
 * in the `hub_display` cookie, which then reads as that token — beyond the session's limits — and may sign
 * out (revoking it); a revocation on one instance refuses the display on another within a second, its socket
 * closed; the socket takes the display cookie from the hub's own origin only.
 */
import { createClient, type Client } from 'graphql-ws';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_AUTH } from '../config.js';
import { AccountRole } from '../domain/enums.js';
import { toGlobalId } from '../graphql/global-id.js';
import { buildFixture, type Fixture } from '../test-support/fixtures.js';
import { bearer, initialised, makeToken, postGraphQL, postWith, startTestHub, type TestHub } from '../test-support/hub.js';
import { createHttp, type HubHttp } from './app.js';

const CREATE = 'mutation($i: CreateDisplayLinkInput!) { createDisplayLink(input: $i) { url expiresAt } }';
const LIST = '{ apiTokens { id name createdAt expiresAt revokedAt } }';
const ME = '{ me { username role display sessionExpiresAt } }';
const BOARD = '{ me { username } activities { totalCount } membersAggregate { groups { count } } }';
const DAY = 86_400_000;

async function listen(http: HubHttp): Promise<string> {
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
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

/** Makes a display link with a session cookie: its path (or the errors). */
async function makeLink(url: string, cookie: string, input: Record<string, unknown> = { name: '三楼会议室' }) {
  const res = await postGraphQL(url, cookie, CREATE, { i: input });
  return { link: res.data?.createDisplayLink as { url: string; expiresAt: string } | undefined, errors: res.errors };
}

/** Opens a link as a TV's browser does (no cookie yet), not following the redirect. */
async function open(url: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, { redirect: 'manual', headers });
  return { status: res.status, location: res.headers.get('location'), setCookie: res.headers.get('set-cookie'), text: await res.text() };
}

/** The display's cookie from a Set-Cookie header: `hub_display=hub_pat_…`. */
const displayCookieOf = (setCookie: string | null): string => /hub_display=hub_pat_[A-Za-z0-9_-]{43}/.exec(setCookie ?? '')![0];

/** Makes a link with the committee's session and opens it: the display's cookie. */
async function display(url: string, cookie: string, name = '三楼会议室', days?: number): Promise<string> {
  const { link } = await makeLink(url, cookie, { name, ...(days ? { days } : {}) });
  return displayCookieOf((await open(url, link!.url)).setCookie);
}

describe('http/display', () => {
  let hub: TestHub;
  let pool: pg.Pool;
  let f: Fixture;
  const linkCount = async () => Number((await pool.query(`select count(*) from sign_in_link`)).rows[0].count);
  const lastAudit = async () => Number((await pool.query(`select coalesce(max(id), 0) as n from audit_log`)).rows[0].n);
  const audited = async (after: number, action: string) =>
    (await pool.query(`select actor, entity_id, after from audit_log where id > $1 and action = $2 order by id`, [after, action])).rows;

  beforeAll(async () => {
    // Behind "a proxy on this machine", so a test can open a link from a TV's address (X-Forwarded-For).
    hub = await startTestHub({ trustedProxies: ['127.0.0.1'] });
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    f = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 3 });
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
  });

  it('should make a one-time link stored as its SHA-256, open it once from any address into a display cookie that reads the boards', async () => {
    const before = await lastAudit();
    const { link, errors } = await makeLink(hub.url, hub.cookie, { name: ' 三楼会议室 ', days: 7 });
    expect(errors).toBeUndefined();
    expect(link!.url).toMatch(/^\/auth\/display\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(link!.expiresAt) - Date.now()).toBeGreaterThan(DAY - 60_000);
    expect(Date.parse(link!.expiresAt) - Date.now()).toBeLessThanOrEqual(DAY);
    const token = link!.url.split('/').at(-1)!;
    const { rows } = await pool.query(
      `select id, display_name, display_days, display_path, used_at from sign_in_link where display_path is not null`,
    );
    expect(rows).toEqual([
      {
        id: createHash('sha256').update(token).digest('hex'),
        display_name: '三楼会议室',
        display_days: 7,
        display_path: '/?kiosk=1',
        used_at: null,
      },
    ]);
    expect((await audited(before, 'auth.display_link')).map((r) => r.after)).toEqual([
      { name: '三楼会议室', days: 7, path: '/?kiosk=1', expiresAt: link!.expiresAt, address: '127.0.0.1' },
    ]);
    expect(JSON.stringify(await audited(before, 'auth.display_link'))).not.toContain(token);

    // The TV: another machine on the network (a proxy names it), no cookie.
    const opened = await open(hub.url, link!.url, { 'x-forwarded-for': '10.20.30.40' });
    expect(opened.status).toBe(303);
    expect(opened.location).toBe('/?kiosk=1');
    expect(opened.setCookie).toMatch(/^hub_display=hub_pat_[A-Za-z0-9_-]{43}; Path=\/; Max-Age=604800; HttpOnly; SameSite=Strict$/);
    const cookie = displayCookieOf(opened.setCookie);
    const me = await postWith(hub.url, { cookie }, ME);
    expect(me.data!.me).toMatchObject({ username: 'test-committee', role: 'COMMITTEE', display: true });
    expect(Date.parse(me.data!.me.sessionExpiresAt) - Date.now()).toBeGreaterThan(7 * DAY - 60_000);
    const board = await postWith(hub.url, { cookie }, BOARD);
    expect(board.errors).toBeUndefined();
    expect(board.data!.membersAggregate.groups[0].count).toBe(f.members.length);
    // Its token is the committee's, listed on the Tokens page, named after the display.
    const listed = (await postGraphQL(hub.url, hub.cookie, LIST)).data!.apiTokens;
    expect(listed[0]).toMatchObject({ name: '大屏 · 三楼会议室', revokedAt: null });
    expect(Date.parse(listed[0].expiresAt) - Date.parse(listed[0].createdAt)).toBe(7 * DAY);
    expect(
      await pool.query(`select token_hash from api_token where token_hash = $1`, [
        createHash('sha256').update(cookie.slice(12)).digest('hex'),
      ]),
    ).toMatchObject({ rowCount: 1 });
    const openedRows = await audited(before, 'auth.display_opened');
    expect(openedRows).toEqual([
      {
        actor: 'test-committee',
        entity_id: expect.any(Number),
        after: { name: '三楼会议室', token: expect.any(Number), expiresAt: listed[0].expiresAt, address: '10.20.30.40' },
      },
    ]);

    // Once only.
    const again = await open(hub.url, link!.url);
    expect(again.status).toBe(410);
    expect(again.setCookie).toBeNull();
    expect(again.text).toContain('链接已失效 / Link no longer valid');
    expect(again.text).toContain('This wall display link was used or has expired');
  });

  it('should answer an unknown, expired or malformed link 410, and never open a display link as a sign-in link or the reverse', async () => {
    const { link } = await makeLink(hub.url, hub.cookie, { name: '过期的' });
    await pool.query(`update sign_in_link set expires_at = now() - interval '1 second' where display_name = '过期的'`);
    for (const path of [link!.url, `/auth/display/${'A'.repeat(43)}`, '/auth/display/short'])
      expect((await open(hub.url, path)).status, path).toBe(410);
    const fresh = (await makeLink(hub.url, hub.cookie, { name: '会议室' })).link!;
    // From this very machine, as a sign-in link: no session.
    const asSignIn = await open(hub.url, fresh.url.replace('/auth/display/', '/auth/link/'));
    expect(asSignIn.status).toBe(410);
    expect(asSignIn.setCookie).toBeNull();
    // The display link is still good afterwards.
    expect((await open(hub.url, fresh.url)).status).toBe(303);
    const signInToken = 'B'.repeat(43);
    await pool.query(
      `insert into sign_in_link (id, account_id, expires_at) select $1, id, now() + interval '1 hour' from account where username = 'test-committee'`,
      [createHash('sha256').update(signInToken).digest('hex')],
    );
    expect((await open(hub.url, `/auth/display/${signInToken}`)).status).toBe(410);
    expect((await open(hub.url, `/auth/link/${signInToken}`)).status).toBe(303);
  });

  it('should refuse a page that is not the hub’s, and days out of 1–90, with coded bilingual errors naming the field, making nothing', async () => {
    const before = await linkCount();
    for (const path of [
      '//evil.example/x',
      'https://evil.example/',
      'javascript:alert(1)',
      '/\\evil.example',
      'kiosk',
      '',
      `/${'a'.repeat(200)}`,
      '/a b',
      '/\nx',
    ]) {
      const { errors } = await makeLink(hub.url, hub.cookie, { name: '会议室', path });
      expect(errors![0].extensions, JSON.stringify(path)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'input/invalid_path',
        field: 'createDisplayLink.input.path',
        messageZh: expect.stringContaining('页面须是本系统内以“/”开头的路径'),
        messageEn: expect.stringContaining('the page must be a path of this hub'),
      });
    }
    const { errors } = await makeLink(hub.url, hub.cookie, { name: ' ', days: 91, path: '//x' });
    expect(errors![0].extensions!.problems.map((p: { field: string; reason: string }) => [p.field, p.reason])).toEqual([
      ['createDisplayLink.input.name', 'input/required'],
      ['createDisplayLink.input.days', 'input/out_of_range'],
      ['createDisplayLink.input.path', 'input/invalid_path'],
    ]);
    expect(await linkCount()).toBe(before);
    const { link } = await makeLink(hub.url, hub.cookie, { name: '党建园地', path: '/honors?kiosk=1&rotate=60' });
    expect((await open(hub.url, link!.url)).location).toBe('/honors?kiosk=1&rotate=60');
  });

  it('should let a secretary’s and an analyst’s session make one, not an administrator, a token or a display', async () => {
    for (const role of [AccountRole.SECRETARY, AccountRole.ANALYST]) {
      const { link, errors } = await makeLink(hub.url, (await hub.as(role)).cookie);
      expect(errors, role).toBeUndefined();
      const cookie = displayCookieOf((await open(hub.url, link!.url)).setCookie);
      expect((await postWith(hub.url, { cookie }, ME)).data!.me, role).toMatchObject({ role: role.toUpperCase(), display: true });
    }
    const admin = await makeLink(hub.url, (await hub.as(AccountRole.ADMIN)).cookie);
    expect(admin.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/forbidden' });
    expect(admin.errors![0].message).toContain('系统管理员账号不能创建大屏链接');
    const { secret } = await makeToken(hub.url, hub.cookie);
    const viaToken = await postWith(hub.url, bearer(secret), CREATE, { i: { name: 'x' } });
    expect(viaToken.status).toBe(403);
    expect(viaToken.errors![0].extensions).toMatchObject({ reason: 'auth/read_only_token' });
    const cookie = await display(hub.url, hub.cookie);
    const viaDisplay = await postWith(hub.url, { cookie }, CREATE, { i: { name: 'x' } });
    expect(viaDisplay.errors![0].extensions).toMatchObject({ reason: 'auth/read_only_token' });
  });

  it('should not open a display for an account holding too many tokens (409, bilingual), leaving the link unused', async () => {
    const { link } = await makeLink(hub.url, (await hub.as(AccountRole.SECRETARY)).cookie, { name: '支部活动室' });
    const { rows } = await pool.query(`select id from account where username = 'test-secretary'`);
    await pool.query(
      `insert into api_token (account_id, name, token_hash, expires_at)
       select $1, 'filler ' || n, md5(n::text) || md5(n::text), now() + interval '1 day' from generate_series(1, 20) n`,
      [rows[0].id],
    );
    const full = await open(hub.url, link!.url);
    expect(full.status).toBe(409);
    expect(full.setCookie).toBeNull();
    expect(full.text).toContain('每个账号最多同时持有 20 个有效令牌');
    expect(full.text).toContain('an account holds at most 20 live tokens at once');
    await pool.query(`update api_token set revoked_at = now() where name like 'filler %'`);
    expect((await open(hub.url, link!.url)).status).toBe(303);
  });

  it('should refuse a display every mutation but signOut, which revokes its token and clears its cookie', async () => {
    const cookie = await display(hub.url, hub.cookie, '走廊');
    const before = await lastAudit();
    const writes = [
      `mutation { setIndicatorTarget(orgId: "${toGlobalId('Organization', f.committee.id)}", indicatorId: "branch_count", effectiveFrom: "2026-01-01", target: 1) { rows } }`,
      'mutation { createApiToken(input: { name: "x" }) { secret } }',
      'mutation { signOut setIndicatorTarget(orgId: "x", indicatorId: "branch_count", effectiveFrom: "2026-01-01", target: 1) { rows } }',
      'mutation { signIn(username: "test-committee", password: "x") { username } }',
    ];
    for (const query of writes) {
      const res = await postWith(hub.url, { cookie }, query);
      expect(res.status, query).toBe(403);
      expect(res.errors![0].extensions, query).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/read_only_token' });
    }
    expect((await audited(before, 'access.write_refused')).length).toBe(writes.length);
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: 'mutation { signOut }' }),
    });
    expect(await res.json()).toEqual({ data: { signOut: true } });
    expect(res.headers.get('set-cookie')).toBe('hub_display=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict');
    const row = (await postGraphQL(hub.url, hub.cookie, LIST)).data!.apiTokens.find((t: { name: string }) => t.name === '大屏 · 走廊');
    expect(row.revokedAt).not.toBeNull();
    expect((await audited(before, 'auth.display_sign_out')).length).toBe(1);
    // The old cookie, sent again, is nobody's, and is cleared again.
    const after = await postWith(hub.url, { cookie }, ME);
    expect(after.data).toEqual({ me: null });
    expect(after.headers.get('set-cookie')).toBe('hub_display=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict');
    expect((await postWith(hub.url, { cookie }, BOARD)).errors![0].extensions).toMatchObject({ reason: 'auth/required' });
  });

  it('should let a session cookie beside a display cookie act (the session wins), and refuse a bearer beside one', async () => {
    const cookie = await display(hub.url, hub.cookie);
    const analyst = (await hub.as(AccountRole.ANALYST)).cookie;
    const both = await postWith(hub.url, { cookie: `${cookie}; ${analyst}` }, ME);
    expect(both.data!.me).toMatchObject({ username: 'test-analyst', display: false });
    const { secret } = await makeToken(hub.url, hub.cookie);
    const ambiguous = await postWith(hub.url, { cookie, ...bearer(secret) }, ME);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.errors![0].extensions).toMatchObject({ reason: 'auth/ambiguous_credentials' });
  });

  it('should take the display cookie on the WebSocket from the hub’s own origin only; a revoked one reaches no data', async () => {
    const cookie = await display(hub.url, hub.cookie, '大厅');
    const ws = `${hub.url.replace('http', 'ws')}/graphql`;
    expect(await initialised(ws, { cookie, origin: hub.url }, {})).toBe('ack');
    expect(await initialised(ws, { cookie }, {})).toBe('ack');
    const client = createClient({
      url: ws,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie, origin: hub.url } });
        }
      },
      retryAttempts: 0,
    });
    try {
      const read = await once(client, '{ me { username display } activities { totalCount } }');
      expect(read.errors).toBeUndefined();
      expect(read.data.me).toEqual({ username: 'test-committee', display: true });
      const write = await once(client, 'mutation { createApiToken(input: { name: "x" }) { secret } }');
      expect(write.errors?.[0]?.extensions).toMatchObject({ reason: 'auth/read_only_token' });
    } finally {
      await client.dispose();
    }
    expect(await initialised(ws, { cookie, origin: 'https://evil.example' }, {})).toBe(403);
    const { id } = (await postGraphQL(hub.url, hub.cookie, LIST)).data!.apiTokens.find((t: { name: string }) => t.name === '大屏 · 大厅');
    await postGraphQL(hub.url, hub.cookie, 'mutation($id: ID!) { revokeApiToken(id: $id) { id } }', { id });
    expect(await initialised(ws, { cookie, origin: hub.url }, {})).toEqual({ code: 4401, reason: 'auth/required' });
  });

  it('should refuse a display revoked on one instance on another within a second, its socket closed 4401', async () => {
    const other = await createHttp({ orm: hub.orm, dashboardDir: null, log: () => undefined });
    const otherUrl = await listen(other);
    const cookie = await display(hub.url, hub.cookie, '二楼');
    const socket = new WebSocket(`${otherUrl.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
      headers: { cookie, origin: otherUrl },
    });
    try {
      const acked = new Promise<void>((resolve) => socket.on('message', () => resolve()));
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      await acked;
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
      );
      expect((await postWith(otherUrl, { cookie }, ME)).data!.me.display).toBe(true);
      const { id } = (await postGraphQL(hub.url, hub.cookie, LIST)).data!.apiTokens.find((t: { name: string }) => t.name === '大屏 · 二楼');
      expect(
        (await postGraphQL(hub.url, hub.cookie, 'mutation($id: ID!) { revokeApiToken(id: $id) { id } }', { id })).errors,
      ).toBeUndefined();
      const started = Date.now();
      let me: unknown = {};
      while (me !== null && Date.now() - started < 1000) me = (await postWith(otherUrl, { cookie }, ME)).data!.me;
      expect(me).toBeNull();
      expect(await closed).toEqual({ code: 4401, reason: 'auth/invalid_token' });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      socket.close();
      await other.stop();
    }
  });
});

describe('http/display beyond the session limit', () => {
  let hub: TestHub;

  beforeAll(async () => {
    // Sessions of 4 seconds stand in for the 12 hours: a display outlives them as it outlives 12 hours.
    hub = await startTestHub({ auth: { ...DEFAULT_AUTH, session: { idleMs: 4000, absoluteMs: 4000 } } });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('should keep a display reading after the session that made it has ended, until its token’s days are over', async () => {
    const cookie = await display(hub.url, hub.cookie, '三楼会议室', 90);
    const me = (await postWith(hub.url, { cookie }, ME)).data!.me;
    expect(Date.parse(me.sessionExpiresAt) - Date.now()).toBeGreaterThan(90 * DAY - 60_000);
    await new Promise((r) => setTimeout(r, 4500));
    expect((await postGraphQL(hub.url, hub.cookie, ME)).data).toEqual({ me: null });
    const board = await postWith(hub.url, { cookie }, BOARD);
    expect(board.errors).toBeUndefined();
    expect(board.data!.me.username).toBe('test-committee');
  });
});
