/**
 * `pnpm audit:verify [--witness ID:HASH]`: recomputes the audit log's hash chain (modules/audit/chain.ts), and
 * checks that it still passes through a row noted earlier. Exit 0 and the count when it is intact; 1 naming the
 * first broken row (and every other, up to 20) when it is not; 3 when the log could not be read.
 * `pnpm audit:purge [--before YYYY-MM-DD]`: removes the rows older than that date, or than HUB_AUDIT_KEEP_DAYS
 * (default 3 years; `--keep-days N`), through hub_audit_purge; never rows younger than 180 days (exit 2).
 * The database is DATABASE_URL, or the embedded PostgreSQL in HUB_DATA_DIR (as `pnpm start`); migrated first.
 */
import 'reflect-metadata';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { readConfig, type HubConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/orm.js';
import { openHubOrm } from '../app/orm.js';
import { verifyChain, type ChainReport, type Witness } from '../modules/audit/chain.js';
import { purgeAudit, purgeCutoff } from '../modules/audit/purge.js';

const usage = 'usage: pnpm audit:verify [--witness ID:HASH] | pnpm audit:purge [--before YYYY-MM-DD | --keep-days N]';

interface Command {
  command: 'verify' | 'purge';
  witness?: Witness;
  before?: Date;
}

const WITNESS = /^(\d+):([0-9a-f]{64})$/;

/** The command and its options (the purge's cut-off), checked before any database is opened (exit 2 on a mistake). */
function parse(argv: string[], config: HubConfig): Command {
  const [command, ...rest] = argv;
  // `pnpm audit:purge -- --before …` (the npm habit) reaches us with the `--` still in front: drop it.
  if (rest[0] === '--') rest.shift();
  const { values } = parseArgs({
    args: rest,
    options: { before: { type: 'string' }, 'keep-days': { type: 'string' }, witness: { type: 'string' } },
    allowPositionals: false,
  });
  if (command === 'verify') {
    if (values.before !== undefined || values['keep-days'] !== undefined) throw new Error('audit:verify takes only --witness');
    if (values.witness === undefined) return { command };
    const m = WITNESS.exec(values.witness);
    if (!m) throw new Error(`--witness must be a row id and its hash, as verify printed them: ID:HASH (got "${values.witness}")`);
    return { command, witness: { id: m[1], hash: m[2] } };
  }
  if (command !== 'purge') throw new Error(`unknown command "${command ?? ''}"`);
  if (values.witness !== undefined) throw new Error('--witness is for audit:verify');
  const keep = values['keep-days'];
  if (keep !== undefined && !/^\d+$/.test(keep)) throw new Error(`--keep-days must be a number of days (got "${keep}")`);
  const before = purgeCutoff({
    ...(values.before !== undefined ? { before: values.before } : {}),
    keepDays: keep ? Number(keep) : config.auditKeepDays,
  });
  return { command, before };
}

const rows = (n: number) => `${n.toLocaleString('en')} row${n === 1 ? '' : 's'}`;

function printReport(r: ChainReport): number {
  const span = r.rows ? `rows ${r.firstId} … ${r.lastId}` : 'no rows';
  const start = r.anchorId === '0' ? 'from its start' : `after row ${r.anchorId} (the last purged)`;
  if (!r.breakCount) {
    console.log(`audit log intact: ${rows(r.rows)} chained ${start} (${span})`);
    if (r.lastId !== null)
      console.log(
        `newest row: ${r.lastId}:${r.headHash} (note it elsewhere; --witness ${r.lastId}:<hash> checks the log still passes through it)`,
      );
    return 0;
  }
  console.error(`audit log BROKEN at row ${r.breaks[0].id}: ${r.breaks[0].message}`);
  for (const b of r.breaks.slice(1)) console.error(`  also row ${b.id}: ${b.message}`);
  if (r.breakCount > r.breaks.length) console.error(`  … and ${r.breakCount - r.breaks.length} more`);
  console.error(`${rows(r.rows)} read (${span}), ${r.breakCount} broken`);
  return 1;
}

async function run(url: string, { command, witness, before }: Command): Promise<number> {
  const orm = await openHubOrm({ url, poolMax: 1 });
  await migrate(orm).finally(() => orm.close());
  const client = new pg.Client({ connectionString: url, application_name: `party-hub audit:${command}` });
  await client.connect();
  try {
    if (command === 'verify') return printReport(await verifyChain(client, witness ? { witness } : {}));
    const r = await purgeAudit(client, before!, `cli:audit:purge (${userInfo().username})`);
    const start = r.anchorId === '0' ? 'still starts from its beginning' : `now starts after row ${r.anchorId} (hash ${r.anchorHash})`;
    console.log(
      `purged ${rows(r.deleted)} of the audit log older than ${r.before.toISOString().slice(0, 10)}; the chain ${start}, and this purge is its newest row`,
    );
    return 0;
  } finally {
    await client.end();
  }
}

let config: HubConfig;
let parsed: ReturnType<typeof parse>;
try {
  config = readConfig();
  parsed = parse(process.argv.slice(2), config);
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`);
  process.exit(2);
}
let code: number;
let db;
try {
  db = await openDatabase(config);
  code = await run(db.url, parsed);
} catch (err) {
  console.error(
    parsed.command === 'verify'
      ? `audit:verify could not read the log: ${(err as Error).message}`
      : `audit:purge failed, nothing was changed: ${(err as Error).message}`,
  );
  code = 3;
} finally {
  await db?.stop();
}
process.exit(code);
