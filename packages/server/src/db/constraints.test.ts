import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';

describe('db/constraints', () => {
  let db: TestDatabase;
  let c: pg.Client;
  const one = async (sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    c = new pg.Client({ connectionString: db.url });
    await c.connect();
  });
  afterAll(async () => {
    await c.end();
    await db.drop();
  });

  const org = async (name: string, kind: string, parent: number | null) =>
    (await one(`insert into organization (name, kind, parent_id) values ($1, $2, $3) returning id, path, depth`, [name, kind, parent])) as {
      id: number;
      path: string;
      depth: number;
    };

  it('should keep materialised paths, move whole subtrees, and refuse cycles', async () => {
    const committee = await org('医院党委', 'committee', null);
    const gb1 = await org('内科党总支', 'general_branch', committee.id);
    const gb2 = await org('外科党总支', 'general_branch', committee.id);
    const branch = await org('心内科党支部', 'branch', gb1.id);
    const group = await org('第一党小组', 'party_group', branch.id);
    expect(group.path).toBe(`/${committee.id}/${gb1.id}/${branch.id}/${group.id}/`);
    expect(group.depth).toBe(3);

    await c.query(`update organization set parent_id = $1 where id = $2`, [gb2.id, branch.id]);
    const moved = await one(`select path, depth from organization where id = $1`, [group.id]);
    expect(moved).toEqual({ path: `/${committee.id}/${gb2.id}/${branch.id}/${group.id}/`, depth: 3 });

    await expect(c.query(`update organization set parent_id = $1 where id = $2`, [group.id, gb2.id])).rejects.toThrow(/own subtree/);
  });

  it('should refuse development events that break the calendar', async () => {
    const committee = await org('党委', 'committee', null);
    const h = await one(`insert into hospital (name, committee_id) values ('测试医院', $1) returning id`, [committee.id]);
    const m = await one(
      `insert into member (hospital_id, name, gender, birth_date, education, professional_title, staff_category, political_status, organization_id, joined_on)
      values ($1, '李明', 'male', '1990-03-01', 'master', 'intermediate', 'physician', 'probationary', $2, '2024-06-01') returning id`,
      [h.id, committee.id],
    );
    const event = (stage: string, date: string) =>
      c.query(`insert into development_event (member_id, stage, event_date) values ($1, $2, $3)`, [m.id, stage, date]);
    await expect(event('application_submitted', '2007-01-01')).rejects.toThrow(/age of 18/);
    await expect(event('oath_taken', '2024-05-31')).rejects.toThrow(/predates joining/);
    // The oath follows the committee's approval (the order rules of Migration20261129060000).
    await expect(event('oath_taken', '2024-06-01')).rejects.toThrow(/before the committee approved/);
    await expect(event('committee_approved', '2024-06-01')).resolves.toBeDefined();
    await expect(event('oath_taken', '2024-06-01')).resolves.toBeDefined();
    // An activist review outside the activist stage, anything but a new application after a withdrawal.
    await expect(event('activist_review', '2024-07-01')).rejects.toThrow(/outside the activist stage/);
    await expect(event('withdrawn', '2024-08-01')).resolves.toBeDefined();
    await expect(event('conversion_requested', '2024-09-01')).rejects.toThrow(/after the development ended/);
    await expect(event('application_submitted', '2024-10-01')).resolves.toBeDefined();
    await expect(c.query(`update member set converted_on = '2024-01-01' where id = $1`, [m.id])).rejects.toThrow(
      /member_conversion_after_joining/,
    );
  });

  it('should keep department.branch in step with the current primary branch mapping', async () => {
    const committee = await org('党委2', 'committee', null);
    const a = await org('甲支部', 'branch', committee.id);
    const b = await org('乙支部', 'branch', committee.id);
    const h = await one(`insert into hospital (name, committee_id) values ('医院2', $1) returning id`, [committee.id]);
    const dep = await one(`insert into department (hospital_id, name, type) values ($1, '儿科', 'clinical') returning id`, [h.id]);
    const bd = await one(
      `insert into branch_department (branch_id, department_id, valid_from) values ($1, $2, '2020-01-01') returning id`,
      [a.id, dep.id],
    );
    expect((await one(`select branch_id from department where id = $1`, [dep.id])).branch_id).toBe(a.id);
    await c.query(`update branch_department set valid_to = '2023-12-31' where id = $1`, [bd.id]);
    await c.query(`insert into branch_department (branch_id, department_id, valid_from) values ($1, $2, '2024-01-01')`, [b.id, dep.id]);
    expect((await one(`select branch_id from department where id = $1`, [dep.id])).branch_id).toBe(b.id);
    await expect(
      c.query(
        `insert into branch_department (branch_id, department_id, valid_from, valid_to) values ($1, $2, '2024-01-01', '2023-01-01')`,
        [a.id, dep.id],
      ),
    ).rejects.toThrow(/branch_department_valid_range/);
  });
});
