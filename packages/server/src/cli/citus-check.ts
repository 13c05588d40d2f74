/**
 * `pnpm citus:check [--tx-log FILE]`: checks, on plain PostgreSQL, that the hub could move to Citus as planned
 * (db/citus-plan.ts; docs/SCALE.md: "The Citus path"): the migrated schema's keys, foreign keys and triggers, the
 * sources' statements that would span hospitals, and, given the log the test suite writes under
 * HUB_TX_HOSPITAL_LOG, its write transactions that touched several hospitals. Prints every finding with its
 * workaround; exit 0 when each is a documented exception, 1 when one is not (or an exception is stale), 2 on a
 * usage mistake, 3 when the database could not be read.
 * The database is DATABASE_URL, or the embedded PostgreSQL in HUB_DATA_DIR (as `pnpm start`); migrated first.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openMigratedPool } from './migrated-database.js';
import { citusPlan } from '../db/citus-plan.js';
import { checkSchema, checkTxLog, judge, scanSources, SCHEMA_KINDS, SOURCE_KINDS, TX_KINDS, type Finding } from '../db/citus-check.js';

let txLog: string | undefined;
try {
  const args = process.argv.slice(2);
  if (args[0] === '--') args.shift();
  ({
    values: { 'tx-log': txLog },
  } = parseArgs({ args, options: { 'tx-log': { type: 'string' } }, allowPositionals: false }));
} catch (err) {
  console.error(`${(err as Error).message}\nusage: pnpm citus:check [--tx-log FILE]`);
  process.exit(2);
}

// The sources sit beside the build (dist/cli → ../../src).
const src = fileURLToPath(new URL('../../src', import.meta.url));
const findings: Finding[] = [];
const kinds: string[] = [...SCHEMA_KINDS, ...SOURCE_KINDS];
try {
  const db = await openMigratedPool();
  try {
    findings.push(...(await checkSchema(db.pool, citusPlan)));
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(`citus:check could not read the database: ${(err as Error).message}`);
  process.exit(3);
}
findings.push(...(await scanSources(src)));
let transactions = 0;
if (txLog) {
  // Relative to where `pnpm citus:check` was typed (pnpm runs the script in packages/server; INIT_CWD is the caller's).
  const r = checkTxLog(await readFile(resolve(process.env.INIT_CWD ?? process.cwd(), txLog), 'utf8'));
  transactions = r.transactions;
  findings.push(...r.findings);
  kinds.push(...TX_KINDS);
}

const v = judge(findings, citusPlan, kinds);
for (const { finding, workaround } of v.excepted) console.log(`exception  ${finding.message}\n           workaround: ${workaround}`);
for (const f of v.unlisted) console.error(`FAIL       ${f.message}\n           (not in db/citus-plan.ts exceptions as "${f.key}")`);
for (const key of v.stale) console.error(`STALE      exception "${key}" matches no finding: remove it from db/citus-plan.ts`);
const tables = Object.values(citusPlan.tables);
const count = (p: string) => tables.filter((t) => t.placement === p).length;
console.log(
  `citus:check: ${count('distributed')} distributed, ${count('reference')} reference, ${count('local')} local tables; ` +
    `${findings.length} findings, ${v.excepted.length} documented exceptions, ${v.unlisted.length} unlisted, ${v.stale.length} stale` +
    (txLog ? `; ${transactions} write transactions read from the log` : '; no write log given (--tx-log)'),
);
process.exit(v.unlisted.length || v.stale.length ? 1 : 0);
