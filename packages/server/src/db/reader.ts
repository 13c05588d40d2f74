/**
 * The read path's access to PostgreSQL: parameterised statements on the ORM's own pg pool (one pool,
 * one statement timeout), plain rows instead of managed entities (no identity map, no unit of work,
 * no hydration: a read request changes nothing), and per-request batching (DataLoader) where rows
 * arrive without their nested data.
 */
import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import type pg from 'pg';
import { ErrorCode, HubError, Reason } from '../errors.js';
import type { ReadRoute, ReplicaSet } from './replicas.js';
import type { Sql } from './sql.js';
import { inTransaction, statementTimeoutOf } from './transaction.js';

export interface Db {
  pool: pg.Pool;
  /**
   * Analysts' aggregates run here when set: a few connections of their own with their own statement
   * timeout (HUB_AGGREGATE_TIMEOUT), so a heavy group-by cannot take the dashboard's connections.
   */
  analytics?: pg.Pool;
  /**
   * false: no named (prepared) statements (HUB_PREPARED=off, for pgbouncer before 1.21 in transaction mode);
   * unset or true: the read path prepares its statements per connection.
   */
  prepared?: boolean;
  /** Called with every statement before it runs ("[query] select …"), as MikroORM's query log. */
  log?: (line: string) => void;
  /** The read replicas (HUB_REPLICA_URLS), when configured (replicas.ts). */
  replicas?: ReplicaSet;
  /**
   * A request's route to a replica (set per request when replicas are configured): read statements go where
   * it says; `pool` stays the primary's, for writes and everything outside the read path.
   */
  route?: ReadRoute;
}

/**
 * With replicas, one request's (or one WebSocket operation's) own route to them, required to have replayed to
 * `readAfter` when the client sent one (the `x-hub-read-after` header, or a WebSocket operation's
 * `extensions.readAfter`); without replicas, `db` as it is (nothing more per request).
 */
export function routed(db: Db, readAfter: unknown): Db {
  if (!db.replicas) return db;
  return { ...db, route: db.replicas.route(typeof readAfter === 'string' ? readAfter : undefined) };
}

export type Row = Record<string, unknown> & { id: number };

/** Named (prepared) statements one pooled connection may keep; beyond, statements run unnamed. */
const MAX_PREPARED = 256;
const prepared = new WeakMap<pg.PoolClient, Set<string>>();

/** Statement names by SQL text: the same operations repeat, so each text is hashed once (bounded). */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    if (statementNames.size >= 4096) statementNames.clear();
    statementNames.set(text, (name = `hub_${createHash('sha1').update(text).digest('base64url')}`));
  }
  return name;
}

/**
 * Runs a statement as a named prepared statement (per connection, as @dataplan/pg does for
 * PostGraphile): PostgreSQL parses and analyses the same operation's SQL once per connection instead
 * of on every request. The set per connection is bounded, and goes with the connection when the pool
 * closes it. With HUB_PREPARED=off (db.prepared false: pgbouncer before 1.21 in transaction mode, whose
 * server connections do not follow the client's) every statement runs unnamed. A pool with a statement
 * timeout runs the statement in a transaction of its own that sets it (db/transaction.ts says why).
 */
async function run(db: Db, q: Sql, rowMode?: 'array', pool: 'main' | 'analytics' = 'main'): Promise<pg.QueryResult> {
  db.log?.(`[query] ${q.text}`);
  const primary = pool === 'analytics' ? (db.analytics ?? db.pool) : db.pool;
  // Aggregates run unnamed: planned with their actual values every time (a generic plan guesses a
  // date range's selectivity and can scan what an index would skip; planning costs little next to them).
  const naming = pool === 'main' && db.prepared !== false;
  if (!db.route) return runOn(primary, q, rowMode, naming);
  return db.route.run(pool, primary, (target) => runOn(target, q, rowMode, naming));
}

async function runOn(target: pg.Pool, q: Sql, rowMode: 'array' | undefined, naming: boolean): Promise<pg.QueryResult> {
  const client = await target.connect();
  try {
    const named = naming && preparing(client, statementName(q.text));
    const config = { text: q.text, values: q.values, ...(named ? { name: statementName(q.text) } : {}), ...(rowMode ? { rowMode } : {}) };
    const query = () => client.query(config);
    return await (statementTimeoutOf(client) ? inTransaction(client, query) : query());
  } catch (err) {
    // 57014 query_canceled: the statement ran past HUB_STATEMENT_TIMEOUT (the connection stays usable).
    if ((err as { code?: string }).code === '57014') throw timeoutError();
    throw err;
  } finally {
    client.release();
  }
}

/** Whether `name` is (or now becomes) one of the client's named statements, within MAX_PREPARED. */
function preparing(client: pg.PoolClient, name: string): boolean {
  let names = prepared.get(client);
  if (!names) prepared.set(client, (names = new Set()));
  return names.has(name) || (names.size < MAX_PREPARED && !!names.add(name));
}

export const timeoutError = () =>
  new HubError({
    code: ErrorCode.timeout,
    reason: Reason.queryTimeout,
    zh: '查询超时，已取消：请缩小范围（筛选、first/last）或稍后再试',
    en: 'the query took too long and was cancelled: narrow it (filter, first/last) or try again later',
  });

export class Reader {
  readonly #loaders = new Map<unknown, DataLoader<unknown, unknown>>();
  readonly #memo = new Map<string, Promise<unknown>>();
  readonly #places = new WeakMap<object, Map<string, unknown>>();

  /**
   * @param scope the organisations (roots of subtrees) the request's account reaches, compiled into every
   * statement that reads facts (graphql/scope.ts); null: unrestricted (the whole tree, or no account at all:
   * the access gate lets nobody without one read facts).
   */
  constructor(
    readonly db: Db,
    readonly scope: readonly number[] | null = null,
    /** Whether the account may single out a person (an analyst may not: no filter or group by one, graphql/scope.ts). */
    readonly persons = true,
    /**
     * For a caller without personal access: the fewest persons a figure over person facts may stand on
     * (HUB_MIN_CELL); smaller ones are suppressed (graphql/aggregate/suppress.ts, indicators/suppress.ts).
     * 0: nothing is suppressed.
     */
    readonly minCell = 0,
  ) {}

  /** Personal data this request's answer holds (modules/member/member-personal.resolver.ts), for its audit row (http/personal-audit.ts). */
  readonly personal = new Map<string, { fields: Set<string>; ids: Set<number>; revealed: boolean }>();

  /** Notes that row `id` of `type` was read with personal fields. */
  personalRead(type: string, id: number, read: { fields: string[]; revealed: boolean }): void {
    let entry = this.personal.get(type);
    if (!entry) this.personal.set(type, (entry = { fields: new Set(), ids: new Set(), revealed: false }));
    for (const f of read.fields) entry.fields.add(f);
    entry.ids.add(id);
    entry.revealed ||= read.revealed;
  }

  /** Runs one statement and returns its rows. */
  async rows<T = Row>(q: Sql): Promise<T[]> {
    return (await run(this.db, q)).rows as T[];
  }

  /** Runs one statement and returns its rows as arrays of column values, in select-list order. */
  async arrays(q: Sql, pool: 'main' | 'analytics' = 'main'): Promise<unknown[][]> {
    return (await run(this.db, q, 'array', pool)).rows as unknown[][];
  }

  /** A value computed once per request under `key` (e.g. an organisation's path). */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let p = this.#memo.get(key) as Promise<T> | undefined;
    if (!p) this.#memo.set(key, (p = compute()));
    return p;
  }

  /** A value made once per request for a place of the operation (its field nodes) and a type name. */
  perPlace<T>(place: object, type: string, make: () => T): T {
    let byType = this.#places.get(place);
    if (!byType) this.#places.set(place, (byType = new Map()));
    if (!byType.has(type)) byType.set(type, make());
    return byType.get(type) as T;
  }

  /** The request's DataLoader under `key` (a string, or an object such as a plan), made on first use. */
  loader<K, V>(key: unknown, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let l = this.#loaders.get(key) as DataLoader<K, V> | undefined;
    if (!l) this.#loaders.set(key, (l = new DataLoader<K, V>(batch) as never));
    return l;
  }
}
