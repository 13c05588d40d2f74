/**
 * Tokens in the table (tokens.ts) and as an instance holds them (token-store.ts), on a clock the test moves:
 * one statement when first seen and a minute later, none between; expiry in memory; `last_used_at` at most
 * once a minute, off the request; refused tokens remembered for a minute; notifications drop what is held;
 * refused uses audited once a minute per token and address.
 */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/database.js';
import { AccountRole } from '../../domain/enums.js';
import { makeAccount } from './test-support.js';
import { TokenStore, type TokenAuditRow } from './token-store.js';
import { bearerOf, createToken, isTokenSecret, revokeToken, tokenHash } from './tokens.js';

describe('account/token store', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let owner: { id: number; username: string };
  /** Statements the store ran (the pool's `query`, counted). */
  let statements: string[];
  let now: number;
  let audits: TokenAuditRow[];
  const store = () => new TokenStore(pool, 90, { now: () => now, audit: (r) => void audits.push(r) });
  const settle = () => new Promise((r) => setTimeout(r, 50));

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    const id = await makeAccount(pool, 'zhao.tongji', AccountRole.ANALYST);
    await pool.query(`update account set must_change_password = false where id = $1`, [id]);
    owner = { id, username: 'zhao.tongji' };
    const query = pool.query.bind(pool);
    pool.query = ((text: string, values?: unknown[]) => {
      statements.push(text);
      return query(text, values);
    }) as typeof pool.query;
  });
  beforeEach(() => {
    statements = [];
    audits = [];
    now = Date.now();
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const make = async (days = 30) => (await createToken(pool, owner, { name: '脚本', days }, '10.0.0.5')).secret;

  it('should make secrets of 256 random bits under a prefix, and read a bearer header', async () => {
    const a = await make();
    const b = await make();
    expect(isTokenSecret(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(tokenHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(bearerOf(`Bearer ${a}`)).toBe(a);
    expect(bearerOf(`bearer   ${a} `)).toBe(a);
    expect(bearerOf('Basic eDp5')).toBe('Basic eDp5');
    expect(bearerOf(undefined)).toBeUndefined();
    for (const bad of ['', 'hub_pat_', `${a}A`, a.slice(0, -1), a.replace('hub_pat_', 'hub_xyz_'), tokenHash(a)])
      expect(isTokenSecret(bad), bad).toBe(false);
  });

  it('should read a token once, then serve it from memory until a minute has passed', async () => {
    const secret = await make();
    const s = store();
    statements = [];
    const first = await s.find(secret);
    expect(first).toMatchObject({
      account: { id: owner.id, username: 'zhao.tongji', role: 'analyst', sessionId: expect.stringMatching(/^token:\d+$/) },
    });
    await settle();
    const reads = () => statements.filter((q) => /from api_token/.test(q)).length;
    expect(reads()).toBe(1);
    for (let i = 0; i < 20; i++) {
      now += 2_000;
      expect(await s.find(secret)).toHaveProperty('account');
    }
    expect(reads()).toBe(1);
    now += 30_000; // 70 s since it was read
    await s.find(secret);
    expect(reads()).toBe(2);
  });

  it('should write last_used_at at most once a minute, without the request waiting', async () => {
    const secret = await make();
    const s = store();
    statements = [];
    const writes = () => statements.filter((q) => /update api_token set last_used_at/.test(q)).length;
    await s.find(secret);
    expect(writes()).toBe(1); // sent, not awaited
    for (let i = 0; i < 10; i++) {
      now += 5_000;
      await s.find(secret);
    }
    expect(writes()).toBe(1);
    now += 15_000;
    await s.find(secret);
    expect(writes()).toBe(2);
    await settle();
    const { rows } = await pool.query(`select last_used_at from api_token where token_hash = $1`, [tokenHash(secret)]);
    expect(rows[0].last_used_at).not.toBeNull();
  });

  it('should refuse a token past its expiry from memory, and say why to the audit log only', async () => {
    const secret = await make(1);
    const s = store();
    expect(await s.find(secret)).toHaveProperty('account');
    now += 86_400_000 + 1_000; // a day later by this instance's clock: expired before any re-read
    await pool.query(`update api_token set expires_at = now() - interval '1 second' where token_hash = $1`, [tokenHash(secret)]);
    const refused = await s.find(secret);
    expect(refused).toMatchObject({ refused: 'expired', accountId: owner.id, username: 'zhao.tongji' });
    if (!('refused' in refused)) throw new Error('not refused');
    s.refusedUse(refused, secret, '10.0.0.5', 'http');
    s.refusedUse(refused, secret, '10.0.0.5', 'http'); // the same minute: one row
    s.refusedUse(refused, secret, '10.0.0.6', 'http');
    now += 61_000;
    s.refusedUse(refused, secret, '10.0.0.5', 'http');
    expect(
      audits.map((a) => [a.action, a.actor, (a.after as { address: string }).address, (a.after as { reason: string }).reason]),
    ).toEqual([
      ['auth.token_refused', 'zhao.tongji', '10.0.0.5', 'expired'],
      ['auth.token_refused', 'zhao.tongji', '10.0.0.6', 'expired'],
      ['auth.token_refused', 'zhao.tongji', '10.0.0.5', 'expired'],
    ]);
    expect(JSON.stringify(audits)).not.toContain(secret.slice(8));
  });

  it('should remember a refused token for a minute, and never query for a malformed one', async () => {
    const s = store();
    statements = [];
    expect(await s.find('not-a-token')).toMatchObject({ refused: 'malformed' });
    expect(statements).toEqual([]);
    const unknown = `hub_pat_${'A'.repeat(43)}`;
    expect(await s.find(unknown)).toMatchObject({ refused: 'unknown', tokenId: null });
    for (let i = 0; i < 5; i++) await s.find(unknown);
    expect(statements).toHaveLength(1);
    now += 61_000;
    await s.find(unknown);
    expect(statements).toHaveLength(2);
  });

  it('should drop a revoked token, and every token of a changed account, when told; everything when notifications were missed', async () => {
    const [a, b] = [await make(), await make()];
    const s = store();
    const ended: [number | null, number | null][] = [];
    s.onChange((t, acc) => void ended.push([t, acc]));
    expect(await s.find(a)).toHaveProperty('account');
    expect(await s.find(b)).toHaveProperty('account');
    expect(s.size).toBe(2);
    const aId = (await pool.query(`select id from api_token where token_hash = $1`, [tokenHash(a)])).rows[0].id as number;
    await revokeToken(pool, owner, aId, '10.0.0.5');
    s.changed({ token: aId });
    expect(s.size).toBe(1);
    expect(await s.find(a)).toMatchObject({ refused: 'revoked', tokenId: aId });
    s.changed({ session: 'x'.repeat(64) }); // a session's: not the token store's business
    expect(s.size).toBe(1);
    await pool.query(`update account set disabled = true where id = $1`, [owner.id]);
    s.changed({ account: owner.id });
    expect(s.size).toBe(0);
    expect(await s.find(b)).toMatchObject({ refused: 'account_disabled' });
    await pool.query(`update account set disabled = false where id = $1`, [owner.id]);
    s.changed({ account: owner.id });
    expect(await s.find(b)).toHaveProperty('account');
    s.forgetAll();
    expect(s.size).toBe(0);
    expect(ended).toEqual([
      [aId, null],
      [null, owner.id],
      [null, owner.id],
      [null, null],
    ]);
  });

  it('should refuse the tokens of an account whose password must change, or grows older than the maximum while held', async () => {
    const secret = await make();
    await pool.query(`update account set password_set_at = now() - interval '89 days' where id = $1`, [owner.id]);
    const s = store();
    expect(await s.find(secret)).toHaveProperty('account');
    now += 2 * 86_400_000; // 91 days old by this instance's clock, the token still has 28 days
    expect(await s.find(secret)).toMatchObject({ refused: 'password_change_required', accountId: owner.id });
    now = Date.now();
    await pool.query(`update account set password_set_at = now(), must_change_password = true where id = $1`, [owner.id]);
    expect(await store().find(secret)).toMatchObject({ refused: 'password_change_required', accountId: owner.id });
    await pool.query(`update account set must_change_password = false where id = $1`, [owner.id]);
    expect(await store().find(secret)).toHaveProperty('account');
  });
});
