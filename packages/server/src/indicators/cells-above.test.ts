/**
 * The cells above the hospitals (cells.ts, fold.ts): a hospital's write keeps its own hospital's cells exact
 * at once and leaves the upper body's as they were until a fold, which makes them exact; two folds at once add
 * each pending row once; the folder folds by itself, tells the live channel (the write's own notification
 * leaves the upper body to it), and carries on after its
 * connection was killed; 32 writers in 16 hospitals under one upper body reach no client with an error
 * (no deadlock) and leave cells that verify exact once folded.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityType } from '../domain/enums.js';
import { toGlobalId as gid } from '../graphql/global-id.js';
import { recordActivity } from '../modules/activity/activity.writes.js';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { randomHospitalsUnder } from '../test-support/random-hospital.js';
import { foldCellDeltas, pendingCellDeltas, rebuildCells, verifyCells } from './cells.js';
import { FOLDER_NAME, foldOnce, startFolding } from './fold.js';
import { CHANNEL } from './writes.js';

const HOSPITALS = 16;

describe('indicators/cells above the hospital', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let pool: pg.Pool;
  let upper: number;
  const committees: number[] = [];
  const branches: number[][] = [];
  let written = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const tree = await randomHospitalsUnder(client, HOSPITALS, 300, '2026-11');
    upper = tree.upper;
    for (const r of tree.hospitals) {
      committees.push(r.committee);
      const { rows } = await client.query<{ id: number }>(
        `select id from organization where id = any($1::int[]) and dissolved_on is null and kind in ('branch', 'joint_branch') order by id`,
        [r.branches],
      );
      branches.push(rows.map((x) => x.id));
    }
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    pool = new pg.Pool({ connectionString: db.url, max: 34 });
  });
  afterAll(async () => {
    await pool?.end();
    await client?.end();
    await db?.drop();
  });

  /** A theme party day in a branch of hospital `h` (a new row every call: its own title). */
  const write = (h: number, day = '2026-12-01') => {
    const mine = branches[h]!.length ? branches[h]! : branches.find((b) => b.length)!;
    const n = written++;
    return recordActivity(
      { pool, actor: 'test' },
      {
        organizationId: gid('Organization', mine[n % mine.length]!),
        type: ActivityType.THEME_PARTY_DAY,
        title: `主题党日 ${n}`,
        heldOn: day,
      },
    );
  };
  const cellsOf = async (org: number) =>
    (
      await client.query(
        `select indicator_id, period, numerator::text, denominator::text from indicator_cell where org_id = $1 order by 1, 2`,
        [org],
      )
    ).rows;
  const verify = async () => {
    await client.query('begin');
    try {
      return (await verifyCells(client)).differences;
    } finally {
      await client.query('rollback');
    }
  };
  const fold = async (c: pg.ClientBase = client) => {
    await c.query('begin');
    const folded = await foldOnce(c);
    await c.query('commit');
    return folded;
  };

  it('should leave the upper body’s cells as they were until a fold, the hospital’s exact at once, then all exact', async () => {
    await fold();
    const upperBefore = await cellsOf(upper);
    const committeeBefore = await cellsOf(committees[0]!);
    await write(0);
    expect(await cellsOf(committees[0]!)).not.toEqual(committeeBefore);
    expect(await cellsOf(upper)).toEqual(upperBefore);
    const { rows } = await client.query(`select distinct hospital_id, org_id from indicator_cell_delta`);
    expect(rows).toEqual([{ hospital_id: expect.any(Number), org_id: upper }]);
    // verify counts what is pending as folded.
    expect(await verify()).toEqual([]);
    const folded = await fold();
    expect(folded).toMatchObject({ orgIds: [upper] });
    expect(folded!.rows).toBeGreaterThan(0);
    expect(await cellsOf(upper)).not.toEqual(upperBefore);
    expect(await pendingCellDeltas(client)).toBe(0);
    expect(await verify()).toEqual([]);
  });

  it('should fold each pending row once when two folds run at once', async () => {
    for (let h = 0; h < 4; h++) await write(h, '2026-11-20');
    expect(await pendingCellDeltas(client)).toBeGreaterThan(0);
    const a = new pg.Client({ connectionString: db.url });
    const b = new pg.Client({ connectionString: db.url });
    await a.connect();
    await b.connect();
    try {
      // Only one folder at a time: the second one's turn is skipped while the first holds the lock…
      await a.query('begin');
      await b.query('begin');
      expect(await foldOnce(a)).not.toBeNull();
      expect(await foldOnce(b)).toBeNull();
      await b.query('rollback');
      await a.query('rollback');
      // …and without the lock, two folds at once still add each row once.
      await a.query('begin');
      await b.query('begin');
      const first = await foldCellDeltas(a);
      const second = foldCellDeltas(b);
      await a.query('commit');
      expect((await second).rows).toBe(0);
      await b.query('commit');
      expect(first.rows).toBeGreaterThan(0);
    } finally {
      await a.end();
      await b.end();
    }
    expect(await pendingCellDeltas(client)).toBe(0);
    expect(await verify()).toEqual([]);
  });

  it('should fold by itself, tell the live channel, and fold again after its connection was killed', async () => {
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    const heard: number[][] = [];
    listener.on('notification', (m) => m.channel === CHANNEL && heard.push((JSON.parse(m.payload!) as { orgs: number[] }).orgs));
    await listener.query(`listen ${CHANNEL}`);
    const log: string[] = [];
    const folding = startFolding(db.url, (m) => log.push(m), 50);
    const folded = async () => {
      for (let i = 0; i < 400 && (await pendingCellDeltas(client)) > 0; i++) await new Promise((r) => setTimeout(r, 50));
      return pendingCellDeltas(client);
    };
    try {
      await write(1, '2026-12-02');
      expect(await folded()).toBe(0);
      expect(await verify()).toEqual([]);
      // The write's own notification names its hospital, not the upper body: whose cells only the fold moves,
      // and whose board the fold's notification tells (one refresh a write for an upper body's board, not two).
      for (let i = 0; i < 100 && !heard.some((o) => o.includes(upper)); i++) await new Promise((r) => setTimeout(r, 50));
      expect(heard.filter((o) => o.includes(committees[1]!))).toHaveLength(1);
      expect(heard.filter((o) => o.includes(upper))).toHaveLength(1);
      expect(heard.filter((o) => o.includes(upper) && o.includes(committees[1]!))).toEqual([]);
      await client.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`, [FOLDER_NAME]);
      await write(2, '2026-12-02');
      expect(await folded()).toBe(0);
      expect(await verify()).toEqual([]);
    } finally {
      await folding.stop();
      await listener.end();
    }
    expect(
      (await client.query(`select count(*)::int as n from pg_stat_activity where application_name = $1`, [FOLDER_NAME])).rows[0].n,
    ).toBe(0);
  });

  it('should reach no client with a deadlock when 32 writers write in 16 hospitals at once, and verify exact once folded', async () => {
    const failures: unknown[] = [];
    await Promise.all(
      Array.from({ length: 32 }, async (_, w) => {
        for (let i = 0; i < 3; i++) {
          await write(w % HOSPITALS, `2026-11-${String(1 + ((w + i) % 28)).padStart(2, '0')}`).catch((err: unknown) => failures.push(err));
        }
      }),
    );
    expect(failures).toEqual([]);
    await fold();
    expect(await pendingCellDeltas(client)).toBe(0);
    expect(await verify()).toEqual([]);
  });

  it('should clear what is pending when the cells are rebuilt', async () => {
    await write(3, '2026-12-02');
    expect(await pendingCellDeltas(client)).toBeGreaterThan(0);
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    expect(await pendingCellDeltas(client)).toBe(0);
    expect(await verify()).toEqual([]);
  });
});
