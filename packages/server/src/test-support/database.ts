/**
 * A fresh, migrated database for each test file. The PostgreSQL server is TEST_DATABASE_URL when set
 * (CI also runs the suite against the machine's PostgreSQL 15), otherwise the embedded PostgreSQL that
 * the Vitest global setup started (its URL arrives through `inject('pgServerUrl')`).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from '../db/database.js';
import { seedDatabase } from '../seed/index.js';

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

/** Waits until nobody is connected to `name` (a template is copied only then), up to 10 s. */
async function whenUnused(c: pg.Client, name: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `CREATE DATABASE name` as a copy of `template`, the way the global setup chose for this server (global-setup.ts). */
const copyOf = (name: string, template: string) =>
  `create database ${name} encoding 'UTF8' template ${template} strategy ${inject('pgCloneStrategy')}`;

/**
 * The demo hospital seeded up to `endDate`, once per run and end date for every test file that asks (in any
 * worker: an advisory lock makes the others wait for the first), kept as a template database: the files that
 * only need a seeded hospital clone it (a file copy, seconds) instead of seeding their own (≈ 45–90 s each here).
 * Marked a template once whole, so a seeding that failed half-way is redone, never copied.
 */
async function seededTemplate(c: pg.Client, serverUrl: string, migrated: string, endDate: string): Promise<string> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate)) throw new Error(`a seeded test database's end date: ${endDate}`);
  const name = `${migrated}_seeded_${endDate.replaceAll('-', '')}`;
  await c.query('select pg_advisory_lock(hashtext($1))', [name]);
  try {
    const { rows } = await c.query('select 1 from pg_database where datname = $1 and datistemplate', [name]);
    if (rows.length) return name;
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(copyOf(name, migrated));
    await seedDatabase(withDatabase(serverUrl, name), { scale: 'hospital', endDate });
    await whenUnused(c, name);
    await c.query(`alter database ${name} is_template true`);
    return name;
  } finally {
    await c.query('select pg_advisory_unlock(hashtext($1))', [name]);
  }
}

/**
 * Creates `hub_test_<random>` from the migrated template the global setup built; `seededTo`: from the demo
 * hospital seeded up to that date (as `seedDatabase(url, { scale: 'hospital', endDate })` on a fresh one).
 */
export async function createTestDatabase(options: { migrated?: boolean; seededTo?: string } = {}): Promise<TestDatabase> {
  const serverUrl = inject('pgServerUrl');
  const name = `hub_test_${randomBytes(5).toString('hex')}`;
  await admin(serverUrl, async (c) => {
    let template = options.migrated === false ? 'template0' : inject('pgTemplate');
    if (options.seededTo) {
      template = await seededTemplate(c, serverUrl, template, options.seededTo);
      await whenUnused(c, template);
    }
    await c.query(copyOf(name, template));
  });
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: () => admin(serverUrl, (c) => dropWhenLeft(c, name)),
  };
}
