/**
 * `pnpm run import --kind KIND FILE [--dry-run] [--errors OUT.xlsx]`, `pnpm run import --kind KIND
 * --template OUT.xlsx` and `pnpm run import --all DIR` (KIND: kinds.ts; DIR: what `pnpm run export --kind all`
 * wrote): the same dry run and commit as GraphQL (import.service.ts), on the hub's database, as
 * the operator (the whole tree: whoever runs it holds the database's rights). Problems are printed in Chinese
 * and English; exit 0 when done, 1 on problems or a refusal, 2 on a wrong command line.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type pg from 'pg';
import { HubError } from '../../errors.js';
import { errorsWorkbook } from './errors-workbook.js';
import { commit, dryRun, KINDS, type ImportReport, type KindName } from './import.service.js';
import type { RowProblem } from './rows.js';
import { templateWorkbook } from './template.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliArgs {
  kind: KindName;
  /** `--all DIR`: every <kind>.xlsx the directory holds (an export's `--kind all`), in the registry's order. */
  all?: string;
  file?: string;
  dryRun: boolean;
  template?: string;
  errors?: string;
}

const USAGE =
  `usage: pnpm run import --kind ${Object.keys(KINDS).join('|')} FILE.xlsx|FILE.csv [--dry-run] [--errors OUT.xlsx]\n` +
  `       pnpm run import --kind ${Object.keys(KINDS).join('|')} --template OUT.xlsx\n` +
  `       pnpm run import --all DIR   (every <kind>.xlsx in DIR, kind by kind, stopping at the first with problems)`;

/** The command line, or a message saying what is wrong with it. */
export function parseArgs(argv: readonly string[]): CliArgs | string {
  const args = argv.filter((a) => a !== '--');
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const all = value('--all');
  if (all !== undefined) return args.length ? USAGE : { kind: Object.keys(KINDS)[0] as KindName, all, dryRun: false };
  const kind = value('--kind');
  const template = value('--template');
  const errors = value('--errors');
  const dry = args.includes('--dry-run');
  const rest = args.filter((a) => a !== '--dry-run');
  if (!kind || !(kind in KINDS)) return `--kind must be one of: ${Object.keys(KINDS).join(', ')}\n${USAGE}`;
  if (rest.some((a) => a.startsWith('--'))) return `unknown option ${rest.find((a) => a.startsWith('--'))}\n${USAGE}`;
  if (template) return rest.length ? USAGE : { kind: kind as KindName, template, dryRun: false };
  if (rest.length !== 1) return USAGE;
  return { kind: kind as KindName, file: rest[0], dryRun: dry, ...(errors ? { errors } : {}) };
}

/** One problem as a line: where (sheet, row, column and header, value), then why in Chinese and English. */
export function problemLine(p: RowProblem): string {
  const where = [
    `工作表“${p.sheet}”`,
    p.row != null ? `第 ${p.row} 行` : null,
    p.column ? `${p.column} 列` : null,
    p.header ? `“${p.header}”` : null,
    p.value != null ? `值 ${JSON.stringify(p.value)}` : null,
  ].filter(Boolean);
  return `  ${where.join(' ')}：${p.zh} / ${p.en}`;
}

function summary(io: CliIo, r: ImportReport, what: string): void {
  io.out(
    `${what}：新建 ${r.create}，更新 ${r.update}，不变 ${r.unchanged}（${r.rows} 行，工作表“${r.sheet}”） / ` +
      `${r.committed ? 'committed' : 'dry run'}: ${r.create} to create, ${r.update} to update, ${r.unchanged} unchanged (${r.rows} row${r.rows === 1 ? '' : 's'})`,
  );
  if (r.sheets.length > 1)
    for (const s of r.sheets) io.out(`  工作表“${s.sheet}”：新建 ${s.create}，更新 ${s.update}，不变 ${s.unchanged}（${s.rows} 行）`);
  io.out(`SHA-256 ${r.fileHash}`);
}

/** Every <kind>.xlsx of the directory, in the registry's order (kinds before the ones that name their rows). */
async function importAll(dir: string, io: CliIo, pool: pg.Pool): Promise<number> {
  const present = (await readdir(dir)).toSorted();
  // <kind>.xlsx, or the spans an export split it into (<kind>-<from>_<to>.xlsx, in date order).
  const files = (Object.keys(KINDS) as KindName[]).flatMap((kind) =>
    present.filter((f) => f === `${kind}.xlsx` || (f.startsWith(`${kind}-`) && f.endsWith('.xlsx'))).map((f) => [kind, f] as const),
  );
  if (!files.length) return (io.err(`${dir}: 没有 <kind>.xlsx 文件 / no <kind>.xlsx files`), 1);
  for (const [kind, f] of files) {
    io.out(`== ${f}`);
    const code = await importCli({ kind, file: join(dir, f), dryRun: false }, io, pool);
    if (code) return (io.err(`${f} 未导入，此后的文件未处理 / ${f} not imported, the files after it not tried`), code);
  }
  return 0;
}

/** Runs the command on a pool (at least two connections: the import lock holds one). */
export async function importCli(args: CliArgs, io: CliIo, pool: pg.Pool): Promise<number> {
  if (args.all) return importAll(args.all, io, pool);
  const { sheets } = KINDS[args.kind];
  if (args.template) {
    await writeFile(args.template, await templateWorkbook(sheets));
    io.out(`模板已写入 / template written: ${args.template}`);
    return 0;
  }
  const buf = await readFile(args.file!);
  const ctx = { pool, actor: `cli:${userInfo().username}`, scope: null };
  try {
    const run = await dryRun(ctx, args.kind, buf);
    for (const p of run.problems) io.err(problemLine(p));
    if (run.moreProblems) io.err(`  …另有 ${run.moreProblems} 处问题 / and ${run.moreProblems} more`);
    if (args.errors && run.problemCount) {
      await writeFile(args.errors, await errorsWorkbook(sheets[0], buf, run.parsed, run.all));
      io.err(`带错误说明的工作簿 / workbook with the problems: ${args.errors}`);
    }
    if (run.problemCount) {
      io.err(
        `${run.problemCount} 处问题，未写入任何数据 / ${run.problemCount} problem${run.problemCount === 1 ? '' : 's'}, nothing was written`,
      );
      return 1;
    }
    if (args.dryRun) return (summary(io, run, '试导入'), 0);
    // The dry run's parse and organisations carried into the commit: a whole hospital's workbooks are not parsed
    // and planned a second time (the commit still plans under its locks).
    summary(io, await commit(ctx, args.kind, buf, run.fileHash, run), '已导入');
    return 0;
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
    io.err(`${err.extensions.messageZh as string} / ${err.extensions.messageEn as string} (${err.extensions.reason as string})`);
    return 1;
  }
}
