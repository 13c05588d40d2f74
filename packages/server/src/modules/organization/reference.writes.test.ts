/**
 * Hospitals, departments and branch–department links through the real HTTP server on a random hospital: each
 * write's happy path and its bad inputs (coded, with field paths, both languages, nothing written), the
 * department's branch kept by the links, and the cells equal to a recomputation after every write.
 */
import { currentMonth } from '@party-hub/schema/indicators';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { toGlobalId as gid } from '../../graphql/global-id.js';
import { rebuildCells, verifyCells } from '../../indicators/cells.js';
import { schemaTables } from '../../seed/tables.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../../test-support/random-hospital.js';

const now = currentMonth();
const LAST = `${now.year}-${String(now.month).padStart(2, '0')}`;

const FOUND = `mutation($i: FoundOrganizationInput!) { foundOrganization(input: $i) { id } }`;
const CREATE_HOSPITAL = `mutation($i: CreateHospitalInput!) { createHospital(input: $i) { id rows } }`;
const UPDATE_HOSPITAL = `mutation($id: ID!, $i: HospitalInput!) { updateHospital(id: $id, input: $i) { id } }`;
const CREATE_DEPT = `mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }`;
const UPDATE_DEPT = `mutation($id: ID!, $i: DepartmentInput!) { updateDepartment(id: $id, input: $i) { id } }`;
const CLOSE_DEPT = `mutation($id: ID!, $on: LocalDate!) { closeDepartment(id: $id, on: $on) { id rows } }`;
const LINK = `mutation($b: ID!, $d: ID!, $from: LocalDate!, $p: Boolean) {
  linkBranchDepartment(branchId: $b, departmentId: $d, validFrom: $from, isPrimary: $p) { id } }`;
const END = `mutation($id: ID!, $to: LocalDate!) { endBranchDepartmentLink(id: $id, validTo: $to) { id } }`;

const rowId = (global: string) => Number(Buffer.from(global, 'base64').toString().split(':')[1]);

describe('hospital, department and link writes', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  let branch: number;

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        (await schemaTables(client))
          .filter((t) => t !== 'indicator_cell')
          .map(async (t) => [t, Number((await client.query(`select count(*) from ${t}`)).rows[0].count)] as const),
      ),
    );

  async function accepted(query: string, variables: Record<string, unknown>) {
    const res = await hub.gql(query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.values(res.data!)[0] as { id: string; rows: number };
  }

  async function refused(query: string, variables: Record<string, unknown>, expected: [reason: string, field: string][]) {
    const before = await counts();
    const res = await hub.gql(query, variables);
    const e = res.errors?.[0];
    expect(e, JSON.stringify(res.data)).toBeDefined();
    expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(e!.extensions!.code);
    const problems = ((e!.extensions!.problems as { reason: string; field: string }[] | undefined) ?? []).map((p) => [p.reason, p.field]);
    for (const x of expected) expect(problems, JSON.stringify(e)).toContainEqual(x);
    expect(e!.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(await counts()).toEqual(before);
  }

  async function differences() {
    await client.query('begin');
    try {
      return (await verifyCells(client)).differences;
    } finally {
      await client.query('rollback');
    }
  }

  const branchOf = async (dept: string) =>
    (await client.query(`select branch_id from department where id = $1`, [rowId(dept)])).rows[0].branch_id as number | null;

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 5, LAST);
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    const { rows } = await client.query(`select id from organization where id = any($1::int[]) and dissolved_on is null order by id`, [
      h.branches,
    ]);
    branch = rows[0].id;
  });
  afterAll(async () => {
    await client?.end();
    await hub?.close();
  });

  it('should create a hospital for a committee without one, and refuse a second, a branch, blank and long fields at once', async () => {
    const committee = await accepted(FOUND, { i: { kind: 'COMMITTEE', name: '第二医院党委', foundedOn: '2021-01-01' } });
    const created = await accepted(CREATE_HOSPITAL, {
      i: { committeeId: committee.id, name: '第二医院', level: 'TERTIARY_A', region: '杭州' },
    });
    expect(created.rows).toBe(1);
    await refused(CREATE_HOSPITAL, { i: { committeeId: committee.id, name: '第二医院分院' } }, [
      ['input/duplicate_record', 'createHospital.input.committeeId'],
    ]);
    await refused(CREATE_HOSPITAL, { i: { committeeId: gid('Organization', branch), name: ' ', region: '长'.repeat(65) } }, [
      ['input/required', 'createHospital.input.name'],
      ['input/too_long', 'createHospital.input.region'],
    ]);
    await refused(CREATE_HOSPITAL, { i: { committeeId: gid('Organization', branch), name: '支部医院' } }, [
      ['organization/kind_not_allowed', 'createHospital.input.committeeId'],
    ]);
    await accepted(UPDATE_HOSPITAL, { id: created.id, i: { name: '第二人民医院', level: 'TERTIARY_B' } });
    const { rows } = await client.query(`select before, after from audit_log where action = 'hospital.update'`);
    expect(rows[0].before).toMatchObject({ name: '第二医院', level: 'tertiary_a', region: '杭州' });
    expect(rows[0].after).toMatchObject({ name: '第二人民医院', level: 'tertiary_b' });
  });

  it('should create and change a department, refusing a duplicate name, another hospital’s parent and a cycle', async () => {
    const hospital = gid('Hospital', h.hospital);
    const heart = await accepted(CREATE_DEPT, { i: { hospitalId: hospital, name: '心血管中心', type: 'CLINICAL' } });
    const ward = await accepted(CREATE_DEPT, { i: { hospitalId: hospital, name: '心内一病区', type: 'NURSING_UNIT', parentId: heart.id } });
    await refused(CREATE_DEPT, { i: { hospitalId: hospital, name: '心血管中心', type: 'CLINICAL' } }, [
      ['input/duplicate_record', 'createDepartment.input.name'],
    ]);
    const other = (await client.query(`select d.id from department d where d.hospital_id <> $1 limit 1`, [h.hospital])).rows[0];
    if (other)
      await refused(
        CREATE_DEPT,
        { i: { hospitalId: hospital, name: '外院下级', type: 'CLINICAL', parentId: gid('Department', other.id) } },
        [['input/not_in_organization', 'createDepartment.input.parentId']],
      );
    await refused(UPDATE_DEPT, { id: heart.id, i: { name: '心血管中心', type: 'CLINICAL', parentId: ward.id } }, [
      ['organization/cycle', 'updateDepartment.input.parentId'],
    ]);
    await accepted(UPDATE_DEPT, { id: heart.id, i: { name: '心血管病中心', type: 'MEDTECH' } });
    expect(await differences()).toEqual([]);
  });

  it('should build a branch on a department, refuse an overlapping link, end it, and keep the department’s branch and the cells exact', async () => {
    const dept = await accepted(CREATE_DEPT, { i: { hospitalId: gid('Hospital', h.hospital), name: '呼吸科', type: 'CLINICAL' } });
    const link = await accepted(LINK, { b: gid('Organization', branch), d: dept.id, from: '2024-01-01' });
    expect(await branchOf(dept.id)).toBe(branch);
    expect(await differences()).toEqual([]);
    await refused(LINK, { b: gid('Organization', branch), d: dept.id, from: '2025-01-01' }, [
      ['branch_department/overlap', 'linkBranchDepartment.validFrom'],
    ]);
    const group = await accepted(FOUND, {
      i: { parentId: gid('Organization', branch), kind: 'PARTY_GROUP', name: '呼吸小组', foundedOn: '2021-06-01' },
    });
    await refused(LINK, { b: group.id, d: dept.id, from: '2099-01-01', p: false }, [
      ['organization/kind_not_allowed', 'linkBranchDepartment.branchId'],
      ['input/date_out_of_range', 'linkBranchDepartment.validFrom'],
    ]);
    await refused(END, { id: link.id, to: '2023-12-31' }, [['input/date_out_of_range', 'endBranchDepartmentLink.validTo']]);
    await accepted(END, { id: link.id, to: '2025-06-30' });
    expect(await branchOf(dept.id)).toBeNull();
    await refused(END, { id: link.id, to: '2025-07-31' }, [['input/inconsistent', 'endBranchDepartmentLink.id']]);
    await accepted(LINK, { b: gid('Organization', branch), d: dept.id, from: '2025-07-01' });
    expect(await differences()).toEqual([]);
  });

  it('should refuse closing a department people still work in, close an empty one (links ended the day before), and refuse it closed', async () => {
    const busy = (
      await client.query(
        `select department_id as id, count(*)::int as n from member where department_id is not null and membership_status = 'active'
           group by 1 order by 2 desc limit 1`,
      )
    ).rows[0];
    await refused(CLOSE_DEPT, { id: gid('Department', busy.id), on: '2025-01-01' }, [['organization/has_members', 'closeDepartment.id']]);
    const empty = await accepted(CREATE_DEPT, { i: { hospitalId: gid('Hospital', h.hospital), name: '待撤科室', type: 'CLINICAL' } });
    await accepted(LINK, { b: gid('Organization', branch), d: empty.id, from: '2024-01-01' });
    const closed = await accepted(CLOSE_DEPT, { id: empty.id, on: '2025-03-01' });
    expect(closed.rows).toBe(2);
    const { rows } = await client.query(`select valid_to::text from branch_department where department_id = $1`, [rowId(empty.id)]);
    expect(rows).toEqual([{ valid_to: '2025-02-28' }]);
    expect(await branchOf(empty.id)).toBeNull();
    expect(await differences()).toEqual([]);
    await refused(CLOSE_DEPT, { id: empty.id, on: '2025-04-01' }, [['department/closed', 'closeDepartment.id']]);
  });

  it('should refuse a branch secretary the hospital’s reference data (the committee writes it)', async () => {
    const cookie = await signedIn(hub.url, hub.db.url, 'ref.shuji', AccountRole.SECRETARY, [branch]);
    const as = (q: string, v: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const dept = await as(CREATE_DEPT, { i: { hospitalId: gid('Hospital', h.hospital), name: '书记建的科室', type: 'CLINICAL' } });
    expect(dept.errors?.[0]?.extensions?.reason).toBe('auth/out_of_scope');
    const hospital = await as(UPDATE_HOSPITAL, { id: gid('Hospital', h.hospital), i: { name: '改名' } });
    expect(hospital.errors?.[0]?.extensions?.reason).toBe('auth/out_of_scope');
  });
});
