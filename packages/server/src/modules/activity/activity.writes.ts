/**
 * Recording, changing and cancelling an activity with its attendance, in the shared write transaction
 * (indicators/writes.ts): the rows, the cells of every indicator reading activities or attendance, the
 * audit entry and the notification, or nothing.
 */
import type pg from 'pg';
import { ActivityStatus, AttendanceRole } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { transact, type WriteContext } from '../../indicators/writes.js';
import type { RecordActivityInput } from './activity.inputs.js';

const TABLES = ['activity', 'attendance'];

interface Checked {
  activityId: number | null;
  orgId: number;
  /** Row ids of the attendees, by position (null: someone outside the Party). */
  members: (number | null)[];
}

/** Every problem of the input, or its decoded ids. */
async function check(db: pg.Pool, input: RecordActivityInput): Promise<Checked> {
  const p = await Problems.of('recordActivity.input', input);
  const activityId = p.id('id', input.id, 'Activity');
  const orgId = p.id('organizationId', input.organizationId, 'Organization');
  p.date('heldOn', input.heldOn);
  const members = (input.attendance ?? []).map((a, i) => p.id(`attendance.${i}.memberId`, a.memberId, 'Member'));
  const seen = new Set<number>();
  members.forEach((m, i) => {
    if (m == null) return;
    if (seen.has(m)) p.add(`attendance.${i}.memberId`, Reason.inputDuplicate, '同一人重复出现', 'the same person appears twice');
    seen.add(m);
  });
  await p.mustExist(db, 'organizationId', 'organization', orgId, 'Organization');
  await p.mustExist(db, 'id', 'activity', activityId, 'Activity');
  await checkMembersExist(db, p, members);
  p.check();
  return { activityId, orgId: orgId!, members };
}

async function checkMembersExist(db: pg.Pool, p: Problems, members: (number | null)[]): Promise<void> {
  const known = members.filter((m): m is number => m != null);
  if (!known.length) return;
  const { rows } = await db.query(`select id from member where id = any($1::int[])`, [known]);
  const found = new Set(rows.map((r) => r.id as number));
  members.forEach((m, i) => {
    if (m != null && !found.has(m)) p.add(`attendance.${i}.memberId`, Reason.idNotFound, `人员 ${m} 不存在`, `member ${m} does not exist`);
  });
}

/** The organisations of the people in an activity's attendance (their own cells move too). */
async function attendeeOrgs(db: Queryable, memberIds: number[]): Promise<number[]> {
  const { rows } = await db.query(`select distinct organization_id from member where id = any($1::int[])`, [memberIds]);
  return rows.map((r) => r.organization_id as number);
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
  ];
  const { rows } = activityId
    ? await db.query(
        `update activity set organization_id = $2, type = $3, title = $4, held_on = $5, status = $6, expected_count = $7,
           beneficiary_count = $8, updated_at = now() where id = $1 returning id`,
        [activityId, ...values],
      )
    : await db.query(
        `insert into activity (organization_id, type, title, held_on, status, expected_count, beneficiary_count)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
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
    `insert into attendance (activity_id, member_id, status, role, hours)
     select $1, * from unnest($2::int[], $3::text[], $4::text[], $5::float8[])`,
    [id, members, a.map((x) => x.status), a.map((x) => x.role ?? AttendanceRole.ATTENDEE), a.map((x) => x.hours ?? null)],
  );
  return r.rowCount ?? 0;
}

/** Records a new activity (or changes one) with its attendance. */
export async function recordActivity(ctx: WriteContext, input: RecordActivityInput): Promise<WriteResult> {
  const { activityId, orgId, members } = await check(ctx.pool, input);
  return transact(ctx, { tables: TABLES }, async (tx) => {
    const db = tx.client;
    const before = activityId ? (await db.query(`select * from activity where id = $1 for update`, [activityId])).rows[0] : null;
    const oldAttendees = activityId
      ? (await db.query(`select member_id from attendance where activity_id = $1 and member_id is not null`, [activityId])).rows.map(
          (r) => r.member_id as number,
        )
      : [];
    const known = members.filter((m): m is number => m != null);
    const orgIds = [orgId, before?.organization_id as number | undefined, ...(await attendeeOrgs(db, [...oldAttendees, ...known]))];
    const from = before && before.held_on < input.heldOn ? (before.held_on as string) : input.heldOn;
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

/** Cancels an activity: it no longer counts in any indicator. */
export async function cancelActivity(ctx: WriteContext, id: string): Promise<WriteResult> {
  const p = new Problems('cancelActivity');
  const activityId = p.id('id', id, 'Activity');
  await p.mustExist(ctx.pool, 'id', 'activity', activityId, 'Activity');
  p.check();
  return transact(ctx, { tables: TABLES }, async (tx) => {
    const db = tx.client;
    const before = (await db.query(`select * from activity where id = $1 for update`, [activityId])).rows[0];
    const { rows } = await db.query(
      `select distinct m.organization_id from attendance t join member m on m.id = t.member_id where t.activity_id = $1`,
      [activityId],
    );
    const orgIds = [before.organization_id as number, ...rows.map((r) => r.organization_id as number)];
    await tx.moving({ orgIds, from: before.held_on }, () =>
      db.query(`update activity set status = 'cancelled', updated_at = now() where id = $1`, [activityId]),
    );
    tx.audit({ action: 'activity.cancel', entity: 'activity', entityId: activityId, before, after: { status: 'cancelled' } });
    return { id, rows: 1 };
  });
}
