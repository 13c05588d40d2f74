/**
 * Start-up maintenance of the cells: a database whose cells were built by an older definition of some
 * indicators (an upgrade changed how they are computed) gets exactly those indicators rebuilt.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { randomHospital } from '../test-support/random-hospital.js';
import { rebuildCells, verifyCells } from './cells.js';
import { ensureCells } from './maintain.js';

describe('indicators/maintain', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await randomHospital(client, 41, '2025-12');
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('rebuilds the cells of indicators whose definition changed since they were built, and only those', async () => {
    // As after an upgrade: cells computed by another definition (here simply wrong), recorded under another hash.
    await client.query(`update indicator_cell set numerator = numerator + 1 where indicator_id = 'member_share_of_staff'`);
    await client.query(`update indicator_definition set sql_hash = 'older' where indicator_id = 'member_share_of_staff'`);
    const before = (await client.query(`select indicator_id, built_at from indicator_definition order by 1`)).rows;
    const log: string[] = [];
    await ensureCells(db.url, (m) => log.push(m));
    expect(log.join('\n')).toMatch(/rebuilt [\d,]+ cells of 1 indicators whose definition changed \(member_share_of_staff\)/);
    await client.query('begin');
    expect((await verifyCells(client)).differences).toEqual([]);
    await client.query('rollback');
    const after = new Map(
      (await client.query(`select indicator_id, built_at from indicator_definition`)).rows.map((r) => [r.indicator_id, r.built_at]),
    );
    for (const r of before) {
      if (r.indicator_id === 'member_share_of_staff') expect(after.get(r.indicator_id)).not.toEqual(r.built_at);
      else expect(after.get(r.indicator_id)).toEqual(r.built_at);
    }
    // Nothing changed: a second start does nothing.
    log.length = 0;
    await ensureCells(db.url, (m) => log.push(m));
    expect(log).toEqual([]);
  });
});
