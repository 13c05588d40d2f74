import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { openHubOrm } from '../app/orm.js';
import { readDb, survive } from './pools.js';

describe('db/pools', () => {
  let db: TestDatabase;
  let admin: pg.Client;

  /** Connections to the test database but the asker's own. */
  const connections = async () =>
    (
      await admin.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      )
    ).rows[0].n;

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
  // The read path and the writes use the ORM's pg pool directly; closing the ORM must end it (db/orm.ts openOrm):
  // before, its connections stayed until pg's idle timeout (10 s), and every test database waited 2 s to be dropped.
  it('should close the pool the read path uses when the ORM closes: no connection left behind', async () => {
    const orm = await openHubOrm({ url: db.url, poolMax: 3 });
    const { pool } = await readDb(orm, () => undefined);
    await Promise.all([1, 2, 3].map(() => pool.query('select pg_sleep(0.02)')));
    expect(await connections()).toBeGreaterThanOrEqual(3);
    await orm.close();
    await expect.poll(connections, { timeout: 1_000, interval: 20 }).toBe(0);
  });
});
