/**
 * The import's faster statements (cells-recount.ts) give exactly the rows of the definitions (sql.ts) they
 * stand in for: over random hospitals (stints that end, overlap, open either side; transfers; members without
 * a department), for every organisation and for a few, and after edge cases are added (a stint that ends the
 * day it begins, one ending before its member joined, a member converted before the stint began).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { randomHospital } from '../test-support/random-hospital.js';
import { periodsOf, rebuildCells, storedRange } from './cells.js';
import { FAST_IDS, recountOwnSql } from './cells-recount.js';
import { ownCellsSql } from './sql.js';

describe('indicators/cells-recount', () => {
  let hub: TestHub;
  let client: pg.Client;
  let orgs: number[];

  const rows = async (sql: string, scope: number[] | null) => {
    const periods = periodsOf((await storedRange(client))!);
    const params = [periods.map((p) => p.key), periods.map((p) => p.start), periods.map((p) => p.end), scope];
    const { rows } = await client.query<{ org_id: number; key: string; num: string; den: string }>(sql, params);
    return rows.map((r) => `${r.org_id}|${r.key}|${Number(r.num)}|${Number(r.den)}`).sort();
  };

  const expectSame = async () => {
    const few = orgs.filter((_, i) => i % 3 === 0);
    for (const id of FAST_IDS) {
      for (const scope of [null, few]) {
        const definition = await rows(ownCellsSql(id), scope);
        expect(definition.length, `${id}: the definition has rows to compare`).toBeGreaterThan(0);
        expect(await rows(recountOwnSql(id), scope), `${id} over ${scope ? 'a few organisations' : 'all'}`).toEqual(definition);
      }
    }
  };

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    for (const seed of [7, 19]) await randomHospital(client, seed, '2026-06');
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    orgs = (await client.query(`select id from organization order by id`)).rows.map((r) => r.id as number);
  }, 180_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should give the definitions’ rows for every indicator it speeds up', async () => {
    expect(FAST_IDS.length).toBeGreaterThanOrEqual(7);
    await expectSame();
  }, 120_000);

  it('should still give them with stints that end the day they begin, before joining, or before conversion', async () => {
    const { rows: some } = await client.query<{ id: number; org: number; joined_on: string }>(
      `select m.id, m.organization_id as org, m.joined_on::text as joined_on from member m
       where m.joined_on is not null and m.political_status in ('probationary', 'full_member') order by m.id limit 12`,
    );
    for (const [i, m] of some.entries()) {
      const day = `(date '${m.joined_on}' + ${(i % 4) * 200})`;
      if (i % 3 === 0) await client.query(`update membership set from_on = ${day}, to_on = ${day} + 1 where member_id = $1`, [m.id]);
      if (i % 3 === 1)
        await client.query(`update membership set from_on = null, to_on = date '${m.joined_on}' - 30 where member_id = $1`, [m.id]);
      if (i % 3 === 2) await client.query(`update member set converted_on = date '${m.joined_on}' + 400 where id = $1`, [m.id]);
    }
    await expectSame();
  }, 120_000);
});
