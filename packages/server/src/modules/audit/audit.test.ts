/**
 * The audit log's rules in PostgreSQL (Migration20261202230000): append-only whoever writes, and each row
 * chained to the one before it in id order, also when ten connections insert at once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/database.js';
import { GENESIS } from './audit.entity.js';
import { sha256, verifyChain } from './chain.js';

const insert = (c: pg.ClientBase, actor: string, after: unknown = null) =>
  c.query<{ id: string; prev_hash: string; hash: string }>(
    `insert into audit_log (actor, action, entity, after) values ($1, 'test.write', 'test', $2) returning id, prev_hash, hash`,
    [actor, JSON.stringify(after)],
  );

/** How many rows writer `w` inserts in its transaction `t` (1–3). */
const rowsOf = (w: number, t: number) => ((w + t) % 3) + 1;

describe('audit/append-only chain', () => {
  let db: TestDatabase;
  let c: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    c = new pg.Client({ connectionString: db.url });
    await c.connect();
  });
  afterAll(async () => {
    await c.end();
    await db.drop();
  });

  it('should chain each row to the one before it from GENESIS, hashing its canonical form', async () => {
    const first = (await insert(c, '李娜', { 支部: '心血管内科', n: 1.5, x: null })).rows[0];
    const second = (await insert(c, 'wang', 'null')).rows[0];
    expect(first.prev_hash).toBe(GENESIS);
    expect(second.prev_hash).toBe(first.hash);
    const { rows } = await c.query(`select id::text, hash, hub_audit_canonical(a) as body from audit_log a order by id`);
    for (const r of rows) expect(sha256(r.body), r.body).toBe(r.hash);
    // The form: every column but the hash, nulls left out, timestamps in UTC whatever the session's zone.
    expect(JSON.parse(rows[0].body)).toMatchObject({ actor: '李娜', after: { 支部: '心血管内科', n: 1.5, x: null }, prev_hash: GENESIS });
    expect(rows[0].body).not.toMatch(/"entity_id"|"hash"/);
    await c.query(`set timezone = 'Asia/Shanghai'`);
    const again = await c.query(`select hub_audit_canonical(a) as body from audit_log a where id = $1`, [first.id]);
    expect(again.rows[0].body).toBe(rows[0].body);
    expect(rows[0].body).toMatch(/"at": "[^"]+\+00:00"/);
    const head = await c.query(`select head_id::text, head_hash from audit_chain`);
    expect(head.rows[0]).toEqual({ head_id: second.id, head_hash: second.hash });
  });

  it('should refuse UPDATE, DELETE and TRUNCATE with a coded error naming the rule', async () => {
    await insert(c, 'someone');
    for (const sql of [`update audit_log set actor = 'x'`, `delete from audit_log`, `truncate audit_log`]) {
      const err = await c.query(sql).then(
        () => null,
        (e: pg.DatabaseError) => e,
      );
      expect(err, sql).toMatchObject({ code: '42501', constraint: 'audit_log_append_only' });
      expect(err!.message).toMatch(/^audit_log is append-only \(rule audit_log_append_only\): (UPDATE|DELETE|TRUNCATE) refused$/);
    }
  });

  it('should let the purge setting delete no row younger than 180 days, even when a session sets it itself', async () => {
    const { id } = (await insert(c, 'young')).rows[0];
    await c.query('begin');
    try {
      await c.query(`select set_config('hub.audit_purge', 'on', true)`);
      await expect(c.query(`delete from audit_log where id = $1`, [id])).rejects.toMatchObject({
        code: '22023',
        constraint: 'audit_log_min_retention',
      });
    } finally {
      await c.query('rollback');
    }
  });

  it('should chain concurrent inserts from 10 connections in one order, id order', async () => {
    const before = Number((await c.query(`select count(*) from audit_log`)).rows[0].count);
    let written = 0;
    const pool = new pg.Pool({ connectionString: db.url, max: 10 });
    try {
      // Each writer: 20 transactions of 1–3 rows, pausing inside some, so transactions overlap and take their
      // sequence values (the column default) in another order than they reach the chain's lock.
      await Promise.all(
        Array.from({ length: 10 }, async (_, w) => {
          const client = await pool.connect();
          try {
            for (let t = 0; t < 20; t++) {
              await client.query('begin');
              for (let k = 0; k < rowsOf(w, t); k++) await insert(client, `writer ${w}`, { t, k });
              if ((w + t) % 4 === 0) await client.query(`select pg_sleep(0.005)`);
              await client.query('commit');
              written += rowsOf(w, t);
            }
          } finally {
            client.release();
          }
        }),
      );
    } finally {
      await pool.end();
    }
    const report = await verifyChain(c, { batch: 37 });
    expect(report.breaks).toEqual([]);
    expect(written).toBeGreaterThan(300);
    expect(report.rows).toBe(before + written);
  });
});
