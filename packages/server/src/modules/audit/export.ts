/**
 * `GET /admin/audit.csv?from=YYYY-MM-DD&to=YYYY-MM-DD[&actor=&actionPrefix=]`: the audit log as CSV for the audit
 * grant's holders (审计管理员), signed in with the session cookie. UTF-8 with a BOM (Excel then reads Chinese),
 * streamed in batches newest first, each cell that a spreadsheet would take for a formula quoted with a leading
 * apostrophe. The export is audited (`audit.exported`: the filter and the row count); a refusal too
 * (`access.read_refused`).
 */
import express from 'express';
import type pg from 'pg';
import type { AuthSettings } from '../../config.js';
import { downloadReads, type ReplicaSet } from '../../db/replicas.js';
import { HubError } from '../../errors.js';
import { downloadFailed, refuseDownload, requestAuth, type Credentials } from '../account/index.js';
import { auditReaderOf, auditRows, auditWhere, type AuditWhere } from './audit.reads.js';
import type { AuditEntry } from './audit.types.js';

export const AUDIT_CSV_PATH = '/admin/audit.csv';
const BATCH = 1000;
const HEADER = ['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'before', 'after'];

/** One CSV cell: quoted when it must be; a leading = + - @ (a formula to a spreadsheet) made text with an apostrophe. */
export function csvCell(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: (string | number | Date | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;
const rowOf = (e: AuditEntry) => line([e.id, e.at, e.actor, e.action, e.entity, e.entityId, e.before, e.after]);

type Reads = ReturnType<typeof downloadReads>;

/** Writes every row of the filter, each batch read by `read` (a replica's, or the primary's); the number written. */
async function stream(read: Reads, res: express.Response, where: AuditWhere): Promise<number> {
  let count = 0;
  let before: string | null = null;
  for (;;) {
    const after: string | null = before;
    const rows: AuditEntry[] = await read((pool) => auditRows(pool, where, after, BATCH));
    if (!rows.length) return count;
    const ok = res.write(rows.map(rowOf).join(''));
    count += rows.length;
    before = rows.at(-1)!.id;
    if (!ok) await new Promise<void>((resolve) => res.once('drain', resolve));
    if (rows.length < BATCH) return count;
  }
}

const query = (req: express.Request, k: string) => (typeof req.query[k] === 'string' ? req.query[k] : null);

async function exportCsv(o: AuditRoutesOptions, req: express.Request, res: express.Response) {
  const { pool, credentials, settings } = o;
  const auth = await requestAuth(credentials, settings, req, res);
  let where: AuditWhere;
  try {
    auditReaderOf(auth);
    where = auditWhere('query', {
      from: query(req, 'from'),
      to: query(req, 'to'),
      actor: query(req, 'actor'),
      actionPrefix: query(req, 'actionPrefix'),
    });
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
    if (auth.account && err.extensions.reason === 'auth/forbidden')
      await audit(pool, auth.account.username, 'access.read_refused', {
        path: AUDIT_CSV_PATH,
        reason: 'auth/forbidden',
        address: auth.address,
      });
    return refuseDownload(res, err);
  }
  const day = new Date().toISOString().slice(0, 10);
  res.status(200).set({
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="audit-${day}.csv"`,
    'cache-control': 'no-store',
  });
  res.write(`\uFEFF${line(HEADER)}`);
  // Batches by id (keyset): one read again on the primary after a replica failed it gives the same rows.
  const rows = await stream(downloadReads(pool, o.replicas, req.headers['x-hub-read-after']), res, where);
  // Recorded before the response ends: whoever has the file finds its export in the log.
  await audit(pool, auth.account!.username, 'audit.exported', { filter: where.filter, rows, address: auth.address });
  res.end();
}

async function audit(pool: pg.Pool, actor: string, action: string, detail: Record<string, unknown>): Promise<void> {
  await pool.query(`insert into audit_log (actor, action, entity, after) values ($1, $2, 'audit', $3)`, [
    actor.slice(0, 100),
    action,
    JSON.stringify(detail),
  ]);
}

export interface AuditRoutesOptions {
  /** The primary's pool: the export's own audit entry, and the reads when no replica serves them. */
  pool: pg.Pool;
  /** The read replicas (HUB_REPLICA_URLS), when configured: the log's rows are read there. */
  replicas?: ReplicaSet;
  credentials: Credentials;
  settings: AuthSettings;
}

/** Mounts the export (only where sessions are: a hub run without access control has no audit readers). */
export function auditRoutes(o: AuditRoutesOptions): express.Router {
  const router = express.Router();
  router.get(AUDIT_CSV_PATH, (req, res) => {
    exportCsv(o, req, res).catch((err: unknown) => downloadFailed(res, err));
  });
  return router;
}
