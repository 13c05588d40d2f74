/**
 * Start-up maintenance of the cells: a database whose cells were built by an older definition of some
 * indicators (an upgrade changed how they are computed) gets exactly those indicators rebuilt.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { randomHospital } from '../test-support/random-hospital.js';
import { periodsOf, rebuildCells, storedRange, verifyCells } from './cells.js';
import { ensureCells } from './maintain.js';
import { CHANNEL } from './writes.js';
import { month as monthPeriod } from '@party-hub/schema/indicators';

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
    // Every instance hears of it (its copy of the month range and its boards), as the hourly run's extension too.
    const heard: string[] = [];
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    listener.on('notification', (m) => heard.push(m.payload ?? ''));
    await listener.query(`listen ${CHANNEL}`);
    await ensureCells(db.url, (m) => log.push(m));
    await expect.poll(() => heard.length).toBe(1);
    expect(JSON.parse(heard[0]!).tables).toEqual(['indicator_range', 'indicator_cell']);
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
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toHaveLength(1);
    await listener.end();
  });

  it('extends the month range when a month has started, and says so to every instance (their copies of the range)', async () => {
    // As on the first hour of a new month: the stored range ends a month ago.
    const range = (await storedRange(client))!;
    const { year, firstMonth: m } = range.last;
    const before = { first: range.first, last: m === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, m - 1) };
    const known = new Set(periodsOf(before).map((p) => p.key));
    const added = periodsOf(range)
      .filter((p) => !known.has(p.key))
      .map((p) => p.key);
    await client.query(`delete from indicator_cell where period = any($1)`, [added]);
    await client.query(`update indicator_range set last_month = $1 where id = 1`, [before.last.start]);
    const heard: string[] = [];
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    listener.on('notification', (m) => heard.push(m.payload ?? ''));
    await listener.query(`listen ${CHANNEL}`);
    const log: string[] = [];
    await ensureCells(db.url, (m) => log.push(m));
    expect(log.join('\n')).toContain(`indicator cells extended by ${added.length} periods (${added.join(', ')})`);
    await expect.poll(() => heard.length).toBe(1);
    expect(JSON.parse(heard[0]!).tables).toContain('indicator_range');
    await listener.end();
    await client.query('begin');
    expect((await verifyCells(client)).differences).toEqual([]);
    await client.query('rollback');
  });
});
