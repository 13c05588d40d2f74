/**
 * `pnpm run import --kind KIND FILE [--dry-run] [--errors OUT.xlsx]` or `--all DIR` (modules/import/import.cli.ts): opens
 * the hub's database (DATABASE_URL, or the embedded PostgreSQL in HUB_DATA_DIR), migrates it, and imports.
 */
import 'reflect-metadata';
import pg from 'pg';
import { openHubOrm } from '../app/orm.js';
import { readConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/orm.js';
import { importCli, parseArgs } from '../modules/import/import.cli.js';

const args = parseArgs(process.argv.slice(2));
if (typeof args === 'string') {
  console.error(args);
  process.exit(2);
}
const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
let code = 1;
if (args.template) {
  code = await importCli(args, io, null as never);
} else {
  // The embedded database of a running hub (or a refused configuration): its message, not a stack trace.
  const db = await openDatabase(readConfig()).catch((err: Error) => {
    console.error(`import: nothing was written / 未写入任何数据: ${err.message}`);
    process.exit(1);
  });
  try {
    const orm = await openHubOrm({ url: db.url, poolMax: 1 });
    await migrate(orm).finally(() => orm.close());
    const pool = new pg.Pool({ connectionString: db.url, max: 3 });
    pool.on('error', (err) => console.error(`[db] ${err.message}`));
    try {
      code = await importCli(args, io, pool);
    } finally {
      await pool.end();
    }
  } catch (err) {
    console.error(`import failed, nothing was written: ${(err as Error).message}`);
    code = 1;
  } finally {
    await db.stop();
  }
}
process.exit(code);
