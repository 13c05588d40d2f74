/**
 * The hub's connections to PostgreSQL: the ORM's pool for requests and writes, and a few of their own
 * for analysts' aggregates. Every pool has its 'error' handled (pg emits one when an idle connection's
 * server goes away — a restart, a crash, a failover — and an unhandled one ends the process), and no
 * request waits more than CONNECT_TIMEOUT_MS for a connection: past it, the request answers
 * db/unavailable instead of hanging while PostgreSQL is down.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Db } from './reader.js';
import { withStatementTimeout } from './transaction.js';

/** The longest a request waits for a connection (the ORM's pool takes it through its driver options too). */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A pool's lost idle connections are logged once each, never fatal; the pool makes new ones when asked. A
 * connection lost while a request holds it (pg-pool takes its idle listener off a client it hands out) fails
 * the statement in flight and also emits 'error' on the client: with no listener there, Node throws it and the
 * process ends (seen on losing a Patroni primary whose backends were killed mid-statement; a restart's
 * backends close their connections with a FATAL message instead). Every client handed out gets a listener
 * for that: the statement's own failure is what the request answers (db/unavailable).
 */
export function survive(pool: pg.Pool, name: string, log: (msg: string) => void): pg.Pool {
  pool.on('error', (err) => log(`${name}: an idle connection was lost (${err.message}); new ones are made as needed`));
  pool.on('acquire', (client) => {
    if (!client.listeners('error').includes(lostInFlight)) client.on('error', lostInFlight);
  });
  return pool;
}

/** The 'error' of a connection lost while checked out: its statement has failed with it already. */
function lostInFlight(): void {}

/** The read path's access to the ORM's own pool, logging statements where the ORM logs its own. */
export async function readDb(orm: MikroORM, log: (msg: string) => void): Promise<Db> {
  const debug = orm.config.get('debug');
  const logsQueries = Array.isArray(debug) ? debug.includes('query') : debug;
  const logger = orm.config.get('logger');
  const pool = survive((await orm.em.getConnection().getNativeClient()) as pg.Pool, 'database pool', log);
  return { pool, ...(logsQueries ? { log: (line: string) => logger(line) } : {}) };
}

/**
 * Aggregates' own few connections, with their own statement timeout (reader.ts: Db.analytics): a startup
 * parameter straight to PostgreSQL, `set local` per transaction through a pooler (`pooled`; db/transaction.ts).
 */
export function analyticsPool(db: Db, statementTimeoutMs: number, log: (msg: string) => void, pooled = false): pg.Pool {
  const options = (db.pool as unknown as { options: pg.PoolConfig }).options;
  const max = Math.max(1, Math.min(4, options.max ?? 4));
  if (!pooled) {
    const pool = new pg.Pool({ ...options, max, statement_timeout: statementTimeoutMs, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    return survive(pool, 'aggregate pool', log);
  }
  const { statement_timeout: _none, ...rest } = options;
  const pool = new pg.Pool({ ...rest, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  return survive(withStatementTimeout(pool, statementTimeoutMs), 'aggregate pool', log);
}
