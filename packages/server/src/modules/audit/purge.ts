/**
 * `pnpm audit:purge`: removes the audit log's oldest rows through hub_audit_purge (Migration20261202230000),
 * the one way rows leave it. PostgreSQL refuses a cut-off younger than MIN_KEEP_DAYS; the default keeps
 * HUB_AUDIT_KEEP_DAYS (3 years, PIPL). The purge is itself the chain's next row (`audit.purge`, naming the
 * anchor the remaining chain starts from).
 */
import type pg from 'pg';
import { AUDIT_KEEP_DAYS } from '../../config.js';

/** What the database keeps at least (the trigger and hub_audit_purge hold the same number). */
const MIN_KEEP_DAYS = AUDIT_KEEP_DAYS.min;

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface PurgeResult {
  before: Date;
  deleted: number;
  /** The last purged row (the chain now starts after it), and its hash. */
  anchorId: string;
  anchorHash: string;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The cut-off: midnight UTC of `before` (YYYY-MM-DD), else `keepDays` before today's. Throws, naming the rule,
 * for a malformed date, or a cut-off or retention short of MIN_KEEP_DAYS.
 */
export function purgeCutoff(options: { before?: string; keepDays: number }, now = new Date()): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (!Number.isInteger(options.keepDays) || options.keepDays < MIN_KEEP_DAYS)
    throw new Error(`the audit log keeps every row ${MIN_KEEP_DAYS} days: a retention of ${options.keepDays} days is too short`);
  const cutoff = options.before === undefined ? today - options.keepDays * DAY_MS : Date.parse(`${options.before}T00:00:00Z`);
  if (options.before !== undefined && (!DAY.test(options.before) || Number.isNaN(cutoff)))
    throw new Error(`--before must be a date YYYY-MM-DD (got "${options.before}")`);
  const latest = today - MIN_KEEP_DAYS * DAY_MS;
  if (cutoff > latest)
    throw new Error(
      `the audit log keeps every row ${MIN_KEEP_DAYS} days: --before must be ${isoDay(latest)} or earlier (got ${options.before})`,
    );
  return new Date(cutoff);
}

/** Purges the rows older than `before` (as one run from the chain's start) in its own transaction. */
export async function purgeAudit(client: pg.ClientBase, before: Date, actor: string): Promise<PurgeResult> {
  await client.query('begin');
  try {
    const { rows } = await client.query<{ deleted: string }>(`select hub_audit_purge($1, $2) as deleted`, [before, actor]);
    const { rows: chain } = await client.query<{ anchor_id: string; anchor_hash: string }>(
      `select anchor_id::text, anchor_hash from audit_chain where id = 1`,
    );
    await client.query('commit');
    return { before, deleted: Number(rows[0].deleted), anchorId: chain[0].anchor_id, anchorHash: chain[0].anchor_hash };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}
