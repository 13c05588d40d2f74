/**
 * Personal data through the real HTTP server: name, birth date and ethnicity for roles that see people;
 * ID-card number and mobile masked unless `reveal: true`; refused to an analyst before any SQL; and every
 * answer that held any of them leaves one audit row (fields, record ids, revealed or not), while one that
 * held none leaves nothing.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../domain/enums.js';
import { toGlobalId } from '../graphql/global-id.js';
import { buildFixture, type Fixture } from '../test-support/fixtures.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../test-support/hub.js';

describe('http/personal', () => {
  let hub: TestHub;
  let pool: pg.Pool;
  let f: Fixture;
  let secretary: string;

  beforeAll(async () => {
    hub = await startTestHub();
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    f = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 2 });
    secretary = await signedIn(hub.url, hub.db.url, 'a.shuji', AccountRole.SECRETARY, [f.branches[0].id]);
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
  });

  const audits = async (after: number) =>
    (
      await pool.query(
        `select id, actor, action, entity, entity_id, after from audit_log where id > $1 and action like 'personal.%' order by id`,
        [after],
      )
    ).rows;
  /** The personal-read rows after `after`, once the audit writer has written `n` of them (it writes after the answer). */
  const auditsOnce = async (after: number, n: number) => {
    await expect.poll(async () => (await audits(after)).length, { timeout: 5000 }).toBe(n);
    return audits(after);
  };
  const lastAudit = async () => Number((await pool.query(`select coalesce(max(id), 0) as n from audit_log`)).rows[0].n);

  it('should give the committee names and dates, and ID numbers and mobiles masked, audited as a read', async () => {
    const before = await lastAudit();
    const res = await hub.gql(`query Roll { members(first: 2) { nodes { id rowId name birthDate ethnicity idCardNo mobile } } }`);
    expect(res.errors).toBeUndefined();
    for (const m of res.data!.members.nodes) {
      expect(m.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
      expect(m.birthDate).toMatch(/^19\d\d-05-0\d$/);
      expect(m.idCardNo).toBe('1101**********8515');
      expect(m.mobile).toBe('138****0000');
    }
    const rows = await auditsOnce(before, 1);
    expect(rows[0]).toMatchObject({ actor: 'test-committee', action: 'personal.read', entity: 'member', entity_id: null });
    expect(rows[0].after).toMatchObject({
      operation: 'Roll',
      fields: ['birthDate', 'ethnicity', 'idCardNo', 'mobile', 'name'],
      revealed: false,
      count: 2,
      ids: res.data!.members.nodes.map((m: { rowId: number }) => m.rowId),
    });
  });

  it('should reveal the whole number when asked, to the committee and to the record’s secretary, audited as a reveal', async () => {
    const mine = f.members.find((m) => m.organization.id === f.branches[0].id)!;
    const other = f.members.find((m) => m.organization.id === f.branches[1].id)!;
    const before = await lastAudit();
    const q = (id: number) =>
      `{ node(id: "${toGlobalId('Member', id)}") { ... on Member { masked: idCardNo whole: idCardNo(reveal: true) mobile(reveal: true) } } }`;
    const revealed = await postGraphQL(hub.url, secretary, q(mine.id));
    expect(revealed.data!.node).toEqual({ masked: '1101**********8515', whole: '110101199003078515', mobile: '13800000000' });
    // Another branch's member does not exist for the secretary: nothing read, nothing to audit.
    expect((await postGraphQL(hub.url, secretary, q(other.id))).data!.node).toBeNull();
    const rows = await auditsOnce(before, 1);
    expect(rows[0]).toMatchObject({ actor: 'a.shuji', action: 'personal.reveal', entity_id: mine.id });
    expect(rows[0].after).toMatchObject({ fields: ['idCardNo', 'mobile'], revealed: true, count: 1, ids: [mine.id] });
  });

  it('should refuse personal fields, revealed or not, to an analyst before any SQL; and audit nothing without them', async () => {
    const analyst = await hub.as(AccountRole.ANALYST);
    const before = await lastAudit();
    hub.resetQueries();
    for (const query of ['{ members { nodes { name } } }', '{ members { nodes { idCardNo(reveal: true) } } }']) {
      const res = await analyst.gql(query);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/forbidden' });
    }
    expect(hub.queries.filter((q) => /\bmember\b/.test(q))).toEqual([]);
    // Nor may it single a person out in an aggregate: by id, or grouped by person; by their attributes it may.
    const someone = toGlobalId('Member', f.members[0].id);
    for (const query of [
      '{ attendancesAggregate(groupBy: [MEMBER]) { groups { count } } }',
      `{ attendancesAggregate(filter: { memberId: { eq: "${someone}" } }) { groups { count } } }`,
      `{ developmentEventsAggregate(filter: { member: { id: { eq: "${someone}" } } }) { groups { count } } }`,
      `{ membersAggregate(filter: { id: { eq: "${someone}" } }) { groups { count } } }`,
    ]) {
      const res = await analyst.gql(query);
      expect(res.errors?.[0]?.extensions, query).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/forbidden' });
      expect(res.errors![0].message).toMatch(/不能按具体人员过滤或分组/);
    }
    const byGender = await analyst.gql('{ attendancesAggregate(groupBy: [MEMBER_GENDER]) { groups { count } } }');
    expect(byGender.errors).toBeUndefined();
    expect((await hub.gql('{ attendancesAggregate(groupBy: [MEMBER]) { groups { count } } }')).errors).toBeUndefined();
    expect((await hub.gql('{ members { nodes { maskedName } } }')).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300)); // what the writer would have written by now
    expect(await audits(before)).toEqual([]);
  });
});
