/**
 * LDAP sign-in through the real hub's `signIn` mutation (HTTP, PostgreSQL) against an in-process directory
 * (ldapjs's server): search as the service account with the username escaped, bind as the user, the
 * account linked by an administrator; LDAPS with a certificate authority of the test's own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH, type AuthSettings, type LdapSettings } from '../../../config.js';
import { BASE_DN, FakeLdap, SERVICE_DN, SERVICE_PASSWORD, type FakeEntry } from '../../../test-support/fake-ldap.js';
import { postGraphQL, startTestHub, type GraphQLResponse, type TestHub } from '../../../test-support/hub.js';
import { makeAccount, PASSWORD } from '../test-support.js';
import { escapeFilterValue } from './ldap.js';

const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { username role mustChangePassword } }`;
const ME = `{ me { username role mustChangePassword } }`;
const person = (uid: string, password: string): FakeEntry => ({
  dn: `uid=${uid},ou=people,${BASE_DN}`,
  password,
  attributes: { uid, objectclass: 'person', employeeNumber: `E-${uid}` },
});
const ENTRIES = [
  person('zhangwei', 'Dir-Pass-zw'),
  person('lina', 'Dir-Pass-ln'),
  person('wangfang', 'Dir-Pass-wf'),
  person('offduty', 'Dir-Pass-od'),
];
const ldapSettings = (url: string, more: Partial<LdapSettings> = {}): LdapSettings => ({
  url,
  startTls: false,
  bindDn: SERVICE_DN,
  bindPassword: SERVICE_PASSWORD,
  baseDn: BASE_DN,
  userFilter: '(uid={username})',
  timeoutMs: 2_000,
  ...more,
});
// These tests fail many sign-ins from 127.0.0.1 on purpose: a lockout out of their way.
const withLdap = (ldap: LdapSettings): AuthSettings => ({
  ...DEFAULT_AUTH,
  lockout: { failures: 100, windowMs: 60_000, lockMs: 60_000 },
  sso: { ldap },
});

async function signIn(url: string, u: string, p: string): Promise<GraphQLResponse & { cookie?: string }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: SIGN_IN, variables: { u, p } }),
  });
  const cookie = /hub_session=[A-Za-z0-9_-]{43}/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  return { ...((await res.json()) as GraphQLResponse), ...(cookie ? { cookie } : {}) };
}

describe('account/sso/ldap', () => {
  let directory: FakeLdap;
  let hub: TestHub;
  let pool: pg.Pool;

  const link = async (username: string, subject: string) => {
    const id = await makeAccount(pool, username);
    await pool.query(`insert into account_identity (provider, subject, account_id) values ('ldap', $1, $2)`, [subject, id]);
    return id;
  };

  beforeAll(async () => {
    directory = await FakeLdap.start(ENTRIES);
    hub = await startTestHub({ auth: withLdap(ldapSettings(directory.url)) });
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    await link('Zhang.Wei', `UID=ZhangWei,OU=People,${BASE_DN.toUpperCase()}`); // DNs compare without case
    await link('lina', ENTRIES[1].dn);
    const off = await link('Off.Duty', ENTRIES[3].dn);
    await pool.query(`update account set disabled = true where id = $1`, [off]);
    await makeAccount(pool, 'local.only');
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
    await directory.close();
  });

  it('should escape *, (, ), \\ and NUL in a filter value (RFC 4515), and nothing else', () => {
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b\0c')).toBe('a\\5cb\\00c');
    expect(escapeFilterValue('张伟.zhang-wei@hospital')).toBe('张伟.zhang-wei@hospital');
  });

  it('should sign a directory user in to the account linked to its DN: a cookie good for `me`, no local password to change', async () => {
    const answer = await signIn(hub.url, 'zhangwei', 'Dir-Pass-zw');
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ signIn: { username: 'Zhang.Wei', role: 'ANALYST', mustChangePassword: false } });
    expect(await postGraphQL(hub.url, answer.cookie!, ME)).toEqual({
      data: { me: { username: 'Zhang.Wei', role: 'ANALYST', mustChangePassword: false } },
    });
    expect(directory.filters.at(-1)).toBe('(uid=zhangwei)');
    expect(directory.binds.slice(-2)).toEqual([
      { dn: SERVICE_DN, empty: false },
      { dn: ENTRIES[0].dn, empty: false },
    ]);
    const { rows } = await pool.query(`select after from audit_log where action = 'auth.sign_in' and actor = 'Zhang.Wei'`);
    expect(rows).toEqual([{ after: { address: '127.0.0.1', provider: 'ldap' } }]);
  });

  it('should check an account linked to LDAP against the directory only, and an unlinked account against its local password only', async () => {
    expect((await signIn(hub.url, 'lina', 'Dir-Pass-ln')).data).toMatchObject({ signIn: { username: 'lina' } });
    expect((await signIn(hub.url, 'lina', PASSWORD)).errors![0].extensions).toMatchObject({ reason: 'auth/failed' });
    const searches = directory.filters.length;
    expect((await signIn(hub.url, 'local.only', PASSWORD)).data).toMatchObject({ signIn: { username: 'local.only' } });
    expect(directory.filters).toHaveLength(searches);
  });

  it('should answer a wrong password and an unknown user alike: auth/failed, coded, in both languages, no cookie', async () => {
    const wrong = await signIn(hub.url, 'zhangwei', 'Dir-Pass-nope');
    const unknown = await signIn(hub.url, 'nobody.here', 'Dir-Pass-zw');
    for (const answer of [wrong, unknown]) {
      expect(answer.data).toBeNull();
      expect(answer.cookie).toBeUndefined();
    }
    expect(wrong.errors).toEqual(unknown.errors);
    expect(wrong.errors![0]).toMatchObject({
      message: '用户名或密码不正确 / wrong username or password',
      extensions: { code: 'UNAUTHENTICATED', reason: 'auth/failed' },
    });
  });

  it('should not let a username inject a filter: `*)(uid=*` and `zhang*` match nobody, even with a right password', async () => {
    for (const u of ['*)(uid=*', 'zhang*', '*', 'zhangwei)(objectclass=*']) {
      const answer = await signIn(hub.url, u, 'Dir-Pass-zw');
      expect(answer.errors![0].extensions, u).toMatchObject({ reason: 'auth/failed' });
      expect(answer.cookie).toBeUndefined();
    }
    expect(directory.filters.slice(-4)).toEqual([
      '(uid=\\2a\\29\\28uid=\\2a)',
      '(uid=zhang\\2a)',
      '(uid=\\2a)',
      '(uid=zhangwei\\29\\28objectclass=\\2a)',
    ]);
  });

  it('should refuse an empty password before any bind as the user (an unauthenticated bind would succeed)', async () => {
    const binds = directory.binds.length;
    expect((await signIn(hub.url, 'zhangwei', '')).errors![0].extensions).toMatchObject({ reason: 'auth/failed' });
    expect(directory.binds).toHaveLength(binds);
  });

  it('should refuse a right password of an entry nobody linked (auth/not_linked), and of a disabled account (auth/failed)', async () => {
    const unlinked = await signIn(hub.url, 'wangfang', 'Dir-Pass-wf');
    expect(unlinked.errors![0]).toMatchObject({
      message: expect.stringMatching(/请联系管理员关联 \/ .*ask your administrator to link it/),
      extensions: { code: 'UNAUTHENTICATED', reason: 'auth/not_linked' },
    });
    expect((await signIn(hub.url, 'offduty', 'Dir-Pass-od')).errors![0].extensions).toMatchObject({ reason: 'auth/failed' });
  });

  it('should answer a directory that cannot be reached with sso/unavailable (coded, never a 500), and count no failure', async () => {
    const gone = await FakeLdap.start([]);
    await gone.close();
    const other = await startTestHub({ auth: withLdap(ldapSettings(gone.url)) });
    try {
      const answer = await signIn(other.url, 'zhangwei', 'Dir-Pass-zw');
      expect(answer.errors![0]).toMatchObject({
        message: expect.stringMatching(/目录服务（LDAP）暂时无法连接/),
        extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'sso/unavailable' },
      });
      const c = new pg.Client({ connectionString: other.db.url });
      await c.connect();
      expect((await c.query(`select count(*)::int as n from sign_in_failure`)).rows[0].n).toBe(0);
      await c.end();
    } finally {
      await other.close();
    }
  });

  it('should bind over LDAPS to a directory whose certificate HUB_LDAP_CA_FILE trusts, and to none it does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-ldaps-'));
    const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const secure = await FakeLdap.start(ENTRIES, { certificate: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') });
    const trusting = await startTestHub({ auth: withLdap(ldapSettings(secure.url, { caFile: cert, subjectAttribute: 'employeeNumber' })) });
    const untrusting = await startTestHub({ auth: withLdap(ldapSettings(secure.url)) });
    try {
      expect(secure.url).toMatch(/^ldaps:/);
      const p = new pg.Client({ connectionString: trusting.db.url });
      await p.connect();
      const { rows } = await p.query(
        `insert into account (username, display_name, role, password_hash) values ('li.na', 'li.na', 'analyst', 'x') returning id`,
      );
      await p.query(`insert into account_identity (provider, subject, account_id) values ('ldap', 'E-lina', $1)`, [rows[0].id]);
      await p.end();
      expect((await signIn(trusting.url, 'lina', 'Dir-Pass-ln')).data).toEqual({
        signIn: { username: 'li.na', role: 'ANALYST', mustChangePassword: false },
      });
      expect((await signIn(untrusting.url, 'lina', 'Dir-Pass-ln')).errors![0].extensions).toMatchObject({ reason: 'sso/unavailable' });
    } finally {
      await trusting.close();
      await untrusting.close();
      await secure.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
