/** Keeps the indicator cells present and current at start-up (and hourly while running: a month rolls over). */
import pg from 'pg';
import { extendCells, rebuildCells, storedRange } from './cells.js';

async function inTransaction<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

export async function ensureCells(url: string, log: (m: string) => void): Promise<void> {
  await inTransaction(url, async (c) => {
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
    const added = await extendCells(c);
    if (added.length) log(`indicator cells extended by ${added.length} periods (${added.map((p) => p.key).join(', ')})`);
  });
}
