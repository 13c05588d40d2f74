import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH } from '../../config.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/database.js';
import { signIn } from './sign-in.js';
import { fakeAuth, makeAccount, PASSWORD } from './test-support.js';

/** The error reason of a sign-in, or "ok". */
async function outcome(pool: pg.Pool, username: string, password: string, address = '10.0.0.1'): Promise<string> {
  try {
    await signIn(pool, fakeAuth(address), username, password);
    return 'ok';
  } catch (err) {
    return String((err as { extensions?: { reason?: string } }).extensions?.reason ?? err);
  }
}

const median = (xs: { ms: number }[]) => xs.map((x) => x.ms).toSorted((a, b) => a - b)[1];
const times = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
const inSequence = async <T>(n: number, fn: (i: number) => Promise<T>) => {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  return out;
};

describe('account/lockout', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    for (const name of ['li.na', 'zhang.wei', 'chen.jie', 'zhao.lei', 'sun.li', 'zhou.min']) await makeAccount(pool, name);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('should lock a name after 5 failures in the window, even for the right password, and audit it', async () => {
    expect(await inSequence(5, () => outcome(pool, 'li.na', 'Wrong-guess-1'))).toEqual(Array(5).fill('auth/failed'));
    expect(await outcome(pool, 'LI.NA', PASSWORD)).toBe('auth/locked');
    const { rows } = await pool.query(`select action from audit_log where actor = 'li.na' order by id`);
    expect(rows.map((r) => r.action)).toEqual([...Array(5).fill('auth.sign_in_failed'), 'auth.locked']);
  });

  it('should forgive a name’s failures when its password turns out right', async () => {
    expect(await inSequence(4, () => outcome(pool, 'zhang.wei', 'Wrong-guess-1', '10.0.0.2'))).toEqual(Array(4).fill('auth/failed'));
    expect(await outcome(pool, 'zhang.wei', PASSWORD, '10.0.0.2')).toBe('ok');
    expect(await outcome(pool, 'zhang.wei', 'Wrong-guess-1', '10.0.0.3')).toBe('auth/failed');
    expect(await outcome(pool, 'zhang.wei', PASSWORD, '10.0.0.3')).toBe('ok');
  });

  it('should answer a name nobody has as a wrong password: the same reason, locked alike, in about the same time', async () => {
    const timed = async (name: string, i: number) => {
      const started = performance.now();
      const reason = await outcome(pool, name, 'Wrong-guess-1', `10.0.1.${name.length}${i}`);
      return { reason, ms: performance.now() - started };
    };
    // Taken in turns, so that a busy moment of the machine (other test files beside this one) falls on both alike.
    const pairs = await inSequence(3, async (i) => [await timed('chen.jie', i), await timed('nobody.here', i)] as const);
    const known = pairs.map(([k]) => k);
    const unknown = pairs.map(([, u]) => u);
    expect([...known, ...unknown].map((r) => r.reason)).toEqual(Array(6).fill('auth/failed'));
    // Both verify an Argon2id hash (a dummy one when there is no account): neither answers in a fraction of the other's time.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.5);
    expect(median(unknown) / median(known)).toBeLessThan(2);
    expect(await inSequence(2, (i) => outcome(pool, 'nobody.here', 'Wrong-guess-1', `10.0.1.20${i}`))).toEqual([
      'auth/failed',
      'auth/failed',
    ]);
    expect(await outcome(pool, 'nobody.here', 'Wrong-guess-1', '10.0.1.210')).toBe('auth/locked');
  });

  it('should count failures per address across names, and let other addresses in', async () => {
    const names = ['n1', 'n2', 'n3', 'n4', 'n5'];
    expect(await inSequence(5, (i) => outcome(pool, names[i], 'Wrong-guess-1', '10.0.2.1'))).toEqual(Array(5).fill('auth/failed'));
    expect(await outcome(pool, 'zhao.lei', PASSWORD, '10.0.2.1')).toBe('auth/locked');
    expect(await outcome(pool, 'zhao.lei', PASSWORD, '10.0.2.2')).toBe('ok');
  });

  it('should unlock once the lock has run out, and forget failures older than the window', async () => {
    await inSequence(5, () => outcome(pool, 'sun.li', 'Wrong-guess-1', '10.0.3.1'));
    expect(await outcome(pool, 'sun.li', PASSWORD, '10.0.3.2')).toBe('auth/locked');
    // 15 minutes later, as PostgreSQL's clock sees it: the lock (and the address's) moved into the past.
    await pool.query(`update sign_in_lock set locked_until = now() - interval '1 second' where key in ('sun.li', '10.0.3.1')`);
    expect(await outcome(pool, 'sun.li', PASSWORD, '10.0.3.2')).toBe('ok');
    expect(await inSequence(4, () => outcome(pool, 'sun.li', 'Wrong-guess-1', '10.0.3.3'))).toEqual(Array(4).fill('auth/failed'));
    await pool.query(`update sign_in_failure set at = at - $1 * interval '1 millisecond' where key = 'sun.li'`, [
      DEFAULT_AUTH.lockout.windowMs,
    ]);
    expect(await outcome(pool, 'sun.li', 'Wrong-guess-1', '10.0.3.4')).toBe('auth/failed'); // one in the window, not five
    expect(await outcome(pool, 'sun.li', PASSWORD, '10.0.3.4')).toBe('ok');
  });

  it('should count in PostgreSQL: a second instance’s pool sees the lock, and guesses at once count as they arrive', async () => {
    const other = new pg.Pool({ connectionString: db.url, max: 4 });
    try {
      const reasons = await times(8, (i) => outcome(i % 2 ? other : pool, 'zhou.min', 'Wrong-guess-1', `10.0.4.${i}`));
      expect(reasons.filter((r) => r === 'auth/failed').length).toBe(5);
      expect(reasons.filter((r) => r === 'auth/locked').length).toBe(3);
      expect(await outcome(other, 'zhou.min', PASSWORD, '10.0.4.99')).toBe('auth/locked');
    } finally {
      await other.end();
    }
  });
});
