/**
 * `pnpm audit:purge`: the only way rows leave the audit log. Never a row younger than 180 days; the oldest rows
 * as one run from the chain's start, their last hash kept as the anchor the chain then starts from, the purge
 * itself appended as the chain's next row, and the chain intact afterwards.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/database.js';
import { verifyChain } from './chain.js';
import { purgeAudit, purgeCutoff } from './purge.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-12-02T08:00:00Z');
/** The moment `days` days ago. */
const ageOf = (days: number) => new Date(Date.now() - days * DAY_MS);

describe('audit/purge cut-off', () => {
  it('should keep 3 years by default, take a date, and refuse anything short of 180 days', () => {
    expect(purgeCutoff({ keepDays: 1095 }, NOW).toISOString()).toBe('2023-12-03T00:00:00.000Z');
    expect(purgeCutoff({ before: '2026-06-05', keepDays: 1095 }, NOW).toISOString()).toBe('2026-06-05T00:00:00.000Z');
    expect(() => purgeCutoff({ before: '2026-06-06', keepDays: 1095 }, NOW)).toThrow(
      'the audit log keeps every row 180 days: --before must be 2026-06-05 or earlier (got 2026-06-06)',
    );
    expect(() => purgeCutoff({ keepDays: 179 }, NOW)).toThrow(/keeps every row 180 days: a retention of 179 days is too short/);
    expect(() => purgeCutoff({ before: '2024-13-01', keepDays: 1095 }, NOW)).toThrow(/--before must be a date YYYY-MM-DD/);
    expect(() => purgeCutoff({ before: '1 Jan 2024', keepDays: 1095 }, NOW)).toThrow(/--before must be a date YYYY-MM-DD/);
  });
});

describe('audit/purge', () => {
  let db: TestDatabase;
  let c: pg.Client;
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    c = new pg.Client({ connectionString: db.url });
    await c.connect();
    // Rows written long ago (their time as given: the trigger keeps `at`), then recent ones.
    for (const [label, days, n] of [
      ['800 days', 800, 3],
      ['400 days', 400, 2],
      ['10 days', 10, 2],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const { rows } = await c.query(
          `insert into audit_log (at, actor, action, entity) values ($1, 'committee', 'activity.record', 'activity') returning id::text`,
          [ageOf(days)],
        );
        (ids[label] ??= []).push(rows[0].id);
      }
    }
  });
  afterAll(async () => {
    await c.end();
    await db.drop();
  });

  const count = async () => Number((await c.query(`select count(*) from audit_log`)).rows[0].count);

  it('should refuse to purge rows younger than 180 days, in PostgreSQL too, changing nothing', async () => {
    const before = await count();
    await expect(c.query(`select hub_audit_purge(now() - interval '179 days', 'test')`)).rejects.toMatchObject({
      code: '22023',
      constraint: 'audit_log_min_retention',
      message: expect.stringMatching(/^audit_log keeps every row 180 days \(rule audit_log_min_retention\): cannot purge rows before /),
    });
    expect(await count()).toBe(before);
  });

  it('should purge the oldest rows, anchor the chain on the last one, and leave it intact', async () => {
    const first = await purgeAudit(c, ageOf(500), 'cli:audit:purge (test)');
    expect(first).toMatchObject({ deleted: 3, anchorId: ids['800 days'][2] });
    let r = await verifyChain(c);
    expect(r.breaks).toEqual([]);
    expect(r).toMatchObject({ rows: 5, firstId: ids['400 days'][0], anchorId: ids['800 days'][2] });
    const { rows: purge } = await c.query(`select actor, after from audit_log where action = 'audit.purge' order by id`);
    expect(purge).toEqual([
      {
        actor: 'cli:audit:purge (test)',
        after: expect.objectContaining({ deleted: 3, anchorId: Number(ids['800 days'][2]), anchorHash: first.anchorHash }),
      },
    ]);

    // Again, later: the first purge's own row is young and stays; so do the 10-day-old rows.
    const second = await purgeAudit(c, ageOf(200), 'cli:audit:purge (test)');
    expect(second).toMatchObject({ deleted: 2, anchorId: ids['400 days'][1] });
    r = await verifyChain(c);
    expect(r.breaks).toEqual([]);
    expect(r).toMatchObject({ rows: 4, firstId: ids['10 days'][0] });

    // Nothing left to purge: still the chain's next row, naming the same anchor.
    expect(await purgeAudit(c, ageOf(1000), 'test')).toMatchObject({ deleted: 0, anchorId: ids['400 days'][1] });
    expect((await verifyChain(c)).breaks).toEqual([]);
  });
});

describe('audit/purge by whole months', () => {
  let db: TestDatabase;
  let c: pg.Client;
  const id: Record<string, string> = {};
  /** A partition's file: TRUNCATE gives it a new one, a row-by-row DELETE keeps it. */
  const file = async (part: string) => (await c.query(`select pg_relation_filenode($1::regclass)::text as f`, [part])).rows[0].f as string;
  const count = async (part: string) => Number((await c.query(`select count(*) from "${part}"`)).rows[0].count);

  beforeAll(async () => {
    db = await createTestDatabase();
    c = new pg.Client({ connectionString: db.url });
    await c.connect();
    // In id order: two January rows, a February one, one of March (after the cut-off), then a February row
    // written after it (a transaction that started in February and inserted later): February is not whole in
    // the run the purge removes.
    for (const [label, at] of [
      ['jan1', '2024-01-10T00:00:00Z'],
      ['jan2', '2024-01-20T00:00:00Z'],
      ['feb1', '2024-02-10T00:00:00Z'],
      ['mar1', '2024-03-02T00:00:00Z'],
      ['feb2', '2024-02-29T23:59:59Z'],
      ['apr1', '2024-04-02T00:00:00Z'],
    ] as const) {
      const { rows } = await c.query(
        `insert into audit_log (at, actor, action, entity) values ($1, 'committee', 'activity.record', 'activity') returning id::text`,
        [at],
      );
      id[label] = rows[0].id;
    }
    await c.query(
      `insert into idempotency_key (key, request_hash, at) values ('old-key-0001', $1, '2024-01-10'), ('new-key-0001', $1, now())`,
      ['0'.repeat(64)],
    );
  });
  afterAll(async () => {
    await c.end();
    await db.drop();
  });

  it('should empty a month whose rows are all in the run at once, the rest row by row, the chain intact', async () => {
    const files = { jan: await file('audit_log_2024_01'), feb: await file('audit_log_2024_02'), mar: await file('audit_log_2024_03') };
    const r = await purgeAudit(c, new Date('2024-03-01T00:00:00Z'), 'test');
    // The run: jan1, jan2, feb1 (mar1 is the first row at or after the cut-off; feb2 comes after it).
    expect(r).toMatchObject({ deleted: 3, anchorId: id.feb1 });
    expect(await file('audit_log_2024_01')).not.toBe(files.jan); // truncated
    expect(await count('audit_log_2024_01')).toBe(0);
    expect(await file('audit_log_2024_02')).toBe(files.feb); // row by row: feb2 stays
    expect((await c.query(`select id::text from audit_log_2024_02`)).rows).toEqual([{ id: id.feb2 }]);
    expect(await file('audit_log_2024_03')).toBe(files.mar);
    const v = await verifyChain(c);
    expect(v.breaks).toEqual([]);
    expect(v).toMatchObject({ firstId: id.mar1, anchorId: id.feb1 });
    // The idempotency keys of the purged time go with it.
    expect((await c.query(`select key from idempotency_key order by key`)).rows).toEqual([{ key: 'new-key-0001' }]);

    // Later, past February and March: both months whole in the run now.
    const again = await purgeAudit(c, new Date('2024-04-01T00:00:00Z'), 'test');
    expect(again).toMatchObject({ deleted: 2, anchorId: id.feb2 });
    expect(await file('audit_log_2024_02')).not.toBe(files.feb);
    expect(await file('audit_log_2024_03')).not.toBe(files.mar);
    expect((await verifyChain(c)).breaks).toEqual([]);
    // The months stay, empty: the window the entity declares does not move.
    expect((await c.query(`select to_regclass('audit_log_2024_01') is not null as kept`)).rows[0].kept).toBe(true);
  });
});
