/**
 * Sign-in through the real HTTP server (Express, Apollo, the context): the cookie a browser would keep, `me`,
 * sign-out, a password change, and who the audit log names.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../graphql/global-id.js';
import { buildFixture } from '../../test-support/fixtures.js';
import { startTestHub, type GraphQLResponse, type TestHub } from '../../test-support/hub.js';
import { AccountRole } from '../../domain/enums.js';
import { makeAccount, PASSWORD } from './test-support.js';

const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { username role mustChangePassword sessionExpiresAt } }`;
const ME = `{ me { username displayName role mustChangePassword passwordExpiresAt } }`;
const SIGN_OUT = `mutation { signOut }`;
const CHANGE = `mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) { mustChangePassword passwordExpiresAt } }`;
const TARGET = `mutation($o: ID!) { setIndicatorTarget(orgId: $o, indicatorId: "org_life_attendance_rate", effectiveFrom: "2026-01-01", target: 90) { rows } }`;

interface Answer extends GraphQLResponse {
  setCookie: string | null;
  /** The session token the answer set, or '' when it cleared the cookie. */
  token: string | undefined;
  /** The answer's `x-request-id` header. */
  requestId: string | null;
}

describe('account/http', () => {
  let hub: TestHub;
  let pool: pg.Pool;
  let committee: string;

  /** POSTs an operation as a browser would, with a session cookie when given. */
  async function post(
    query: string,
    variables: Record<string, unknown> = {},
    cookie?: string,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(cookie !== undefined ? { cookie: `theme=dark; hub_session=${cookie}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = res.headers.get('set-cookie');
    return {
      ...((await res.json()) as GraphQLResponse),
      setCookie,
      token: setCookie ? /hub_session=([^;]*)/.exec(setCookie)?.[1] : undefined,
      requestId: res.headers.get('x-request-id'),
    };
  }

  const signIn = async (u = 'li.hua', p = PASSWORD) => {
    const answer = await post(SIGN_IN, { u, p });
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    return answer.token!;
  };

  beforeAll(async () => {
    hub = await startTestHub(); // default lockout: these tests fail 4 sign-ins from 127.0.0.1, one short of its lock
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    const f = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 1, membersPerBranch: 1 });
    committee = toGlobalId('Organization', f.committee.id);
    await makeAccount(pool, 'Li.Hua');
    await makeAccount(pool, 'old.timer');
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
  });

  it('should answer `me` with null and set no cookie when the request has no session', async () => {
    const answer = await post(ME);
    expect(answer).toMatchObject({ data: { me: null }, setCookie: null });
  });

  it('should sign in with any case of the username and set an opaque HttpOnly SameSite=Strict cookie', async () => {
    const answer = await post(SIGN_IN, { u: 'LI.HUA', p: PASSWORD });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.signIn).toMatchObject({ username: 'Li.Hua', role: 'ANALYST', mustChangePassword: true });
    expect(answer.setCookie).toMatch(/^hub_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/); // plain HTTP: no Secure
    const me = await post(ME, {}, answer.token);
    expect(me.data!.me).toMatchObject({ username: 'Li.Hua', displayName: 'Li.Hua', role: 'ANALYST', mustChangePassword: true });
    expect(me.setCookie).toBeNull();
  });

  it('should answer a wrong password and an unknown user alike, coded and in both languages, with no cookie', async () => {
    for (const [u, p] of [
      ['li.hua', 'Wrong-guess-1'],
      ['nobody', PASSWORD],
    ]) {
      const answer = await post(SIGN_IN, { u, p });
      expect(answer.data).toBeNull();
      expect(answer.errors![0]).toMatchObject({
        message: '用户名或密码不正确 / wrong username or password',
        extensions: { code: 'UNAUTHENTICATED', reason: 'auth/failed' },
      });
      expect(answer.setCookie).toBeNull();
    }
  });

  it('should refuse a megabyte password before hashing it, naming the field', async () => {
    const started = performance.now();
    const answer = await post(SIGN_IN, { u: 'li.hua', p: 'x'.repeat(1 << 20) });
    expect(answer.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'password/too_long', field: 'password' });
    expect(answer.errors![0].message).toMatch(/密码不能超过 256 个字符 \/ a password may have at most 256 characters/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('should sign out: the session ends, its cookie is cleared, and the old cookie opens nothing', async () => {
    const token = await signIn();
    const out = await post(SIGN_OUT, {}, token);
    expect(out.data).toEqual({ signOut: true });
    expect(out.setCookie).toMatch(/^hub_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict$/);
    const me = await post(ME, {}, token);
    expect(me.data).toEqual({ me: null });
    expect(me.token).toBe(''); // a cookie naming no live session is cleared
    expect((await post(SIGN_OUT)).data).toEqual({ signOut: false });
  });

  it('should open nothing with a tampered cookie, and give a new session id at each sign-in, ending the request’s old one', async () => {
    const token = await signIn();
    const tampered = `${token.slice(0, 42)}${token[42] === 'A' ? 'B' : 'A'}`;
    expect(await post(ME, {}, tampered)).toMatchObject({ data: { me: null }, token: '' });
    const again = await post(SIGN_IN, { u: 'li.hua', p: PASSWORD }, token);
    expect(again.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(again.token).not.toBe(token);
    expect((await post(ME, {}, token)).data).toEqual({ me: null });
    expect((await post(ME, {}, again.token)).data!.me).toMatchObject({ username: 'Li.Hua' });
  });

  it('should name the signed-in account in the audit log, whatever an x-hub-actor header says, and write nothing without a session', async () => {
    const id = await makeAccount(pool, 'Wang.Fang', AccountRole.COMMITTEE);
    await pool.query(`update account set must_change_password = false where id = $1`, [id]);
    await pool.query(`insert into account_scope (account_id, organization_id) values ($1, null)`, [id]);
    const token = await signIn('wang.fang');
    const written = await post(TARGET, { o: committee }, token, { 'x-hub-actor': 'forged', 'x-request-id': 'forged-id' });
    expect(written.errors).toBeUndefined();
    const anonymous = await post(TARGET, { o: committee }, undefined, { 'x-hub-actor': 'clerk' });
    expect(anonymous.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'auth/required' });
    const { rows } = await pool.query(
      `select actor, address, request_id from audit_log where action like 'indicator%' or entity = 'indicator_target' order by id`,
    );
    // Who (the session's account), from where and which request (the answer's own x-request-id, not the client's).
    expect(written.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(rows).toEqual([{ actor: 'Wang.Fang', address: '127.0.0.1', request_id: written.requestId }]);
  });

  it('should change the password: the policy first, the old one checked, other sessions ended, must-change cleared', async () => {
    const [mine, other] = [await signIn(), await signIn()];
    const weak = await post(CHANGE, { o: PASSWORD, n: 'password1' }, mine);
    expect(weak.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'changePassword.newPassword' });
    expect(weak.errors![0].extensions!.problems.map((p: { reason: string }) => p.reason)).toEqual([
      'password/too_simple',
      'password/common',
    ]);
    const wrongOld = await post(CHANGE, { o: 'Wrong-guess-1', n: 'Neue-Parole-2027' }, mine);
    expect(wrongOld.errors![0].extensions).toMatchObject({ reason: 'auth/failed', field: 'changePassword.oldPassword' });
    const same = await post(CHANGE, { o: PASSWORD, n: PASSWORD }, mine);
    expect(same.errors![0].extensions).toMatchObject({ reason: 'password/reused' });
    const changed = await post(CHANGE, { o: PASSWORD, n: 'Neue-Parole-2027' }, mine);
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.changePassword.mustChangePassword).toBe(false);
    expect(Date.parse(changed.data!.changePassword.passwordExpiresAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    expect((await post(ME, {}, mine)).data!.me).toMatchObject({ mustChangePassword: false });
    expect((await post(ME, {}, other)).data).toEqual({ me: null });
    expect((await post(SIGN_IN, { u: 'li.hua', p: PASSWORD })).errors![0].extensions!.reason).toBe('auth/failed');
    expect((await post(CHANGE, { o: 'x', n: 'Neue-Parole-2028' })).errors![0].extensions!.reason).toBe('auth/required');
  });

  it('should ask for a new password once the old one is older than HUB_PASSWORD_MAX_DAYS (90 by default)', async () => {
    await pool.query(
      `update account set must_change_password = false, password_set_at = now() - interval '89 days' where username = 'old.timer'`,
    );
    expect((await post(SIGN_IN, { u: 'old.timer', p: PASSWORD })).data!.signIn.mustChangePassword).toBe(false);
    await pool.query(`update account set password_set_at = now() - interval '91 days' where username = 'old.timer'`);
    const token = await signIn('old.timer');
    expect((await post(ME, {}, token)).data!.me).toMatchObject({ mustChangePassword: true });
  });
});
