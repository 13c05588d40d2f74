/**
 * The shared write transaction every feature's write runs in (modules/<area>/<area>.writes.ts): one
 * PostgreSQL transaction holding the write's rows, the indicator cells it moves (cells.ts:
 * withCellDelta), an audit_log row per entry (who, when, what, before/after) and one NOTIFY carrying only
 * keys and the tables written (PostgreSQL delivers it on commit, never for a rolled-back write; each
 * instance drops only its cached copies that read one of those tables: db/instance-cache.ts).
 *
 * A write declares the tables it changes; the indicators it moves are derived from them (reads.ts), and
 * the transaction refuses a statement that changes any other table, so the declaration cannot drift
 * from the code.
 *
 * The lock order, the same for every write, so no two writes wait on each other in a circle:
 *   1. organisations — `tx.lock(orgIds)`, all of the write's at once, in id order (advisory locks), before
 *      any row is locked; a write that finds, once locked, that it touches another organisation starts
 *      again (ScopeChanged);
 *   2. people — `select … for no key update` of member rows, in id order (no key update: a concurrent
 *      attendance row only needs the member's key, and takes no turn behind it);
 *   3. the rows written (activity, attendance, …), then the cells (cells.ts: addToCells, in key order);
 *   4. the audit chain's head (audit_chain, locked by the audit rows' insert trigger until the commit, so that
 *      concurrent writes chain their rows one after another): last, just before the commit.
 * A deadlock or serialization failure that still happens is retried here (bounded), never shown to a client. Writes use plain SQL on one pooled connection rather than MikroORM's unit of work: the
 * cell delta reads the transaction's own state before and after the write, statement by statement,
 * which a flush at the end cannot give.
 */
import { inTransaction } from '../db/transaction.js';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Context } from '../context.js';
import { isRetryable, isUnavailable } from '../db/failures.js';
import { invalidateInstanceCaches } from '../db/instance-cache.js';
import { ErrorCode, HubError, Reason } from '../errors.js';
import { lockOrganisations, withCellDelta, withCellRecount, type CellsMoved, type Queryable } from './cells.js';
import { indicatorsReading } from './reads.js';
import { logTx, txHospitals } from './tx-log.js';
import { toGlobalId } from '../graphql/global-id.js';
import { outOfScope } from '../graphql/scope.js';
import { assertInputInScope } from '../graphql/where.js';
import type { Reader } from '../db/reader.js';

export const CHANNEL = 'indicators_changed';

export interface WriteContext {
  pool: pg.Pool;
  /** Who writes, for the audit log. */
  actor: string;
  /** Where from and which request (audit_log's `address` and `request_id`). */
  address?: string | null;
  requestId?: string | null;
  /** The client's key for this write: a retry with the same key and request gets the first answer, applied once. */
  idempotencyKey?: string | null;
  /** Set by `idempotent`: the key and the request's hash, stored with the write's answer (idempotency_key). */
  receipt?: { key: string; hash: string };
  /**
   * The roots the writer's account reaches (null: the whole tree): a write whose organisations, before or
   * after, lie outside them is refused before its commit (auth/out_of_scope).
   */
  scope?: readonly number[] | null;
  /** The request's reader: a write's input naming a record outside the scope is refused before it runs (`idempotent`). */
  reader?: Reader;
}

export interface Audit {
  action: string;
  entity: string;
  entityId?: number | null;
  before?: unknown;
  after?: unknown;
}

export interface ChangeScope {
  /** Organisations whose own records change (null entries are ignored: an optional relation). */
  orgIds: readonly (number | null | undefined)[];
  /** ISO date: every period ending on or after it may move (states at period end carry forward). */
  from: string;
  /**
   * A write of many rows over many organisations (an import): the cells moved by one recount after the
   * write (cells.ts: withCellRecount) instead of snapshots before and after. Only for a write that leaves
   * the organisation tree alone (refused otherwise).
   */
  bulk?: boolean;
}

export interface WriteSpec {
  /** The tables this write changes. */
  tables: readonly string[];
}

export interface WriteTx {
  /** The transaction's connection (statements that change a table outside `tables` are refused). */
  client: Queryable;
  /** Takes the organisations' write locks: first, before any row lock (the lock order above). */
  lock(orgIds: readonly (number | null | undefined)[]): Promise<void>;
  /** Runs `write`, moving the cells of every indicator that reads a declared table, for these organisations. */
  moving<T>(scope: ChangeScope, write: () => Promise<T>): Promise<T>;
  /** Announces a change that moves no cells (a target, a weight) to the subscribers. */
  announce(scope: ChangeScope, indicators: readonly string[]): void;
  /** Appends an audit entry (written before the commit). */
  audit(entry: Audit): void;
}

/** Tables the transaction itself writes, whatever the write declares. */
const ENGINE_TABLES = new Set(['indicator_cell', 'indicator_cell_delta', 'indicator_range', 'indicator_definition', 'audit_log']);
const CHANGE = /^\s*(?:insert\s+into|update|delete\s+from)\s+([a-z_][a-z0-9_]*)/i;

/**
 * The connection, refusing statements that change an undeclared table (a programming error, caught by tests);
 * the engine's tables it changes are added to `engine` (the cells' range, when a write extends it, is named
 * in the notification).
 */
function guarded(client: pg.PoolClient, tables: ReadonlySet<string>, engine: Set<string>): Queryable {
  const query = (text: string, values?: unknown[]) => {
    const table = CHANGE.exec(text)?.[1]?.toLowerCase();
    if (table && !tables.has(table) && !ENGINE_TABLES.has(table)) {
      throw new Error(`this write changes ${table} but declares only ${[...tables].join(', ')}: add it to the write's tables`);
    }
    if (table && ENGINE_TABLES.has(table)) engine.add(table);
    return client.query(text, values);
  };
  return { query: query as Queryable['query'] };
}

class Changes {
  readonly orgIds = new Set<number>();
  readonly indicators = new Set<string>();
  from: string | null = null;
  /** Organisations whose cells the write moved (cells.ts), in place and left to the folder. */
  readonly moved: CellsMoved = { inPlace: new Set(), deferred: new Set() };
  /** Something besides cells changed for the organisations told (tx.announce: reports, targets, the tree …). */
  announced = false;

  /** A change besides cells (reports, targets, the tree): every ancestor is told at once. */
  announce(scope: ChangeScope, indicators: readonly string[]): void {
    this.announced = true;
    this.add(scope, indicators);
  }

  /** The write's notification. */
  notice(tables: readonly string[]): ChangeNotice {
    const base = { orgIds: [...this.orgIds], from: this.from, indicators: [...this.indicators], tables };
    return { ...base, toldByFold: this.toldByFold(tables) };
  }

  /**
   * The upper bodies the fold tells instead of this write (fold.ts): only their cells moved, only by the
   * folder, in a write of facts (not the tree, no announced change). Their boards would refetch what they
   * showed before; the fold's notification, at most one fold interval later, carries the change.
   */
  toldByFold(tables: readonly string[]): number[] {
    if (this.announced || tables.includes('organization')) return [];
    return [...this.moved.deferred].filter((o) => !this.moved.inPlace.has(o) && !this.orgIds.has(o));
  }

  add(scope: ChangeScope, indicators: readonly string[]): number[] {
    const ids = [...new Set(scope.orgIds.filter((o): o is number => o != null))];
    for (const o of ids) this.orgIds.add(o);
    for (const i of indicators) this.indicators.add(i);
    if (this.from == null || scope.from < this.from) this.from = scope.from;
    return ids;
  }
}

/** Thrown by a write that found, under its locks, that it touches organisations it did not lock: it starts again. */
export class ScopeChanged extends Error {
  override name = 'ScopeChanged';
}

/** How often a transaction that deadlocked (or whose scope changed) starts again before giving up. */
const ATTEMPTS = 5;

const pause = (attempt: number) => new Promise((r) => setTimeout(r, 10 * 2 ** attempt * (0.5 + Math.random())));

/** One transaction: the write, its cell deltas, the audit rows, the notification; run again on a deadlock. */
export async function transact<T>(ctx: WriteContext, spec: WriteSpec, fn: (tx: WriteTx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(ctx, spec, fn);
    } catch (err) {
      if (attempt >= ATTEMPTS || !(isRetryable(err) || err instanceof ScopeChanged)) throw err;
      await pause(attempt);
    }
  }
}

async function attemptOnce<T>(ctx: WriteContext, spec: WriteSpec, fn: (tx: WriteTx) => Promise<T>): Promise<T> {
  const moved = indicatorsReading(spec.tables);
  const client = await ctx.pool.connect();
  const changes = new Changes();
  const audits: Audit[] = [];
  const engine = new Set<string>();
  const db = guarded(client, new Set(spec.tables), engine);
  const orgs = (ids: readonly (number | null | undefined)[]) => ids.filter((o): o is number => o != null);
  const locked = new Set<number>();
  const tx: WriteTx = {
    client: db,
    lock: async (orgIds) => {
      for (const o of orgs(orgIds)) locked.add(o);
      // Outside the writer's scope: refused before anything of the write is read or checked (a duplicate's
      // id in another branch would tell what is there), and again before the commit (below).
      await withinScope(client, ctx.scope ?? null, orgs(orgIds));
      return lockOrganisations(db, orgs(orgIds));
    },
    moving: (scope, write) => {
      const cells = { orgIds: changes.add(scope, moved), from: scope.from, indicators: moved, moved: changes.moved };
      if (!scope.bulk) return withCellDelta(db, cells, write);
      if (spec.tables.includes('organization')) throw new Error('a bulk write cannot change the organisation tree');
      return withCellRecount(db, cells, write);
    },
    announce: (scope, indicators) => changes.announce(scope, indicators),
    audit: (entry) => void audits.push(entry),
  };
  const tables: string[] = [];
  let hospitals: Awaited<ReturnType<typeof txHospitals>> = null; // test-only (tx-log.ts)
  try {
    const result = await inTransaction(client, async () => {
      const r = await fn(tx);
      await withinScope(client, ctx.scope ?? null, [...locked, ...changes.orgIds]);
      await writeAudits(client, ctx, audits, r);
      // The tables it wrote: declared ones, whether or not a statement changed rows (a superset is safe), and
      // the engine's it did change. Sent by every write, including one that moved no organisation's figures
      // (a copy another instance keeps may read its table).
      tables.push(...spec.tables, ...[...engine].filter((t) => !spec.tables.includes(t)));
      await notify(client, changes.notice(tables));
      hospitals = await txHospitals(client, [...locked, ...changes.orgIds]);
      return r;
    });
    logTx(
      hospitals,
      spec.tables,
      audits.map((a) => a.action),
    );
    // This instance reads its own write at once; the others hear of it through the notification.
    invalidateInstanceCaches(tables, ctx.pool);
    // With read replicas: the position a replica must reach to show this write (db/replicas.ts).
    await ctx.reader?.db.route?.committed(client);
    return result;
  } finally {
    client.release();
  }
}

/** Refuses (before the commit) a write that reaches an organisation outside the writer's roots. */
async function withinScope(client: pg.PoolClient, roots: readonly number[] | null, orgIds: number[]): Promise<void> {
  if (roots === null || !orgIds.length) return;
  const { rows } = await client.query<{ id: number }>(
    `select id from organization
      where id = any($1::int[]) and not (string_to_array(trim(both '/' from path), '/')::int[] && $2::int[])
      order by id limit 1`,
    [orgIds, roots],
  );
  if (rows[0]) throw outOfScope(toGlobalId('Organization', rows[0].id), []);
}

/** The write's audit rows, then its idempotency receipt (pointing at the first of them). */
async function writeAudits(client: pg.PoolClient, ctx: WriteContext, audits: readonly Audit[], result: unknown): Promise<void> {
  let first: string | null = null;
  for (const a of audits) {
    const id = await writeAudit(client, ctx, a);
    first ??= id;
  }
  if (ctx.receipt) await writeReceipt(client, ctx.receipt, result, first);
}

/** An audit row; returns its id. */
async function writeAudit(client: pg.PoolClient, ctx: WriteContext, a: Audit): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `insert into audit_log (actor, action, entity, entity_id, before, after, address, request_id) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id::text`,
    [
      ctx.actor,
      a.action,
      a.entity,
      a.entityId ?? null,
      JSON.stringify(a.before ?? null),
      JSON.stringify(a.after ?? null),
      ctx.address?.slice(0, 64) ?? null,
      ctx.requestId ?? null,
    ],
  );
  return rows[0]!.id;
}

/**
 * The write's idempotency receipt (its key, its request's hash, its answer), in the write's transaction: a
 * second write with the key fails on the primary key and rolls back whole (`idempotent` then answers from
 * this row). Its own table, not audit_log's columns: audit_log is partitioned, and a unique key there must
 * include the month.
 */
async function writeReceipt(client: pg.PoolClient, receipt: { key: string; hash: string }, result: unknown, auditId: string | null) {
  await client.query(`insert into idempotency_key (key, request_hash, result, audit_id) values ($1, $2, $3, $4)`, [
    receipt.key,
    receipt.hash,
    JSON.stringify(result ?? null),
    auditId,
  ]);
}

/** What one change says (writes.ts sends it, live.ts hears it); keys only, never values or names. */
export interface ChangeNotice {
  /** The organisations whose records changed (the notification adds their ancestors); may be empty. */
  orgIds: readonly number[];
  /** The first changed day (ISO), null when no organisation's figures move. */
  from: string | null;
  /** The indicators that may move ([] with orgIds: every indicator of those organisations). */
  indicators: readonly string[];
  /**
   * The tables the change wrote: each instance drops only its cached copies that read one of them
   * (db/instance-cache.ts). Cells only (a fold of cells): ['indicator_cell']. Leaving it out (null) drops
   * every copy on every instance: right when unknown, costly on a busy hub (the tree is re-read).
   */
  tables: readonly string[] | null;
  /**
   * Ancestors left out of the notification: upper bodies whose cells only the folder moves for this write;
   * the fold's own notification tells them (Changes.toldByFold).
   */
  toldByFold?: readonly number[];
}

/** The notification's text as sent on CHANNEL (`{orgs, from, indicators, tables}`); the orgs must already carry their ancestors. */
export function noticePayload(orgs: readonly number[], n: Omit<ChangeNotice, 'orgIds'>): string {
  const payload = JSON.stringify({ orgs, from: n.from, indicators: n.indicators, ...(n.tables ? { tables: n.tables } : {}) });
  // NOTIFY payloads stop at 8000 bytes: past that, say "everything under these organisations", and (without
  // `tables`) "drop every copy", the safe reading of a notice cut short.
  return payload.length < 7900 ? payload : JSON.stringify({ orgs: orgs.slice(0, 500), from: n.from, indicators: [] });
}

/**
 * Sends a change on CHANNEL (delivered on commit when `db` is in a transaction): the changed organisations
 * with every ancestor (so a listener needs no query to match its subscribers), the first changed day, the
 * indicators, the tables written. Keys only, never values or names. Also sent by the fold (fold.ts) for the
 * upper bodies' cells it moved. The ancestors `toldByFold` are left out (the fold's notification tells them).
 */
export async function notify(db: Queryable, n: ChangeNotice): Promise<void> {
  const { rows } = await db.query<{ ids: number[] }>(
    `select coalesce(array_agg(distinct a.id), '{}') as ids from organization o
     cross join unnest(string_to_array(trim(both '/' from o.path), '/')::int[]) as a(id)
     where o.id = any($1::int[]) and a.id <> all($2::int[])`,
    [n.orgIds, n.toldByFold ?? []],
  );
  await db.query(`select pg_notify($1, $2)`, [CHANNEL, noticePayload(rows[0]!.ids as number[], n)]);
}

/** The organisation a department's records count under: its branch, else its hospital's committee. */
export async function deptOrgs(db: Queryable, departmentIds: number[]): Promise<Map<number, number>> {
  const { rows } = await db.query<{ id: number; org: number }>(
    `select d.id, coalesce(d.branch_id, h.committee_id) as org from department d join hospital h on h.id = d.hospital_id where d.id = any($1::int[])`,
    [departmentIds],
  );
  return new Map(rows.map((r) => [r.id, r.org]));
}

/** The write context of a request: its pool, who asks, and the client's idempotency key if it gave one. */
export const writeContext = (ctx: Context, idempotencyKey?: string | null): WriteContext => ({
  pool: ctx.reader.db.pool,
  actor: ctx.actor ?? 'anonymous',
  address: ctx.auth?.address ?? null,
  requestId: ctx.auth?.requestId ?? null,
  scope: ctx.reader.scope,
  reader: ctx.reader,
  ...(idempotencyKey ? { idempotencyKey } : {}),
});

const KEY = /^[\x21-\x7e]{8,100}$/;

async function storedAnswer(pool: pg.Pool, key: string): Promise<{ hash: string; result: unknown } | null> {
  const { rows } = await pool.query(`select request_hash as hash, result from idempotency_key where key = $1`, [key]);
  return rows[0] ?? null;
}

function replay<T>(stored: { hash: string; result: unknown }, hash: string, key: string): T {
  if (stored.hash === hash) return stored.result as T;
  throw new HubError({
    code: ErrorCode.conflict,
    reason: Reason.idempotencyConflict,
    field: ['idempotencyKey'],
    zh: `idempotencyKey “${key}” 已用于另一个请求：每个写入请用新的键`,
    en: `idempotencyKey “${key}” was used for another request: use a new key for each write`,
  });
}

/**
 * A write with the client's idempotency key: the first time it runs and its answer is stored in its
 * transaction (idempotency_key); a retry with the same key and the same request (after a lost answer, a restart) gets that
 * answer and changes nothing; the same key with another request is refused. Two at once: one writes, the
 * other finds the key taken (the primary key) and answers from it.
 */
export async function idempotent<T>(
  ctx: WriteContext,
  operation: string,
  input: unknown,
  run: (ctx: WriteContext) => Promise<T>,
): Promise<T> {
  if (ctx.reader) await assertInputInScope(ctx.reader, input, [operation]);
  const key = ctx.idempotencyKey;
  if (!key) return run(ctx);
  if (!KEY.test(key)) {
    throw new HubError({
      code: ErrorCode.badInput,
      reason: Reason.inputOutOfRange,
      field: ['idempotencyKey'],
      zh: 'idempotencyKey 应为 8–100 个可见 ASCII 字符（如 UUID）',
      en: 'idempotencyKey must be 8–100 printable ASCII characters (a UUID, say)',
    });
  }
  const hash = createHash('sha256')
    .update(JSON.stringify([operation, input]))
    .digest('hex');
  const stored = await storedAnswer(ctx.pool, key);
  if (stored) return replay<T>(stored, hash, key);
  try {
    return await run({ ...ctx, receipt: { key, hash } });
  } catch (err) {
    // Another request with this key finished meanwhile (its row won the primary key, or made this one a
    // duplicate): this one is its retry, and answers as it did.
    // The database gone while asking (a failover): the outcome is unknown, which is the outage's 503 (the client
    // sends the same key again), not this request's own error (a unique violation would read as INTERNAL).
    const again = await storedAnswer(ctx.pool, key).catch((lookup: unknown) => {
      if (isUnavailable(lookup) && !isUnavailable(err)) throw lookup;
      return null;
    });
    if (again) return replay<T>(again, hash, key);
    throw err;
  }
}
