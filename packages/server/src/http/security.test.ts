/**
 * Every channel under the same rules: a foreign Host is refused on HTTP and on the WebSocket (DNS
 * rebinding), a browser's WebSocket from a foreign Origin with the session cookie is refused (graphql-ws has
 * no CSRF prevention of its own; one without a cookie must bring a token in its connection_init, or is
 * closed), and an operation over the WebSocket meets the same shape and cost limits, with the same coded,
 * bilingual errors, as over HTTP. Every answer carries the framing and referrer headers.
 */
import { createClient, type Client } from 'graphql-ws';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { toGlobalId } from '../graphql/global-id.js';
import { buildFixture } from '../test-support/fixtures.js';
import { initialised, startTestHub, type TestHub } from '../test-support/hub.js';

/** GET with a chosen Host header (fetch does not let one set it). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket with the given headers; resolves 'open' or the HTTP status it was refused with. */
function upgrade(url: string, headers: Record<string, string>): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'graphql-transport-ws', { headers });
    ws.on('open', () => (ws.close(), resolve('open')));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

/** The first result (or the errors) of one operation over graphql-ws. */
function once(client: Client, query: string, variables?: Record<string, unknown>): Promise<{ data?: unknown; errors?: any[] }> {
  return new Promise((resolve) => {
    const stop = client.subscribe(
      { query, ...(variables ? { variables } : {}) },
      {
        next: (r) => (stop(), resolve(r as never)),
        error: (e) => resolve({ errors: Array.isArray(e) ? e : [e] }),
        // Ended with nothing (no result, no error): answered as such, not waited on.
        complete: () => resolve({}),
      },
    );
  });
}

describe('http/security', () => {
  let hub: TestHub;
  let ws: string;
  let client: Client;

  beforeAll(async () => {
    hub = await startTestHub();
    await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 3 });
    ws = hub.url.replace('http', 'ws') + '/graphql';
    const cookie = hub.cookie;
    // Signed in, as the dashboard's socket is (the browser sends the session cookie on the upgrade).
    class SignedInSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie } });
      }
    }
    client = createClient({ url: ws, webSocketImpl: SignedInSocket, retryAttempts: 0, lazy: true });
  });
  afterAll(async () => {
    await client.dispose();
    await hub.close();
  });

  it('should refuse a foreign Host (421) and serve its own names', async () => {
    const foreign = await getWithHost(`${hub.url}/graphql?query=%7B__typename%7D`, 'attacker.example');
    expect(foreign.status).toBe(421);
    expect(foreign.body).toMatch(/HUB_HOSTNAMES/);
    const port = new URL(hub.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`])
      expect((await getWithHost(`${hub.url}/healthz`, host)).status, host).toBe(200);
  });

  it('should send the framing, referrer and content headers on every answer', async () => {
    for (const path of ['/healthz', '/graphiql', '/']) {
      const res = await fetch(`${hub.url}${path}`);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('should refuse a WebSocket from a foreign Origin or to a foreign Host, or without a session, and take the hub’s own', async () => {
    const { cookie } = hub;
    expect(await upgrade(ws, { origin: 'https://evil.example', cookie })).toBe(403);
    expect(await upgrade(ws, { host: 'attacker.example', cookie })).toBe(403);
    expect(await upgrade(ws, { origin: hub.url, cookie })).toBe('open');
    expect(await upgrade(ws, { cookie })).toBe('open'); // not a browser: no Origin to forge
    expect(await upgrade(ws, { origin: hub.url, cookie: `hub_session=${'A'.repeat(43)}` })).toBe(401);
    // Without any credential the upgrade goes through only to bring a token in its connection_init: none, and it is closed.
    expect(await initialised(ws, { origin: hub.url }, {})).toEqual({ code: 4401, reason: 'auth/required' });
    expect(await initialised(ws, { origin: 'https://evil.example' }, undefined)).toEqual({ code: 4401, reason: 'auth/required' });
  });

  it('should run a write from a foreign Origin on no channel', async () => {
    const mutation = `mutation($o: ID!) { setIndicatorTarget(orgId: $o, indicatorId: "branch_count", effectiveFrom: "2026-01-01", target: 5) { rows } }`;
    const org = toGlobalId('Organization', 1);
    expect(await upgrade(ws, { origin: 'https://evil.example', cookie: hub.cookie })).toBe(403);
    const viaHttp = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example', cookie: hub.cookie },
      body: JSON.stringify({ query: mutation, variables: { o: org } }),
    });
    expect(viaHttp.status).toBe(403); // a foreign Origin is refused by name, before Apollo's CSRF prevention
    expect(((await viaHttp.json()) as any).errors[0].extensions.reason).toBe('auth/cross_origin');
    const [{ n }] = await hub.orm.em.getConnection().execute(`select count(*)::int as n from indicator_target`);
    expect(n).toBe(0);
  });

  it('should refuse another origin’s POST to /graphql (a read, a sign-in, an upload-sized body) with a coded bilingual 403, and its WebSocket with the same words', async () => {
    const post = (origin: string | undefined, body: object, extra: Record<string, string> = {}) =>
      fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: hub.cookie, ...(origin !== undefined ? { origin } : {}), ...extra },
        body: JSON.stringify(body),
      });
    const read = { query: '{ members(first: 1) { totalCount } }' };
    const signIn = { query: 'mutation { signIn(username: "nobody", password: "Wrong-pass-1") { role } }' };
    const upload = { query: read.query, variables: { padding: 'x'.repeat(3 * 1024 * 1024) } };
    for (const [origin, body] of [
      ['https://evil.example', read],
      ['null', read],
      ['https://evil.example', signIn],
      ['http://127.0.0.1.evil.example', upload],
    ] as const) {
      const res = await post(origin, body);
      expect(res.status, origin).toBe(403);
      const refused = (await res.json()) as any;
      expect(refused.data, origin).toBeUndefined();
      expect(refused.errors[0].extensions, origin).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/cross_origin' });
      expect(refused.errors[0].message).toMatch(/^跨站请求被拒绝.* \/ a cross-origin request was refused/);
    }
    // The hub's own pages and scripts without an Origin are answered.
    for (const origin of [hub.url, undefined])
      expect(((await (await post(origin, read)).json()) as any).errors, String(origin)).toBeUndefined();
    const body = await new Promise<{ status: number; body: string }>((resolve) => {
      const socket = new WebSocket(ws, 'graphql-transport-ws', { headers: { origin: 'https://evil.example', cookie: hub.cookie } });
      socket.on('unexpected-response', (_req, res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
    });
    expect(body.status).toBe(403);
    expect(JSON.parse(body.body).errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/cross_origin' });
  });

  it('should hold an operation over the WebSocket to the same cost and shape limits as over HTTP, with the same errors', async () => {
    const costly = `{ a: members(first: 1000) { nodes { stageEvents(first: 1000) { nodes { id } } } } }`;
    const res = await once(client, costly);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'query/too_complex' });
    expect(res.errors?.[0]?.message).toMatch(/查询过于复杂.* \/ query too complex/);
    const deep = `{ organizations { nodes { ${'parent { '.repeat(40)}id${' }'.repeat(40)} } } }`;
    const deepRes = await once(client, deep);
    expect(deepRes.errors?.[0]?.extensions).toMatchObject({ reason: 'query/too_deep' });
    const ok = await once(client, `{ members(first: 1) { totalCount } }`);
    expect(ok.errors).toBeUndefined();
    expect((ok.data as any).members.totalCount).toBeGreaterThan(0);
  });

  it('should answer a malformed or invalid operation over the WebSocket with the coded bilingual errors of HTTP, never an internal error', async () => {
    const cases: [string, string, Record<string, unknown> | undefined, string][] = [
      ['syntax', `{ members(first: 1) { totalCount `, undefined, 'GRAPHQL_PARSE_FAILED'],
      ['unknown field', `{ member { id } }`, undefined, 'GRAPHQL_VALIDATION_FAILED'],
      [
        'a string for a Boolean',
        `subscription { live(orgId: "T3JnYW5pemF0aW9uOjE", patches: "yes") { __typename } }`,
        undefined,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      [
        'an unknown argument',
        `subscription { live(orgId: "T3JnYW5pemF0aW9uOjE", whole: true) { __typename } }`,
        undefined,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      ['an undeclared variable', `subscription { live(orgId: $o) { __typename } }`, undefined, 'GRAPHQL_VALIDATION_FAILED'],
    ];
    for (const [what, query, variables, code] of cases) {
      const res = await Promise.race([
        once(client, query, variables),
        new Promise<never>((_, no) => setTimeout(() => no(new Error(`${what}: no answer`)), 5_000)),
      ]);
      expect(res.errors?.length, what).toBeGreaterThan(0);
      for (const e of res.errors!) {
        expect(e.extensions, `${what}: ${JSON.stringify(e)}`).toMatchObject({ code });
        expect(e.extensions.messageZh, what).toBeTruthy();
        expect(e.message, what).toContain(' / ');
      }
    }
  });
});
