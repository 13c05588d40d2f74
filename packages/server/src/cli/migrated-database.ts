/**
 * What the account commands (`pnpm user:create`, `user:grant`, `user:link`) share: the hub's database
 * (DATABASE_URL, or the embedded PostgreSQL in HUB_DATA_DIR), migrated, as a one-connection pool, and the
 * console as their input and output.
 */
import pg from 'pg';
import { openHubOrm } from '../app/orm.js';
import { readConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/orm.js';
import { withStartLock } from '../app/start-lock.js';

export interface MigratedPool {
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Opens and migrates the hub's database; `close` ends the pool and stops an embedded PostgreSQL. */
export async function openMigratedPool(max = 1): Promise<MigratedPool> {
  const db = await openDatabase(readConfig());
  try {
    // Under the start lock, as a start's migrations: a command run while hubs start does not apply them twice.
    await withStartLock(
      db.url,
      (m) => console.error(m),
      async () => {
        const orm = await openHubOrm({ url: db.url, poolMax: 1 });
        await migrate(orm).finally(() => orm.close());
      },
    );
  } catch (err) {
    await db.stop();
    throw err;
  }
  const pool = new pg.Pool({ connectionString: db.url, max });
  return {
    pool,
    close: async () => {
      await pool.end();
      await db.stop();
    },
  };
}

export const consoleIo = { stdin: process.stdin, out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
