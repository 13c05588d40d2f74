/**
 * Recording, changing and cancelling an activity with its attendance, in the shared write transaction
 * (indicators/writes.ts): the rows, the cells of every indicator reading activities or attendance, the
 * audit entry and the notification, or nothing. Refused, with every reason at once: bounds (the inputs),
 * implausible dates, anonymous attendees at organisational life, attendees who were not members of the
 * organisation holding it on its day, the same person twice, the same activity twice.
 */
import { ACTIVITY_CATEGORIES } from '@party-hub/schema/indicators';
import type pg from 'pg';
import { ActivityStatus, AttendanceRole, AttendanceStatus } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { ScopeChanged, transact, type WriteContext, type WriteTx } from '../../indicators/writes.js';
import { belongedOn } from '../member/belonged.js';
import type { CorrectAttendanceInput, RecordActivityInput } from './activity.inputs.js';

const TABLES = ['activity', 'attendance'];
const ORG_LIFE: ReadonlySet<string> = new Set(ACTIVITY_CATEGORIES.ORG_LIFE);

interface Checked {
  activityId: number | null;
  orgId: number;
  /** Row ids of the attendees, by position (null: someone outside the Party). */
  members: (number | null)[];
}

/** A reason for leave or absence, trimmed (blank: none); one present has none. */
function absenceReason(p: Problems, field: string, status: AttendanceStatus | null | undefined, reason: string | null | undefined) {
  const why = reason?.trim() || null;
  if (why != null && status === AttendanceStatus.PRESENT)
    p.add(field, Reason.inputInconsistent, '出席的人不填请假/缺席原因', 'one who was present has no reason for leave or absence');
  return why;
}

/** Attendees: decoded, named at organisational life, each once; a reason only for one not present. */
function checkAttendees(p: Problems, input: RecordActivityInput): (number | null)[] {
  const orgLife = ORG_LIFE.has(input.type);
  const seen = new Set<number>();
  return (input.attendance ?? []).map((a, i) => {
    const field = `attendance.${i}.memberId`;
    const m = p.id(field, a.memberId, 'Member');
    if (a.memberId == null && orgLife)
      p.add(field, Reason.inputRequired, '组织生活的出勤须指定党员', 'attendance at organisational life names a member');
    if (m != null && seen.has(m)) p.add(field, Reason.inputDuplicate, '同一人重复出现', 'the same person appears twice');
    if (m != null) seen.add(m);
    absenceReason(p, `attendance.${i}.reason`, a.status, a.reason);
    return m;
  });
}

/**
 * The attendees must exist and have been members of the organisation holding it (a party group's: its branch),
 * or of one under it, on its day (member/belonged.ts: their dated stints).
 */
async function checkMembersBelong(
  db: Queryable,
  p: Problems,
  on: { org: number; day: string },
  members: (number | null)[],
  fieldOf = (i: number) => `attendance.${i}.memberId`,
): Promise<void> {
  const asked = members.flatMap((m, i) => (m == null ? [] : [{ i, m }]));
  const answers = await belongedOn(
    db,
    asked.map(({ m }) => ({ member: m, org: on.org, day: on.day })),
  );
  asked.forEach(({ i, m }, k) => {
    const a = answers[k];
    const field = fieldOf(i);
    if (!a) p.add(field, Reason.idNotFound, `人员 ${m} 不存在`, `member ${m} does not exist`);
    else if (!a.inside)
      p.add(
        field,
        Reason.notInOrganization,
        `此人在 ${on.day} 不是 ${a.holder} 的党员`,
        `this person was not a member of ${a.holder} on ${on.day}`,
      );
  });
}

/** Every problem of the input, or its decoded ids. */
async function check(db: pg.Pool, input: RecordActivityInput): Promise<Checked> {
  const p = await Problems.of('recordActivity.input', input);
  const activityId = p.id('id', input.id, 'Activity');
  const orgId = p.id('organizationId', input.organizationId, 'Organization');
  p.plausibleDate('heldOn', input.heldOn, input.status === ActivityStatus.PLANNED ? 'planned' : 'past');
  const members = checkAttendees(p, input);
  await p.mustExist(db, 'organizationId', 'organization', orgId, 'Organization');
  await p.mustExist(db, 'id', 'activity', activityId, 'Activity');
  if (orgId != null && !p.has('organizationId') && !p.has('heldOn')) {
    await checkMembersBelong(db, p, { org: orgId, day: input.heldOn }, members);
    if (activityId != null && !p.has('id') && input.attendance == null) await checkKeptAttendance(db, p, activityId, orgId, input.heldOn);
  }
  p.check();
  return { activityId, orgId: orgId!, members };
}

/** An edit that keeps the attendance (lists none) but moves the activity's day or organisation: its attendees must still fit. */
async function checkKeptAttendance(db: Queryable, p: Problems, activityId: number, org: number, day: string): Promise<void> {
  const { rows } = await db.query(`select member_id from attendance where activity_id = $1 and member_id is not null order by id`, [
    activityId,
  ]);
  const answers = await belongedOn(
    db,
    rows.map((r) => ({ member: r.member_id as number, org, day })),
  );
  const outside = answers.filter((a) => a && !a.inside);
  if (!outside.length) return;
  const holder = outside[0]!.holder;
  p.add(
    'heldOn',
    Reason.notInOrganization,
    `已登记的出勤中有 ${outside.length} 人在 ${day} 不是 ${holder} 的党员：请同时给出出勤`,
    `${outside.length} of the attendance kept were not members of ${holder} on ${day}: give the attendance too`,
  );
}

/** The organisations whose own cells the write moves: the activity's (before and after) and its attendees'. */
async function scopeOf(db: Queryable, activityId: number | null, orgId: number, members: (number | null)[]) {
  const before = activityId
    ? ((await db.query(`select organization_id, held_on::text from activity where id = $1`, [activityId])).rows[0] ?? null)
    : null;
  const { rows } = await db.query(
    `select distinct m.organization_id from member m where m.id = any($1::int[])
        or m.id in (select member_id from attendance where activity_id = $2)`,
    [members.filter((m) => m != null), activityId ?? 0],
  );
  return {
    before,
    orgIds: [...new Set([orgId, before?.organization_id as number | undefined, ...rows.map((r) => r.organization_id as number)])],
  };
}

/** The same activity recorded already (organisation, type, date, title; cancelled ones aside): refused, naming it. */
async function refuseDuplicate(db: Queryable, activityId: number | null, orgId: number, input: RecordActivityInput): Promise<void> {
  const { rows } = await db.query(
    `select id from activity where organization_id = $1 and type = $2 and held_on = $3 and title = $4 and status <> 'cancelled'
       and id <> $5 limit 1`,
    [orgId, input.type, input.heldOn, input.title.trim(), activityId ?? 0],
  );
  if (!rows.length) return;
  const p = new Problems('recordActivity.input');
  const existing = toGlobalId('Activity', rows[0].id as number);
  p.add(
    'title',
    Reason.duplicate,
    `该活动已记录（${existing}）：同一党组织、类型、日期和主题`,
    `already recorded as ${existing}: same organisation, type, date and title`,
  );
  p.check();
}

async function saveActivity(db: Queryable, activityId: number | null, orgId: number, input: RecordActivityInput): Promise<number> {
  const values = [
    orgId,
    input.type,
    input.title.trim(),
    input.heldOn,
    input.status ?? ActivityStatus.HELD,
    input.expectedCount ?? null,
    input.beneficiaryCount ?? null,
    input.festivalTag?.trim() || null,
    input.location?.trim() || null,
  ];
  const { rows } = activityId
    ? await db.query(
        `update activity set organization_id = $2, type = $3, title = $4, held_on = $5, status = $6, expected_count = $7,
           beneficiary_count = $8, festival_tag = $9, location = $10, updated_at = now() where id = $1 returning id`,
        [activityId, ...values],
      )
    : await db.query(
        `insert into activity (organization_id, type, title, held_on, status, expected_count, beneficiary_count, festival_tag, location)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
        values,
      );
  return rows[0].id as number;
}

/** Replaces an activity's attendance; returns the rows written. */
async function replaceAttendance(db: Queryable, id: number, input: RecordActivityInput, members: (number | null)[]): Promise<number> {
  const a = input.attendance!;
  await db.query(`delete from attendance where activity_id = $1`, [id]);
  if (!a.length) return 0;
  const r = await db.query(
    `insert into attendance (activity_id, member_id, status, role, hours, reason)
     select $1, * from unnest($2::int[], $3::text[], $4::text[], $5::float8[], $6::text[])`,
    [
      id,
      members,
      a.map((x) => x.status),
      a.map((x) => x.role ?? AttendanceRole.ATTENDEE),
      a.map((x) => x.hours ?? null),
      a.map((x) => x.reason?.trim() || null),
    ],
  );
  return r.rowCount ?? 0;
}

/** id/not_found under `root`: an activity deleted meanwhile (or before). */
function gone(root: string, field: string, id: number): never {
  const p = new Problems(root);
  p.add(field, Reason.idNotFound, `Activity ${id} 不存在（可能已删除）`, `Activity ${id} does not exist (it may have been deleted)`);
  p.check();
  throw new Error('unreachable');
}

/**
 * Locks the write's organisations, then its row (as to_jsonb gives it: dates as YYYY-MM-DD); starts again
 * if the row moved to another organisation meanwhile, and answers not found if it was deleted.
 */
async function lockScope(tx: WriteTx, activityId: number | null, orgId: number, members: (number | null)[], root = 'recordActivity.input') {
  const { before, orgIds } = await scopeOf(tx.client, activityId, orgId, members);
  await tx.lock(orgIds.filter((o) => o !== 0));
  if (!activityId) return { before: null, orgIds };
  const locked = (await tx.client.query(`select to_jsonb(a) as row from activity a where id = $1 for update`, [activityId])).rows[0]?.row;
  if (!locked) gone(root, 'id', activityId);
  const now = await scopeOf(tx.client, activityId, orgId, members);
  if (now.orgIds.some((o) => !orgIds.includes(o)) || locked.organization_id !== before?.organization_id) throw new ScopeChanged();
  return {
    before: locked as Record<string, unknown> & { organization_id: number; held_on: string; status: ActivityStatus },
    orgIds: orgIds.filter((o) => o !== 0),
  };
}

/** Records a new activity (or changes one) with its attendance. */
export async function recordActivity(ctx: WriteContext, input: RecordActivityInput): Promise<WriteResult> {
  const { activityId, orgId, members } = await check(ctx.pool, input);
  return transact(ctx, { tables: TABLES }, async (tx) => {
    const db = tx.client;
    const { before, orgIds } = await lockScope(tx, activityId, orgId, members);
    await refuseDuplicate(db, activityId, orgId, input);
    // Moved to another day: the cells move from the earlier of the two (a meeting moved from January to March leaves January).
    const from = before && before.held_on < input.heldOn ? before.held_on : input.heldOn;
    const written = await tx.moving({ orgIds, from }, async () => {
      const id = await saveActivity(db, activityId, orgId, input);
      return { id, rows: 1 + (input.attendance ? await replaceAttendance(db, id, input, members) : 0) };
    });
    tx.audit({
      action: activityId ? 'activity.update' : 'activity.create',
      entity: 'activity',
      entityId: written.id,
      before,
      after: input,
    });
    return { id: toGlobalId('Activity', written.id), rows: written.rows };
  });
}

/**
 * Cancels an activity: it no longer counts in any indicator, and stays listed as cancelled. The reason is
 * optional (a planned meeting called off is the normal course of things, and the row itself says what
 * happened), kept in the audit entry when given. Cancelling a cancelled one is refused.
 */
export async function cancelActivity(ctx: WriteContext, id: string, reason?: string | null): Promise<WriteResult> {
  const p = new Problems('cancelActivity');
  const activityId = p.id('id', id, 'Activity');
  const why = p.reason('reason', reason, false);
  await p.mustExist(ctx.pool, 'id', 'activity', activityId, 'Activity');
  p.check();
  return transact(ctx, { tables: TABLES }, async (tx) => {
    const { before, orgIds } = await lockScope(tx, activityId, 0, [], 'cancelActivity');
    if (before!.status === ActivityStatus.CANCELLED) {
      const again = new Problems('cancelActivity');
      again.add('id', Reason.activityCancelled, '该活动已取消', 'this activity is cancelled already');
      again.check();
    }
    await tx.moving({ orgIds, from: before!.held_on }, () =>
      tx.client.query(`update activity set status = 'cancelled', updated_at = now() where id = $1`, [activityId]),
    );
    tx.audit({ action: 'activity.cancel', entity: 'activity', entityId: activityId, before, after: { status: 'cancelled', reason: why } });
    return { id, rows: 1 };
  });
}

/**
 * Deletes an activity recorded by mistake (a duplicated meeting) with its attendance. The reason is
 * required: the record is gone, and only the audit entry (the row, its attendance, the reason) tells.
 */
export async function deleteActivity(ctx: WriteContext, id: string, reason: string): Promise<WriteResult> {
  const p = new Problems('deleteActivity');
  const activityId = p.id('id', id, 'Activity');
  const why = p.reason('reason', reason);
  await p.mustExist(ctx.pool, 'id', 'activity', activityId, 'Activity');
  p.check();
  return transact(ctx, { tables: TABLES }, async (tx) => {
    const db = tx.client;
    const { before, orgIds } = await lockScope(tx, activityId, 0, [], 'deleteActivity');
    const { rows: attendance } = await db.query(
      `select member_id, status, role, hours, reason from attendance where activity_id = $1 order by id`,
      [activityId],
    );
    const rows = await tx.moving({ orgIds, from: before!.held_on }, async () => {
      const removed = await db.query(`delete from attendance where activity_id = $1`, [activityId]);
      await db.query(`delete from activity where id = $1`, [activityId]);
      return 1 + (removed.rowCount ?? 0);
    });
    tx.audit({
      action: 'activity.delete',
      entity: 'activity',
      entityId: activityId,
      before: { ...before, attendance },
      after: { reason: why },
    });
    return { id, rows };
  });
}

/** Checks a correction of one attendance: ids, the status or `remove` (one of them), the reason. */
async function checkCorrection(db: pg.Pool, c: CorrectAttendanceInput) {
  const p = new Problems('correctAttendance.input');
  const activityId = p.id('activityId', c.activityId, 'Activity');
  const member = p.id('memberId', c.memberId, 'Member');
  const why = p.reason('reason', c.reason);
  const absence = absenceReason(p, 'absenceReason', c.status, c.absenceReason);
  if (absence != null && c.remove)
    p.add('absenceReason', Reason.inputInconsistent, '删除出勤时不填请假/缺席原因', 'a removal has no reason for leave or absence');
  if (c.remove === (c.status != null))
    p.add(
      'status',
      Reason.inputInconsistent,
      '请给出正确的出勤状态或 remove: true（二选一）',
      'give either the right status or remove: true',
    );
  await p.mustExist(db, 'activityId', 'activity', activityId, 'Activity');
  await p.mustExist(db, 'memberId', 'member', member, 'Member');
  p.check();
  return { activityId: activityId!, member: member!, why: why!, absence };
}

/**
 * Corrects one person's attendance at an activity (a wrong status, a person left out, one listed by
 * mistake) without retyping the meeting; the reason and the row before are kept in the audit entry.
 * A person added must have been a member of the organisation holding it on its day, as in recordActivity.
 */
export async function correctAttendance(ctx: WriteContext, c: CorrectAttendanceInput): Promise<WriteResult> {
  const { activityId, member, why, absence } = await checkCorrection(ctx.pool, c);
  return transact(ctx, { tables: TABLES }, async (tx) => {
    const db = tx.client;
    const { before: activity, orgIds } = await lockScope(tx, activityId, 0, [member], 'correctAttendance.input');
    const before =
      (await db.query(`select to_jsonb(t) as row from attendance t where activity_id = $1 and member_id = $2`, [activityId, member]))
        .rows[0]?.row ?? null;
    const p = new Problems('correctAttendance.input');
    if (c.remove && !before)
      p.add('memberId', Reason.idNotFound, '该人员没有这次活动的出勤记录', 'this person has no attendance at this activity');
    if (!before && !c.remove)
      await checkMembersBelong(db, p, { org: activity!.organization_id, day: activity!.held_on }, [member], () => 'memberId');
    p.check();
    await tx.moving({ orgIds, from: activity!.held_on }, () =>
      c.remove
        ? db.query(`delete from attendance where activity_id = $1 and member_id = $2`, [activityId, member])
        : db.query(
            `insert into attendance (activity_id, member_id, status, role, reason) values ($1, $2, $3, $4, $5)
             on conflict (activity_id, member_id) do update set status = excluded.status, reason = excluded.reason`,
            [activityId, member, c.status, AttendanceRole.ATTENDEE, absence],
          ),
    );
    tx.audit({
      action: 'attendance.correct',
      entity: 'activity',
      entityId: activityId,
      before,
      after: c.remove ? { member_id: member, removed: true, reason: why } : { member_id: member, status: c.status, reason: why },
    });
    return { id: c.activityId, rows: 1 };
  });
}
