/**
 * `pnpm seed [--scale hospital|province] [--seed N] [--end YYYY-MM-DD] [--reset [--yes-wipe DB]]`:
 * fills the hub's database (DATABASE_URL, or the embedded PostgreSQL in HUB_DATA_DIR) with demo
 * data. Migrates first; refuses a database that holds data unless --reset empties it, in the same
 * transaction as the seeding (a failure keeps the old rows). On a database named by DATABASE_URL,
 * --reset also needs --yes-wipe with that database's name: demo data must never replace real data
 * by a slip of the environment.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/orm.js';
import { openHubOrm } from '../app/orm.js';
import { DEFAULT_SEED, seedDatabase } from '../seed/index.js';

const usage = 'usage: pnpm seed [--scale hospital|province] [--seed N] [--end YYYY-MM-DD] [--reset [--yes-wipe <database>]]';
// `pnpm seed -- --scale …` (the npm habit) reaches us with the `--` still in front: drop it.
const argv = process.argv.slice(2);
if (argv[0] === '--') argv.shift();
let args;
try {
  args = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: 'hospital' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      end: { type: 'string' },
      reset: { type: 'boolean', default: false },
      'yes-wipe': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  }).values;
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
if (args.scale !== 'hospital' && args.scale !== 'province') {
  console.error(`--scale must be hospital or province (got "${args.scale}")\n${usage}`);
  process.exit(2);
}

let config;
try {
  config = readConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
if (config.databaseUrl && args.reset) {
  const name = decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1));
  if (args['yes-wipe'] !== name) {
    console.error(
      args['yes-wipe'] === undefined
        ? `--reset would empty every hub table of "${name}" (DATABASE_URL): add --yes-wipe ${name} if that is what you want`
        : `--yes-wipe names "${args['yes-wipe']}", but DATABASE_URL names "${name}": nothing was changed`,
    );
    process.exit(2);
  }
}

let db;
try {
  db = await openDatabase(config);
} catch (err) {
  console.error(`cannot open the database, nothing was changed: ${(err as Error).message}`);
  process.exit(1);
}
let code = 0;
let step = 'migration';
try {
  const orm = await openHubOrm({ url: db.url, poolMax: 1 });
  try {
    await migrate(orm);
  } finally {
    await orm.close();
  }
  step = 'seeding';
  const result = await seedDatabase(db.url, {
    scale: args.scale,
    seed: Number(args.seed),
    reset: args.reset,
    ...(args.end ? { endDate: args.end } : {}),
    onProgress: (m) => console.log(`  ${m}`),
  });
  if (args.reset) console.log('emptied every hub table and reseeded, in one transaction');
  console.log(`seeded ${result.scale} (seed ${result.seed}, ${result.start} … ${result.end}):`);
  for (const [table, n] of Object.entries(result.rows).toSorted((a, b) => b[1] - a[1]))
    console.log(`  ${table.padEnd(20)} ${n.toLocaleString('en').padStart(12)}`);
  console.log(
    `${result.totalRows.toLocaleString('en')} rows in ${result.seconds.toFixed(1)}s: ${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s`,
  );
  console.log(
    `+ ${result.cells.toLocaleString('en')} indicator cells in ${result.cellSeconds.toFixed(1)}s: ${Math.round(result.rowsPerSecondWithCells).toLocaleString('en')} rows/s with the cells`,
  );
} catch (err) {
  // Both steps run in a transaction each (migrations all or nothing; reset and seeding together).
  console.error(`${step} failed, the database is as it was (the transaction was rolled back): ${(err as Error).message}`);
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
