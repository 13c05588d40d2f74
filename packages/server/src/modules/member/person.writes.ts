/**
 * A person's record, in the shared write transaction (rows, cells, audit, notification): create one, correct
 * it, end a membership on a date, transfer it to another branch (组织关系转接) with the day it leaves and the day
 * it arrives. The record's rules are the members roll import's (modules/import: the ID-card number's check
 * digit, birth date and gender inside it, the dates of joining and conversion, the development record); the
 * natural key is the same (hospital + ID-card number), refused twice naming the person who has it, never
 * their data. Personal fields are audited by name, never by value, as the import does.
 *
 * Dated membership (membership.entity.ts): an end closes the open stint on its day, a transfer closes it on
 * the day the person leaves and opens one in the new branch on the day they arrive, so every period before
 * keeps its figures. The lock order is the write transaction's: organisations (the person's, their
 * department's, the new branch's, those of the positions ended), then the person's row, then the stints.
 */
import { today } from '../../domain/dates.js';
import { BRANCH_KIND_VALUES, MembershipStatus } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { deptOrgs, ScopeChanged, transact, type WriteContext, type WriteTx } from '../../indicators/writes.js';
import { RULES, type MemberRow, type StoredMember } from '../import/members.plan.js';
import { birthFromIdCard, parseIdCard, parseMobile } from '../import/values.js';
import type { CreateMemberInput, PersonFieldsInput } from './person.inputs.js';

/** The input's fields and the member table's columns. */
const COLUMN = {
  name: 'name',
  gender: 'gender',
  idCardNo: 'id_card_no',
  birthDate: 'birth_date',
  ethnicity: 'ethnicity',
  mobile: 'mobile',
  education: 'education',
  professionalTitle: 'professional_title',
  staffCategory: 'staff_category',
  departmentId: 'department_id',
  politicalStatus: 'political_status',
  joinedOn: 'joined_on',
  convertedOn: 'converted_on',
  isDeptHead: 'is_dept_head',
  isBackbone: 'is_backbone',
  isFrontline: 'is_frontline',
  staffNo: 'staff_no',
} as const satisfies Record<keyof PersonFieldsInput, keyof MemberRow>;
type Field = keyof typeof COLUMN;

/** Personal data: audited by name only. */
const PERSONAL = new Set<keyof MemberRow>(['name', 'birth_date', 'ethnicity', 'id_card_no', 'mobile', 'staff_no']);
const REQUIRED: Field[] = ['name', 'gender', 'idCardNo', 'education', 'professionalTitle', 'staffCategory', 'politicalStatus'];
const WRITTEN = Object.values(COLUMN) as (keyof MemberRow)[];

/** A stored person, as the import's rules read one. */
async function stored(db: Queryable, id: number, lock = ''): Promise<StoredMember> {
  const { rows } = await db.query(
    `select m.id, m.hospital_id, m.organization_id, m.department_id, m.name, m.gender, m.birth_date::text as birth_date, m.ethnicity,
       m.education, m.professional_title, m.staff_category, m.political_status, m.membership_status, m.joined_on::text as joined_on,
       m.converted_on::text as converted_on, m.is_dept_head, m.is_backbone, m.is_frontline, m.id_card_no, m.mobile, m.staff_no
     from member m where m.id = $1 ${lock}`,
    [id],
  );
  const steps = (await db.query(`select count(*)::int as n from development_event where member_id = $1`, [id])).rows[0].n as number;
  return { ...(rows[0] as MemberRow & { id: number }), steps, in_scope: true };
}

/** The given fields as the member table's values (null or absent: not given), each bad one a problem. */
async function givenFields(db: Queryable, p: Problems, input: PersonFieldsInput, hospital: number | null): Promise<Partial<MemberRow>> {
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(COLUMN) as Field[]) {
    const value = input[field];
    if (value == null) continue;
    const at = `input.${field}`;
    if (field === 'idCardNo') {
      const parsed = parseIdCard(value as string);
      if (parsed.ok) out.id_card_no = parsed.value;
      else p.add(at, Reason.inputOutOfRange, parsed.zh, parsed.en);
    } else if (field === 'mobile') {
      const parsed = parseMobile(value as string);
      // Never the number itself in the message (personal data).
      if (parsed.ok) out.mobile = parsed.value;
      else p.add(at, Reason.inputOutOfRange, '不是有效的 11 位手机号', 'not an 11-digit mobile number');
    } else if (field === 'staffNo') {
      // A blank staff number clears it (a person without one).
      out.staff_no = (value as string).trim() || null;
    } else if (field === 'birthDate' || field === 'joinedOn' || field === 'convertedOn') {
      if (p.plausibleDate(at, value)) out[COLUMN[field]] = value;
    } else if (field === 'departmentId') {
      const dept = p.id(at, value as string, 'Department');
      await p.mustExist(db, at, 'department', dept, 'Department');
      if (dept != null && !p.has(at)) {
        const { rows } = await db.query(`select hospital_id from department where id = $1`, [dept]);
        if (hospital != null && rows[0].hospital_id !== hospital)
          p.add(at, Reason.notInOrganization, '该科室不属于这家医院', 'the department is not of this hospital');
        else out.department_id = dept;
      }
    } else out[COLUMN[field]] = typeof value === 'string' ? value.trim() : value;
  }
  return out as Partial<MemberRow>;
}

/** Every rule of the members roll the record breaks (modules/import/members.plan.ts: RULES), each a problem on its field. */
function checkRules(p: Problems, m: MemberRow, before: StoredMember | undefined): void {
  for (const rule of RULES) {
    // Without an ID-card number (a record from before it was kept) the rules reading one do not apply.
    if (!m.id_card_no && (rule.field === 'birthDate' || rule.field === 'gender')) continue;
    if (rule.broken({ m, before, storedInScope: true })) p.add(`input.${rule.field}`, rule.reason, rule.zh, rule.en);
  }
}

/** The branch a new person joins: an active branch of a hospital; its hospital. */
async function branchOf(db: Queryable, p: Problems, org: number, field: string, on = today()): Promise<number | null> {
  const { rows } = await db.query(
    `select o.kind, (o.founded_on is null or o.founded_on <= $2) and (o.dissolved_on is null or o.dissolved_on > $2) as active,
       (select h.id from hospital h where h.committee_id = any(string_to_array(trim(both '/' from o.path), '/')::int[]) order by h.id limit 1) as hospital
     from organization o where o.id = $1`,
    [org, on],
  );
  const r = rows[0];
  if (!BRANCH_KIND_VALUES.includes(r.kind)) p.add(field, Reason.inputInconsistent, '须为党支部', 'must be a branch');
  else if (!r.active || r.hospital == null)
    p.add(
      field,
      Reason.notEligible,
      '该党支部在该日期未成立、已撤销或不属于任何医院',
      'the branch is not active on that day or belongs to no hospital',
    );
  return r.hospital as number | null;
}

/** Serialises the writes of one ID-card number in a hospital (a second advisory-lock namespace, after the organisations'). */
const lockIdCard = (db: Queryable, hospital: number, idCard: string) =>
  db.query(`select pg_advisory_xact_lock(7041130, hashtext($1))`, [`${hospital}|${idCard}`]);

/** Serialises the writes of one staff number in a hospital (the same namespace, its own keys). */
const lockStaffNo = (db: Queryable, hospital: number, staffNo: string) =>
  db.query(`select pg_advisory_xact_lock(7041130, hashtext($1))`, [`${hospital}|staff|${staffNo}`]);

/** A person with this ID-card number (or staff number) in the hospital already: refused, naming them by global id only. */
async function refuseDuplicate(db: Queryable, root: string, m: MemberRow, self: number | null, fields = ['id_card_no']): Promise<void> {
  const p = new Problems(root);
  for (const column of fields) {
    const value = m[column as 'id_card_no' | 'staff_no'];
    if (value == null) continue;
    const { rows } = await db.query(`select id from member where hospital_id = $1 and ${column} = $2 and id <> $3 order by id limit 1`, [
      m.hospital_id,
      value,
      self ?? -1,
    ]);
    if (!rows.length) continue;
    const existing = toGlobalId('Member', rows[0].id as number);
    if (column === 'staff_no')
      p.add(
        'input.staffNo',
        Reason.duplicate,
        `本院已有人员使用该工号（${existing}）`,
        `a person of this hospital has this staff number (${existing})`,
      );
    else
      p.add(
        'input.idCardNo',
        Reason.duplicate,
        `本院已有人员使用该身份证号（${existing}）`,
        `a person of this hospital has this ID-card number (${existing})`,
      );
  }
  p.check();
}

/** What the audit log keeps of a record: every field's value, the personal ones by name only. */
function auditable(m: Partial<MemberRow>, fields: readonly (keyof MemberRow)[]) {
  const values = Object.fromEntries(fields.filter((f) => !PERSONAL.has(f)).map((f) => [f, m[f] ?? null]));
  return { ...values, personalFields: fields.filter((f) => PERSONAL.has(f)) };
}

/**
 * The earliest day a change of the person's attributes or current organisation reaches: the dates given, and
 * every dated fact attributed through the person (development steps, model posts, honours, ethics events,
 * assessments: the indicators count these under the person's current organisation, sql.ts).
 */
async function earliestFact(db: Queryable, member: number | null, dates: (string | null | undefined)[]): Promise<string> {
  const { rows } = await db.query(
    `select least((select min(d) from unnest($2::date[]) d), (select min(event_date) from development_event where member_id = $1),
       (select min(established_on) from model_post where member_id = $1), (select min(from_on) from membership where member_id = $1),
       (select min(awarded_on) from honor where member_id = $1), (select min(occurred_on) from ethics_event where member_id = $1),
       (select make_date(min(year), 1, 1) from assessment where member_id = $1))::text as on`,
    [member, dates.filter((d): d is string => !!d)],
  );
  return (rows[0].on as string | null) ?? today();
}

/** Creates a person's record in a branch (active; their stint opens with no start date: they count from joining). */
export async function createMember(ctx: WriteContext, input: CreateMemberInput): Promise<WriteResult> {
  const p = new Problems('createMember');
  await p.bounds('input', input);
  for (const f of REQUIRED) if (input[f] == null) p.add(`input.${f}`, Reason.inputRequired, '必填', 'is required');
  const org = p.id('input.organizationId', input.organizationId, 'Organization');
  await p.mustExist(ctx.pool, 'input.organizationId', 'organization', org, 'Organization');
  const hospital = org != null && !p.has('input.organizationId') ? await branchOf(ctx.pool, p, org, 'input.organizationId') : null;
  const given = await givenFields(ctx.pool, p, input, hospital);
  p.check();
  const row = {
    hospital_id: hospital!,
    organization_id: org!,
    department_id: null,
    ethnicity: null,
    mobile: null,
    staff_no: null,
    joined_on: null,
    converted_on: null,
    is_dept_head: false,
    is_backbone: false,
    is_frontline: false,
    membership_status: MembershipStatus.ACTIVE,
    ...given,
    birth_date: given.birth_date ?? birthFromIdCard(given.id_card_no!),
  } as MemberRow;
  checkRules(p, row, undefined);
  p.check();
  const dept = row.department_id != null ? (await deptOrgs(ctx.pool, [row.department_id])).get(row.department_id) : null;
  const columns = ['hospital_id', 'organization_id', 'membership_status', ...WRITTEN] as (keyof MemberRow)[];
  return transact(ctx, { tables: ['member', 'membership'] }, async (tx) => {
    await tx.lock([org, dept]);
    await lockIdCard(tx.client, row.hospital_id, row.id_card_no);
    if (row.staff_no) await lockStaffNo(tx.client, row.hospital_id, row.staff_no);
    await refuseDuplicate(tx.client, 'createMember', row, null, ['id_card_no', 'staff_no']);
    const from = await earliestFact(tx.client, null, [row.joined_on, row.converted_on, today()]);
    const id = await tx.moving({ orgIds: [org, dept], from }, async () => {
      const { rows } = await tx.client.query(
        `insert into member (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
        columns.map((c) => row[c]),
      );
      return rows[0].id as number;
    });
    tx.audit({ action: 'member.create', entity: 'member', entityId: id, after: auditable(row, columns) });
    return { id: toGlobalId('Member', id), rows: 1 };
  });
}

interface Locked {
  person: StoredMember;
  orgIds: number[];
}

/**
 * The person's organisations (theirs now, those of their stints, their department's, and any `more` names once it has seen them) locked
 * first, then their row; again from the start when they moved meanwhile.
 */
async function lockPerson(
  tx: WriteTx,
  member: number,
  more: (seen: StoredMember) => Promise<(number | null)[]> = async () => [],
): Promise<Locked> {
  const seen = await stored(tx.client, member);
  const extra = (await more(seen)).filter((o): o is number => o != null);
  const depts = await deptOrgs(tx.client, seen.department_id != null ? [seen.department_id] : []);
  // Every organisation the person had a stint in: they are counted there in the periods it covered.
  const stints = await tx.client.query(`select distinct organization_id as id from membership where member_id = $1`, [member]);
  const orgIds = [...new Set([seen.organization_id, ...depts.values(), ...stints.rows.map((r) => r.id as number), ...extra])];
  await tx.lock(orgIds);
  const person = await stored(tx.client, member, 'for no key update');
  if (person.organization_id !== seen.organization_id || person.department_id !== seen.department_id) throw new ScopeChanged();
  return { person, orgIds };
}

/** Corrects a person's record (only the fields given); their organisation changes by transferMember, their membership by endMembership. */
export async function updateMember(ctx: WriteContext, id: string, input: PersonFieldsInput): Promise<WriteResult> {
  const p = new Problems('updateMember');
  await p.bounds('input', input);
  const member = p.id('id', id, 'Member');
  await p.mustExist(ctx.pool, 'id', 'member', member, 'Member');
  p.check();
  const hospital = (await ctx.pool.query(`select hospital_id from member where id = $1`, [member])).rows[0].hospital_id as number;
  const given = await givenFields(ctx.pool, p, input, hospital);
  if (p.ok && !Object.keys(given).length) p.add('input', Reason.inputRequired, '没有要更正的项', 'nothing to change');
  p.check();
  const newDept = given.department_id != null ? (await deptOrgs(ctx.pool, [given.department_id])).get(given.department_id) : null;
  return transact(ctx, { tables: ['member', 'membership'] }, async (tx) => {
    const { person: before, orgIds } = await lockPerson(tx, member!, async () => [newDept ?? null]);
    const after: MemberRow = { ...before, ...given };
    if (given.id_card_no && !given.birth_date && given.id_card_no !== before.id_card_no)
      after.birth_date = birthFromIdCard(given.id_card_no);
    const rules = new Problems('updateMember');
    checkRules(rules, after, before);
    rules.check();
    const changed = WRITTEN.filter((c) => after[c] !== before[c]);
    if (!changed.length) return { id, rows: 0 };
    if (changed.includes('id_card_no')) await lockIdCard(tx.client, after.hospital_id, after.id_card_no);
    if (changed.includes('staff_no') && after.staff_no) await lockStaffNo(tx.client, after.hospital_id, after.staff_no);
    const unique = changed.filter((c) => c === 'id_card_no' || c === 'staff_no');
    if (unique.length) await refuseDuplicate(tx.client, 'updateMember', after, member, unique);
    const from = await earliestFact(tx.client, member, [
      before.joined_on,
      after.joined_on,
      before.converted_on,
      after.converted_on,
      today(),
    ]);
    await tx.moving({ orgIds, from }, () =>
      tx.client.query(`update member set ${changed.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() where id = $1`, [
        member,
        ...changed.map((c) => after[c]),
      ]),
    );
    tx.audit({
      action: 'member.update',
      entity: 'member',
      entityId: member,
      before: auditable(before, changed),
      after: auditable(after, changed),
    });
    return { id, rows: 1 };
  });
}

interface Stint {
  id: number;
  organization_id: number;
  from_on: string | null;
}

const openStint = async (db: Queryable, member: number): Promise<Stint | undefined> =>
  (
    await db.query(
      `select id, organization_id, from_on::text as from_on from membership where member_id = $1 and to_on is null for update`,
      [member],
    )
  ).rows[0] as Stint | undefined;

/** The person's positions still held on `on` (in `under`'s subtree when given): their ids and organisations. */
async function heldPositions(db: Queryable, member: number, on: string, under: number | null): Promise<{ id: number; org: number }[]> {
  const { rows } = await db.query(
    `select s.id, s.organization_id as org from position s join organization o on o.id = s.organization_id
     where s.member_id = $1 and (s.end_on is null or s.end_on >= $2)
       and ($3::int is null or o.path like (select path from organization where id = $3) || '%') order by s.id`,
    [member, on, under],
  );
  return rows as { id: number; org: number }[];
}

/** Ends the positions: their last day is the one before `on` (a position's end is the last day held). */
const endPositions = (db: Queryable, ids: number[], on: string) =>
  db.query(`update position set end_on = greatest(start_on, $2::date - 1), updated_at = now() where id = any($1::int[])`, [ids, on]);

/** The person's membership must be active (an open stint), and the day no earlier than the stint's start. */
function checkOpen(p: Problems, person: StoredMember, open: Stint | undefined, field: string, on: string): void {
  if (person.membership_status !== MembershipStatus.ACTIVE || !open)
    p.add('id', Reason.notEligible, '该人员的党籍已不在册（已转出、除名等）', 'this person’s membership is no longer active');
  else if (open.from_on && on < open.from_on)
    p.add(
      field,
      Reason.inputInconsistent,
      `早于其转入现党支部的日期（${open.from_on}）：与已有的组织关系重叠`,
      `before the day they arrived in their present branch (${open.from_on}): it would overlap that stint`,
    );
}

export interface MembershipEnd {
  on: string;
  status: MembershipStatus;
  reason: string;
}

/** Ends a person's membership on a day (transferred out of the hospital, abroad, removed, deceased …): they count no more from that day. */
export async function endMembership(ctx: WriteContext, id: string, end: MembershipEnd): Promise<WriteResult> {
  const p = new Problems('endMembership');
  const member = p.id('id', id, 'Member');
  p.plausibleDate('on', end.on);
  if (end.status === MembershipStatus.ACTIVE)
    p.add('status', Reason.inputInconsistent, '结束后的党籍状态不能是“在册”', 'the status after the end cannot be active');
  if (!end.reason.trim()) p.add('reason', Reason.inputRequired, '须说明理由', 'a reason is required');
  else if (end.reason.length > 500) p.add('reason', Reason.inputTooLong, '最多 500 个字符', 'at most 500 characters');
  await p.mustExist(ctx.pool, 'id', 'member', member, 'Member');
  p.check();
  return transact(ctx, { tables: ['member', 'membership', 'position'] }, async (tx) => {
    let positions: { id: number; org: number }[] = [];
    const { person, orgIds } = await lockPerson(tx, member!, async () => {
      positions = await heldPositions(tx.client, member!, end.on, null);
      return positions.map((s) => s.org);
    });
    const open = await openStint(tx.client, member!);
    const q = new Problems('endMembership');
    checkOpen(q, person, open, 'on', end.on);
    q.check();
    await tx.moving({ orgIds, from: end.on }, async () => {
      await tx.client.query(`update membership set to_on = $2, ended_as = $3, reason = $4, updated_at = now() where id = $1`, [
        open!.id,
        end.on,
        end.status,
        end.reason.trim(),
      ]);
      await endPositions(
        tx.client,
        positions.map((s) => s.id),
        end.on,
      );
      await tx.client.query(`update member set membership_status = $2, updated_at = now() where id = $1`, [member, end.status]);
    });
    tx.audit({
      action: 'member.end',
      entity: 'member',
      entityId: member,
      before: { membershipStatus: person.membership_status, organizationId: toGlobalId('Organization', person.organization_id) },
      after: { ...end, positionsEnded: positions.map((s) => toGlobalId('Position', s.id)) },
    });
    return { id, rows: 3 + positions.length };
  });
}

export interface Transfer {
  toOrganizationId: string;
  leftOn: string;
  arrivedOn: string;
  reason?: string | null;
}

/** The branch a transfer goes to: another active branch of the person's hospital on the day they arrive. */
async function checkTarget(db: Queryable, p: Problems, person: StoredMember, to: number, arrivedOn: string): Promise<void> {
  if (to === person.organization_id) {
    p.add('toOrganizationId', Reason.inputInconsistent, '该人员已在这个党支部', 'the person is in this branch already');
    return;
  }
  const hospital = await branchOf(db, p, to, 'toOrganizationId', arrivedOn);
  if (!p.has('toOrganizationId') && hospital !== person.hospital_id)
    p.add(
      'toOrganizationId',
      Reason.notInOrganization,
      '转往其他单位请用 endMembership（status: TRANSFERRED_OUT）',
      'to another hospital, use endMembership (status: TRANSFERRED_OUT)',
    );
}

/**
 * 组织关系转接: the person leaves their branch on `leftOn` (it counts them no more from that day; their
 * positions there end the day before) and arrives in the new one on `arrivedOn` (counted there from that day).
 */
export async function transferMember(ctx: WriteContext, id: string, t: Transfer): Promise<WriteResult> {
  const p = new Problems('transferMember');
  const member = p.id('id', id, 'Member');
  const to = p.id('toOrganizationId', t.toOrganizationId, 'Organization');
  const dates = p.plausibleDate('leftOn', t.leftOn) && p.plausibleDate('arrivedOn', t.arrivedOn);
  if (dates && t.arrivedOn < t.leftOn)
    p.add('arrivedOn', Reason.inputInconsistent, '转入日期不能早于转出日期', 'the day it arrives cannot be before the day it leaves');
  if (t.reason && t.reason.length > 500) p.add('reason', Reason.inputTooLong, '最多 500 个字符', 'at most 500 characters');
  await p.mustExist(ctx.pool, 'id', 'member', member, 'Member');
  await p.mustExist(ctx.pool, 'toOrganizationId', 'organization', to, 'Organization');
  p.check();
  return transact(ctx, { tables: ['member', 'membership', 'position'] }, async (tx) => {
    let positions: { id: number; org: number }[] = [];
    const { person, orgIds } = await lockPerson(tx, member!, async (seen) => {
      positions = await heldPositions(tx.client, member!, t.leftOn, seen.organization_id);
      return [to, ...positions.map((s) => s.org)];
    });
    const open = await openStint(tx.client, member!);
    const q = new Problems('transferMember');
    checkOpen(q, person, open, 'leftOn', t.leftOn);
    await checkTarget(tx.client, q, person, to!, t.arrivedOn);
    q.check();
    const reason = t.reason?.trim() || null;
    // The stints move the member counts from leftOn on; what the indicators attribute through the person's
    // current organisation (their development steps, honours …) moves from its own dates.
    const from = await earliestFact(tx.client, member, [t.leftOn]);
    await tx.moving({ orgIds, from }, async () => {
      await tx.client.query(
        `update membership set to_on = $2, ended_as = 'transferred_out', reason = $3, updated_at = now() where id = $1`,
        [open!.id, t.leftOn, reason],
      );
      await tx.client.query(
        `insert into membership (member_id, organization_id, from_on, kind, reason) values ($1, $2, $3, 'transferred_in', $4)`,
        [member, to, t.arrivedOn, reason],
      );
      await endPositions(
        tx.client,
        positions.map((s) => s.id),
        t.leftOn,
      );
      await tx.client.query(`update member set organization_id = $2, party_group_id = null, updated_at = now() where id = $1`, [
        member,
        to,
      ]);
    });
    tx.audit({
      action: 'member.transfer',
      entity: 'member',
      entityId: member,
      before: { organizationId: toGlobalId('Organization', person.organization_id), stint: open!.id },
      after: { ...t, positionsEnded: positions.map((s) => toGlobalId('Position', s.id)) },
    });
    return { id, rows: 4 + positions.length };
  });
}
