import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { withStatementTimeout } from './transaction.js';

// Behind a pooler (HUB_DIRECT_URL set) the statement timeout is `set local` in a transaction: a lookup through
// `pool.query` outside one (sessions, tokens, accounts …) must still be bounded by it.
describe('db/transaction: the statement timeout behind a pooler', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await db.drop();
  });

  it("should cancel a pool.query outside any transaction at the pool's timeout, and answer one within it", async () => {
    const pool = withStatementTimeout(new pg.Pool({ connectionString: db.url, max: 2 }), 300);
    try {
      await expect(pool.query('select pg_sleep(3)')).rejects.toMatchObject({ code: '57014' });
      const { rows } = await pool.query<{ n: number }>('select $1::int + 1 as n', [41]);
      expect(rows[0].n).toBe(42);
      // Its transaction ended: nothing of the `set local` stays on the connection for the next statement.
      const shown = await pool.query<{ t: string }>("select current_setting('statement_timeout') as t");
      expect(shown.rows[0].t).toBe('300ms');
      const client = await pool.connect();
      try {
        expect((await client.query<{ t: string }>("select current_setting('statement_timeout') as t")).rows[0].t).toBe('0');
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  });

  it('should leave a pool without a timeout as pg made it', async () => {
    const pool = withStatementTimeout(new pg.Pool({ connectionString: db.url, max: 1 }), 0);
    try {
      expect((await pool.query<{ one: number }>('select 1 as one')).rows[0].one).toBe(1);
      expect((await pool.query<{ t: string }>("select current_setting('statement_timeout') as t")).rows[0].t).toBe('0');
    } finally {
      await pool.end();
    }
  });
});
