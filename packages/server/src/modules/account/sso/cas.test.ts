/**
 * CAS 3.0 sign-in through the real hub (HTTP, PostgreSQL) against an in-process CAS server: one-time
 * service tickets validated on the back channel, the user linked by an administrator, attributes ignored.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH } from '../../../config.js';
import { Browser } from '../../../test-support/browser.js';
import { FakeCas } from '../../../test-support/fake-cas.js';
import { postGraphQL, startTestHub, type TestHub } from '../../../test-support/hub.js';
import { makeAccount } from '../test-support.js';
import { parseValidation } from './cas.js';
import { landingPath } from './flows.js';

const ME = `{ me { username role mustChangePassword } }`;

describe('account/sso/cas', () => {
  let cas: FakeCas;
  let hub: TestHub;
  let pool: pg.Pool;
  let start: string;

  const link = async (username: string, subject: string) => {
    const id = await makeAccount(pool, username);
    await pool.query(`insert into account_identity (provider, subject, account_id) values ('cas', $1, $2)`, [subject, id]);
    return id;
  };

  beforeAll(async () => {
    cas = await FakeCas.start();
    hub = await startTestHub({ auth: { ...DEFAULT_AUTH, sso: { cas: { url: cas.url } } } });
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    start = `${hub.url}/auth/cas/start`;
    await link('Zhang.Wei', 'zhangwei');
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
    await cas.close();
  });

  it('should sign a linked CAS user in to its account (a cookie good for `me`), whatever role the attributes claim', async () => {
    cas.user = 'zhangwei';
    const browser = new Browser();
    const hops: string[] = [];
    expect(await browser.signIn(start, hub.url, hops)).toBe('/');
    const login = new URL(hops[1]);
    expect(`${login.origin}${login.pathname}`).toBe(`${cas.url}/login`);
    expect(login.searchParams.get('service')).toMatch(new RegExp(`^${hub.url}/auth/cas/callback\\?state=[A-Za-z0-9_-]{43}$`));
    expect(cas.validations.at(-1)!.get('service')).toBe(login.searchParams.get('service'));
    const me = await postGraphQL(hub.url, browser.session(hub.url)!, ME);
    expect(me).toEqual({ data: { me: { username: 'Zhang.Wei', role: 'ANALYST', mustChangePassword: false } } });
    const { rows } = await pool.query(`select after from audit_log where action = 'auth.sign_in' and actor = 'Zhang.Wei'`);
    expect(rows).toEqual([{ after: { address: '127.0.0.1', provider: 'cas' } }]);
  });

  it('should land on the dashboard path the start named (`?next=`), a path of the hub only', async () => {
    cas.user = 'zhangwei';
    expect(await new Browser().signIn(`${start}?next=${encodeURIComponent('/branches?org=T3Jn#x')}`, hub.url)).toBe('/branches?org=T3Jn');
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', '/a\tb'])
      expect(await new Browser().signIn(`${start}?next=${encodeURIComponent(next)}`, hub.url), next).toBe('/');
  });

  it('should take as a landing path only a path of this hub', () => {
    expect(landingPath('/honors?period=2026-Q4')).toBe('/honors?period=2026-Q4');
    for (const v of [
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      'https://evil.example',
      '/x\n',
      `/${'a'.repeat(500)}`,
      ['/a'],
      undefined,
    ])
      expect(landingPath(v)).toBeNull();
  });

  it('should refuse a user nobody linked (auth/not_linked) and a disabled account (auth/failed)', async () => {
    cas.user = 'wangfang';
    expect(await new Browser().signIn(start, hub.url)).toBe('/signin?error=auth%2Fnot_linked');
    const id = await link('Off.Duty', 'offduty');
    await pool.query(`update account set disabled = true where id = $1`, [id]);
    cas.user = 'offduty';
    expect(await new Browser().signIn(start, hub.url)).toBe('/signin?error=auth%2Ffailed');
    const { rows } = await pool.query(
      `select actor, after->>'reason' as reason from audit_log where action = 'auth.sign_in_failed' order by id`,
    );
    expect(rows).toEqual([
      { actor: 'cas:wangfang', reason: 'auth/not_linked' },
      { actor: 'cas:offduty', reason: 'auth/failed' },
    ]);
  });

  it('should refuse a ticket used twice, a made-up ticket, a missing one, and a callback of no flow of this browser', async () => {
    cas.user = 'zhangwei';
    const browser = new Browser();
    const started = await browser.get(start);
    const callback = (await browser.get(started.headers.get('location')!)).headers.get('location')!;
    const ticket = new URL(callback).searchParams.get('ticket')!;
    expect(await new Browser().get(callback).then((r) => r.headers.get('location'))).toBe('/signin?error=sso%2Finvalid_state');
    expect((await browser.get(callback)).headers.get('location')).toBe('/');
    // The same ticket under a new flow: CAS has spent it.
    const state = () =>
      browser.get(start).then((r) => new URL(new URL(r.headers.get('location')!).searchParams.get('service')!).searchParams.get('state')!);
    const at = (s: string, t?: string) =>
      `${hub.url}/auth/cas/callback?state=${s}${t === undefined ? '' : `&ticket=${encodeURIComponent(t)}`}`;
    expect((await browser.get(at(await state(), ticket))).headers.get('location')).toBe('/signin?error=sso%2Frejected');
    expect((await browser.get(at(await state(), 'ST-made-up'))).headers.get('location')).toBe('/signin?error=sso%2Frejected');
    const validations = cas.validations.length;
    expect((await browser.get(at(await state(), '<x>'))).headers.get('location')).toBe('/signin?error=sso%2Frejected');
    expect((await browser.get(at(await state()))).headers.get('location')).toBe('/signin?error=sso%2Frejected');
    expect(cas.validations).toHaveLength(validations); // a malformed or missing ticket never reaches CAS
  });

  it('should refuse hostile or malformed answers: a DTD, no user, broken XML', async () => {
    const browser = new Browser();
    for (const answer of [
      `<!DOCTYPE x [<!ENTITY a "zhangwei">]><cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>&a;</cas:user></cas:authenticationSuccess></cas:serviceResponse>`,
      `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user></cas:user></cas:authenticationSuccess></cas:serviceResponse>`,
      `<cas:serviceResponse><cas:authenticationSuccess><cas:user>zhangwei`,
    ]) {
      cas.answer = answer;
      expect(await browser.signIn(start, hub.url)).toBe('/signin?error=sso%2Frejected');
    }
    cas.answer = null;
    expect(browser.session(hub.url)).toBeUndefined();
  });

  it('should read the user of a CAS 3.0 success (entities decoded, attributes ignored) and nothing of a failure', () => {
    const ns = `xmlns:cas="http://www.yale.edu/tp/cas"`;
    expect(
      parseValidation(
        `<?xml version="1.0"?><cas:serviceResponse ${ns}>\n  <cas:authenticationSuccess>\n    <cas:user> li&amp;na </cas:user>\n    <cas:attributes><cas:user>admin</cas:user></cas:attributes>\n  </cas:authenticationSuccess>\n</cas:serviceResponse>`,
      ),
    ).toBe('li&na');
    expect(() =>
      parseValidation(
        `<cas:serviceResponse ${ns}><cas:authenticationFailure code="INVALID_TICKET">no</cas:authenticationFailure></cas:serviceResponse>`,
      ),
    ).toThrow(/CAS refused the ticket/);
  });
});
