/**
 * `pnpm indicators:rebuild`: rebuilds every indicator cell from the base tables (one transaction).
 * `pnpm indicators:rebuild --hospital <id>`: rebuilds one hospital's subtree in its own transaction, the organisations
 * above it moved by the difference; `--hospital all`: every hospital, one transaction each, resuming after the
 * hospitals an interrupted run committed (`--restart` to start over). indicators/rebuild-hospital.ts says why.
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
import { parseArgs } from 'node:util';
import { lastTimings, rebuildCells, verifyCells } from '../indicators/cells.js';
import { rebuildAllHospitals, rebuildHospital } from '../indicators/rebuild-hospital.js';

const USAGE = 'usage: indicators rebuild [--hospital <id>|all [--restart]] | verify';
let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    options: { hospital: { type: 'string' }, restart: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const command = parsed.positionals[0];
const hospital = parsed.values.hospital;
if (
  (command !== 'rebuild' && command !== 'verify') ||
  (hospital !== undefined && (command !== 'rebuild' || (hospital !== 'all' && !/^[1-9]\d*$/.test(hospital)))) ||
  (parsed.values.restart && hospital !== 'all')
) {
  console.error(USAGE);
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
    if (hospital === 'all') {
      const r = await rebuildAllHospitals(client, {
        restart: parsed.values.restart,
        onHospital: (h, i, total) =>
          console.log(
            `hospital ${h.hospitalId} (${i}/${total}): ${h.cells.toLocaleString('en')} cells, ${h.changed} changed, ${(h.ms / 1000).toFixed(1)}s`,
          ),
      });
      if (r.skipped) console.log(`${r.skipped} of ${r.total} hospitals were rebuilt by an earlier run (--restart to rebuild them too)`);
      const ms = r.rebuilt.reduce((s, h) => s + h.ms, 0);
      console.log(`rebuilt ${r.rebuilt.length} hospitals in ${(ms / 1000).toFixed(1)}s, one transaction each`);
    } else {
      await client.query('begin');
      if (hospital !== undefined) {
        const r = await rebuildHospital(client, Number(hospital));
        await client.query('commit');
        console.log(
          `rebuilt hospital ${r.hospitalId}: ${r.cells.toLocaleString('en')} cells, ${r.changed} changed, in ${(r.ms / 1000).toFixed(1)}s`,
        );
      } else if (command === 'rebuild') {
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
    }
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
} catch (err) {
  const kept = hospital === 'all' ? ' (the hospitals committed before are kept: a rerun resumes after them)' : '';
  console.error(`indicators ${command} failed, nothing was changed${kept}: ${(err as Error).message}`);
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
