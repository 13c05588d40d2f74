/**
 * Reading the audit log (the audit grant only: `auditReaderOf`): pages newest first for `auditLog`, and every
 * row of a filter in batches for the CSV export (export.ts). The filter is checked once, here, for both.
 */
import type pg from 'pg';
import type { RequestAuth, SignedIn } from '../../context.js';
import { badInput, ErrorCode, HubError, Reason } from '../../errors.js';
import { EMPTY_PAGE, type ConnectionShape } from '../../graphql/connection.js';
import { Problems } from '../../graphql/problems.js';
import type { AuditEntry, AuditFilter } from './audit.types.js';

export const AUDIT_MAX_PAGE = 200;

/** Refused without the audit grant (审计管理员): auth/forbidden, 403, whatever the role. */
export const noAuditGrant = () =>
  new HubError({
    code: ErrorCode.forbidden,
    reason: Reason.authForbidden,
    zh: '查阅审计日志须有审计授权（审计管理员，由服务器命令行授予）',
    en: 'reading the audit log needs the audit grant (audit reader, given on the server’s command line)',
    status: 403,
  });

/** The signed-in account holding the audit grant, or auth/required / auth/forbidden. */
export function auditReaderOf(auth: RequestAuth | undefined): SignedIn {
  const account = auth?.account;
  if (!account)
    throw new HubError({ code: ErrorCode.unauthenticated, reason: Reason.authRequired, zh: '请先登录', en: 'sign in first', status: 401 });
  if (!account.auditReader) throw noAuditGrant();
  return account;
}

/** A filter checked: its SQL condition over `audit_log` and values ($1…$4). */
export interface AuditWhere {
  sql: string;
  values: unknown[];
  /** As given, for the export's own audit row. */
  filter: { from: string | null; to: string | null; actor: string | null; actionPrefix: string | null };
}

/** Checks a filter (problems under `root`); days are Beijing days, both ends included. */
export function auditWhere(root: string, f: AuditFilter | null | undefined): AuditWhere {
  const p = new Problems(root);
  const from = f?.from ?? null;
  const to = f?.to ?? null;
  if (from !== null) p.date('from', from);
  if (to !== null && p.date('to', to) && from !== null && to < from)
    p.add('to', Reason.inputInconsistent, '结束日不能早于开始日', 'the last day cannot be before the first');
  for (const [k, max] of [
    ['actor', 100],
    ['actionPrefix', 64],
  ] as const) {
    const v = f?.[k] ?? '';
    if (v.length > max) p.add(k, Reason.inputTooLong, `最多 ${max} 个字符`, `at most ${max} characters`);
    else if (v.includes('\0'))
      p.add(k, Reason.inputInvalidCharacter, '含有无法保存的字符（\\u0000）', 'holds a character text cannot hold (\\u0000)');
  }
  p.check();
  const actor = f?.actor || null;
  const actionPrefix = f?.actionPrefix || null;
  return {
    sql: `($1::date is null or at >= $1::date::timestamp at time zone 'Asia/Shanghai')
      and ($2::date is null or at < ($2::date + 1)::timestamp at time zone 'Asia/Shanghai')
      and ($3::text is null or actor = $3) and ($4::text is null or action like $4 escape '\\')`,
    values: [from, to, actor, actionPrefix === null ? null : `${actionPrefix.replace(/[\\%_]/g, '\\$&')}%`],
    filter: { from, to, actor, actionPrefix },
  };
}

interface Row {
  id: string;
  at: Date | string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  before: string | null;
  after: string | null;
  address: string | null;
  request_id: string | null;
}

const entryOf = (r: Row): AuditEntry => ({
  id: r.id,
  at: r.at instanceof Date ? r.at : new Date(r.at),
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  before: r.before,
  after: r.after,
  address: r.address,
  requestId: r.request_id,
});

/** Up to `limit` rows of the filter older than row `before` (null: from the newest), newest first. */
export async function auditRows(pool: pg.Pool, where: AuditWhere, before: string | null, limit: number): Promise<AuditEntry[]> {
  const { rows } = await pool.query<Row>(
    `select id::text, at, actor, action, entity, entity_id, before::text, after::text, address, request_id from audit_log
      where ${where.sql} and ($5::bigint is null or audit_log.id < $5::bigint) order by audit_log.id desc limit $6`,
    [...where.values, before, limit],
  );
  return rows.map(entryOf);
}

/** `auditLog`: a page newest first; the cursor is the row number. */
export async function auditPage(
  pool: pg.Pool,
  where: AuditWhere,
  first: number,
  given: string | null | undefined,
  counted: boolean,
): Promise<ConnectionShape<AuditEntry>> {
  if (!Number.isInteger(first) || first < 1 || first > AUDIT_MAX_PAGE)
    throw badInput(Reason.paginationRange, ['auditLog', 'first'], `first 须为 1–${AUDIT_MAX_PAGE}`, `first must be 1–${AUDIT_MAX_PAGE}`);
  const after = given ?? null;
  if (after !== null && !/^[1-9][0-9]{0,17}$/.test(after))
    throw badInput(Reason.cursorInvalid, ['auditLog', 'after'], '游标无效', 'invalid cursor');
  const rows = await auditRows(pool, where, after, first + 1);
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: node.id, node }));
  return {
    nodes,
    edges,
    pageInfo: edges.length
      ? {
          hasNextPage: rows.length > first,
          hasPreviousPage: after !== null,
          startCursor: edges[0].cursor,
          endCursor: edges.at(-1)!.cursor,
        }
      : { ...EMPTY_PAGE, hasPreviousPage: after !== null },
    // Counted only when selected (a count over the whole log is not free); graphql-jit reads it without awaiting a getter's promise.
    totalCount: counted
      ? (await pool.query<{ n: number }>(`select count(*)::int as n from audit_log where ${where.sql}`, where.values)).rows[0].n
      : 0,
  };
}
