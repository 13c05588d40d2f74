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

export { CONNECT_TIMEOUT_MS, survive } from './survive.js';
import { CONNECT_TIMEOUT_MS, survive } from './survive.js';

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
