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
