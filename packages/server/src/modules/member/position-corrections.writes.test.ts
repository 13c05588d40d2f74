/**
 * Ending and deleting positions through the real server: a term ended on a day, then a wrong one deleted, the
 * cells equal to a recomputation after each and the audit keeping the rows; an end before the start, after
 * today, of a term already ended, and a deletion without a reason are refused with coded zh/en problems on their
 * fields, writing nothing.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId as gid } from '../../graphql/global-id.js';
import { startTestHub, type TestHub } from '../../test-support/hub.js';
import { cellDifferences } from '../../test-support/import-hub.js';
import { randomHospital, type RandomHospital } from '../../test-support/random-hospital.js';

const END = `mutation($id: ID!, $on: LocalDate!) { endPosition(id: $id, endOn: $on) { id } }`;
const DELETE = `mutation($id: ID!, $r: String!) { deletePosition(id: $id, reason: $r) { id } }`;

describe('member/position corrections', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  const positions = async () => (await client.query(`select id, end_on::text from position order by id`)).rows;

  async function refused(query: string, variables: Record<string, unknown>, reason: string, field: string) {
    const before = await positions();
    const res = await hub.gql(query, variables);
    const problems = (res.errors?.[0]?.extensions?.problems ?? []) as { reason: string; field: string }[];
    expect(
      problems.map((p) => [p.reason, p.field.split('.').at(-1)]),
      JSON.stringify(res),
    ).toContainEqual([reason, field]);
    expect(res.errors![0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(await positions()).toEqual(before);
  }

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 47, '2026-06');
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should end a running term and delete a wrong one, the cells equal to a recomputation and the audit keeping the rows', async () => {
    const open = (await client.query(`select id, start_on::text from position where end_on is null order by id limit 2`)).rows;
    expect(open).toHaveLength(2);
    const ended = await hub.gql(END, { id: gid('Position', open[0].id), on: '2026-05-31' });
    expect(ended.errors, JSON.stringify(ended.errors)).toBeUndefined();
    expect((await client.query(`select end_on::text from position where id = $1`, [open[0].id])).rows[0].end_on).toBe('2026-05-31');
    expect(await cellDifferences(client)).toEqual([]);
    const gone = await hub.gql(DELETE, { id: gid('Position', open[1].id), r: '误录：此人未任该职' });
    expect(gone.errors, JSON.stringify(gone.errors)).toBeUndefined();
    expect((await client.query(`select 1 from position where id = $1`, [open[1].id])).rows).toHaveLength(0);
    expect(await cellDifferences(client)).toEqual([]);
    const audit = await client.query(`select action, before, after from audit_log where entity = 'position' order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['position.update', 'position.delete']);
    expect(audit.rows[1].after).toEqual({ reason: '误录：此人未任该职' });
    expect(h.branches.length).toBeGreaterThan(0);
  });

  it('should refuse an end before the start, after today or of an ended term, and a deletion without a reason, writing nothing', async () => {
    const open = (await client.query(`select id, start_on::text from position where end_on is null order by id limit 1`)).rows[0];
    const id = gid('Position', open.id);
    const dayBefore = new Date(Date.parse(`${open.start_on}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await refused(END, { id, on: dayBefore }, 'input/date_out_of_range', 'endOn');
    await refused(END, { id, on: '2099-01-01' }, 'input/date_out_of_range', 'endOn');
    const ended = (await client.query(`select id from position where end_on is not null order by id limit 1`)).rows[0];
    await refused(END, { id: gid('Position', ended.id), on: '2026-05-31' }, 'input/inconsistent', 'id');
    await refused(DELETE, { id, r: '' }, 'input/reason_required', 'reason');
    await refused(END, { id: gid('Position', 999_999), on: '2026-05-31' }, 'id/not_found', 'id');
  });
});
