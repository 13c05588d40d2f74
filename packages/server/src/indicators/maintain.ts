/**
 * Keeps the indicator cells present and current at start-up (and hourly while running: a month rolls over),
 * and the partitioned facts' coming months' partitions made ahead (db/partitions.ts).
 */
import { inTransaction } from '../db/transaction.js';
import pg from 'pg';
import { STORED_IDS } from './sql.js';
import { ensurePartitions } from '../db/partitions.js';
import { changedDefinitions, extendCells, rebuildCells, rebuildIndicators, storedRange } from './cells.js';
import { notify } from './writes.js';

/**
 * Sent in the upkeep's transaction (so on its commit) when it moved the cells' month range or rebuilt cells:
 * every instance drops its copy of the range (it would otherwise keep it up to a minute, and a board opened at
 * a month's rollover would not offer the new month), and every board refreshes. No organisation: all of them.
 */
const upkeepNotice = (c: pg.Client) => notify(c, { orgIds: [], from: null, indicators: [], tables: ['indicator_range', 'indicator_cell'] });

/** One transaction on a connection of its own, opened and closed here. */
async function onItsOwnConnection<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  // A connection lost between statements (PostgreSQL restarting) fails the statement that follows; it must not end the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await inTransaction(client, () => fn(client));
  } finally {
    await client.end();
  }
}

export async function ensureCells(url: string, log: (m: string) => void): Promise<void> {
  // In a transaction of its own: a partition not made now (a lock not granted in time) is made next hour,
  // and does not hold back the cells.
  await onItsOwnConnection(url, (c) => ensurePartitions(c))
    .then((made) => made.length && log(`partitions made ahead: ${made.join(', ')}`))
    .catch((err: unknown) => log(`making the coming months' partitions failed (retried next hour): ${(err as Error).message}`));
  await onItsOwnConnection(url, async (c) => {
    await c.query(`select pg_advisory_xact_lock(hashtext('indicator_range'))`);
    const range = await storedRange(c);
    if (!range) {
      const { rows } = await c.query(`select exists (select 1 from organization) as any`);
      if (!rows[0].any) return;
      const r = await rebuildCells(c);
      log(
        `built ${r.cells.toLocaleString('en')} indicator cells (${r.range.first.key} … ${r.range.last.key}) in ${(r.ms / 1000).toFixed(1)}s`,
      );
      return;
    }
    // An upgrade that changed how some indicators are computed: their cells are rebuilt before serving.
    const changed = await changedDefinitions(c);
    const added = await extendAndRebuild(c, changed, log);
    if (changed.length || added) await upkeepNotice(c);
  });
}

/** Rebuilds the indicators whose definition changed, then extends the cells to the current month; whether the range moved. */
async function extendAndRebuild(c: pg.Client, changed: string[], log: (m: string) => void): Promise<boolean> {
  if (changed.length) {
    const t0 = performance.now();
    const n = await rebuildIndicators(c, changed);
    log(
      `rebuilt ${n.toLocaleString('en')} cells of ${changed.length} indicators whose definition changed (${
        changed.length === STORED_IDS.length ? 'all of them' : changed.join(', ')
      }) in ${((performance.now() - t0) / 1000).toFixed(1)}s`,
    );
  }
  const added = await extendCells(c);
  if (added.length) log(`indicator cells extended by ${added.length} periods (${added.map((p) => p.key).join(', ')})`);
  return added.length > 0;
}
