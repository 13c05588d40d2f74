/**
 * `pnpm audit:verify`'s walk: intact after ordinary inserts; broken, naming the row, after the edits someone with
 * the owner's rights can make by switching the triggers off (an edited row, a row deleted from the middle, the
 * newest rows deleted).
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/database.js';
import { verifyChain } from './chain.js';

describe('audit/verify', () => {
  let db: TestDatabase;
  let c: pg.Client;
  let ids: string[];

  /** Runs `sql` as a superuser would to get past the rules: with the table's triggers off. */
  const behindTheTriggers = async (sql: string, params: unknown[] = []) => {
    await c.query(`alter table audit_log disable trigger user`);
    try {
      await c.query(sql, params);
    } finally {
      await c.query(`alter table audit_log enable trigger user`);
    }
  };

  beforeEach(async () => {
    db = await createTestDatabase();
    c = new pg.Client({ connectionString: db.url });
    await c.connect();
    ids = [];
    for (let i = 0; i < 12; i++) {
      const { rows } = await c.query(
        `insert into audit_log (actor, action, entity, entity_id, after) values ('committee', 'member.update', 'member', $1, $2) returning id::text`,
        [i, JSON.stringify({ mobile: `1380000${String(i).padStart(4, '0')}`, 姓名: '张三' })],
      );
      ids.push(rows[0].id);
    }
  });
  afterEach(async () => {
    await c.end();
    await db.drop();
  });

  it('should find the chain intact, reading it a page at a time', async () => {
    const r = await verifyChain(c, { batch: 5 });
    expect(r).toMatchObject({ rows: 12, firstId: ids[0], lastId: ids[11], anchorId: '0', breakCount: 0, breaks: [] });
    expect(r.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should name a row edited by hand with the triggers off, and only that row', async () => {
    await behindTheTriggers(`update audit_log set after = jsonb_set(after, '{mobile}', '"13900000000"') where id = $1`, [ids[4]]);
    const r = await verifyChain(c, { batch: 5 });
    expect(r.breaks).toEqual([
      { id: ids[4], problem: 'edited', message: `row ${ids[4]} was changed after it was written: its content no longer gives its hash` },
    ]);
  });

  it('should name the row after one deleted from the middle', async () => {
    await behindTheTriggers(`delete from audit_log where id = $1`, [ids[6]]);
    const r = await verifyChain(c);
    expect(r.breaks.map((b) => [b.id, b.problem])).toEqual([[ids[7], 'unlinked']]);
    expect(r.breaks[0].message).toBe(
      `row ${ids[7]} does not follow row ${ids[5]}: a row between them was deleted, or a hash was rewritten`,
    );
  });

  it('should catch an edit whose hash was recomputed (the next row no longer follows it), and the newest rows deleted', async () => {
    await behindTheTriggers(`update audit_log set actor = 'someone else' where id = $1`, [ids[2]]);
    await behindTheTriggers(`update audit_log a set hash = hub_audit_hash(a) where id = $1`, [ids[2]]);
    await behindTheTriggers(`delete from audit_log where id >= $1`, [ids[10]]);
    const r = await verifyChain(c);
    expect(r.breaks.map((b) => [b.id, b.problem])).toEqual([
      [ids[3], 'unlinked'],
      [ids[11], 'head'],
    ]);
    expect(r.breaks[1].message).toMatch(`the chain's head is row ${ids[11]}, but the log ends at row ${ids[9]}`);
  });

  it('should catch a chain rewritten from an edited row onwards, head and all, only by a witness noted before', async () => {
    const before = await verifyChain(c);
    const witness = { id: before.lastId!, hash: before.headHash };
    expect((await verifyChain(c, { witness })).breaks).toEqual([]);
    await behindTheTriggers(`update audit_log set actor = 'someone else' where id = $1`, [ids[2]]);
    // What an owner could do: every later hash recomputed in id order, and the head moved along.
    await behindTheTriggers(`
      do $$ declare r audit_log; v_prev text;
      begin
        for r in select * from audit_log order by id loop
          if v_prev is not null then r.prev_hash := v_prev; end if;
          v_prev := hub_audit_hash(r);
          update audit_log set prev_hash = r.prev_hash, hash = v_prev where id = r.id;
        end loop;
        update audit_chain set head_hash = v_prev;
      end $$`);
    expect((await verifyChain(c)).breaks).toEqual([]);
    const r = await verifyChain(c, { witness });
    expect(r.breaks).toEqual([
      {
        id: ids[11],
        problem: 'witness',
        message: `row ${ids[11]}'s hash is not the one noted (${witness.hash}): the log was rewritten up to there`,
      },
    ]);
    expect((await verifyChain(c, { witness: { id: '999999', hash: witness.hash } })).breaks.map((b) => b.problem)).toEqual(['witness']);
  });

  it('should catch rows removed from the start outside the purge', async () => {
    await behindTheTriggers(`delete from audit_log where id <= $1`, [ids[1]]);
    expect((await verifyChain(c)).breaks.map((b) => [b.id, b.problem])).toEqual([[ids[2], 'unlinked']]);
    // Moving the anchor as a purge would is not enough: no audit.purge row records it.
    await c.query(`update audit_chain set anchor_id = $1, anchor_hash = (select prev_hash from audit_log where id = $2)`, [ids[1], ids[2]]);
    expect((await verifyChain(c)).breaks.map((b) => [b.id, b.problem])).toEqual([[ids[1], 'anchor']]);
  });
});
