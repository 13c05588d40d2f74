/** One transaction on a connection the caller holds (and releases): begin … commit, rolled back on any error. */
import type pg from 'pg';

/**
 * Runs `fn` between `begin` and `commit`. On an error it rolls back (a rollback that fails too — the
 * connection gone — is not the error to report) and rethrows the error.
 */
export async function inTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    const result = await fn();
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}
