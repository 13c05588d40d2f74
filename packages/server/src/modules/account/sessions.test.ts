import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH } from '../../config.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/database.js';
import { findSession, isToken, openSession, revokeOtherSessions, revokeSession, sessionId } from './sessions.js';
import { makeAccount } from './test-support.js';

const settings = DEFAULT_AUTH.session;
const client = { address: '10.1.0.1', userAgent: 'vitest' };

describe('account/sessions', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let account: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    account = await makeAccount(pool, 'wu.fang');
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  /** Moves a session's times into the past, as PostgreSQL's clock sees them. */
  const age = (id: string, column: 'last_seen_at' | 'expires_at', ms: number) =>
    pool.query(`update account_session set ${column} = ${column} - $2 * interval '1 millisecond' where id = $1`, [id, ms]);

  it('should store only the token’s SHA-256, a new random token each time, and find the account by it', async () => {
    const a = await openSession(pool, settings, account, client);
    const b = await openSession(pool, settings, account, client);
    expect(isToken(a.token)).toBe(true);
    expect(a.token).not.toBe(b.token);
    const { rows } = await pool.query(`select id, address, user_agent from account_session where account_id = $1`, [account]);
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining([sessionId(a.token), sessionId(b.token)]));
    expect(JSON.stringify(rows)).not.toContain(a.token);
    const found = await findSession(pool, settings, a.token);
    expect(found).toMatchObject({
      id: account,
      username: 'wu.fang',
      role: 'analyst',
      sessionId: sessionId(a.token),
      mustChangePassword: true,
    });
    expect(found!.sessionExpiresAt.getTime() - Date.now()).toBeGreaterThan(settings.absoluteMs - 60_000);
  });

  it('should end a session idle for longer than the idle timeout, and keep one in use', async () => {
    const s = await openSession(pool, settings, account, client);
    await age(s.id, 'last_seen_at', settings.idleMs - 120_000);
    expect(await findSession(pool, settings, s.token)).not.toBeNull(); // 28 minutes idle: still on, and marked seen now
    await age(s.id, 'last_seen_at', settings.idleMs - 120_000);
    expect(await findSession(pool, settings, s.token)).not.toBeNull(); // the request above reset the idle clock
    await age(s.id, 'last_seen_at', settings.idleMs + 1_000);
    expect(await findSession(pool, settings, s.token)).toBeNull();
  });

  it('should end a session at its absolute expiry however busy it is', async () => {
    const s = await openSession(pool, settings, account, client);
    await age(s.id, 'expires_at', settings.absoluteMs - 1_000);
    expect(await findSession(pool, settings, s.token)).not.toBeNull();
    await age(s.id, 'expires_at', 2_000);
    expect(await findSession(pool, settings, s.token)).toBeNull();
  });

  it('should end a revoked session, the others of an account at once, and every session of a disabled account', async () => {
    const [a, b, c] = [
      await openSession(pool, settings, account, client),
      await openSession(pool, settings, account, client),
      await openSession(pool, settings, account, client),
    ];
    expect(await revokeSession(pool, a.id)).toBe(true);
    expect(await revokeSession(pool, a.id)).toBe(false);
    expect(await findSession(pool, settings, a.token)).toBeNull();
    expect(await revokeOtherSessions(pool, account, b.id)).toBeGreaterThanOrEqual(1);
    expect(await findSession(pool, settings, c.token)).toBeNull();
    expect(await findSession(pool, settings, b.token)).not.toBeNull();
    await pool.query(`update account set disabled = true where id = $1`, [account]);
    expect(await findSession(pool, settings, b.token)).toBeNull();
    await pool.query(`update account set disabled = false where id = $1`, [account]);
  });

  it('should find nothing for a tampered, truncated or made-up token, nor for its stored hash', async () => {
    const s = await openSession(pool, settings, account, client);
    const flipped = `${s.token.slice(0, 20)}${s.token[20] === 'A' ? 'B' : 'A'}${s.token.slice(21)}`;
    for (const bad of [flipped, s.token.slice(0, 42), `${s.token}A`, s.id, '', "x' or '1'='1", 'A'.repeat(43)])
      expect(await findSession(pool, settings, bad), bad).toBeNull();
    expect(await findSession(pool, settings, s.token)).not.toBeNull();
  });
});
