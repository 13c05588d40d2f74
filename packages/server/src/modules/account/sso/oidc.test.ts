/**
 * OpenID Connect sign-in through the real hub (HTTP, PostgreSQL) against an in-process provider: code +
 * PKCE + state + nonce, the account linked by an administrator, the session cookie good for `me`.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH } from '../../../config.js';
import { Browser } from '../../../test-support/browser.js';
import { FakeOidc } from '../../../test-support/fake-oidc.js';
import { FLOWS_PER_ADDRESS } from './flows.js';
import { postGraphQL, startTestHub, type TestHub } from '../../../test-support/hub.js';
import { makeAccount, PASSWORD } from '../test-support.js';

const ME = `{ me { username role mustChangePassword passwordExpiresAt } }`;

describe('account/sso/oidc', () => {
  let idp: FakeOidc;
  let hub: TestHub;
  let pool: pg.Pool;
  let start: string;

  const link = async (username: string, subject: string) => {
    const id = await makeAccount(pool, username);
    await pool.query(`insert into account_identity (provider, subject, account_id) values ('oidc', $1, $2)`, [subject, id]);
    return id;
  };

  beforeAll(async () => {
    idp = await FakeOidc.start();
    hub = await startTestHub({
      auth: {
        ...DEFAULT_AUTH,
        sso: { oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, subjectClaim: 'sub' } },
      },
    });
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    start = `${hub.url}/auth/oidc/start`;
    await link('Zhang.Wei', 'alice');
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
    await idp.close();
  });

  it('should sign a linked identity in to its account: a session cookie good for `me`, the role the hub gave, no password to change', async () => {
    idp.user = { sub: 'alice', role: 'admin', groups: ['admin'] }; // claims that must not make anybody an administrator
    const browser = new Browser();
    const hops: string[] = [];
    expect(await browser.signIn(start, hub.url, hops)).toBe('/');
    const authorize = new URL(hops[1]);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${hub.url}/auth/oidc/callback`);
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await postGraphQL(hub.url, browser.session(hub.url)!, ME);
    expect(me).toEqual({ data: { me: { username: 'Zhang.Wei', role: 'ANALYST', mustChangePassword: false, passwordExpiresAt: null } } });
    expect(browser.jar.get(hub.url)?.has('hub_sso')).toBe(false); // the flow cookie is gone
    const { rows } = await pool.query(
      `select actor, after from audit_log where action = 'auth.sign_in' and entity_id = (select id from account where username = 'Zhang.Wei')`,
    );
    expect(rows).toEqual([{ actor: 'Zhang.Wei', after: { address: '127.0.0.1', provider: 'oidc' } }]);
  });

  it('should let an SSO session past the gate that holds a local password session until the password is changed', async () => {
    idp.user = { sub: 'alice' };
    const browser = new Browser();
    await browser.signIn(start, hub.url);
    const READ = '{ activities { totalCount } }';
    expect((await postGraphQL(hub.url, browser.session(hub.url)!, READ)).errors).toBeUndefined();
    // The same account signed in with its (administrator-set) local password must change it first.
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { signIn(username: "zhang.wei", password: "${PASSWORD}") { mustChangePassword } }` }),
    });
    const local = /hub_session=[A-Za-z0-9_-]{43}/.exec(res.headers.get('set-cookie') ?? '')![0];
    expect((await postGraphQL(hub.url, local, READ)).errors![0].extensions).toMatchObject({ reason: 'auth/password_change_required' });
  });

  it('should set the session cookie HttpOnly and SameSite=Strict, the flow cookie HttpOnly, SameSite=Lax and only under /auth/', async () => {
    const browser = new Browser();
    const started = await browser.get(start);
    expect(started.status).toBe(302);
    expect(started.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^hub_sso=[A-Za-z0-9_-]{43}; Path=\/auth\/; Max-Age=600; HttpOnly; SameSite=Lax$/),
    ]);
    const back = await browser.get(started.headers.get('location')!);
    const done = await browser.get(back.headers.get('location')!);
    expect(done.status).toBe(303);
    expect(done.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^hub_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/),
    );
  });

  it('should refuse an identity nobody linked with auth/not_linked, audited as a failure, and set no session', async () => {
    idp.user = { sub: 'mallory' };
    const browser = new Browser();
    expect(await browser.signIn(start, hub.url)).toBe('/signin?error=auth%2Fnot_linked');
    expect(browser.session(hub.url)).toBeUndefined();
    const { rows } = await pool.query(`select actor, after from audit_log where action = 'auth.sign_in_failed' and actor = 'oidc:mallory'`);
    expect(rows).toEqual([{ actor: 'oidc:mallory', after: { address: '127.0.0.1', provider: 'oidc', reason: 'auth/not_linked' } }]);
  });

  it('should refuse a linked but disabled account as a local sign-in is refused (auth/failed)', async () => {
    const id = await link('Off.Duty', 'bob');
    await pool.query(`update account set disabled = true where id = $1`, [id]);
    idp.user = { sub: 'bob' };
    const browser = new Browser();
    expect(await browser.signIn(start, hub.url)).toBe('/signin?error=auth%2Ffailed');
    expect(browser.session(hub.url)).toBeUndefined();
  });

  it('should refuse a callback whose state is unknown, tampered, or from another browser (sso/invalid_state)', async () => {
    idp.user = { sub: 'alice' };
    const browser = new Browser();
    const started = await browser.get(start);
    const callback = new URL((await browser.get(started.headers.get('location')!)).headers.get('location')!);
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')!.slice(0, 42)}x`);
    expect((await browser.get(tampered.href)).headers.get('location')).toBe('/signin?error=sso%2Finvalid_state');
    const stranger = new Browser(); // a callback URL sent to somebody else (login CSRF) opens nothing for them
    expect((await stranger.get(callback.href)).headers.get('location')).toBe('/signin?error=sso%2Finvalid_state');
    expect(stranger.session(hub.url)).toBeUndefined();
    expect((await browser.get(callback.href)).headers.get('location')).toBe('/'); // the flow is still the starter's
  });

  it('should refuse a replayed callback (its flow is used) and a replayed code (the provider refuses it: sso/rejected)', async () => {
    idp.user = { sub: 'alice' };
    const browser = new Browser();
    const started = await browser.get(start);
    const callback = (await browser.get(started.headers.get('location')!)).headers.get('location')!;
    expect((await browser.get(callback)).headers.get('location')).toBe('/');
    expect((await browser.get(callback)).headers.get('location')).toBe('/signin?error=sso%2Finvalid_state');
    // The same code under a new flow of the same browser: the code reaches the provider, which spent it.
    const code = new URL(callback).searchParams.get('code')!;
    const again = await browser.get(start);
    const state = new URL(again.headers.get('location')!).searchParams.get('state')!;
    const replay = `${hub.url}/auth/oidc/callback?code=${code}&state=${state}`;
    expect((await browser.get(replay)).headers.get('location')).toBe('/signin?error=sso%2Frejected');
    expect(idp.refused).toContain(code);
  });

  it('should refuse an id_token with another nonce (sso/rejected)', async () => {
    idp.user = { sub: 'alice' };
    idp.nonceOverride = 'not-the-nonce-the-hub-sent';
    const browser = new Browser();
    expect(await browser.signIn(start, hub.url)).toBe('/signin?error=sso%2Frejected');
    expect(browser.session(hub.url)).toBeUndefined();
  });

  it('should show an error of the provider as sso/provider_error, and an unreachable provider as sso/unavailable', async () => {
    idp.authorizeError = 'access_denied';
    expect(await new Browser().signIn(start, hub.url)).toBe('/signin?error=sso%2Fprovider_error');
    const gone = await FakeOidc.start();
    await gone.close();
    const other = await startTestHub({
      auth: { ...DEFAULT_AUTH, sso: { oidc: { issuer: gone.issuer, clientId: 'x', subjectClaim: 'sub' } } },
    });
    try {
      expect(await new Browser().signIn(`${other.url}/auth/oidc/start`, other.url)).toBe('/signin?error=sso%2Funavailable');
    } finally {
      await other.close();
    }
  });

  it('should count external failures per address with the lockout, as passwords are', async () => {
    const locking = await startTestHub({
      auth: {
        ...DEFAULT_AUTH,
        lockout: { failures: 2, windowMs: 60_000, lockMs: 60_000 },
        sso: { oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, subjectClaim: 'sub' } },
      },
    });
    try {
      const go = () => new Browser().signIn(`${locking.url}/auth/oidc/start`, locking.url);
      idp.user = { sub: 'eve-1' };
      expect(await go()).toBe('/signin?error=auth%2Fnot_linked');
      idp.user = { sub: 'eve-2' };
      expect(await go()).toBe('/signin?error=auth%2Fnot_linked');
      idp.user = { sub: 'eve-3' };
      expect(await go()).toBe('/signin?error=auth%2Flocked');
    } finally {
      await locking.close();
    }
  });

  it('should cap the sign-ins under way per address (sso/too_many), so a loop of starts cannot fill the table', async () => {
    const capped = await startTestHub({
      auth: { ...DEFAULT_AUTH, sso: { cas: { url: 'https://cas.hospital.local/cas' } } },
    });
    try {
      const starts = await Promise.all(
        Array.from({ length: FLOWS_PER_ADDRESS }, () => fetch(`${capped.url}/auth/cas/start`, { redirect: 'manual' })),
      );
      expect(starts.map((r) => r.status)).toEqual(Array(FLOWS_PER_ADDRESS).fill(302));
      expect(await new Browser().signIn(`${capped.url}/auth/cas/start`, capped.url)).toBe('/signin?error=sso%2Ftoo_many');
    } finally {
      await capped.close();
    }
  });

  it('should say which providers are configured, and refuse a provider that is not', async () => {
    expect(await (await fetch(`${hub.url}/auth/providers`)).json()).toEqual({ oidc: true, cas: false, ldap: false });
    expect(await new Browser().signIn(`${hub.url}/auth/cas/start`, hub.url)).toBe('/signin?error=sso%2Fnot_configured');
  });
});
