/**
 * The per-hospital rebuild: three random hospitals under one provincial body. One hospital's cells corrupted
 * (and, through it, its ancestors') are exact again after rebuilding that hospital alone; a run over all
 * hospitals stopped after one resumes at the next and ends exact, without redoing the first.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { randomHospital, type RandomHospital } from '../test-support/random-hospital.js';
import { rebuildCells, verifyCells } from './cells.js';
import { rebuildAllHospitals, rebuildHospital } from './rebuild-hospital.js';

describe('indicators/rebuild-hospital', () => {
  let db: TestDatabase;
  let client: pg.Client;
  const hospitals: RandomHospital[] = [];

  const differences = async () => {
    await client.query('begin');
    try {
      return (await verifyCells(client)).differences;
    } finally {
      await client.query('rollback');
    }
  };

  /**
   * Wrong cells in a hospital's subtree, the same error carried up to the body above it (cells kept in step
   * with wrong ones, as after a hand edit of the base tables that bypassed the hub).
   */
  const corrupt = async (h: RandomHospital) => {
    await client.query(
      `update indicator_cell c set numerator = c.numerator + 3, denominator = c.denominator + 1
       from organization b, indicator_cell k
       where b.id = (select parent_id from organization where id = $1) and c.org_id = b.id
         and k.org_id = $1 and k.indicator_id = c.indicator_id and k.period = c.period`,
      [h.committee],
    );
    await client.query(
      `update indicator_cell set numerator = numerator + 3, denominator = denominator + 1
       where org_id in (select id from organization where path like (select path from organization where id = $1) || '%')`,
      [h.committee],
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const body = (
      await client.query(`insert into organization (name, kind) values ('中共江南省卫生健康委员会党组', 'upper_body') returning id`)
    ).rows[0].id;
    for (const seed of [51, 52, 53]) {
      const h = await randomHospital(client, seed, '2025-12');
      await client.query(`update organization set parent_id = $1 where id = $2`, [body, h.committee]);
      hospitals.push(h);
    }
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    expect(await differences()).toEqual([]);
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  /**
   * A cell the hospital's committee should not have (a key whose true value is zero), carried up to the body
   * above it as well; returns its key.
   */
  const stray = async (h: RandomHospital) => {
    const { rows } = await client.query<{ indicator_id: string; period: string }>(
      `select x.indicator_id, x.period from (select distinct indicator_id, period from indicator_cell) x
       where not exists (select 1 from indicator_cell c where c.org_id = $1 and c.indicator_id = x.indicator_id and c.period = x.period)
       order by 1, 2 limit 1`,
      [h.committee],
    );
    const key = rows[0]!;
    await client.query(
      `insert into indicator_cell (indicator_id, org_id, period, numerator, denominator)
       select $2, o.id, $3, 2, 1 from organization o where o.id in ($1, (select parent_id from organization where id = $1))
       on conflict (org_id, period, indicator_id) do update
         set numerator = indicator_cell.numerator + 2, denominator = indicator_cell.denominator + 1`,
      [h.committee, key.indicator_id, key.period],
    );
    return key;
  };

  it('makes one hospital and the bodies above it exact again, in its own transaction, leaving the others alone', async () => {
    const [a, b] = hospitals as [RandomHospital, RandomHospital];
    await corrupt(a);
    const key = await stray(a);
    const wrong = await differences();
    expect(wrong.length).toBeGreaterThan(0);
    const before = (await client.query(`select * from indicator_cell where org_id = $1 order by indicator_id, period`, [b.committee])).rows;
    await client.query('begin');
    const r = await rebuildHospital(client, a.hospital);
    await client.query('commit');
    expect(r.changed).toBeGreaterThan(0);
    expect(await differences()).toEqual([]);
    // Only what differed was written: the stray cell is gone, not left at zero.
    expect(
      (
        await client.query(`select 1 from indicator_cell where org_id = $1 and indicator_id = $2 and period = $3`, [
          a.committee,
          key.indicator_id,
          key.period,
        ])
      ).rows,
    ).toEqual([]);
    expect(
      (await client.query(`select * from indicator_cell where org_id = $1 order by indicator_id, period`, [b.committee])).rows,
    ).toEqual(before);
    // Rebuilding an exact hospital changes nothing.
    await client.query('begin');
    expect((await rebuildHospital(client, b.hospital)).changed).toBe(0);
    await client.query('commit');
    expect(await differences()).toEqual([]);
  });

  it('resumes an interrupted run over all hospitals after the last one it committed, and ends exact', async () => {
    for (const h of hospitals) await corrupt(h);
    expect((await differences()).length).toBeGreaterThan(0);
    const seen: number[] = [];
    await expect(
      rebuildAllHospitals(client, {
        restart: true,
        onHospital: (h) => {
          seen.push(h.hospitalId);
          if (seen.length === 1) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(seen).toEqual([hospitals[0]!.hospital]);
    expect((await client.query(`select hospital_id from indicator_rebuild_progress`)).rows).toEqual([
      { hospital_id: hospitals[0]!.hospital },
    ]);
    expect((await differences()).length).toBeGreaterThan(0);
    const rest = await rebuildAllHospitals(client, { onHospital: (h) => void seen.push(h.hospitalId) });
    expect(rest.skipped).toBe(1);
    expect(rest.rebuilt.map((h) => h.hospitalId)).toEqual(hospitals.slice(1).map((h) => h.hospital));
    expect(await differences()).toEqual([]);
    // Done: a rerun has nothing left; --restart does them all again (and finds them exact).
    expect((await rebuildAllHospitals(client)).rebuilt).toEqual([]);
    const again = await rebuildAllHospitals(client, { restart: true });
    expect(again.rebuilt.map((h) => h.changed)).toEqual([0, 0, 0]);
  });
});
