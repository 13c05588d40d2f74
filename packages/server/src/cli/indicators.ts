/**
 * `pnpm indicators:rebuild`: rebuilds every indicator cell from the base tables (one transaction).
 * `pnpm indicators:verify`: recomputes every cell from the base tables and lists every one that differs
 * from what is stored; exit 1 on any difference. What an operator runs after editing data by hand.
 * The database is DATABASE_URL, or the embedded PostgreSQL in HUB_DATA_DIR (as `pnpm start`).
 */
import 'reflect-metadata';
import pg from 'pg';
import { readConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/orm.js';
import { openHubOrm } from '../app/orm.js';
import { lastTimings, rebuildCells, verifyCells } from '../indicators/cells.js';

const command = process.argv[2];
if (command !== 'rebuild' && command !== 'verify') {
  console.error('usage: indicators rebuild|verify');
  process.exit(2);
}
let config;
try {
  config = readConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const db = await openDatabase(config);
let code = 0;
try {
  const orm = await openHubOrm({ url: db.url, poolMax: 1 });
  try {
    await migrate(orm);
  } finally {
    await orm.close();
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query('begin');
    if (command === 'rebuild') {
      const r = await rebuildCells(client);
      await client.query('commit');
      const slow = [...lastTimings].toSorted((a, b) => b[1] - a[1]).slice(0, 5);
      console.log(`slowest: ${slow.map(([id, ms]) => `${id} ${Math.round(ms)} ms`).join(', ')}`);
      console.log(
        `rebuilt ${r.cells.toLocaleString('en')} cells (${r.periods} periods, ${r.range.first.key} … ${r.range.last.key}) in ${(r.ms / 1000).toFixed(1)}s`,
      );
    } else {
      const { checked, differences } = await verifyCells(client);
      await client.query('rollback');
      for (const d of differences.slice(0, 200)) {
        const show = (c: typeof d.stored) => (c ? `${c.numerator}/${c.denominator}` : 'missing');
        console.log(`  ${d.indicatorId} org ${d.orgId} ${d.period}: stored ${show(d.stored)}, base tables ${show(d.expected)}`);
      }
      if (differences.length > 200) console.log(`  … and ${differences.length - 200} more`);
      console.log(`${checked.toLocaleString('en')} cells recomputed from the base tables: ${differences.length} differ`);
      if (differences.length) code = 1;
    }
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
} catch (err) {
  console.error(`indicators ${command} failed, nothing was changed: ${(err as Error).message}`);
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
