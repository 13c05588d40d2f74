/**
 * `pnpm run export --kind <kind>|all [--hospital NAME] OUT`: what GET /export/<kind>.xlsx gives, from the command
 * line, for moving a hospital's history to another hub (then `pnpm run import --all DIR` there). `all` writes
 * every exportable kind into the directory OUT as <kind>.xlsx, a dated kind whose sheets would pass an import's
 * 20,000 rows as several files of spans of months (<kind>-<from>_<to>.xlsx). Audited like
 * the HTTP export (`<kind>.exported`, the actor `cli:<user>`).
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { exportKind, exportSpans, personalKind, type ExportedSheet, type ExportFilter, type ExportWho } from './exporter.js';
import { LIMITS } from './read.js';
import type { ImportKindDef } from './kind.js';
import { KINDS } from './kinds.js';

export interface ExportArgs {
  kinds: string[];
  hospital: string | null;
  out: string;
  /** OUT is a directory (kind `all`). */
  dir: boolean;
}

const exportable = () => Object.entries(KINDS as Record<string, ImportKindDef>).filter(([, d]) => d.exports);
const USAGE = () =>
  `usage: pnpm run export --kind ${exportable()
    .map(([k]) => k)
    .join('|')}|all [--hospital NAME] OUT.xlsx|DIRECTORY`;

/** The command line, or a message saying what is wrong with it. */
export function parseExportArgs(argv: readonly string[]): ExportArgs | string {
  const args = argv.filter((a) => a !== '--');
  const take = (flag: string) => {
    const i = args.indexOf(flag);
    return i < 0 ? undefined : args.splice(i, 2)[1];
  };
  const kind = take('--kind');
  const hospital = take('--hospital') ?? null;
  const names = exportable().map(([k]) => k);
  if (!kind || (kind !== 'all' && !names.includes(kind))) return `--kind must be one of: ${names.join(', ')}, all\n${USAGE()}`;
  if (args.length !== 1 || args[0].startsWith('--')) return USAGE();
  return { kinds: kind === 'all' ? names : [kind], hospital, out: args[0], dir: kind === 'all' || !args[0].endsWith('.xlsx') };
}

async function hospitalId(pool: pg.Pool, name: string | null): Promise<number | null | string> {
  if (name === null) return null;
  const { rows } = await pool.query<{ id: number }>(`select id from hospital where name = $1 or id::text = $1`, [name]);
  return rows.length === 1 ? rows[0].id : `没有这家医院 / no such hospital: ${name}`;
}

/** One file, audited like the HTTP export. */
async function exportOne(pool: pg.Pool, def: ImportKindDef, kind: string, filter: ExportFilter, path: string, who: ExportWho) {
  const file = createWriteStream(path);
  const audit = (sheets: ExportedSheet[]) =>
    pool
      .query(`insert into audit_log (actor, action, entity, after) values ($1, $2, $3, $4)`, [
        who.exporter.slice(0, 100),
        `${kind}.exported`,
        def.audit.entity,
        JSON.stringify({
          kind,
          hospital: filter.hospital,
          from: filter.from ?? null,
          to: filter.to ?? null,
          personal: personalKind(def),
          count: sheets.reduce((n, s) => n + s.rows, 0),
          sheets: sheets.map((s) => ({ sheet: s.sheet, rows: s.rows, ids: s.keys })),
        }),
      ])
      .then(() => undefined);
  const sheets = await exportKind(pool, def, filter, who, file, audit);
  await finished(file);
  return sheets;
}

/** Runs the command on a pool; the exit code. */
export async function exportCli(args: ExportArgs, io: { out(l: string): void; err(l: string): void }, pool: pg.Pool): Promise<number> {
  const hospital = await hospitalId(pool, args.hospital);
  if (typeof hospital === 'string') return (io.err(hospital), 1);
  if (args.dir) await mkdir(args.out, { recursive: true });
  const exporter = `cli:${userInfo().username}`;
  for (const kind of args.kinds) {
    const def = (KINDS as Record<string, ImportKindDef>)[kind];
    const filter = { roots: null, under: null, hospital };
    const spans = await exportSpans(pool, def, filter, LIMITS.rowsPerSheet);
    if (spans && !args.dir)
      return (
        io.err(
          `${kind}：超过导入的行数上限，请用 --kind all 导出到目录（按时间分成几个文件） / over an import's rows limit: export with --kind all into a directory (split by time)`,
        ),
        1
      );
    for (const span of spans ?? [null]) {
      const name = span ? `${kind}-${span.from}_${span.to}.xlsx` : `${kind}.xlsx`;
      const path = args.dir ? join(args.out, name) : args.out;
      const sheets = await exportOne(pool, def, kind, span ? { ...filter, ...span } : filter, path, {
        exporter,
        scopeLabel: args.hospital ?? '全部 / everything',
        at: new Date().toISOString(),
      });
      io.out(`${path}: ${sheets.map((s) => `“${s.sheet}” ${s.rows} 行 / rows`).join('，')}`);
    }
  }
  return 0;
}
