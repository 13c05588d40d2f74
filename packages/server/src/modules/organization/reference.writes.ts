/**
 * Hospitals, departments and branch–department links: the reference data the tree stands on, written in the
 * shared write transaction (indicators/writes.ts).
 *
 * Who writes them: the hospital's committee (党委/党办) — each write locks the hospital's committee
 * organisation, so an account reaches it only when its scope holds the committee (a committee account, or a
 * whole-tree one); a branch secretary is refused (auth/out_of_scope), and so are administrators and analysts
 * (the gate: they write nothing of the Party's). A new hospital names a committee already founded
 * (foundOrganization) that has no hospital yet.
 *
 * Cells: a department counts under its branch, else its committee (indicators/sql.ts dept_org), by its
 * *current* primary link — not by the link valid in each period — so a link made or ended moves that
 * department's figures in every stored period; those cells are recomputed from the first stored month for
 * the organisations the department leaves and joins. A closed department (closed_on) is no longer counted
 * among departments for periods ending on or after its closing.
 */
import type pg from 'pg';
import { BRANCH_KIND_VALUES, OrgKind } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { ScopeChanged, transact, type WriteContext, type WriteTx } from '../../indicators/writes.js';
import type { CreateDepartmentInput, CreateHospitalInput, DepartmentInput, HospitalInput } from './organization.inputs.js';
import { fromStart, orgRows } from './organization.rules.js';

const hospitalValues = (input: HospitalInput) => [
  input.name.trim(),
  input.level ?? null,
  input.type?.trim() || null,
  input.region?.trim() || null,
];

/** Creates the hospital of a committee already founded (one hospital per committee). */
export async function createHospital(ctx: WriteContext, input: CreateHospitalInput): Promise<WriteResult> {
  const p = await Problems.of('createHospital.input', input);
  const committee = p.id('committeeId', input.committeeId, 'Organization');
  await p.mustExist(ctx.pool, 'committeeId', 'organization', committee, 'Organization');
  p.check();
  return transact(ctx, { tables: ['hospital'] }, async (tx) => {
    await tx.lock([committee]);
    const again = new Problems('createHospital.input');
    const o = (await orgRows(tx.client, [committee!])).get(committee!)!;
    if (o.kind !== OrgKind.COMMITTEE) again.add('committeeId', Reason.orgKindNotAllowed, '须为党委', 'must be a Party committee');
    if (o.dissolved_on) again.add('committeeId', Reason.orgDissolved, '该党委已撤销', 'this committee is dissolved');
    const taken = await tx.client.query(`select id from hospital where committee_id = $1`, [committee]);
    if (taken.rows[0])
      again.add(
        'committeeId',
        Reason.duplicate,
        `该党委已有医院（${toGlobalId('Hospital', taken.rows[0].id)}）`,
        `this committee has a hospital already (${toGlobalId('Hospital', taken.rows[0].id)})`,
      );
    again.check();
    const { rows } = await tx.client.query(
      `insert into hospital (name, level, type, region, committee_id) values ($1, $2, $3, $4, $5) returning id`,
      [...hospitalValues(input), committee],
    );
    tx.audit({ action: 'hospital.create', entity: 'hospital', entityId: rows[0].id, after: input });
    return { id: toGlobalId('Hospital', rows[0].id), rows: 1 };
  });
}

/** A hospital's committee (null: no such hospital), read before the lock. */
async function committeeOf(db: Queryable, hospital: number): Promise<number | null> {
  const { rows } = await db.query(`select committee_id from hospital where id = $1`, [hospital]);
  return (rows[0]?.committee_id as number | undefined) ?? null;
}

/** Changes a hospital's name, grade, type, region (its committee stays: a hospital does not change committees). */
export async function updateHospital(ctx: WriteContext, id: string, input: HospitalInput): Promise<WriteResult> {
  const p = new Problems('updateHospital');
  await p.bounds('input', input);
  const hospital = p.id('id', id, 'Hospital');
  const committee = hospital != null ? await committeeOf(ctx.pool, hospital) : null;
  if (hospital != null && committee == null)
    p.add('id', Reason.idNotFound, `Hospital ${hospital} 不存在`, `Hospital ${hospital} does not exist`);
  p.check();
  return transact(ctx, { tables: ['hospital'] }, async (tx) => {
    await tx.lock([committee]);
    const before = (await tx.client.query(`select name, level, type, region from hospital where id = $1 for update`, [hospital])).rows[0];
    await tx.client.query(`update hospital set name = $2, level = $3, type = $4, region = $5, updated_at = now() where id = $1`, [
      hospital,
      ...hospitalValues(input),
    ]);
    tx.audit({ action: 'hospital.update', entity: 'hospital', entityId: hospital, before, after: input });
    return { id, rows: 1 };
  });
}

/** The problems of a department's name (unique in its hospital) and parent (same hospital, not itself or below it). */
async function checkDepartment(
  db: Queryable,
  p: Problems,
  hospital: number,
  input: DepartmentInput,
  self: number | null,
  at = '',
): Promise<number | null> {
  const parent = p.id(`${at}parentId`, input.parentId, 'Department');
  const { rows } = await db.query(
    `select (select count(*) from department where hospital_id = $1 and name = $2 and id <> $3)::int as same_name,
            (select hospital_id from department where id = $4) as parent_hospital,
            (with recursive up as (select id, parent_id from department where id = $4 and hospital_id = $1
               union all select d.id, d.parent_id from department d join up on d.id = up.parent_id and d.hospital_id = $1)
             select count(*) from up where id = $3)::int as cycle`,
    [hospital, input.name.trim(), self ?? 0, parent],
  );
  const r = rows[0];
  if (r.same_name) p.add(`${at}name`, Reason.duplicate, '本院已有同名科室', 'the hospital has a department of this name already');
  if (parent != null && r.parent_hospital == null)
    p.add(`${at}parentId`, Reason.idNotFound, `Department ${parent} 不存在`, `Department ${parent} does not exist`);
  else if (parent != null && r.parent_hospital !== hospital)
    p.add(`${at}parentId`, Reason.notInOrganization, '上级科室不属于该医院', 'the parent department belongs to another hospital');
  else if (r.cycle)
    p.add(`${at}parentId`, Reason.orgCycle, '不能设在自身或其下级科室之下', 'it cannot sit under itself or its own sub-department');
  return parent;
}

/** Inserts a department (createDepartment's statement; the import's too); returns its id. */
export async function insertDepartment(
  db: Queryable,
  hospital: number,
  parent: number | null,
  name: string,
  type: string,
): Promise<number> {
  const { rows } = await db.query(`insert into department (hospital_id, parent_id, name, type) values ($1, $2, $3, $4) returning id`, [
    hospital,
    parent,
    name.trim(),
    type,
  ]);
  return rows[0].id as number;
}

/** Creates a department of a hospital (no branch yet: it counts under the committee until linked). */
export async function createDepartment(ctx: WriteContext, input: CreateDepartmentInput): Promise<WriteResult> {
  const p = await Problems.of('createDepartment.input', input);
  const hospital = p.id('hospitalId', input.hospitalId, 'Hospital');
  const committee = hospital != null ? await committeeOf(ctx.pool, hospital) : null;
  if (hospital != null && committee == null)
    p.add('hospitalId', Reason.idNotFound, `Hospital ${hospital} 不存在`, `Hospital ${hospital} does not exist`);
  p.check();
  return transact(ctx, { tables: ['department'] }, async (tx) => {
    await tx.lock([committee]);
    const again = new Problems('createDepartment.input');
    const parent = await checkDepartment(tx.client, again, hospital!, input, null);
    again.check();
    const id = await tx.moving({ orgIds: [committee], from: await fromStart(tx.client, '9999-12-31') }, async () => {
      return insertDepartment(tx.client, hospital!, parent, input.name, input.type);
    });
    tx.audit({ action: 'department.create', entity: 'department', entityId: id, after: input });
    return { id: toGlobalId('Department', id), rows: 1 };
  });
}

/** A problem when a department is closed. */
function refuseClosed(p: Problems, d: { closed_on: string | null }): void {
  if (d.closed_on) p.add('id', Reason.departmentClosed, `该科室已于 ${d.closed_on} 撤销`, `this department closed on ${d.closed_on}`);
}

/** A department with its hospital, committee and the organisation it counts under, after locking its organisations. */
async function lockedDepartment(ctx: WriteContext, tx: WriteTx, department: number) {
  const read = (db: Queryable) =>
    db.query(
      `select d.id, d.name, d.type, d.parent_id, d.closed_on::text, d.hospital_id, h.committee_id, coalesce(d.branch_id, h.committee_id) as org
         from department d join hospital h on h.id = d.hospital_id where d.id = $1`,
      [department],
    );
  const first = (await read(ctx.pool)).rows[0];
  await tx.lock([first.committee_id, first.org]);
  const d = (await read(tx.client)).rows[0];
  if (d.org !== first.org) throw new ScopeChanged();
  return d;
}

/** Decodes a department id, with a problem when it names none. */
async function departmentId(db: pg.Pool, p: Problems, field: string, id: string): Promise<number | null> {
  const department = p.id(field, id, 'Department');
  await p.mustExist(db, field, 'department', department, 'Department');
  return department;
}

/** Writes a department's name, type and parent (updateDepartment's statement; the import's too). */
export const setDepartment = (db: Queryable, id: number, name: string, type: string, parent: number | null) =>
  db.query(`update department set name = $2, type = $3, parent_id = $4, updated_at = now() where id = $1`, [id, name.trim(), type, parent]);

/** Changes a department's name, type or parent. A type is not dated: it counts as the new type in every period. */
export async function updateDepartment(ctx: WriteContext, id: string, input: DepartmentInput): Promise<WriteResult> {
  const p = new Problems('updateDepartment');
  await p.bounds('input', input);
  const department = await departmentId(ctx.pool, p, 'id', id);
  p.check();
  return transact(ctx, { tables: ['department'] }, async (tx) => {
    const again = new Problems('updateDepartment');
    const before = await lockedDepartment(ctx, tx, department!);
    refuseClosed(again, before);
    const parent = await checkDepartment(tx.client, again, before.hospital_id, input, department, 'input.');
    again.check();
    await tx.moving({ orgIds: [before.org], from: await fromStart(tx.client, '9999-12-31') }, () =>
      setDepartment(tx.client, department!, input.name, input.type, parent),
    );
    tx.audit({ action: 'department.update', entity: 'department', entityId: department, before, after: input });
    return { id, rows: 1 };
  });
}

/** Closes a department on a day: its links end the day before; refused while people still work in it. */
export async function closeDepartment(ctx: WriteContext, id: string, on: string): Promise<WriteResult> {
  const p = new Problems('closeDepartment');
  const department = await departmentId(ctx.pool, p, 'id', id);
  p.plausibleDate('on', on);
  p.check();
  return transact(ctx, { tables: ['department', 'branch_department'] }, async (tx) => {
    const again = new Problems('closeDepartment');
    const before = await lockedDepartment(ctx, tx, department!);
    refuseClosed(again, before);
    const { rows } = await tx.client.query(
      `select (select count(*) from member where department_id = $1 and membership_status = 'active')::int as people,
              (select count(*) from branch_department where department_id = $1 and valid_from >= $2)::int as later`,
      [department, on],
    );
    if (rows[0].people)
      again.add(
        'id',
        Reason.orgHasMembers,
        `仍有 ${rows[0].people} 名在册党员在该科室`,
        `${rows[0].people} active members still work in it`,
      );
    if (rows[0].later)
      again.add(
        'on',
        Reason.orgHasLaterRecords,
        `该日及以后仍有 ${rows[0].later} 条支部对应`,
        `${rows[0].later} branch links start on or after that day`,
      );
    again.check();
    const orgIds = [before.org, before.committee_id];
    const n = await tx.moving({ orgIds, from: await fromStart(tx.client, on) }, async () => {
      await tx.client.query(`update department set closed_on = $2, updated_at = now() where id = $1`, [department, on]);
      const links = await tx.client.query(
        `update branch_department set valid_to = $2::date - 1 where department_id = $1 and (valid_to is null or valid_to >= $2)`,
        [department, on],
      );
      return 1 + (links.rowCount ?? 0);
    });
    tx.audit({ action: 'department.close', entity: 'department', entityId: department, before, after: { closedOn: on } });
    return { id, rows: n };
  });
}

/**
 * The rule of links that may not overlap (SQL of the first such link's id, over the parameters named): the same
 * department, validity overlapping [from, to or open], and both primary or the same branch — one primary link
 * at a time, one link per branch and department.
 */
const overlapSql = (branch: string, department: string, from: string, to: string, primary: string) =>
  `(select id from branch_department where department_id = ${department} and (valid_to is null or valid_to >= ${from})
     and (${to}::date is null or valid_from <= ${to}::date) and ((is_primary and ${primary}) or branch_id = ${branch}) order by valid_from limit 1)`;

/** Whether two links' validities overlap and the rule above forbids it (the same rule, for links not yet stored). */
export const linksClash = (
  a: { branch: number | string; from: string; to: string | null; primary: boolean },
  b: { branch: number | string; from: string; to: string | null; primary: boolean },
): boolean => (b.to == null || b.to >= a.from) && (a.to == null || b.from <= a.to) && ((a.primary && b.primary) || a.branch === b.branch);

/** The overlap problem's words (zh, en) naming the stored link. */
export function overlapMessage(link: number): [string, string] {
  const other = toGlobalId('BranchDepartment', link);
  return [`与现有对应关系 ${other} 的有效期重叠：请先结束它`, `overlaps the validity of link ${other}: end it first`];
}

/** Every problem of a new link: a branch active from that day, of the department's hospital, and no overlapping link. */
async function checkLink(
  db: Queryable,
  p: Problems,
  branch: number,
  department: { id: number; hospital_id: number },
  from: string,
  isPrimary: boolean,
) {
  const o = (await orgRows(db, [branch])).get(branch)!;
  if (!BRANCH_KIND_VALUES.includes(o.kind))
    p.add('branchId', Reason.orgKindNotAllowed, '须为党支部或联合党支部', 'must be a branch or a joint branch');
  if (o.dissolved_on != null && o.dissolved_on <= from)
    p.add('branchId', Reason.orgDissolved, `该支部已于 ${o.dissolved_on} 撤销`, `this branch was dissolved on ${o.dissolved_on}`);
  if (o.founded_on != null && o.founded_on > from)
    p.add('validFrom', Reason.dateOutOfRange, `该支部 ${o.founded_on} 才成立`, `the branch was founded only on ${o.founded_on}`);
  const { rows } = await db.query(
    `select (select o.path like c.path || '%' from hospital h join organization c on c.id = h.committee_id where h.id = $3) as same_hospital,
            ${overlapSql('$1', '$2', '$4', '$6', '$5')} as overlap
       from organization o where o.id = $1`,
    [branch, department.id, department.hospital_id, from, isPrimary, null],
  );
  if (!rows[0].same_hospital)
    p.add('branchId', Reason.notInOrganization, '该支部不属于科室所在医院', 'the branch is not of the department’s hospital');
  if (rows[0].overlap != null) p.add('validFrom', Reason.linkOverlap, ...overlapMessage(rows[0].overlap));
}

/** Inserts a branch–department link (linkBranchDepartment's statement; the import's too); returns its id. */
export async function insertLink(
  db: Queryable,
  branch: number,
  department: number,
  from: string,
  to: string | null,
  isPrimary: boolean,
): Promise<number> {
  const { rows } = await db.query(
    `insert into branch_department (branch_id, department_id, valid_from, valid_to, is_primary) values ($1, $2, $3, $4, $5) returning id`,
    [branch, department, from, to, isPrimary],
  );
  return rows[0].id as number;
}

/** Ends a link on its last valid day (endBranchDepartmentLink's statement; the import's too). */
export const endLink = (db: Queryable, link: number, validTo: string) =>
  db.query(`update branch_department set valid_to = $2 where id = $1`, [link, validTo]);

/** Builds a branch on a department from a day (open-ended); one primary link at a time, one link per branch and department. */
export async function linkBranchDepartment(
  ctx: WriteContext,
  branchId: string,
  departmentId_: string,
  validFrom: string,
  isPrimary: boolean,
): Promise<WriteResult> {
  const p = new Problems('linkBranchDepartment');
  const branch = p.id('branchId', branchId, 'Organization');
  await p.mustExist(ctx.pool, 'branchId', 'organization', branch, 'Organization');
  const department = await departmentId(ctx.pool, p, 'departmentId', departmentId_);
  p.plausibleDate('validFrom', validFrom);
  const kind = branch != null ? (await orgRows(ctx.pool, [branch])).get(branch)?.kind : undefined;
  if (kind && !BRANCH_KIND_VALUES.includes(kind))
    p.add('branchId', Reason.orgKindNotAllowed, '须为党支部或联合党支部', 'must be a branch or a joint branch');
  p.check();
  return transact(ctx, { tables: ['branch_department', 'department'] }, async (tx) => {
    const again = new Problems('linkBranchDepartment');
    await tx.lock([branch]);
    const d = await lockedDepartment(ctx, tx, department!);
    refuseClosed(again, d);
    await checkLink(tx.client, again, branch!, d, validFrom, isPrimary);
    again.check();
    const id = await tx.moving({ orgIds: [d.org, branch, d.committee_id], from: await fromStart(tx.client, validFrom) }, async () => {
      return insertLink(tx.client, branch!, department!, validFrom, null, isPrimary);
    });
    tx.audit({
      action: 'branch_department.link',
      entity: 'branch_department',
      entityId: id,
      after: { branchId, departmentId: departmentId_, validFrom, isPrimary },
    });
    return { id: toGlobalId('BranchDepartment', id), rows: 1 };
  });
}

/** Ends a branch–department link on its last valid day. */
export async function endBranchDepartmentLink(ctx: WriteContext, id: string, validTo: string): Promise<WriteResult> {
  const p = new Problems('endBranchDepartmentLink');
  const link = p.id('id', id, 'BranchDepartment');
  await p.mustExist(ctx.pool, 'id', 'branch_department', link, 'BranchDepartment');
  p.plausibleDate('validTo', validTo);
  p.check();
  const { rows: found } = await ctx.pool.query(`select branch_id, department_id from branch_department where id = $1`, [link]);
  return transact(ctx, { tables: ['branch_department', 'department'] }, async (tx) => {
    const again = new Problems('endBranchDepartmentLink');
    await tx.lock([found[0].branch_id]);
    const d = await lockedDepartment(ctx, tx, found[0].department_id);
    const before = (
      await tx.client.query(
        `select *, valid_from::text as valid_from, valid_to::text as valid_to from branch_department where id = $1 for update`,
        [link],
      )
    ).rows[0];
    if (before.valid_to != null)
      again.add('id', Reason.inputInconsistent, `该对应关系已于 ${before.valid_to} 结束`, `this link ended on ${before.valid_to} already`);
    else if (validTo < before.valid_from)
      again.add(
        'validTo',
        Reason.dateOutOfRange,
        `不能早于生效日期 ${before.valid_from}`,
        `cannot be before it took effect on ${before.valid_from}`,
      );
    again.check();
    await tx.moving({ orgIds: [d.org, before.branch_id, d.committee_id], from: await fromStart(tx.client, validTo) }, () =>
      endLink(tx.client, link!, validTo),
    );
    tx.audit({ action: 'branch_department.end', entity: 'branch_department', entityId: link, before, after: { validTo } });
    return { id, rows: 1 };
  });
}
