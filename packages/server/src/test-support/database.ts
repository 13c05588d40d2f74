/**
 * A fresh, migrated database for each test file. The PostgreSQL server is TEST_DATABASE_URL when set
 * (CI also runs the suite against the machine's PostgreSQL 15), otherwise the embedded PostgreSQL that
 * the Vitest global setup started (its URL arrives through `inject('pgServerUrl')`).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from '../db/database.js';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database once its connections have gone (up to 2 s), then by force. `pool.end()` resolves
 * when its clients were asked to end, not when their sockets closed: dropping at once terminated those
 * backends mid-goodbye, and the pool, which had no 'error' listener left to hear it, threw an uncaught
 * 57P01 into the test run (CI, lockout.test.ts).
 */
async function dropWhenLeft(c: pg.Client, name: string): Promise<void> {
  for (let tries = 0; tries < 40; tries++) {
    const { rows } = await c.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    if (rows[0].n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await c.query(`drop database if exists ${name} with (force)`);
}

/** Creates `hub_test_<random>` from the migrated template the global setup built. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = inject('pgServerUrl');
  const template = options.migrated === false ? 'template0' : inject('pgTemplate');
  const name = `hub_test_${randomBytes(5).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`create database ${name} encoding 'UTF8' template ${template}`));
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: () => admin(serverUrl, (c) => dropWhenLeft(c, name)),
  };
}
