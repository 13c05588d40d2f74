/**
 * The writes that move indicators. Each one validates its whole input first (every bad field reported,
 * nothing written), then runs in one transaction with: the rows, the indicator cells it changes
 * (withCellDelta), an audit_log row (who, when, what, before/after) and a NOTIFY carrying only keys
 * (PostgreSQL delivers it on commit, never for a rolled-back write).
 *
 * Written with plain SQL on one pooled connection rather than MikroORM's unit of work: the cell delta
 * must read the same transaction's state before and after the write, statement by statement.
 */
import { indicator as definition } from '@party-hub/schema/indicators';
import type pg from 'pg';
import { ErrorCode, HubError } from '../errors.js';
import { withCellDelta, type Queryable } from './cells.js';
import { invalidateInstanceCaches } from '../db/instance-cache.js';
import { STORED_IDS, type StoredIndicatorId } from './sql.js';

export const CHANNEL = 'indicators_changed';

export interface Problem {
  field: string;
  reason: string;
  zh: string;
  en: string;
}

/** Collects every bad field of an input; `check()` throws one coded error listing all of them. */
export class Problems {
  readonly list: Problem[] = [];
  constructor(readonly root: string) {}

  add(field: string, reason: string, zh: string, en: string): void {
    this.list.push({ field: `${this.root}.${field}`, reason, zh, en });
  }

  check(): void {
    if (!this.list.length) return;
    const first = this.list[0]!;
    const others = this.list.length - 1;
    throw new HubError({
      code: ErrorCode.badInput,
      reason: first.reason as never,
      field: first.field.split('.'),
      zh: `${first.field}：${first.zh}${others ? `（另有 ${others} 处错误，见 problems）` : ''}；未写入任何数据`,
      en: `${first.field}: ${first.en}${others ? ` (and ${others} more, see problems)` : ''}; nothing was written`,
      problems: this.list,
    });
  }
}

const isDate = (s: unknown): s is string =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export function requireDate(p: Problems, field: string, value: unknown): value is string {
  if (isDate(value)) return true;
  p.add(field, 'input/invalid_date', `“${String(value)}” 不是有效日期（YYYY-MM-DD）`, `“${String(value)}” is not a date (YYYY-MM-DD)`);
  return false;
}

export interface WriteContext {
  pool: pg.Pool;
  actor: string;
}

/** One transaction: the write, its cell delta, the audit row, the notification. */
export async function transact<T>(
  ctx: WriteContext,
  fn: (client: pg.PoolClient) => Promise<{ result: T; scope: { orgIds: number[]; from: string } | null; audit: Audit }>,
): Promise<T> {
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    const { result, scope, audit } = await fn(client);
    await client.query(`insert into audit_log (actor, action, entity, entity_id, before, after) values ($1, $2, $3, $4, $5, $6)`, [
      ctx.actor,
      audit.action,
      audit.entity,
      audit.entityId ?? null,
      JSON.stringify(audit.before ?? null),
      JSON.stringify(audit.after ?? null),
    ]);
    if (scope && scope.orgIds.length) await notify(client, scope.orgIds, scope.from, audit.indicators ?? STORED_IDS);
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

export interface Audit {
  action: string;
  entity: string;
  entityId?: number | null;
  before?: unknown;
  after?: unknown;
  /** Indicators the write may move (all when omitted). */
  indicators?: readonly string[];
}

/**
 * The notification: the changed organisations with every ancestor (so a listener needs no query to
 * match its subscribers), the first changed day, the indicators. Keys only, never values or names.
 */
async function notify(db: Queryable, orgIds: number[], from: string, indicators: readonly string[]) {
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

/** Runs a write inside the cell delta for its organisations and first day; returns what `transact` wants. */
export async function moved<T>(
  client: Queryable,
  orgIds: number[],
  from: string,
  indicators: readonly StoredIndicatorId[],
  write: () => Promise<T>,
): Promise<{ value: T; scope: { orgIds: number[]; from: string } }> {
  const ids = [...new Set(orgIds.filter((o) => o != null))];
  const value = await withCellDelta(client, { orgIds: ids, from, indicators }, write);
  return { value, scope: { orgIds: ids, from } };
}

/** The organisation a department's records count under: its branch, else its hospital's committee. */
export async function deptOrgs(db: Queryable, departmentIds: number[]): Promise<Map<number, number>> {
  const { rows } = await db.query<{ id: number; org: number }>(
    `select d.id, coalesce(d.branch_id, h.committee_id) as org from department d join hospital h on h.id = d.hospital_id where d.id = any($1::int[])`,
    [departmentIds],
  );
  return new Map(rows.map((r) => [r.id, r.org]));
}

export function knownIndicator(p: Problems, field: string, id: string): boolean {
  if (definition(id)) return true;
  p.add(field, 'indicator/unknown', `指标 “${id}” 不存在`, `no indicator “${id}”`);
  return false;
}
