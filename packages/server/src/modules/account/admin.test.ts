/**
 * The administrator's operations through the real HTTP server: each one's happy path and audit row, bad input
 * with its field path, the refusal of every other caller, the last admin kept, and a disabled account's open
 * session ended on a second instance within a second.
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { createHttp } from '../../http/app.js';
import { buildFixture, type Fixture } from '../../test-support/fixtures.js';
import { postGraphQL, signedIn, startTestHub, TEST_PASSWORD, type SignedInClient, type TestHub } from '../../test-support/hub.js';

const TEMP = 'Linshi-Mima-2026!';
const LIST = `query($f: AccountsFilter, $first: Int, $after: String) { accounts(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id username displayName role disabled mustChangePassword auditReader passwordChangedAt lastSignInAt lockedUntil
          scopes { id organizationId organizationName organizationCode startsOn endsOn current } } } }`;
const CREATE = `mutation($i: NewAccountInput!) { createAccount(input: $i) { id username role mustChangePassword
  scopes { id organizationName organizationCode startsOn endsOn current } } }`;
const DISABLE = `mutation($id: ID!, $d: Boolean!) { setAccountDisabled(id: $id, disabled: $d) { id disabled } }`;
const RESET = `mutation($id: ID!, $p: String!) { resetPassword(id: $id, temporaryPassword: $p) { id mustChangePassword } }`;
const ADD = `mutation($id: ID!, $o: ID, $s: LocalDate, $e: LocalDate) { addScope(accountId: $id, organizationId: $o, startsOn: $s, endsOn: $e) { id scopes { id organizationId startsOn endsOn current } } }`;
const END = `mutation($id: ID!, $e: LocalDate!) { endScope(scopeId: $id, endsOn: $e) { id scopes { id endsOn current } } }`;
const ROLE = `mutation($id: ID!, $r: AccountRole!, $s: [ScopeInput!]) { setAccountRole(id: $id, role: $r, scopes: $s) { id role scopes { organizationId endsOn current } } }`;
const UNLOCK = `mutation($u: String, $a: String) { unlock(username: $u, address: $a) }`;

const ext = (res: { errors?: { extensions?: Record<string, any> }[] }) => res.errors?.[0]?.extensions ?? null;
const yesterday = () => new Date(Date.now() - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

describe('account/admin', () => {
  let hub: TestHub;
  let pool: pg.Pool;
  let f: Fixture;
  let admin: SignedInClient;
  const branch = (i: number) => toGlobalId('Organization', f.branches[i].id);
  const audited = async (action: string, since: number) =>
    (await pool.query(`select actor, entity_id, before, after from audit_log where action = $1 and id > $2 order by id`, [action, since]))
      .rows;
  const head = async () => Number((await pool.query(`select coalesce(max(id), 0) as id from audit_log`)).rows[0].id);
  const idOf = async (username: string) =>
    toGlobalId('Account', (await pool.query(`select id from account where username = $1`, [username])).rows[0].id);

  beforeAll(async () => {
    hub = await startTestHub();
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    f = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 3 });
    admin = await hub.as(AccountRole.ADMIN);
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
  });

  it('should create a secretary with a scope, audited without its password, that must change it at its first sign-in', async () => {
    const since = await head();
    const res = await admin.gql(CREATE, {
      i: {
        username: 'xn.shuji',
        displayName: '心内支部书记',
        role: 'SECRETARY',
        scopes: [{ organizationId: branch(0) }],
        temporaryPassword: TEMP,
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createAccount).toMatchObject({ username: 'xn.shuji', role: 'SECRETARY', mustChangePassword: true });
    expect(res.data!.createAccount.scopes).toEqual([
      expect.objectContaining({ organizationName: f.branches[0].name, endsOn: null, current: true }),
    ]);
    const rows = await audited('account.create', since);
    expect(rows).toEqual([expect.objectContaining({ actor: 'test-admin', after: { username: 'xn.shuji', role: 'secretary' } })]);
    expect(JSON.stringify(await pool.query(`select before, after from audit_log where id > $1`, [since]))).not.toContain(TEMP);
    const signIn = await postGraphQL(
      hub.url,
      null,
      `mutation { signIn(username: "xn.shuji", password: "${TEMP}") { mustChangePassword } }`,
    );
    expect(signIn.data).toEqual({ signIn: { mustChangePassword: true } });
    const list = await admin.gql(LIST, { f: { search: 'XN.' } });
    expect(list.errors).toBeUndefined();
    expect(list.data!.accounts.totalCount).toBe(1);
    expect(list.data!.accounts.nodes[0]).toMatchObject({ username: 'xn.shuji', disabled: false, auditReader: false, lockedUntil: null });
    expect(list.data!.accounts.nodes[0].lastSignInAt).not.toBeNull();
  });

  it('should refuse bad input with the field of each problem, and create nothing', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { username: '-x', role: 'ANALYST', scopes: [{}], temporaryPassword: TEMP },
        'createAccount.input.username',
        'account/invalid_username',
      ],
      [
        { username: 'weak.one', role: 'ANALYST', scopes: [{}], temporaryPassword: 'password' },
        'createAccount.input.temporaryPassword',
        'password/common',
      ],
      [{ username: 'no.scope', role: 'SECRETARY', scopes: [], temporaryPassword: TEMP }, 'createAccount.input.scopes', 'input/required'],
      [
        { username: 'admin.scope', role: 'ADMIN', scopes: [{}], temporaryPassword: TEMP },
        'createAccount.input.scopes',
        'input/inconsistent',
      ],
      [
        { username: 'bad.org', role: 'ANALYST', scopes: [{ organizationId: 'nope' }], temporaryPassword: TEMP },
        'createAccount.input.scopes.0.organizationId',
        'id/invalid',
      ],
      [
        {
          username: 'gone.org',
          role: 'ANALYST',
          scopes: [{ organizationId: toGlobalId('Organization', 999999) }],
          temporaryPassword: TEMP,
        },
        'createAccount.input.scopes.0.organizationId',
        'id/not_found',
      ],
      [
        { username: 'early.end', role: 'ANALYST', scopes: [{ startsOn: '2026-03-01', endsOn: '2026-01-01' }], temporaryPassword: TEMP },
        'createAccount.input.scopes.0.endsOn',
        'input/inconsistent',
      ],
      [{ username: 'XN.Shuji', role: 'ANALYST', scopes: [{}], temporaryPassword: TEMP }, 'createAccount.input.username', 'account/exists'],
    ];
    for (const [input, field, reason] of cases) {
      const res = await admin.gql(CREATE, { i: input });
      const problems = (ext(res)?.problems ?? []) as { field: string; reason: string }[];
      expect(ext(res)?.code, field).toBe('BAD_USER_INPUT');
      expect(
        problems.map((p) => [p.field, p.reason]),
        JSON.stringify(input),
      ).toContainEqual([field, reason]);
      expect(res.errors![0].message).toMatch(/ \/ /); // both languages
    }
    const { rows } = await pool.query(
      `select username from account where username in ('weak.one', 'no.scope', 'admin.scope', 'bad.org', 'gone.org', 'early.end')`,
    );
    expect(rows).toEqual([]);
    for (const [query, variables, field] of [
      [DISABLE, { id: 'x', d: true }, 'setAccountDisabled.id'],
      [DISABLE, { id: toGlobalId('Account', 999999), d: true }, 'setAccountDisabled.id'],
      [RESET, { id: await idOf('xn.shuji'), p: 'xn.shuji-1A' }, 'resetPassword.temporaryPassword'],
      [ADD, { id: await idOf('test-admin'), o: null }, 'addScope.accountId'],
      [ADD, { id: await idOf('xn.shuji'), o: toGlobalId('Member', 1) }, 'addScope.organizationId'],
      [END, { id: toGlobalId('AccountScope', 999999), e: '2026-01-01' }, 'endScope.scopeId'],
      [UNLOCK, {}, 'unlock.username'],
      [UNLOCK, { a: 'not-an-address' }, 'unlock.address'],
      [LIST, { first: 0 }, 'accounts.first'],
      [LIST, { f: { search: 'a\u0000b' } }, 'accounts.filter.search'],
      [UNLOCK, { u: 'a\u0000b' }, 'unlock.username'],
      [
        CREATE,
        { i: { username: 'nul.name', displayName: '王\u0000', role: 'ANALYST', scopes: [{}], temporaryPassword: TEMP } },
        'createAccount.input.displayName',
      ],
      [LIST, { after: 'garbage' }, 'accounts.after'],
    ] as const) {
      const res = await admin.gql(query, variables);
      expect(ext(res)?.field, JSON.stringify(variables)).toBe(field);
      expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(ext(res)?.code);
    }
  });

  it('should refuse every admin operation to the four other callers, auditing the signed-in ones', async () => {
    const since = await head();
    const target = await idOf('xn.shuji');
    const ops: [string, Record<string, unknown>][] = [
      [LIST, {}],
      [CREATE, { i: { username: 'sneaky', role: 'ANALYST', scopes: [{}], temporaryPassword: TEMP } }],
      [DISABLE, { id: target, d: true }],
      [RESET, { id: target, p: TEMP }],
      [ADD, { id: target, o: null }],
      [END, { id: toGlobalId('AccountScope', 1), e: '2026-01-01' }],
      [UNLOCK, { u: 'someone' }],
      [ROLE, { id: target, r: 'COMMITTEE', s: null }],
    ];
    const callers = [
      ...(await Promise.all([AccountRole.COMMITTEE, AccountRole.SECRETARY, AccountRole.ANALYST].map((r) => hub.as(r)))).map(
        (c) => c.cookie,
      ),
      null,
    ];
    for (const cookie of callers)
      for (const [query, variables] of ops) {
        const res = await postGraphQL(hub.url, cookie, query, variables);
        expect(res.data ?? null, query).toBeNull();
        expect(ext(res)?.reason, `${cookie} ${query}`).toBe(cookie ? 'auth/forbidden' : 'auth/required');
      }
    const { rows } = await pool.query(`select count(*)::int as n from audit_log where id > $1 and action like 'access.%_refused'`, [since]);
    expect(rows[0].n).toBe(3 * ops.length);
    expect((await pool.query(`select 1 from account where username = 'sneaky'`)).rowCount).toBe(0);
    // And the admin still reaches no Party data.
    expect(ext(await admin.gql('{ members { totalCount } }'))?.reason).toBe('auth/forbidden');
    expect(ext(await admin.gql('{ accounts { nodes { scopes { organizationName } } } organizations { nodes { name } } }'))).toBeNull();
  });

  it('should end a disabled account’s open session on a second instance within a second, and enable it again', async () => {
    const other = await createHttp({ orm: hub.orm, dashboardDir: null, log: () => undefined });
    await new Promise<void>((resolve) => other.server.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.server.address() as AddressInfo).port}`;
    try {
      const cookie = await signedIn(hub.url, hub.db.url, 'to.disable', AccountRole.ANALYST);
      expect((await postGraphQL(otherUrl, cookie, '{ me { username } }')).data).toEqual({ me: { username: 'to.disable' } });
      const since = await head();
      const id = await idOf('to.disable');
      const started = Date.now();
      expect((await admin.gql(DISABLE, { id, d: true })).data).toEqual({ setAccountDisabled: { id, disabled: true } });
      let me: unknown = {};
      while (me !== null && Date.now() - started < 1000) me = (await postGraphQL(otherUrl, cookie, '{ me { username } }')).data!.me;
      expect(me).toBeNull();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(await audited('account.disable', since)).toEqual([
        expect.objectContaining({
          actor: 'test-admin',
          before: { disabled: false },
          after: expect.objectContaining({ disabled: true, sessionsEnded: 1 }),
        }),
      ]);
      const signIn = `mutation { signIn(username: "to.disable", password: "${TEST_PASSWORD}") { username } }`;
      expect(ext(await postGraphQL(otherUrl, null, signIn))?.reason).toBe('auth/failed');
      expect((await admin.gql(DISABLE, { id, d: false })).data!.setAccountDisabled.disabled).toBe(false);
      expect((await postGraphQL(otherUrl, null, signIn)).data).toEqual({ signIn: { username: 'to.disable' } });
    } finally {
      await other.stop();
    }
  });

  it('should change a role: scopes replaced or kept as the role needs, every session and token ended on a second instance within a second, audited', async () => {
    const other = await createHttp({ orm: hub.orm, dashboardDir: null, log: () => undefined });
    await new Promise<void>((resolve) => other.server.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.server.address() as AddressInfo).port}`;
    try {
      const cookie = await signedIn(hub.url, hub.db.url, 'promoted', AccountRole.ANALYST, [f.branches[0].id]);
      const made = await postGraphQL(hub.url, cookie, 'mutation { createApiToken(input: { name: "script", days: 7 }) { secret } }');
      const viaToken = async () => {
        const res = await fetch(`${otherUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${made.data!.createApiToken.secret}` },
          body: JSON.stringify({ query: '{ me { username } }' }),
        });
        return (((await res.json()) as { data?: { me: unknown } }).data?.me ?? null) as unknown;
      };
      expect((await postGraphQL(otherUrl, cookie, '{ me { username } }')).data).toEqual({ me: { username: 'promoted' } });
      expect(await viaToken()).toEqual({ username: 'promoted' });
      const id = await idOf('promoted');
      const since = await head();
      // Bad input first: an admin has no scope, a secretary needs one, the same role is no change; nothing changes.
      expect(ext(await admin.gql(ROLE, { id, r: 'ADMIN', s: [{ organizationId: branch(0) }] }))).toMatchObject({
        field: 'setAccountRole.scopes',
      });
      expect(ext(await admin.gql(ROLE, { id, r: 'ANALYST', s: null }))).toMatchObject({ field: 'setAccountRole.role' });
      expect(ext(await admin.gql(ROLE, { id, r: 'SECRETARY', s: [] }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'setAccountRole.scopes',
      });
      expect((await postGraphQL(otherUrl, cookie, '{ me { role } }')).data).toEqual({ me: { role: 'ANALYST' } });
      const started = Date.now();
      const changed = await admin.gql(ROLE, { id, r: 'SECRETARY', s: [{ organizationId: branch(1) }] });
      expect(changed.errors).toBeUndefined();
      expect(changed.data!.setAccountRole).toMatchObject({ id, role: 'SECRETARY' });
      expect(changed.data!.setAccountRole.scopes.filter((s: { current: boolean }) => s.current)).toEqual([
        { organizationId: branch(1), endsOn: null, current: true },
      ]);
      let me: unknown = {};
      while (me !== null && Date.now() - started < 1000) me = (await postGraphQL(otherUrl, cookie, '{ me { username } }')).data!.me;
      expect(me).toBeNull();
      await expect.poll(viaToken, { timeout: 1000 - (Date.now() - started), interval: 50 }).toBeNull();
      const rows = await audited('account.role_change', since);
      expect(rows).toEqual([
        expect.objectContaining({
          actor: 'test-admin',
          before: expect.objectContaining({ role: 'analyst' }),
          after: expect.objectContaining({ role: 'secretary', sessionsEnded: 1, tokensEnded: 1 }),
        }),
      ]);
      // From where and which request, as every audit row a request leaves.
      const { rows: request } = await pool.query(
        `select address, request_id from audit_log where action = 'account.role_change' and id > $1`,
        [since],
      );
      expect(request).toEqual([{ address: '127.0.0.1', request_id: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
      // Signed in again it is a secretary of its new branch; scopes kept when none are given; an admin has none.
      const again = await postGraphQL(otherUrl, null, `mutation { signIn(username: "promoted", password: "${TEST_PASSWORD}") { role } }`);
      expect(again.data).toEqual({ signIn: { role: 'SECRETARY' } });
      const kept = await admin.gql(ROLE, { id, r: 'COMMITTEE', s: null });
      expect(kept.data!.setAccountRole.scopes.filter((s: { current: boolean }) => s.current)).toEqual([
        { organizationId: branch(1), endsOn: null, current: true },
      ]);
      const toAdmin = await admin.gql(ROLE, { id, r: 'ADMIN', s: null });
      expect(toAdmin.data!.setAccountRole.scopes.filter((s: { current: boolean }) => s.current)).toEqual([]);
      expect(ext(await admin.gql(ROLE, { id, r: 'ANALYST', s: null }))).toMatchObject({
        reason: 'input/required',
        field: 'setAccountRole.scopes',
      });
      // Back to an analyst (the test below counts the admins).
      expect((await admin.gql(ROLE, { id, r: 'ANALYST', s: [{ organizationId: branch(0) }] })).data!.setAccountRole.role).toBe('ANALYST');
    } finally {
      await other.stop();
    }
  });

  it('should not let the last enabled admin be disabled (itself included), and let one go when another exists', async () => {
    const self = await idOf('test-admin');
    const res = await admin.gql(DISABLE, { id: self, d: true });
    expect(ext(res)).toMatchObject({ code: 'CONFLICT', reason: 'account/last_admin', field: 'setAccountDisabled.id' });
    expect((await pool.query(`select disabled from account where username = 'test-admin'`)).rows[0].disabled).toBe(false);
    const demoted = await admin.gql(ROLE, { id: self, r: 'ANALYST', s: [{ organizationId: null }] });
    expect(ext(demoted)).toMatchObject({ code: 'CONFLICT', reason: 'account/last_admin', field: 'setAccountRole.id' });
    expect((await pool.query(`select role from account where username = 'test-admin'`)).rows[0].role).toBe('admin');
    await signedIn(hub.url, hub.db.url, 'second.admin', AccountRole.ADMIN);
    const second = await idOf('second.admin');
    expect((await admin.gql(DISABLE, { id: second, d: true })).data!.setAccountDisabled.disabled).toBe(true);
    expect(ext(await admin.gql(DISABLE, { id: self, d: true }))?.reason).toBe('account/last_admin');
  });

  it('should reset a password: sessions end, it must change at the next sign-in, audited without the password', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'forgetful', AccountRole.ANALYST);
    const since = await head();
    const id = await idOf('forgetful');
    expect((await admin.gql(RESET, { id, p: TEMP })).data).toEqual({ resetPassword: { id, mustChangePassword: true } });
    expect((await postGraphQL(hub.url, cookie, '{ me { username } }')).data).toEqual({ me: null });
    const again = await postGraphQL(
      hub.url,
      null,
      `mutation { signIn(username: "forgetful", password: "${TEMP}") { mustChangePassword } }`,
    );
    expect(again.data).toEqual({ signIn: { mustChangePassword: true } });
    const rows = await audited('account.password_reset', since);
    expect(rows).toEqual([
      expect.objectContaining({ actor: 'test-admin', after: expect.objectContaining({ mustChangePassword: true, sessionsEnded: 1 }) }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(TEMP);
  });

  it('should add a dated scope and end it: a secretary reaches a branch only within its term, within a second', async () => {
    const secretary = await signedIn(hub.url, hub.db.url, 'term.shuji', AccountRole.SECRETARY, [f.branches[0].id]);
    const reach = async () => (await postGraphQL(hub.url, secretary, '{ me { scope } }')).data!.me.scope as string[];
    const id = await idOf('term.shuji');
    const since = await head();
    const future = await admin.gql(ADD, { id, o: branch(1), s: '2099-01-01' });
    expect(future.data!.addScope.scopes).toContainEqual(expect.objectContaining({ startsOn: '2099-01-01', current: false }));
    expect(await reach()).toEqual([branch(0)]); // a term that has not begun is not reached
    const added = await admin.gql(ADD, { id, o: branch(1) });
    const scope = added.data!.addScope.scopes.find(
      (s: { current: boolean; organizationId: string }) => s.current && s.organizationId === branch(1),
    );
    await expect.poll(reach, { timeout: 1000, interval: 50 }).toEqual([branch(0), branch(1)].toSorted());
    const ended = await admin.gql(END, { id: scope.id, e: yesterday() });
    expect(ended.data!.endScope.scopes).toContainEqual({ id: scope.id, endsOn: yesterday(), current: false });
    await expect.poll(reach, { timeout: 1000, interval: 50 }).toEqual([branch(0)]);
    expect((await audited('account.scope_add', since)).length).toBe(2);
    expect(await audited('account.scope_end', since)).toEqual([
      expect.objectContaining({
        actor: 'test-admin',
        before: expect.objectContaining({ endsOn: null }),
        after: expect.objectContaining({ endsOn: yesterday() }),
      }),
    ]);
  });

  it('should unlock a locked username or address, clearing its failures, audited', async () => {
    await signedIn(hub.url, hub.db.url, 'locked.out', AccountRole.ANALYST);
    await pool.query(`insert into sign_in_lock (scope, key, locked_until) values ('address', '10.9.9.9', now() + interval '10 minutes')`);
    await pool.query(`insert into sign_in_failure (scope, key) values ('account', 'locked.out'), ('account', 'locked.out')`);
    await pool.query(
      `insert into sign_in_lock (scope, key, locked_until) values ('account', 'locked.out', now() + interval '10 minutes') on conflict (scope, key) do update set locked_until = excluded.locked_until`,
    );
    const listed = await admin.gql(LIST, { f: { search: 'locked.out' } });
    expect(listed.data!.accounts.nodes[0].lockedUntil).not.toBeNull();
    const since = await head();
    expect((await admin.gql(UNLOCK, { u: 'Locked.Out' })).data).toEqual({ unlock: true });
    expect((await admin.gql(UNLOCK, { a: '10.9.9.9' })).data).toEqual({ unlock: true });
    expect((await admin.gql(UNLOCK, { a: '10.9.9.9' })).data).toEqual({ unlock: false });
    expect((await pool.query(`select 1 from sign_in_lock where key in ('locked.out', '10.9.9.9')`)).rowCount).toBe(0);
    expect((await pool.query(`select 1 from sign_in_failure where key = 'locked.out'`)).rowCount).toBe(0);
    const rows = await audited('auth.unlock', since);
    expect(rows[0]).toMatchObject({ actor: 'test-admin', before: expect.objectContaining({ scope: 'account', key: 'locked.out' }) });
    expect(rows).toHaveLength(3);
  });

  it('should page through accounts by username', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await admin.gql(LIST, { first: 2, after });
      seen.push(...res.data.accounts.nodes.map((n: { username: string }) => n.username));
      if (!res.data.accounts.pageInfo.hasNextPage) break;
      after = res.data.accounts.pageInfo.endCursor;
    }
    const { rows } = await pool.query(`select username from account order by lower(username), id`);
    expect(seen).toEqual(rows.map((r) => r.username));
  });
});
