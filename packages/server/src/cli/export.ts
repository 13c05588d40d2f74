/**
 * `pnpm run export --kind <kind>|all [--hospital NAME] OUT` (modules/import/export.cli.ts): opens the hub's
 * database (DATABASE_URL, or the embedded PostgreSQL in HUB_DATA_DIR), migrates it, and exports.
 */
import 'reflect-metadata';
import pg from 'pg';
import { openHubOrm } from '../app/orm.js';
import { readConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/orm.js';
import { exportCli, parseExportArgs } from '../modules/import/export.cli.js';

const args = parseExportArgs(process.argv.slice(2));
if (typeof args === 'string') {
  console.error(args);
  process.exit(2);
}
const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
let code = 1;
const db = await openDatabase(readConfig());
try {
  const orm = await openHubOrm({ url: db.url, poolMax: 1 });
  await migrate(orm).finally(() => orm.close());
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  pool.on('error', (err) => console.error(`[db] ${err.message}`));
  try {
    code = await exportCli(args, io, pool);
  } finally {
    await pool.end();
  }
} catch (err) {
  console.error(`export failed: ${(err as Error).message}`);
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
