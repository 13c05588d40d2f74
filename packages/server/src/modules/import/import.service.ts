/**
 * Import a spreadsheet: a dry run (every problem, the counts to create / update / leave unchanged, the file's
 * SHA-256; nothing written), then a commit naming that hash: refused unless the file is the same and has no
 * problem, then all or nothing in one shared write transaction (rows, cells, one audit entry, one
 * notification). One import per account at a time (a PostgreSQL advisory lock; a second answers import/busy).
 * Used by the GraphQL mutations (import.resolver.ts) and the command line (cli/import.ts) alike.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ErrorCode, HubError, Reason } from '../../errors.js';
import { storedRange } from '../../indicators/cells.js';
import { ScopeChanged, transact, type WriteContext, type WriteTx } from '../../indicators/writes.js';
import { MEMBERS } from './members.columns.js';
import { planMembers, type MemberPlan, type MemberRow } from './members.plan.js';
import { parseSheet, type ParsedSheet, type RowProblem } from './rows.js';
import { writeMembers } from './members.write.js';

/** The longest one statement of an import's commit may run (the cells' recount being the longest). */
const IMPORT_STATEMENT_TIMEOUT = '5min';

/** Problems an answer lists at most (the rest counted, and all of them in the errors workbook). */
export const PROBLEMS_SHOWN = 1000;

export interface ImportReport {
  kind: string;
  fileHash: string;
  sheet: string;
  rows: number;
  create: number;
  update: number;
  unchanged: number;
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
  parsed: ParsedSheet;
}

export const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

/** The kinds importable so far, by their GraphQL name's lower-case form. */
export const KINDS = { members: MEMBERS } as const;
export type KindName = keyof typeof KINDS;

const busy = () =>
  new HubError({
    code: ErrorCode.conflict,
    reason: Reason.importBusy,
    zh: '您的账号正在进行另一项导入，请等它结束后再试',
    en: 'another import of your account is running: try again when it has finished',
  });

/** Runs `fn` holding the account's import lock (session-level, on a connection of its own), or refuses at once. */
async function oneAtATime<T>(pool: pg.Pool, actor: string, fn: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query(`select pg_try_advisory_lock(hashtext('hub_import'), hashtext($1)) as ok`, [actor]);
    if (!rows[0].ok) throw busy();
    try {
      return await fn();
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('hub_import'), hashtext($1))`, [actor]);
    }
  } finally {
    client.release();
  }
}

function report(
  kind: string,
  hash: string,
  sheet: string,
  rows: number,
  plan: MemberPlan,
  problems: RowProblem[],
  committed: boolean,
): ImportReport {
  const sorted = problems.toSorted((a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').localeCompare(b.column ?? ''));
  return {
    kind,
    fileHash: hash,
    sheet,
    rows,
    create: plan.create.length,
    update: plan.update.length,
    unchanged: plan.unchanged,
    problems: sorted.slice(0, PROBLEMS_SHOWN),
    problemCount: sorted.length,
    moreProblems: Math.max(0, sorted.length - PROBLEMS_SHOWN),
    committed,
  };
}

/** The parsed file planned against the database (reads only). */
async function planned(ctx: WriteContext, sheet: ParsedSheet, db: Parameters<typeof planMembers>[0]['db']) {
  const plan = await planMembers({ db, sheet, roots: ctx.scope ?? null });
  return { sheet, plan, problems: [...sheet.problems, ...plan.problems] };
}

/** A dry run: what a commit of this file would do, every problem; nothing written. */
export async function dryRun(ctx: WriteContext, kind: KindName, buf: Buffer): Promise<DryRun> {
  return oneAtATime(ctx.pool, ctx.actor, async () => {
    const hash = sha256(buf);
    const { sheet, plan, problems } = await planned(ctx, await parseSheet(MEMBERS, buf), ctx.pool);
    return { ...report(kind, hash, sheet.sheet, sheet.records.length, plan, problems, false), all: problems, parsed: sheet };
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

/**
 * The first day the commit's changes reach. A changed person may have facts (attendance, steps, honours) in
 * any period, and their attributes count there: every stored period. New people have no other facts yet:
 * they count from their joining or conversion date on (indicators/sql.ts: members at a period's end); people
 * without either (not yet members) are taken to reach every stored period, to be safe.
 */
async function firstDay(tx: WriteTx, plan: MemberPlan): Promise<string> {
  const range = await storedRange(tx.client);
  const start = range?.first.start ?? `${new Date().getUTCFullYear() - 1}-01-01`;
  if (plan.update.length) return start;
  const dates = plan.create.flatMap((m) => [m.joined_on, m.converted_on]).filter((x): x is string => !!x);
  if (plan.create.some((m) => !m.joined_on)) return start;
  const first = dates.toSorted()[0];
  return first > start ? first : start;
}

/** Writes the plan, moving the cells from the first day it reaches (nothing to move: nothing written). */
async function write(tx: WriteTx, plan: MemberPlan): Promise<void> {
  if (!plan.create.length && !plan.update.length) return;
  await tx.moving({ orgIds: plan.orgIds, from: await firstDay(tx, plan), bulk: true }, () => writeMembers(tx, plan));
}

/**
 * Commits a file a dry run checked: the same bytes (its hash), no problem; then all of it in one transaction,
 * planned again under the organisations' locks (a change meanwhile that reaches other organisations starts it
 * again; one that makes a problem refuses it).
 */
export async function commit(ctx: WriteContext, kind: KindName, buf: Buffer, dryRunHash: string): Promise<ImportReport> {
  const hash = sha256(buf);
  if (hash !== dryRunHash.trim().toLowerCase())
    throw refused(
      Reason.importHashMismatch,
      '文件与试导入时的不同（SHA-256 不一致）：请先对这个文件试导入',
      'the file differs from the dry run’s (SHA-256): dry-run this file first',
    );
  return oneAtATime(ctx.pool, ctx.actor, async () => {
    // Parsed once (the same bytes parse the same), planned twice: before the locks, to know which
    // organisations to lock, and again under them (a plan marks rows only when it finds a problem, and
    // a first plan with a problem ends here).
    const sheet = await parseSheet(MEMBERS, buf);
    const first = await planned(ctx, sheet, ctx.pool);
    if (first.problems.length) throw hasProblems(first.problems.length);
    // Only its organisations are needed from here on (the first plan's rows can go while the commit runs).
    const locked = first.plan.orgIds;
    return transact(ctx, { tables: ['member'] }, async (tx) => {
      // A request's statement timeout (HUB_STATEMENT_TIMEOUT, 15 s) is for reads; recounting the cells of
      // 20,000 people over ten years of periods can take longer on a busy machine, and stopping it there
      // would undo the whole import. Bounded all the same.
      await tx.client.query(`set local statement_timeout = '${IMPORT_STATEMENT_TIMEOUT}'`);
      await tx.lock(locked);
      const again = await planned(ctx, sheet, tx.client);
      if (again.problems.length) throw hasProblems(again.problems.length);
      if (again.plan.orgIds.some((o) => !locked.includes(o))) throw new ScopeChanged();
      await write(tx, again.plan);
      tx.audit({
        action: 'import.members',
        entity: 'member',
        after: {
          fileHash: hash,
          sheet: again.sheet.sheet,
          rows: again.sheet.records.length,
          ...counts(again.plan),
          fields: fieldsWritten(again.plan),
        },
      });
      return report(kind, hash, again.sheet.sheet, again.sheet.records.length, again.plan, [], true);
    });
  });
}

const hasProblems = (n: number) =>
  refused(
    Reason.importHasProblems,
    `文件还有 ${n} 处问题：请改正后重新试导入`,
    `the file still has ${n} problem${n === 1 ? '' : 's'}: correct them and dry-run again`,
  );

const counts = (plan: MemberPlan) => ({ create: plan.create.length, update: plan.update.length, unchanged: plan.unchanged });

/** The member fields the commit writes (names only, never values: the audit entry of personal data). */
function fieldsWritten(plan: MemberPlan): string[] {
  const fields = new Set<string>();
  if (plan.create.length) for (const k of Object.keys(plan.create[0]) as (keyof MemberRow)[]) fields.add(k);
  for (const u of plan.update) for (const f of u.fields) fields.add(f);
  return [...fields].toSorted();
}
