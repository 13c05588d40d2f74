/**
 * Import a spreadsheet: a dry run (every problem, the counts to create / update / leave unchanged, the file's
 * SHA-256; nothing written), then a commit naming that hash: refused unless the file is the same and has no
 * problem, then all or nothing in one shared write transaction (rows, cells, one audit entry, one
 * notification). One import per account at a time (a PostgreSQL advisory lock; a second answers import/busy).
 * Any kind of kinds.ts: the organisation tree, members, a person's development steps and positions, activities with
 * attendance, department figures, research projects, model posts, honours, survey results, ethics events,
 * assessments, reported figures.
 * Used by the GraphQL mutations (import.resolver.ts) and the command line (cli/import.ts) alike.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ErrorCode, HubError, Reason } from '../../errors.js';
import type { Queryable } from '../../indicators/cells.js';
import { ScopeChanged, transact, type WriteContext, type WriteTx } from '../../indicators/writes.js';
import type { ImportKindDef, KindPlan, SheetCount } from './kind.js';
import { KINDS, type KindName } from './kinds.js';
import { parseSheets, type ParsedSheet, type RowProblem } from './rows.js';

/** The longest one statement of an import's commit may run (the cells' recount being the longest). */
const IMPORT_STATEMENT_TIMEOUT = '5min';

/** Problems an answer lists at most (the rest counted, and all of them in the errors workbook). */
export const PROBLEMS_SHOWN = 1000;

export interface ImportReport {
  kind: string;
  fileHash: string;
  /** The sheets read (names joined by 、). */
  sheet: string;
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  /** The same counts by sheet. */
  sheets: SheetCount[];
  /** The first PROBLEMS_SHOWN problems. */
  problems: RowProblem[];
  problemCount: number;
  /** Problems beyond the ones listed. */
  moreProblems: number;
  committed: boolean;
}

/** A dry run's report with what the errors workbook needs (every problem, the parsed sheet). */
export interface DryRun extends ImportReport {
  all: readonly RowProblem[];
  parsed: readonly (ParsedSheet | null)[];
  /** The organisations its plan reaches: what a commit of the same parse locks. */
  orgIds: readonly number[];
}

export const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

export { KINDS, type KindName } from './kinds.js';

const defOf = (kind: KindName) => KINDS[kind] as ImportKindDef;

const busy = () =>
  new HubError({
    code: ErrorCode.conflict,
    reason: Reason.importBusy,
    zh: '您的账号正在进行另一项导入，请等它结束后再试',
    en: 'another import of your account is running: try again when it has finished',
  });

/**
 * Runs `fn` holding the account's import lock, or refuses at once. The lock is a transaction's, in a
 * transaction held open on a connection of its own until `fn` ends: a session-level lock would not
 * survive pgbouncer's transaction mode (its unlock could reach another server connection, leaving the
 * lock held there), while an open transaction keeps its server connection (README: "Behind pgbouncer").
 */
async function oneAtATime<T>(pool: pg.Pool, actor: string, fn: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query(`select pg_try_advisory_xact_lock(hashtext('hub_import'), hashtext($1)) as ok`, [actor]);
    if (!rows[0].ok) throw busy();
    return await fn();
  } finally {
    // The rollback ends the transaction, and with it the lock (it changed nothing); a connection that cannot is dropped.
    client.release(
      await client.query('rollback').then(
        () => undefined,
        (err: Error) => err,
      ),
    );
  }
}

function report(kind: string, hash: string, plan: KindPlan, problems: RowProblem[], committed: boolean): ImportReport {
  const order = (p: RowProblem) => plan.counts.findIndex((c) => c.sheet === p.sheet);
  const sorted = problems.toSorted(
    (a, b) => order(a) - order(b) || (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').localeCompare(b.column ?? ''),
  );
  const sum = (k: 'rows' | 'create' | 'update' | 'unchanged') => plan.counts.reduce((n, c) => n + c[k], 0);
  return {
    kind,
    fileHash: hash,
    sheet: plan.counts.map((c) => c.sheet).join('、'),
    rows: sum('rows'),
    create: sum('create'),
    update: sum('update'),
    unchanged: sum('unchanged'),
    sheets: plan.counts,
    problems: sorted.slice(0, PROBLEMS_SHOWN),
    problemCount: sorted.length,
    moreProblems: Math.max(0, sorted.length - PROBLEMS_SHOWN),
    committed,
  };
}

/** The parsed file planned against the database (reads only). */
async function planned(ctx: WriteContext, def: ImportKindDef, sheets: (ParsedSheet | null)[], db: Queryable) {
  const plan = await def.plan({ db, sheets, roots: ctx.scope ?? null });
  if (!plan.counts.length)
    plan.counts = sheets.flatMap((s) => (s ? [{ sheet: s.sheet, rows: s.records.length, create: 0, update: 0, unchanged: 0 }] : []));
  return { sheets, plan, problems: [...sheets.flatMap((s) => s?.problems ?? []), ...plan.problems] };
}

/** A dry run: what a commit of this file would do, every problem; nothing written. */
export async function dryRun(ctx: WriteContext, kind: KindName, buf: Buffer): Promise<DryRun> {
  return oneAtATime(ctx.pool, ctx.actor, async () => {
    const hash = sha256(buf);
    const def = defOf(kind);
    const { sheets, plan, problems } = await planned(ctx, def, await parseSheets(def.sheets, buf), ctx.pool);
    return { ...report(kind, hash, plan, problems, false), all: problems, parsed: sheets, orgIds: plan.orgIds };
  });
}

const refused = (reason: typeof Reason.importHashMismatch | typeof Reason.importHasProblems, zh: string, en: string) =>
  new HubError({
    code: ErrorCode.badInput,
    reason,
    field: [reason === Reason.importHashMismatch ? 'dryRunHash' : 'file'],
    zh: `${zh}；未写入任何数据`,
    en: `${en}; nothing was written`,
  });

const changes = (plan: KindPlan) => plan.counts.some((c) => c.create || c.update);

/** Writes the plan, moving the cells from the first day it reaches (nothing to move: nothing written). */
async function write(tx: WriteTx, def: ImportKindDef, plan: KindPlan): Promise<void> {
  if (!changes(plan)) return;
  if (def.ownCells) return def.write(tx, plan);
  // bulk: the cells recounted once after the write rather than snapshotted before and after (cells.ts withCellRecount).
  await tx.moving({ orgIds: plan.orgIds, from: await def.firstDay(tx, plan), bulk: true }, () => def.write(tx, plan));
}

/**
 * Commits a file a dry run checked: the same bytes (its hash), no problem; then all of it in one transaction,
 * planned again under the organisations' locks (a change meanwhile that reaches other organisations starts it
 * again; one that makes a problem refuses it). `checked`: the dry run this process just made of the same bytes
 * (the CLI's), whose parse and organisations are used instead of parsing and planning the file once more; the
 * plan under the locks is made all the same.
 */
export async function commit(ctx: WriteContext, kind: KindName, buf: Buffer, dryRunHash: string, checked?: DryRun): Promise<ImportReport> {
  const hash = sha256(buf);
  if (hash !== dryRunHash.trim().toLowerCase())
    throw refused(
      Reason.importHashMismatch,
      '文件与试导入时的不同（SHA-256 不一致）：请先对这个文件试导入',
      'the file differs from the dry run’s (SHA-256): dry-run this file first',
    );
  const def = defOf(kind);
  return oneAtATime(ctx.pool, ctx.actor, async () => {
    // Parsed once (the same bytes parse the same), planned twice: before the locks, to know which
    // organisations to lock, and again under them (a plan marks rows only when it finds a problem, and
    // a first plan with a problem ends here). A dry run of these bytes without a problem is both.
    const reuse = checked && checked.fileHash === hash && !checked.problemCount ? checked : null;
    const sheets = reuse ? [...reuse.parsed] : await parseSheets(def.sheets, buf);
    let locked: readonly number[];
    if (reuse) locked = reuse.orgIds;
    else {
      const first = await planned(ctx, def, sheets, ctx.pool);
      if (first.problems.length) throw hasProblems(first.problems.length);
      // Only its organisations are needed from here on (the first plan's rows can go while the commit runs).
      locked = first.plan.orgIds;
    }
    return transact(ctx, { tables: def.tables }, async (tx) => {
      // A request's statement timeout (HUB_STATEMENT_TIMEOUT, 15 s) is for reads; recounting the cells of
      // 20,000 people over ten years of periods can take longer on a busy machine, and stopping it there
      // would undo the whole import. Bounded all the same.
      await tx.client.query(`set local statement_timeout = '${IMPORT_STATEMENT_TIMEOUT}'`);
      await tx.lock(locked);
      const again = await planned(ctx, def, sheets, tx.client);
      if (again.problems.length) throw hasProblems(again.problems.length);
      if (again.plan.orgIds.some((o) => !locked.includes(o))) {
        // Started again (transact) with these locked as well: with the same locks it would only find the same.
        locked = [...new Set([...locked, ...again.plan.orgIds])];
        throw new ScopeChanged();
      }
      await write(tx, def, again.plan);
      const r = report(kind, hash, again.plan, [], true);
      tx.audit({
        action: def.audit.action,
        entity: def.audit.entity,
        after: {
          fileHash: hash,
          sheet: r.sheet,
          rows: r.rows,
          create: r.create,
          update: r.update,
          unchanged: r.unchanged,
          ...(def.sheets.length > 1 ? { sheets: r.sheets } : {}),
          ...def.auditAfter?.(again.plan),
        },
      });
      return r;
    });
  });
}

const hasProblems = (n: number) =>
  refused(
    Reason.importHasProblems,
    `文件还有 ${n} 处问题：请改正后重新试导入`,
    `the file still has ${n} problem${n === 1 ? '' : 's'}: correct them and dry-run again`,
  );
