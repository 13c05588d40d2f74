/**
 * Correcting honors through the real server: a change of recipient and date moves the honors count out
 * of the old organisation and month into the new ones; a deletion needs a reason and keeps the row in the
 * audit entry; a deleted honor answers a coded not found; bad input is coded in both languages and writes
 * nothing; a branch secretary cannot change or delete another branch's honor, nor move its own there.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { toGlobalId as gid } from '../../graphql/global-id.js';
import { rebuildCells, verifyCells } from '../../indicators/cells.js';
import { schemaTables } from '../../seed/tables.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../../test-support/random-hospital.js';

const AWARD = `mutation($i: AwardHonorInput!) { awardHonor(input: $i) { id } }`;
const UPDATE = `mutation($id: ID!, $i: AwardHonorInput!) { updateHonor(id: $id, input: $i) { id rows } }`;
const DELETE = `mutation($id: ID!, $r: String!) { deleteHonor(id: $id, reason: $r) { id rows } }`;

describe('honor/writes: update and delete', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  let [a, b] = [0, 0];

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        (await schemaTables(client)).map(
          async (t) => [t, Number((await client.query(`select count(*) from ${t}`)).rows[0].count)] as const,
        ),
      ),
    );
  const honors = async (org: number, period: string) =>
    Number(
      (
        await client.query(
          `select coalesce(sum(numerator), 0)::float8 as n from indicator_cell where indicator_id = 'honors_count' and org_id = $1 and period = $2`,
          [org, period],
        )
      ).rows[0].n,
    );
  const honor = (org: number, extra: Record<string, unknown> = {}) => ({
    hospitalId: gid('Hospital', h.hospital),
    recipientType: 'BRANCH',
    organizationId: gid('Organization', org),
    title: '先进基层党组织',
    category: 'PARTY',
    level: 'MUNICIPAL',
    awardedOn: '2026-02-10',
    ...extra,
  });

  async function refused(query: string, variables: Record<string, unknown>, reason: string, field?: string) {
    const before = await counts();
    const res = await hub.gql(query, variables);
    const e = res.errors?.[0];
    expect(e, JSON.stringify(res.data)).toBeDefined();
    const problems = e!.extensions!.problems ?? [];
    expect([e!.extensions!.reason, ...problems.map((p: any) => p.reason)], JSON.stringify(e)).toContain(reason);
    if (field) expect([e!.extensions!.field, ...problems.map((p: any) => p.field)]).toContain(field);
    expect(e!.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(await counts()).toEqual(before);
    return e!;
  }
  const accepted = async (query: string, variables: Record<string, unknown>) => {
    const res = await hub.gql(query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!;
  };

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 23, '2026-06');
    [a, b] = [h.branches[0]!, h.branches[1]!];
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
  });
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should move the honors count out of the old branch and month into the new ones, auditing before and after', async () => {
    const [a2, b4] = [await honors(a, '2026-02'), await honors(b, '2026-04')];
    const { awardHonor } = await accepted(AWARD, { i: honor(a) });
    expect(await honors(a, '2026-02')).toBe(a2 + 1);
    const res = await accepted(UPDATE, { id: awardHonor.id, i: honor(b, { awardedOn: '2026-04-02', title: '五星党支部' }) });
    expect(res.updateHonor).toEqual({ id: awardHonor.id, rows: 1 });
    expect(await honors(a, '2026-02')).toBe(a2);
    expect(await honors(b, '2026-04')).toBe(b4 + 1);
    const { rows } = await client.query(`select before, after from audit_log where action = 'honor.update' order by id desc limit 1`);
    expect(rows[0].before).toMatchObject({ organization_id: a, awarded_on: '2026-02-10', title: '先进基层党组织' });
    expect(rows[0].after).toMatchObject({ organization_id: b, awarded_on: '2026-04-02', title: '五星党支部' });
  });

  it('should delete an honor with a reason, keep the row in the audit log, and answer not found the second time', async () => {
    const before = await honors(a, '2026-03');
    const { awardHonor } = await accepted(AWARD, { i: honor(a, { awardedOn: '2026-03-03', title: '误录的荣誉' }) });
    expect(await honors(a, '2026-03')).toBe(before + 1);
    expect((await accepted(DELETE, { id: awardHonor.id, r: '误录，实为院级' })).deleteHonor).toEqual({ id: awardHonor.id, rows: 1 });
    expect(await honors(a, '2026-03')).toBe(before);
    const { rows } = await client.query(`select before, after from audit_log where action = 'honor.delete' order by id desc limit 1`);
    expect(rows[0].before).toMatchObject({ title: '误录的荣誉', organization_id: a, recipient_type: 'branch' });
    expect(rows[0].after).toEqual({ reason: '误录，实为院级' });
    await refused(DELETE, { id: awardHonor.id, r: '误录，实为院级' }, 'id/not_found', 'deleteHonor.id');
    await refused(UPDATE, { id: awardHonor.id, i: honor(a) }, 'id/not_found', 'updateHonor.id');
  });

  it('should refuse bad changes and deletions, every problem at once, writing nothing', async () => {
    const { awardHonor } = await accepted(AWARD, { i: honor(a, { awardedOn: '2026-01-05', title: '一月荣誉' }) });
    const other = await accepted(AWARD, { i: honor(a, { awardedOn: '2026-01-06', title: '另一荣誉' }) });
    const e = await refused(
      UPDATE,
      { id: 'nonsense', i: honor(a, { recipientType: 'HOSPITAL', awardedOn: '2099-01-01' }) },
      'id/invalid',
      'updateHonor.id',
    );
    expect(e.extensions!.problems.map((p: any) => p.field).toSorted()).toEqual(
      ['updateHonor.id', 'updateHonor.input.awardedOn', 'updateHonor.input.organizationId'].toSorted(),
    );
    await refused(UPDATE, { id: awardHonor.id, i: honor(a, { title: ' ' }) }, 'input/required', 'updateHonor.input.title');
    // Changed into a copy of another honor: refused, naming it.
    const dup = await refused(
      UPDATE,
      { id: awardHonor.id, i: honor(a, { awardedOn: '2026-01-06', title: '另一荣誉' }) },
      'input/duplicate_record',
    );
    expect(dup.message).toContain(other.awardHonor.id);
    // Unchanged, it is no duplicate of itself.
    await accepted(UPDATE, { id: awardHonor.id, i: honor(a, { awardedOn: '2026-01-05', title: '一月荣誉' }) });
    for (const r of ['', '误']) await refused(DELETE, { id: awardHonor.id, r }, 'input/reason_required', 'deleteHonor.reason');
    await refused(DELETE, { id: gid('Activity', 1), r: '误录' }, 'id/invalid', 'deleteHonor.id');
  });

  it('should refuse a branch secretary changing or deleting another branch’s honor, or moving its own there', async () => {
    const theirs = await accepted(AWARD, { i: honor(b, { title: '别的支部的荣誉' }) });
    const mine = await accepted(AWARD, { i: honor(a, { title: '本支部的荣誉' }) });
    const cookie = await signedIn(hub.url, hub.db.url, 'a.honor', AccountRole.SECRETARY, [a]);
    const as = (q: string, v: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const before = await counts();
    for (const [q, v] of [
      [UPDATE, { id: theirs.awardHonor.id, i: honor(b, { title: '改名' }) }],
      [DELETE, { id: theirs.awardHonor.id, r: '误录的' }],
      [UPDATE, { id: mine.awardHonor.id, i: honor(b, { title: '本支部的荣誉' }) }],
    ] as const) {
      const res = await as(q, v);
      expect(res.errors?.[0]?.extensions, JSON.stringify(v)).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/out_of_scope' });
    }
    expect({ ...(await counts()), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    const ok = await as(DELETE, { id: mine.awardHonor.id, r: '误录的' });
    expect(ok.errors).toBeUndefined();
  });

  it('should leave every cell equal to a rebuild after all of it', async () => {
    await client.query('begin');
    try {
      expect((await verifyCells(client)).differences).toEqual([]);
    } finally {
      await client.query('rollback');
    }
  });
});
