/**
 * Personal access tokens as a script uses them against the built hub (`node dist/main.js`, two processes on
 * one PostgreSQL of this test's own, behind a trusted proxy's address): made with a session, then only
 * `Authorization: Bearer …` over plain fetch — POST, GET without a preflight header, the WebSocket's
 * connection_init — read-only, audited with the address the proxy names, and refused by the other process
 * soon after it was revoked on this one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort, mainJs, signedInHeaders, startHub, type HubProcess } from './support/hub-process.ts';

type Embedded = { url: string; stop(): Promise<void> };
const { startEmbedded } = (await import(createRequire(mainJs).resolve('./db/embedded.js'))) as {
  startEmbedded: (o: { dataDir: string; port?: number; notice?: (l: string) => void }) => Promise<Embedded>;
};

/** What a script does: one POST with its token. */
async function asScript(url: string, secret: string, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}`, ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: any; errors?: any[] } };
}

describe('e2e/personal access tokens', () => {
  let dataDir: string;
  let pgServer: Embedded;
  let databaseUrl: string;
  let a: HubProcess;
  let b: HubProcess;
  let secret: string;
  let tokenId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-tokens-'));
    pgServer = await startEmbedded({ dataDir, port: await freePort(), notice: () => undefined });
    const admin = new pg.Client({ connectionString: pgServer.url });
    await admin.connect();
    await admin.query(`create database party_hub encoding 'UTF8' template template0`);
    await admin.end();
    databaseUrl = pgServer.url.replace(/\/[^/]*$/, '/party_hub');
    // Both behind "a proxy on this machine": the client's address comes from X-Forwarded-For.
    const env = { DATABASE_URL: databaseUrl, HUB_TRUSTED_PROXIES: '127.0.0.1' };
    a = await startHub(env);
    b = await startHub(env);
  });
  afterAll(async () => {
    a?.killAll();
    b?.killAll();
    await pgServer?.stop().catch(() => undefined);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('should make a token with a session and show its secret once', async () => {
    const res = await fetch(`${a.url}/graphql`, {
      method: 'POST',
      headers: { ...signedInHeaders(a.url), 'x-forwarded-for': '198.51.100.7, 203.0.113.40' },
      body: JSON.stringify({
        query: 'mutation { createApiToken(input: { name: "e2e 月报脚本", days: 7 }) { secret token { id name expiresAt } } }',
      }),
    });
    const body = (await res.json()) as {
      data: { createApiToken: { secret: string; token: { id: string; name: string; expiresAt: string } } };
    };
    secret = body.data.createApiToken.secret;
    tokenId = body.data.createApiToken.token.id;
    expect(secret).toMatch(/^hub_pat_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.data.createApiToken.token.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`select actor, after from audit_log where action = 'auth.token_create'`);
      expect(rows).toEqual([
        { actor: 'e2e-committee', after: expect.objectContaining({ name: 'e2e 月报脚本', days: 7, address: '203.0.113.40' }) },
      ]);
      expect(JSON.stringify(rows)).not.toContain(secret.slice(8));
    } finally {
      await db.end();
    }
  });

  it('should read with the token alone: POST, a GET without a preflight header, and the WebSocket', async () => {
    const post = await asScript(a.url, secret, '{ me { username role } hospitals { totalCount } }');
    expect(post.status).toBe(200);
    expect(post.body).toEqual({ data: { me: { username: 'e2e-committee', role: 'COMMITTEE' }, hospitals: { totalCount: 0 } } });
    const get = await fetch(`${b.url}/graphql?query=${encodeURIComponent('{ me { username } }')}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { me: { username: 'e2e-committee' } } });
    const ws = createClient({
      url: `${b.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${secret}` },
      retryAttempts: 0,
    });
    try {
      const answer = await new Promise<any>((resolve, reject) =>
        ws.subscribe({ query: '{ me { username } }' }, { next: resolve, error: reject, complete: () => undefined }),
      );
      expect(answer).toEqual({ data: { me: { username: 'e2e-committee' } } });
    } finally {
      await ws.dispose();
    }
  });

  it('should refuse a write with the token: 403 auth/read_only_token, in both languages', async () => {
    const res = await asScript(a.url, secret, 'mutation { createApiToken(input: { name: "again" }) { secret } }');
    expect(res.status).toBe(403);
    expect(res.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/read_only_token' });
    expect(res.body.errors![0].message).toMatch(/个人访问令牌只能读取.* \/ a personal access token may only read/);
  });

  it('should refuse the token on the other process soon after it was revoked on this one', async () => {
    expect((await asScript(b.url, secret, '{ me { username } }')).status).toBe(200); // held by b
    const revoke = await fetch(`${a.url}/graphql`, {
      method: 'POST',
      headers: signedInHeaders(a.url),
      body: JSON.stringify({ query: `mutation { revokeApiToken(id: "${tokenId}") { revokedAt } }` }),
    });
    expect(((await revoke.json()) as any).data.revokeApiToken.revokedAt).not.toBeNull();
    const started = Date.now();
    let answer = await asScript(b.url, secret, '{ me { username } }');
    // Within a second in the server's tests (two instances in one process); held here to 5 s, for a loaded CI machine.
    while (answer.status === 200 && Date.now() - started < 5_000) answer = await asScript(b.url, secret, '{ me { username } }');
    console.log(`revoked on one process, refused by the other after ${Date.now() - started} ms`);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="party-hub", error="invalid_token"');
    expect(answer.body.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'auth/invalid_token' });
  });
});
