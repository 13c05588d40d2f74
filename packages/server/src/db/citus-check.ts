/**
 * `pnpm citus:check`'s checks (docs/SCALE.md: "The Citus path"), on plain PostgreSQL: Citus is not
 * installed, so what it would refuse is read from the catalog, the sources and a log of the test suite's
 * write transactions, against the declared plan (citus-plan.ts):
 *   - schema: every table is planned; a distributed table has `hospital_id` in its primary key, its unique
 *     keys and its foreign keys to other distributed tables (Citus refuses a unique key or a foreign key
 *     between distributed tables without the distribution column); no foreign key from a reference table to
 *     a distributed one, nor from a distributed or reference table to a local one; no trigger on a distributed
 *     or reference table (Citus refuses them unless `citus.enable_unsafe_triggers`);
 *   - sources: statements Citus runs only on one shard (GROUPING SETS / ROLLUP / CUBE, recursive CTEs) or by
 *     pulling every row to the coordinator (ordered-set aggregates such as percentile_cont);
 *   - the write log (HUB_TX_HOSPITAL_LOG, indicators/tx-log.ts): a committed write transaction touching more
 *     than one hospital would be a distributed (two-phase) transaction.
 * A finding passes only when the plan lists it as an exception with its workaround; an exception that no longer
 * matches a finding is reported too (stale), so the list stays true.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type pg from 'pg';
import type { CitusPlan, Placement } from './citus-plan.js';

export interface Finding {
  /** Stable key an exception names: `<kind>:<table or file>:<object>`. */
  key: string;
  message: string;
}

interface Constraint {
  table: string;
  name: string;
  type: 'p' | 'u' | 'f';
  columns: string[];
  refTable: string | null;
  refColumns: string[];
}

/** The public schema's tables (partitions folded into their parent) with their keys, foreign keys and triggers. */
async function readCatalog(db: pg.ClientBase | pg.Pool) {
  const tables = (
    await db.query<{ name: string; has: boolean }>(
      `select c.relname as name,
              exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'hospital_id' and not a.attisdropped) as has
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
          and c.relname not like 'mikro_orm_%'
        order by 1`,
    )
  ).rows;
  const constraints = (
    await db.query<Constraint>(
      `select c.relname as table, k.conname as name, k.contype as type,
              array(select a.attname::text from unnest(k.conkey) with ordinality u(n, i)
                      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i) as columns,
              r.relname as "refTable",
              array(select a.attname::text from unnest(coalesce(k.confkey, '{}')) with ordinality u(n, i)
                      join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i) as "refColumns"
         from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
         left join pg_class r on r.oid = k.confrelid
        where n.nspname = 'public' and k.contype in ('p', 'u', 'f') and not c.relispartition and k.conparentid = 0
        order by 1, 2`,
    )
  ).rows;
  // Unique indexes that are no constraint (partial or expression ones included: Citus needs the column in them too).
  const uniqueIndexes = (
    await db.query<{ table: string; name: string; columns: string[] }>(
      `select c.relname as table, i.relname as name,
              array(select a.attname::text from unnest(x.indkey::int2[]) u(n)
                      join pg_attribute a on a.attrelid = x.indrelid and a.attnum = u.n) as columns
         from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
         join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and x.indisunique and not c.relispartition
          and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.conrelid = x.indrelid)
        order by 1, 2`,
    )
  ).rows;
  const triggers = (
    await db.query<{ table: string; name: string }>(
      `select c.relname as table, t.tgname as name
         from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and not t.tgisinternal and t.tgparentid = 0
        order by 1, 2`,
    )
  ).rows;
  return { tables, constraints, uniqueIndexes, triggers };
}

/** The schema's findings against the plan. */
export async function checkSchema(db: pg.ClientBase | pg.Pool, plan: CitusPlan): Promise<Finding[]> {
  const { tables, constraints, uniqueIndexes, triggers } = await readCatalog(db);
  const placement = (t: string): Placement | undefined => plan.tables[t]?.placement;
  const hasColumn = new Map(tables.map((t) => [t.name, t.has]));
  const out: Finding[] = [];
  const add = (key: string, message: string) => out.push({ key, message });
  const D = plan.distributionColumn;
  // A distributed table without the column: one finding (its keys cannot be checked before it has one).
  const keyed = (t: string) => placement(t) === 'distributed' && hasColumn.get(t) === true;

  for (const t of tables) {
    const p = placement(t.name);
    if (!p) add(`unplanned:${t.name}`, `table ${t.name} is in no placement of the plan (distributed, reference or local)`);
    else if (p === 'distributed' && !t.has)
      add(`no-column:${t.name}`, `distributed table ${t.name} has no ${D} column to be distributed by`);
  }
  for (const k of constraints) {
    if (k.type === 'p' || k.type === 'u') {
      if (keyed(k.table) && !k.columns.includes(D))
        add(
          `${k.type === 'p' ? 'primary-key' : 'unique'}:${k.table}:${k.name}`,
          `${k.type === 'p' ? 'primary key' : 'unique key'} ${k.name} (${k.columns.join(', ')}) of distributed table ${k.table} lacks ${D}`,
        );
      continue;
    }
    const from = placement(k.table);
    const to = k.refTable ? placement(k.refTable) : undefined;
    const fk = `foreign key ${k.name} ${k.table}(${k.columns.join(', ')}) → ${k.refTable}(${k.refColumns.join(', ')})`;
    if (from === 'distributed' && to === 'distributed') {
      if (!keyed(k.table) || !keyed(k.refTable!)) continue; // reported once, as the table's missing column
      const i = k.columns.indexOf(D);
      if (i < 0 || k.refColumns[i] !== D)
        add(`foreign-key:${k.table}:${k.name}`, `${fk} between distributed tables lacks ${D} on both sides`);
    } else if (from === 'reference' && to === 'distributed') {
      add(`foreign-key:${k.table}:${k.name}`, `${fk} points from a reference table to a distributed one`);
    } else if ((from === 'distributed' || from === 'reference') && to === 'local') {
      add(`foreign-key:${k.table}:${k.name}`, `${fk} points from a ${from} table to a local one`);
    } else if (from === 'local' && to === 'distributed') {
      add(`foreign-key:${k.table}:${k.name}`, `${fk} points from a local table to a distributed one`);
    }
  }
  for (const u of uniqueIndexes) {
    if (keyed(u.table) && !u.columns.includes(D))
      add(
        `unique:${u.table}:${u.name}`,
        `unique index ${u.name} (${u.columns.join(', ') || 'an expression'}) of distributed table ${u.table} lacks ${D}`,
      );
  }
  for (const g of triggers) {
    const p = placement(g.table);
    if (p === 'distributed' || p === 'reference') add(`trigger:${g.table}:${g.name}`, `trigger ${g.name} on ${p} table ${g.table}`);
  }
  return out;
}

/** What the source scan looks for: statements Citus runs on one shard only, or by gathering every row. */
export const SPANNING: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'grouping-sets', pattern: /\bgrouping\s+sets\b|\bgroup\s+by\s+(rollup|cube)\b/gi },
  { kind: 'recursive-cte', pattern: /\bwith\s+recursive\b/gi },
  { kind: 'ordered-set-aggregate', pattern: /\b(percentile_cont|percentile_disc)\s*\(|\bmode\s*\(\s*\)\s*within\s+group\b/gi },
];

/** Source files (`.ts`, not tests) under `root`. */
async function sources(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !/[\\/](test-support|migrations)[\\/]/.test(f))
    .toSorted();
}

/**
 * The statements of the sources (under `root`, paths reported relative to it) that Citus would refuse across
 * shards; a comment mentioning one is skipped (lines starting with `*` or `//`). One finding per kind and file:
 * the plan's workaround is per statement site, and a file is where a reviewer looks.
 */
export async function scanSources(root: string): Promise<Finding[]> {
  const out = new Map<string, Finding>();
  for (const file of await sources(root)) {
    const rel = relative(root, file).split('\\').join('/');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (/^\s*(\*|\/\/|\/\*)/.test(line)) return;
      for (const { kind, pattern } of SPANNING) {
        pattern.lastIndex = 0;
        if (!pattern.test(line)) continue;
        const key = `sql:${kind}:${rel}`;
        const at = `${rel}:${i + 1}`;
        const seen = out.get(key);
        if (seen) seen.message += `, ${at}`;
        else out.set(key, { key, message: `${kind.replace(/-/g, ' ')} at ${at}` });
      }
    });
  }
  return [...out.values()];
}

/** One committed write transaction of the log (indicators/tx-log.ts). */
export interface TxLogEntry {
  hospitals: number[];
  tables: string[];
  actions: string[];
  /** Organisations above every hospital whose cells the write moved (not counted: folded from deltas). */
  upper?: number[];
}

/**
 * The log's transactions that wrote more than one hospital's rows, one finding per write kind (its audit actions,
 * else its tables), with a count and the largest hospital set seen.
 */
export function checkTxLog(text: string): { transactions: number; findings: Finding[] } {
  const entries = text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TxLogEntry);
  const spans = new Map<string, { n: number; widest: number[] }>();
  for (const e of entries) {
    if (e.hospitals.length <= 1) continue;
    const what = e.actions.length ? [...new Set(e.actions)].toSorted().join('+') : [...e.tables].toSorted().join('+');
    const s = spans.get(what) ?? { n: 0, widest: [] };
    s.n++;
    if (e.hospitals.length > s.widest.length) s.widest = e.hospitals;
    spans.set(what, s);
  }
  return {
    transactions: entries.length,
    findings: [...spans].map(([what, s]) => ({
      key: `tx:${what}`,
      message: `${s.n} write transaction${s.n === 1 ? '' : 's'} (${what}) touched several hospitals (up to ${s.widest.length}: ${s.widest.join(', ')})`,
    })),
  };
}

export interface Verdict {
  /** Findings the plan lists, with its workaround. */
  excepted: { finding: Finding; workaround: string }[];
  /** Findings the plan does not list: the check fails. */
  unlisted: Finding[];
  /** Exceptions of the checked kinds that matched no finding: the check fails (the plan must stay true). */
  stale: string[];
}

/**
 * Sorts findings into excepted and unlisted. `kinds`: the prefixes checked in this run (an exception of a kind not
 * checked, e.g. `tx:` without a log, is neither used nor stale).
 */
export function judge(findings: Finding[], plan: CitusPlan, kinds: readonly string[]): Verdict {
  const byKey = new Map(plan.exceptions.map((e) => [e.key, e]));
  const used = new Set<string>();
  const v: Verdict = { excepted: [], unlisted: [], stale: [] };
  for (const f of findings) {
    const e = byKey.get(f.key);
    if (e) {
      used.add(e.key);
      v.excepted.push({ finding: f, workaround: e.workaround });
    } else v.unlisted.push(f);
  }
  for (const e of plan.exceptions) {
    if (!used.has(e.key) && kinds.some((k) => e.key.startsWith(k))) v.stale.push(e.key);
  }
  return v;
}

/** The prefixes of the schema's and the sources' findings. */
export const SCHEMA_KINDS = ['unplanned:', 'no-column:', 'primary-key:', 'unique:', 'foreign-key:', 'trigger:'] as const;
export const SOURCE_KINDS = ['sql:'] as const;
export const TX_KINDS = ['tx:'] as const;
