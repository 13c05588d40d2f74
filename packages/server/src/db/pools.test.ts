import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { survive } from './pools.js';

describe('db/pools', () => {
  let db: TestDatabase;
  let admin: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await db.drop();
  });

  // A lost primary's backends die while requests hold their connections: pg emits 'error' on such a client, and
  // with no listener (pg-pool takes its own off a client it hands out) Node throws it and the hub exits.
  it('should survive a connection lost while a request holds it: its statement fails, the pool makes a new one', async () => {
    const logged: string[] = [];
    const pool = survive(new pg.Pool({ connectionString: db.url, max: 2 }), 'test pool', (m) => logged.push(m));
    try {
      const held = await pool.connect();
      const { rows } = await held.query<{ pid: number }>('select pg_backend_pid() as pid');
      const ended = new Promise((resolve) => held.once('end', resolve));
      await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
      await ended;
      await expect(held.query('select 1')).rejects.toThrow(/not queryable|terminat/i);
      held.release(true);
      expect((await pool.query<{ one: number }>('select 1 as one')).rows[0].one).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
