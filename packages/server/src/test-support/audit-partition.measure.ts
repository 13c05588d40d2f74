/**
 * How long Migration20261206143200 (audit_log by month) takes, per row, and that it keeps the chain: a database
 * migrated up to the migration before it, AUDIT_ROWS entries (default 300,000) written through the chain
 * trigger over three years (with before/after payloads of a typical write's size), then the migration alone,
 * timed, and `verifyChain` intact on the result. Not part of `pnpm test` (a timing):
 *   npx vitest run --config vitest.measure.config.ts src/test-support/audit-partition.measure.ts
 * (TEST_DATABASE_URL=… to run it on another PostgreSQL, 15 say).
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openHubOrm } from '../app/orm.js';
import { migrate } from '../db/orm.js';
import { verifyChain } from '../modules/audit/chain.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { loadMigrations } from '../migrations/index.js';

const ROWS = Number(process.env.AUDIT_ROWS ?? 300_000);

describe('measure: audit_log partitioning migration', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());

  it(`should convert ${ROWS} rows in one pass, every hash kept`, async () => {
    db = await createTestDatabase({ migrated: false });
    const all = await loadMigrations();
    const orm = await openHubOrm({ url: db.url, poolMax: 1 });
    await orm.migrator.up({ to: 'Migration20261206143100' });
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      let t = performance.now();
      // In transactions of BATCH rows: each insert updates the chain's head row, and one transaction's own
      // versions of it pile up (a single statement of all the rows slows down with their square).
      const BATCH = 2000;
      for (let from = 1; from <= ROWS; from += BATCH)
        await c.query(
          `insert into audit_log (at, actor, action, entity, entity_id, before, after)
           select timestamptz '2023-12-01' + (i * (interval '3 years' / $2)), 'account:' || (i % 500), 'activity.update', 'activity', i,
                  jsonb_build_object('id', i, 'title', '主题党日 第' || i || '次', 'heldOn', '2024-05-01', 'orgId', i % 700, 'attendees', 30 + i % 20),
                  jsonb_build_object('id', i, 'title', '主题党日 第' || i || '次（改）', 'heldOn', '2024-05-02', 'orgId', i % 700, 'attendees', 31 + i % 20)
             from generate_series($1::int, least($1::int + ${BATCH} - 1, $2)) i`,
          [from, ROWS],
        );
      const { rows: size } = await c.query(`select pg_size_pretty(pg_total_relation_size('audit_log')) as s, version() as v`);
      console.log(
        `wrote ${ROWS} chained rows in ${((performance.now() - t) / 1000).toFixed(1)} s (${size[0].s}) on ${size[0].v.split(' on ')[0]}`,
      );
      t = performance.now();
      const applied = await migrate(orm);
      const s = (performance.now() - t) / 1000;
      console.log(`${applied.join(', ')}: ${s.toFixed(1)} s, ${((s * 1e6) / ROWS).toFixed(1)} µs a row`);
      expect(applied.at(-1)).toBe(all.at(-1)!.name);
      t = performance.now();
      const r = await verifyChain(c);
      console.log(`verify: ${r.rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      expect(r.breaks).toEqual([]);
      expect(r.rows).toBe(ROWS);
    } finally {
      await c.end();
      await orm.close();
    }
  });
});
