/**
 * `pnpm seed [--scale hospital|province] [--seed N] [--end YYYY-MM-DD] [--reset]`: fills the hub's
 * database (DATABASE_URL, or the embedded PostgreSQL in HUB_DATA_DIR) with demo data. Migrates first;
 * refuses a database that holds data unless --reset empties it.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.js';
import { migrate, openOrm } from '../db/orm.js';
import { DEFAULT_SEED, resetDatabase, seedDatabase } from '../seed/index.js';

const usage = 'usage: pnpm seed [--scale hospital|province] [--seed N] [--end YYYY-MM-DD] [--reset]';
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

const db = await openDatabase();
let code = 0;
try {
  const orm = await openOrm({ url: db.url });
  await migrate(orm);
  await orm.close();
  if (args.reset) {
    await resetDatabase(db.url);
    console.log('emptied every hub table');
  }
  const result = await seedDatabase(db.url, {
    scale: args.scale,
    seed: Number(args.seed),
    ...(args.end ? { endDate: args.end } : {}),
    onProgress: (m) => console.log(`  ${m}`),
  });
  console.log(`seeded ${result.scale} (seed ${result.seed}, ${result.start} … ${result.end}):`);
  for (const [table, n] of Object.entries(result.rows).toSorted((a, b) => b[1] - a[1]))
    console.log(`  ${table.padEnd(20)} ${n.toLocaleString('en').padStart(12)}`);
  console.log(
    `${result.totalRows.toLocaleString('en')} rows in ${result.seconds.toFixed(1)}s: ${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s`,
  );
} catch (err) {
  console.error(`seed failed, nothing was written: ${(err as Error).message}`);
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
