/**
 * Transactions on a connection the caller holds (and releases): begin … commit, rolled back on any error;
 * and the statement timeout of a pool's connections, set inside each transaction.
 *
 * Why `set local` in the transaction, not a startup parameter, a plain `set` or a role's setting: the hub may
 * reach PostgreSQL through pgbouncer in transaction mode (README: "Behind pgbouncer"), which refuses
 * `statement_timeout` (or `options`) as a startup parameter, and hands each transaction to whichever server
 * connection is free, so a plain `set` on one would leak into other clients' transactions and miss the hub's
 * next. `set local` lasts exactly as long as the transaction it is sent in, on either path. A role's default
 * (`alter role … set`) would cost nothing per statement, but it is one value for every connection of the role
 * (requests 15 s, aggregates 10 s, migrations and imports none or longer), it lingers in the cluster after the
 * hub, and server connections pgbouncer already holds keep their old value until they are replaced.
 * The price: a statement outside a transaction (the read path's, db/reader.ts) runs in one of its own, two
 * round trips more, about a fifth of the read path's throughput (README: "Behind pgbouncer"); a transaction
 * pays nothing, `set local` going with its `begin` in one simple query. So only a pool that goes through a
 * pooler (HUB_DIRECT_URL set: db/orm.ts `pooled`) is tagged here; straight to PostgreSQL the timeout stays a
 * startup parameter of the connection, which costs nothing per statement.
 */
import type pg from 'pg';

/** The statement timeout (ms) of the pool a client was taken from (set on every checkout). */
const timeouts = new WeakMap<pg.ClientBase, number>();

/**
 * Gives `pool`'s transactions (this module's `begin`, `inTransaction`) and the read path's statements a
 * statement timeout of `ms` (0: none). Returns the pool.
 */
export function withStatementTimeout<P extends pg.Pool>(pool: P, ms: number): P {
  if (ms > 0) {
    pool.on('acquire', (client) => timeouts.set(client, ms));
    boundPoolQuery(pool);
  }
  return pool;
}

/**
 * `pool.query(…)` outside any transaction (the request path's lookups: sessions, tokens, account and scope reads,
 * the administrator check, an idempotency key's stored answer, sign-in links…) would run with no timeout at all
 * behind a pooler: there the timeout is only ever `set local` in a transaction. So a tagged pool's `query` runs
 * each statement in a transaction of its own that sets it, as the read path's statements do (db/reader.ts): one
 * round trip more (`begin; set local …` goes as one simple query, then the statement, then `commit`). Only a pool
 * behind a pooler is tagged, so straight to PostgreSQL nothing changes (the timeout is a startup parameter there).
 * A callback or a submittable (a cursor, a stream) keeps pg's own `query`: none is used on the request path.
 */
const bound = new WeakSet<pg.Pool>();
function boundPoolQuery(pool: pg.Pool): void {
  if (bound.has(pool)) return;
  bound.add(pool);
  const plain = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const bounded = (...args: unknown[]): unknown => {
    const [config] = args;
    const submittable = typeof (config as { submit?: unknown } | null)?.submit === 'function';
    if (submittable || args.some((a) => typeof a === 'function')) return plain(...args);
    return (async () => {
      const client = await pool.connect();
      let failed: Error | undefined;
      try {
        return await inTransaction(client, () => (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
      } catch (err) {
        // A connection whose statement failed is dropped, as pg-pool's own `query` does (it may be the connection's fault).
        failed = err as Error;
        throw err;
      } finally {
        client.release(failed);
      }
    })();
  };
  pool.query = bounded as typeof pool.query;
}

/** The statement timeout of a client's pool in ms (0: none), as `withStatementTimeout` gave it. */
export const statementTimeoutOf = (client: pg.ClientBase): number => timeouts.get(client) ?? 0;

/**
 * Begins a transaction (`mode`: e.g. "isolation level repeatable read read only") with its pool's statement
 * timeout, in one round trip.
 */
export async function begin(client: pg.ClientBase, mode = ''): Promise<void> {
  const ms = statementTimeoutOf(client);
  const start = mode ? `begin ${mode}` : 'begin';
  // ms is an integer of this process's own (config.ts), never a caller's text.
  await client.query(ms ? `${start}; set local statement_timeout = ${Math.floor(ms)}` : start);
}

/**
 * Runs `fn` between `begin` and `commit`. On an error it rolls back (a rollback that fails too — the
 * connection gone — is not the error to report) and rethrows the error.
 */
export async function inTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>, mode = ''): Promise<T> {
  await begin(client, mode);
  try {
    const result = await fn();
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}
