/**
 * `GET /export/<kind>.xlsx[?org=<Organization global id>][&hospital=<Hospital global id>]`: a kind's stored rows
 * in the caller's scope (or one organisation's subtree inside it, or one hospital) written as the kind's own
 * import template (exporter.ts), so the file a committee exports is the file it can correct and import back,
 * or import into another hub: Chinese headers, enum values as their Chinese labels, ID-card and mobile
 * numbers as text, organisations by their code (else their name).
 *
 * Personal data leaves the hub here, so the export is built by the server, never from what a page holds: a
 * kind with personal columns (members, attendance, honours, development steps, positions) goes only to a
 * signed-in committee member or branch secretary (a session, not a script's token), each only inside their
 * scope; other kinds (figures, surveys, the tree) to any reading role in its scope, tokens included. Every
 * export is audited (`<kind>.exported`: scope, the personal fields, the counts and the first 1,000 record ids a
 * sheet, the address) before the file's last byte goes, and the file names its exporter (the workbook's author,
 * a 导出信息 sheet, the printed footer).
 */
import express from 'express';
import type pg from 'pg';
import type { AuthSettings } from '../../config.js';
import { downloadReads, type ReplicaSet } from '../../db/replicas.js';
import { AccountRole } from '../../domain/enums.js';
import { ErrorCode, HubError, Reason, type ReasonCode } from '../../errors.js';
import { fromGlobalId } from '../../graphql/global-id.js';
import { downloadFailed, requestAuth, type Credentials } from '../account/index.js';
import { exportKind, exportSpans, personalKind, type ExportedSheet, type ExportFilter } from './exporter.js';
import { LIMITS } from './read.js';
import type { ImportKindDef } from './kind.js';
import { KINDS } from './kinds.js';

export const MEMBERS_EXPORT_PATH = '/export/members.xlsx';
export const exportPath = (kind: string) => `/export/${kind}.xlsx`;

const refusal = (status: 401 | 403 | 404, reason: ReasonCode, zh: string, en: string) =>
  new HubError({
    code: status === 401 ? ErrorCode.unauthenticated : status === 404 ? ErrorCode.notFound : ErrorCode.forbidden,
    reason,
    zh,
    en,
    status,
  });

interface Caller {
  username: string;
  roots: readonly number[] | null;
  address: string | null;
}

/** Who asks, if they may export this kind (see the file's comment). */
async function caller(
  def: ImportKindDef,
  credentials: Credentials,
  settings: AuthSettings,
  req: express.Request,
  res: express.Response,
): Promise<Caller> {
  const auth = await requestAuth(credentials, settings, req, res);
  const account = auth.account;
  if (!account) throw refusal(401, Reason.authRequired, '请先登录', 'sign in first');
  const writer = account.role === AccountRole.COMMITTEE || account.role === AccountRole.SECRETARY;
  if (personalKind(def) ? account.tokenId != null || !writer : account.role === AccountRole.ADMIN)
    throw refusal(
      403,
      Reason.authForbidden,
      personalKind(def)
        ? '只有登录的党委（党办）和支部书记账号可以导出含个人信息的数据（令牌不能导出个人信息）'
        : '系统管理员账号不能导出业务数据',
      personalKind(def)
        ? 'only a signed-in committee member or branch secretary exports personal data (a token cannot)'
        : 'an admin account exports no facts',
    );
  return { username: account.username, roots: account.scope, address: auth.address };
}

const decoded = (value: unknown, type: string): number | null => {
  const id = typeof value === 'string' && value ? fromGlobalId(value) : null;
  return id?.type === type ? id.id : null;
};

/** The subtree asked for (`?org=`) and the hospital (`?hospital=`), which must lie inside the caller's scope. */
async function filterOf(pool: pg.Pool, who: Caller, query: express.Request['query']) {
  const under = decoded(query.org, 'Organization');
  const hospital = decoded(query.hospital, 'Hospital');
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const inScope = (table: 'organization' | 'hospital', id: number) =>
    pool.query(
      table === 'organization'
        ? `select ($2::int[] is null or string_to_array(trim(both '/' from path), '/')::int[] && $2::int[]) as inside from organization where id = $1`
        : `select ($2::int[] is null or exists (select 1 from organization c, organization r
             where c.id = h.committee_id and r.id = any($2::int[])
               and (string_to_array(trim(both '/' from r.path), '/')::int[] @> array[c.id]
                 or string_to_array(trim(both '/' from c.path), '/')::int[] @> array[r.id]))) as inside
           from hospital h where h.id = $1`,
      [id, who.roots],
    );
  if (query.org && !(under && (await inScope('organization', under)).rows[0]?.inside))
    throw refusal(404, Reason.authOutOfScope, `没有这个党组织：${text(query.org)}`, `no such organisation: ${text(query.org)}`);
  if (query.hospital && !(hospital && (await inScope('hospital', hospital)).rows[0]?.inside))
    throw refusal(404, Reason.authOutOfScope, `没有这家医院：${text(query.hospital)}`, `no such hospital: ${text(query.hospital)}`);
  const day = (k: 'from' | 'to') => {
    const v = query[k];
    if (v === undefined || v === '') return null;
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))) return v;
    throw new HubError({
      code: ErrorCode.badInput,
      reason: Reason.inputInvalidDate,
      zh: `${k} 须为 YYYY-MM-DD 格式的日期`,
      en: `${k} must be a date as YYYY-MM-DD`,
      status: 400,
    });
  };
  return { roots: who.roots, under, hospital, from: day('from'), to: day('to') };
}

/** A file an import could not take whole (a sheet over its rows limit) is refused before the first byte, naming spans that fit. */
async function fitsOneFile(pool: pg.Pool, def: ImportKindDef, filter: ExportFilter): Promise<void> {
  const spans = await exportSpans(pool, def, filter, LIMITS.rowsPerSheet);
  if (!spans) return;
  const list = spans.map((s) => `${s.from}…${s.to}`).join(', ');
  throw new HubError({
    code: ErrorCode.badInput,
    reason: Reason.inputTooMany,
    zh: `导出的工作表会超过 ${LIMITS.rowsPerSheet.toLocaleString('en')} 行（导入的上限）：请按时间分段导出（from、to），如 ${list}`,
    en: `a sheet would pass ${LIMITS.rowsPerSheet.toLocaleString('en')} rows (an import's limit): export it in spans (from, to), e.g. ${list}`,
    status: 400,
  });
}

const auditEntry = (kind: string, def: ImportKindDef, who: Caller, query: express.Request['query'], sheets: ExportedSheet[]) => ({
  scope: who.roots,
  organization: typeof query.org === 'string' ? query.org : null,
  hospital: typeof query.hospital === 'string' ? query.hospital : null,
  fields: def.sheets.flatMap((s) => s.columns.filter((c) => c.personal).map((c) => c.field)),
  count: sheets.reduce((n, s) => n + s.rows, 0),
  ids: sheets[0]?.keys ?? [],
  sheets: sheets.map((s) => ({ sheet: s.sheet, rows: s.rows, ids: s.keys })),
  address: who.address,
  kind,
});

async function exportFile(o: ExportRoutesOptions, kind: string, req: express.Request, res: express.Response): Promise<void> {
  const def = KINDS[kind as keyof typeof KINDS] as ImportKindDef | undefined;
  if (!def?.exports) throw refusal(404, Reason.idNotFound, `没有这种导出：${kind}`, `no such export: ${kind}`);
  const who = await caller(def, o.credentials, o.settings, req, res);
  const read = downloadReads(o.pool, o.replicas, req.headers['x-hub-read-after']);
  const filter = await read((pool) => filterOf(pool, who, req.query));
  await read((pool) => fitsOneFile(pool, def, filter));
  const at = new Date().toISOString();
  res.status(200).set({
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="${kind}-${at.slice(0, 10)}.xlsx"`,
    'cache-control': 'no-store',
  });
  const scopeLabel =
    [req.query.org, req.query.hospital].filter((x): x is string => typeof x === 'string' && !!x).join(' ') || '账号的全部管辖范围';
  // A replica that fails the export once bytes are on their way cannot hand it to the primary: the file would hold
  // both. Before the first byte it can (a recovery conflict, the replica gone), as any read's statement.
  let failure: unknown;
  await read(async (pool) => {
    if (failure !== undefined && res.headersSent) throw failure;
    try {
      return await exportKind(pool, def, filter, { exporter: who.username, scopeLabel, at }, res, async (sheets) => {
        // Recorded (on the primary) before the file's end: whoever holds the file finds its export in the log.
        await o.pool.query(`insert into audit_log (actor, action, entity, after) values ($1, $2, $3, $4)`, [
          who.username.slice(0, 100),
          `${kind}.exported`,
          def.audit.entity,
          JSON.stringify(auditEntry(kind, def, who, req.query, sheets)),
        ]);
      });
    } catch (err) {
      failure = err;
      throw err;
    }
  });
}

export interface ExportRoutesOptions {
  /** The primary's pool: the audit entry, and the reads when no replica serves them. */
  pool: pg.Pool;
  /** The read replicas (HUB_REPLICA_URLS), when configured: the export's reads go there. */
  replicas?: ReplicaSet;
  credentials: Credentials;
  settings: AuthSettings;
}

/** Mounts the exports (only where sessions are: without access control nobody can be named as exporter). */
export function exportRoutes(o: ExportRoutesOptions): express.Router {
  const router = express.Router();
  router.get('/export/:file', (req, res) => {
    const kind = /^([a-z]+)\.xlsx$/.exec(String(req.params.file))?.[1] ?? '';
    exportFile(o, kind, req, res).catch((err: unknown) => downloadFailed(res, err));
  });
  return router;
}
