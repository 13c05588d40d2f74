/**
 * `GET /export/members.xlsx[?org=<Organization global id>]`: the members roll of the caller's scope (or of one
 * organisation's subtree inside it) in the import template's own layout (members.columns.ts), so the file a
 * committee exports is the file it can correct and import back: Chinese headers, enum values as their Chinese
 * labels, ID-card and mobile numbers as text, the branch by its code (else its name).
 *
 * Personal data leaves the hub here, so the export is built by the server, never from what a page holds:
 * only a signed-in committee member or branch secretary (a session, not a script's token) may take it, each
 * only inside their scope; every export is audited (`members.exported`: scope, the fields, the count and the
 * first 1,000 record ids, the address) before the file's last byte goes, and the file names its exporter (the
 * workbook's author, a 导出信息 sheet, and the data sheet's printed footer). Streamed in batches of rows
 * (exceljs's streaming writer): the roll is never whole in memory.
 */
import ExcelJS from 'exceljs';
import express from 'express';
import type pg from 'pg';
import type { AuthSettings } from '../../config.js';
import { isUnavailable } from '../../db/failures.js';
import { AccountRole } from '../../domain/enums.js';
import { dbUnavailable, ErrorCode, HubError, Reason, type ReasonCode } from '../../errors.js';
import { fromGlobalId } from '../../graphql/global-id.js';
import { requestAuth, type Credentials } from '../account/index.js';
import { enumChoices, type Column } from './columns.js';
import { MEMBERS } from './members.columns.js';

export const MEMBERS_EXPORT_PATH = '/export/members.xlsx';
const BATCH = 2000;
const MAX_IDS = 1000;

/** The member table's column for each of the template's fields (the branch and department are named, not numbered). */
const SOURCE: Record<string, string> = {
  name: 'm.name',
  idCardNo: 'm.id_card_no',
  gender: 'm.gender',
  birthDate: 'm.birth_date::text',
  ethnicity: 'm.ethnicity',
  branch: 'coalesce(o.code, o.name)',
  department: 'd.name',
  politicalStatus: 'm.political_status',
  membershipStatus: 'm.membership_status',
  joinedOn: 'm.joined_on::text',
  convertedOn: 'm.converted_on::text',
  education: 'm.education',
  professionalTitle: 'm.professional_title',
  staffCategory: 'm.staff_category',
  isDeptHead: 'm.is_dept_head',
  isBackbone: 'm.is_backbone',
  isFrontline: 'm.is_frontline',
  mobile: 'm.mobile',
  staffNo: 'm.staff_no',
};

const refusal = (status: 401 | 403 | 404, reason: ReasonCode, zh: string, en: string) =>
  new HubError({ code: status === 401 ? ErrorCode.unauthenticated : ErrorCode.forbidden, reason, zh, en, status });

function refuse(res: express.Response, err: HubError): void {
  const status = (err.extensions.http as { status?: number } | undefined)?.status ?? 400;
  const { http: _http, ...extensions } = err.extensions;
  res
    .status(status)
    .set('cache-control', 'no-store')
    .json({ errors: [{ message: err.message, extensions }] });
}

/** A stored value as the template's cell: enum values as their Chinese label, flags as 是/否, the rest as text. */
export function cellOf(column: Column, value: string | boolean | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (column.type === 'boolean') return value ? '是' : '否';
  if (column.type === 'enum') return enumChoices(column).find((c) => c.value === value)?.zh ?? String(value);
  return String(value);
}

interface Caller {
  username: string;
  roots: readonly number[] | null;
  address: string | null;
}

/** Who asks, if they may export: a session (not a token) of a committee member or branch secretary. */
async function caller(credentials: Credentials, settings: AuthSettings, req: express.Request, res: express.Response): Promise<Caller> {
  const auth = await requestAuth(credentials, settings, req, res);
  const account = auth.account;
  if (!account) throw refusal(401, Reason.authRequired, '请先登录', 'sign in first');
  if (account.tokenId != null || (account.role !== AccountRole.COMMITTEE && account.role !== AccountRole.SECRETARY))
    throw refusal(
      403,
      Reason.authForbidden,
      '只有登录的党委（党办）和支部书记账号可以导出党员名册（令牌不能导出个人信息）',
      'only a signed-in committee member or branch secretary exports the members roll (a token cannot export personal data)',
    );
  return { username: account.username, roots: account.scope, address: auth.address };
}

/** The subtree asked for (`?org=`), which must lie inside the caller's scope; null: the whole scope. */
async function subtree(pool: pg.Pool, who: Caller, org: unknown): Promise<number | null> {
  if (typeof org !== 'string' || !org) return null;
  const decoded = fromGlobalId(org);
  const id = decoded?.type === 'Organization' ? decoded.id : null;
  const { rows } = id
    ? await pool.query(
        `select ($2::int[] is null or string_to_array(trim(both '/' from path), '/')::int[] && $2::int[]) as inside
         from organization where id = $1`,
        [id, who.roots],
      )
    : { rows: [] };
  if (!rows[0]?.inside) throw refusal(404, Reason.authOutOfScope, `没有这个党组织：${org}`, `no such organisation: ${org}`);
  return id;
}

/** Members of the scope (and subtree), in batches after row id `after`. */
async function batch(pool: pg.Pool, roots: readonly number[] | null, under: number | null, after: number) {
  const columns = MEMBERS.columns.map((c) => `${SOURCE[c.field]} as "${c.field}"`).join(', ');
  const { rows } = await pool.query(
    `select m.id, ${columns}
     from member m join organization o on o.id = m.organization_id left join department d on d.id = m.department_id
     where m.id > $3
       and ($1::int[] is null or string_to_array(trim(both '/' from o.path), '/')::int[] && $1::int[])
       and ($2::int is null or string_to_array(trim(both '/' from o.path), '/')::int[] && array[$2::int])
     order by m.id limit ${BATCH}`,
    [roots, under, after],
  );
  return rows as ({ id: number } & Record<string, unknown>)[];
}

function dataSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, who: Caller, at: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(MEMBERS.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = MEMBERS.columns.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    key: c.field,
    width: Math.max(10, c.header.length * 2 + 6, c.type === 'idCard' ? 22 : 0),
    style: { numFmt: '@' },
  }));
  ws.headerFooter.oddFooter = `&L含个人信息，请按规定保管&C导出人：${who.username}  ${at}&R第 &P 页 / 共 &N 页`;
  return ws;
}

/** Streams the roll; the ids written. */
async function writeRows(pool: pg.Pool, ws: ExcelJS.Worksheet, who: Caller, under: number | null): Promise<number[]> {
  const ids: number[] = [];
  for (let after = 0; ;) {
    const rows = await batch(pool, who.roots, under, after);
    for (const r of rows) {
      ws.addRow(MEMBERS.columns.map((c) => cellOf(c, r[c.field] as string | boolean | null))).commit();
      ids.push(r.id);
    }
    if (rows.length < BATCH) return ids;
    after = rows.at(-1)!.id;
  }
}

function infoSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, who: Caller, at: string, org: unknown, count: number): void {
  const ws = wb.addWorksheet('导出信息');
  ws.columns = [{ width: 14 }, { width: 70 }];
  for (const row of [
    ['导出人', who.username],
    ['导出时间', at],
    ['范围', typeof org === 'string' && org ? org : '账号的全部管辖范围'],
    ['人数', count],
    ['说明', '本文件含个人信息（姓名、身份证号、手机号等），仅限工作需要使用，请勿外传；本次导出已记入审计日志。'],
    ['', '本文件与“党员名册导入模板”格式相同：改正后可直接试导入、确认导入。'],
  ])
    ws.addRow(row).commit();
  ws.commit();
}

async function exportRoll(o: ExportRoutesOptions, req: express.Request, res: express.Response): Promise<void> {
  let who: Caller;
  let under: number | null;
  try {
    who = await caller(o.credentials, o.settings, req, res);
    under = await subtree(o.pool, who, req.query.org);
  } catch (err) {
    if (err instanceof HubError) return refuse(res, err);
    throw err;
  }
  const at = new Date().toISOString();
  res.status(200).set({
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="members-${at.slice(0, 10)}.xlsx"`,
    'cache-control': 'no-store',
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  wb.creator = who.username;
  wb.lastModifiedBy = who.username;
  wb.title = `党员名册（导出人：${who.username}）`;
  const ws = dataSheet(wb, who, at);
  const ids = await writeRows(o.pool, ws, who, under);
  ws.commit();
  infoSheet(wb, who, at, req.query.org, ids.length);
  // Recorded before the file's end: whoever holds the file finds its export in the log.
  await o.pool.query(`insert into audit_log (actor, action, entity, after) values ($1, 'members.exported', 'member', $2)`, [
    who.username.slice(0, 100),
    JSON.stringify({
      scope: who.roots,
      organization: typeof req.query.org === 'string' ? req.query.org : null,
      fields: MEMBERS.columns.filter((c) => c.personal).map((c) => c.field),
      count: ids.length,
      ids: ids.slice(0, MAX_IDS),
      address: who.address,
    }),
  ]);
  await wb.commit();
}

/** Before the first byte a coded answer (503 when the database is away); after it, the connection is cut (no partial file passes for whole). */
function failed(res: express.Response, err: unknown): void {
  if (res.headersSent) return void res.destroy();
  refuse(
    res,
    isUnavailable(err)
      ? dbUnavailable()
      : new HubError({ code: ErrorCode.internal, reason: Reason.internal, zh: '服务器内部错误', en: 'internal server error', status: 500 }),
  );
}

export interface ExportRoutesOptions {
  pool: pg.Pool;
  credentials: Credentials;
  settings: AuthSettings;
}

/** Mounts the roll's export (only where sessions are: without access control nobody can be named as exporter). */
export function exportRoutes(o: ExportRoutesOptions): express.Router {
  const router = express.Router();
  router.get(MEMBERS_EXPORT_PATH, (req, res) => {
    exportRoll(o, req, res).catch((err: unknown) => failed(res, err));
  });
  return router;
}
