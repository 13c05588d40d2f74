/**
 * HUB_TRUSTED_PROXIES through the real HTTP server: without it a forged X-Forwarded-For changes nothing
 * (the lockout counts the TCP peer, the audit log names it, X-Forwarded-Proto sets no Secure cookie); with
 * the proxy trusted, the lockout counts and the audit log names the client the proxy names, a client's
 * own additions to the header dodge nothing, and "this machine only" pages refuse a client behind the proxy.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWith, startTestHub, TEST_PASSWORD, type TestHub } from '../../test-support/hub.js';

const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { username } }`;

describe('account/trusted proxies', () => {
  let direct: TestHub;
  let proxied: TestHub;
  let pools: pg.Pool[];
  const audit = async (hub: TestHub, action: string) => {
    const pool = new pg.Pool({ connectionString: hub.db.url, max: 1 });
    pools.push(pool);
    return (await pool.query(`select after->>'address' as address from audit_log where action = $1 order by id`, [action])).rows.map(
      (r) => r.address,
    );
  };
  const guess = (hub: TestHub, n: number, headers: Record<string, string>) =>
    postWith(hub.url, headers, SIGN_IN, { u: `nobody-${n}`, p: 'Wrong-guess-1' });

  beforeAll(async () => {
    pools = [];
    [direct, proxied] = await Promise.all([startTestHub(), startTestHub({ trustedProxies: ['127.0.0.1'] })]);
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await Promise.all([direct.close(), proxied.close()]);
  });

  it('should set the Secure cookie when a trusted proxy says https, and not otherwise', async () => {
    const signIn = (hub: TestHub, headers: Record<string, string>) =>
      fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: SIGN_IN, variables: { u: 'test-committee', p: TEST_PASSWORD } }),
      }).then((r) => r.headers.get('set-cookie') ?? '');
    expect(await signIn(proxied, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.20' })).toMatch(/; Secure$/);
    expect(await signIn(proxied, { 'x-forwarded-proto': 'http', 'x-forwarded-for': '203.0.113.20' })).toMatch(
      /^hub_session=[^;]+;[^]*SameSite=Strict$/,
    );
    expect(await signIn(direct, { 'x-forwarded-proto': 'https' })).toMatch(/^hub_session=[^;]+;[^]*SameSite=Strict$/);
    expect((await audit(proxied, 'auth.sign_in')).at(-1)).toBe('203.0.113.20');
  });

  it('should lock the TCP peer however X-Forwarded-For is forged when no proxy is trusted, and ignore X-Forwarded-Proto', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await guess(direct, i, { 'x-forwarded-for': `198.51.100.${i}` });
      expect(res.errors![0].extensions!.reason).toBe('auth/failed');
    }
    const locked = await guess(direct, 9, { 'x-forwarded-for': '198.51.100.200' });
    expect(locked.errors![0].extensions!.reason).toBe('auth/locked');
    expect(new Set(await audit(direct, 'auth.sign_in_failed'))).toEqual(new Set(['127.0.0.1']));
  });

  it('should count and name the client a trusted proxy names, whatever that client added to the header itself', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await guess(proxied, i, { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` });
      expect(res.errors![0].extensions!.reason).toBe('auth/failed');
    }
    // The same client, with yet another forged hop, or none: locked.
    for (const xff of ['198.51.100.99, 203.0.113.7', '203.0.113.7', '127.0.0.1, 203.0.113.7'])
      expect((await guess(proxied, 7, { 'x-forwarded-for': xff })).errors![0].extensions!.reason, xff).toBe('auth/locked');
    // Another client behind the same proxy is not.
    expect((await guess(proxied, 8, { 'x-forwarded-for': '203.0.113.8' })).errors![0].extensions!.reason).toBe('auth/failed');
    const addresses = await audit(proxied, 'auth.sign_in_failed');
    expect(addresses.slice(0, 5)).toEqual(Array(5).fill('203.0.113.7'));
    expect(addresses.at(-1)).toBe('203.0.113.8');
  });

  it('should keep "this machine only" pages from a client behind the proxy, and from a forged header without one', async () => {
    expect((await fetch(`${proxied.url}/setup`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(403);
    expect((await fetch(`${proxied.url}/setup`)).status).toBe(200); // the proxy's own machine, no hop named
    expect((await fetch(`${direct.url}/setup`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(200); // the peer is loopback
  });
});
