/**
 * The one-time work of a start (migrations, demo data into an empty database) done by one instance at a time:
 * hubs started together on one empty database (several machines, a container orchestrator's replicas) would
 * otherwise each apply the same migrations and each find the database empty and seed it. A session-level
 * advisory lock on a connection of its own, on the URL the migrator uses (a transaction pooler would hand the
 * session to somebody else between statements); PostgreSQL releases it if the holder dies.
 */
import pg from 'pg';

/** The lock's key: hashtext('party_hub_start'), fixed so that every version of the hub takes the same one. */
const START_LOCK = `hashtext('party_hub_start')`;

/**
 * Runs `fn` holding the start lock; an instance that finds it taken says so and waits (as long as the holder's
 * seeding takes), then runs `fn` itself, which finds the work done.
 */
export async function withStartLock<T>(url: string, log: (m: string) => void, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'party-hub start lock' });
  // A connection lost while `fn` runs ends the lock with it; `fn`'s own statements report the failure.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ got: boolean }>(`select pg_try_advisory_lock(${START_LOCK}) as got`);
    if (!rows[0].got) {
      log('another instance is migrating or seeding this database: waiting for it');
      await client.query(`select pg_advisory_lock(${START_LOCK})`);
    }
    return await fn();
  } finally {
    // Ending the session releases the lock (an explicit unlock on a broken connection would only throw).
    await client.end().catch(() => undefined);
  }
}
