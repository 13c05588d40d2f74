/**
 * The shared write transaction every feature's write runs in (modules/<area>/<area>.writes.ts): one
 * PostgreSQL transaction holding the write's rows, the indicator cells it moves (cells.ts:
 * withCellDelta), an audit_log row per entry (who, when, what, before/after) and one NOTIFY carrying only
 * keys (PostgreSQL delivers it on commit, never for a rolled-back write).
 *
 * A write declares the tables it changes; the indicators it moves are derived from them (reads.ts), and
 * the transaction refuses a statement that changes any other table, so the declaration cannot drift
 * from the code. Writes use plain SQL on one pooled connection rather than MikroORM's unit of work: the
 * cell delta reads the transaction's own state before and after the write, statement by statement,
 * which a flush at the end cannot give.
 */
import type pg from 'pg';
import type { Context } from '../context.js';
import { invalidateInstanceCaches } from '../db/instance-cache.js';
import { withCellDelta, type Queryable } from './cells.js';
import { indicatorsReading } from './reads.js';

export const CHANNEL = 'indicators_changed';

export interface WriteContext {
  pool: pg.Pool;
  /** Who writes, for the audit log. */
  actor: string;
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
}

export interface WriteSpec {
  /** The tables this write changes. */
  tables: readonly string[];
}

export interface WriteTx {
  /** The transaction's connection (statements that change a table outside `tables` are refused). */
  client: Queryable;
  /** Runs `write`, moving the cells of every indicator that reads a declared table, for these organisations. */
  moving<T>(scope: ChangeScope, write: () => Promise<T>): Promise<T>;
  /** Announces a change that moves no cells (a target, a weight) to the subscribers. */
  announce(scope: ChangeScope, indicators: readonly string[]): void;
  /** Appends an audit entry (written before the commit). */
  audit(entry: Audit): void;
}

/** Tables the transaction itself writes, whatever the write declares. */
const ENGINE_TABLES = new Set(['indicator_cell', 'audit_log']);
const CHANGE = /^\s*(?:insert\s+into|update|delete\s+from)\s+([a-z_][a-z0-9_]*)/i;

/** The connection, refusing statements that change an undeclared table (a programming error, caught by tests). */
function guarded(client: pg.PoolClient, tables: ReadonlySet<string>): Queryable {
  const query = (text: string, values?: unknown[]) => {
    const table = CHANGE.exec(text)?.[1]?.toLowerCase();
    if (table && !tables.has(table) && !ENGINE_TABLES.has(table)) {
      throw new Error(`this write changes ${table} but declares only ${[...tables].join(', ')}: add it to the write's tables`);
    }
    return client.query(text, values);
  };
  return { query: query as Queryable['query'] };
}

class Changes {
  readonly orgIds = new Set<number>();
  readonly indicators = new Set<string>();
  from: string | null = null;

  add(scope: ChangeScope, indicators: readonly string[]): number[] {
    const ids = [...new Set(scope.orgIds.filter((o): o is number => o != null))];
    for (const o of ids) this.orgIds.add(o);
    for (const i of indicators) this.indicators.add(i);
    if (this.from == null || scope.from < this.from) this.from = scope.from;
    return ids;
  }
}

/** One transaction: the write, its cell deltas, the audit rows, the notification. */
export async function transact<T>(ctx: WriteContext, spec: WriteSpec, fn: (tx: WriteTx) => Promise<T>): Promise<T> {
  const moved = indicatorsReading(spec.tables);
  const client = await ctx.pool.connect();
  const changes = new Changes();
  const audits: Audit[] = [];
  const db = guarded(client, new Set(spec.tables));
  const tx: WriteTx = {
    client: db,
    moving: (scope, write) => withCellDelta(db, { orgIds: changes.add(scope, moved), from: scope.from, indicators: moved }, write),
    announce: (scope, indicators) => void changes.add(scope, indicators),
    audit: (entry) => void audits.push(entry),
  };
  try {
    await client.query('begin');
    const result = await fn(tx);
    for (const a of audits) await writeAudit(client, ctx.actor, a);
    if (changes.orgIds.size) await notify(client, [...changes.orgIds], changes.from!, [...changes.indicators]);
    await client.query('commit');
    // This instance reads its own write at once; the others hear of it through the notification.
    invalidateInstanceCaches();
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function writeAudit(client: pg.PoolClient, actor: string, a: Audit): Promise<void> {
  await client.query(`insert into audit_log (actor, action, entity, entity_id, before, after) values ($1, $2, $3, $4, $5, $6)`, [
    actor,
    a.action,
    a.entity,
    a.entityId ?? null,
    JSON.stringify(a.before ?? null),
    JSON.stringify(a.after ?? null),
  ]);
}

/**
 * The notification: the changed organisations with every ancestor (so a listener needs no query to
 * match its subscribers), the first changed day, the indicators. Keys only, never values or names.
 */
async function notify(db: pg.PoolClient, orgIds: number[], from: string, indicators: readonly string[]) {
  const { rows } = await db.query<{ ids: number[] }>(
    `select coalesce(array_agg(distinct a.id), '{}') as ids from organization o
     cross join unnest(string_to_array(trim(both '/' from o.path), '/')::int[]) as a(id) where o.id = any($1::int[])`,
    [orgIds],
  );
  const payload = JSON.stringify({ orgs: rows[0]!.ids, from, indicators });
  // NOTIFY payloads stop at 8000 bytes: past that, say "everything under these organisations".
  await db.query(`select pg_notify($1, $2)`, [
    CHANNEL,
    payload.length < 7900 ? payload : JSON.stringify({ orgs: rows[0]!.ids.slice(0, 500), from, indicators: [] }),
  ]);
}

/** The organisation a department's records count under: its branch, else its hospital's committee. */
export async function deptOrgs(db: Queryable, departmentIds: number[]): Promise<Map<number, number>> {
  const { rows } = await db.query<{ id: number; org: number }>(
    `select d.id, coalesce(d.branch_id, h.committee_id) as org from department d join hospital h on h.id = d.hospital_id where d.id = any($1::int[])`,
    [departmentIds],
  );
  return new Map(rows.map((r) => [r.id, r.org]));
}

/** The write context of a request: its pool and who asks. */
export const writeContext = (ctx: Context): WriteContext => ({ pool: ctx.reader.db.pool, actor: ctx.actor ?? 'anonymous' });
