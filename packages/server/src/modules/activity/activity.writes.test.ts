/**
 * Correcting activities through the real server: an edit that moves a meeting to another month moves
 * both months' cells; a duplicated meeting is deleted with its attendance and a reason (the audit entry
 * keeps the row); one wrong attendance is corrected without retyping the meeting; a cancellation keeps
 * its reason. Every bad input is coded, with its field, in both languages, and writes nothing; a branch
 * secretary cannot touch another branch's meeting; the cells equal a rebuild after all of it.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRole } from '../../domain/enums.js';
import { fromGlobalId, toGlobalId as gid } from '../../graphql/global-id.js';
import { rebuildCells, verifyCells } from '../../indicators/cells.js';
import { schemaTables } from '../../seed/tables.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../../test-support/hub.js';
import { randomHospital, type RandomHospital } from '../../test-support/random-hospital.js';

const RECORD = `mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id rows } }`;
const DELETE = `mutation($id: ID!, $r: String!) { deleteActivity(id: $id, reason: $r) { id rows } }`;
const CANCEL = `mutation($id: ID!, $r: String) { cancelActivity(id: $id, reason: $r) { id rows } }`;
const rowId = (globalId: string) => fromGlobalId(globalId)!.id;
const CORRECT = `mutation($i: CorrectAttendanceInput!) { correctAttendance(input: $i) { id rows } }`;

describe('activity/writes: edit, cancel, delete, correct attendance', () => {
  let hub: TestHub;
  let client: pg.Client;
  let h: RandomHospital;
  let branch: number;
  let insiders: number[];
  let outsider: number;

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        (await schemaTables(client)).map(
          async (t) => [t, Number((await client.query(`select count(*) from ${t}`)).rows[0].count)] as const,
        ),
      ),
    );

  /** A branch's own cell of an indicator in a month (null when none is stored). */
  const cell = async (indicator: string, period: string, org = branch) =>
    (
      await client.query(
        `select numerator::float8 as num, denominator::float8 as den from indicator_cell where indicator_id = $1 and org_id = $2 and period = $3`,
        [indicator, org, period],
      )
    ).rows[0] ?? { num: 0, den: 0 };

  async function refused(query: string, variables: Record<string, unknown>, reason: string, field?: string) {
    const before = await counts();
    const res = await hub.gql(query, variables);
    const e = res.errors?.[0];
    expect(e, JSON.stringify(res.data)).toBeDefined();
    const reasons = [e!.extensions!.reason, ...(e!.extensions!.problems ?? []).map((p: any) => p.reason)];
    expect(reasons, JSON.stringify(e)).toContain(reason);
    if (field) expect([e!.extensions!.field, ...(e!.extensions!.problems ?? []).map((p: any) => p.field)]).toContain(field);
    expect(e!.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(await counts()).toEqual(before);
    return e!;
  }

  const accepted = async (query: string, variables: Record<string, unknown>) => {
    const res = await hub.gql(query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!;
  };

  const meeting = (extra: Record<string, unknown> = {}) => ({
    organizationId: gid('Organization', branch),
    type: 'THEME_PARTY_DAY',
    title: '主题党日',
    heldOn: '2026-01-15',
    attendance: insiders.map((m) => ({ memberId: gid('Member', m), status: 'PRESENT' })),
    ...extra,
  });

  const lastAudit = async (action: string) =>
    (await client.query(`select entity_id, before, after from audit_log where action = $1 order by id desc limit 1`, [action])).rows[0];

  beforeAll(async () => {
    hub = await startTestHub();
    client = new pg.Client({ connectionString: hub.db.url });
    await client.connect();
    h = await randomHospital(client, 11, '2026-06');
    const person = async (org: number, name: string) =>
      (
        await client.query(
          `insert into member (hospital_id, organization_id, name, gender, education, professional_title, staff_category,
             political_status, membership_status, joined_on, converted_on, birth_date)
           values ($1, $2, $3, 'female', 'master', 'intermediate', 'physician', 'full_member', 'active', '2010-05-01', '2011-05-01', '1980-01-01') returning id`,
          [h.hospital, org, name],
        )
      ).rows[0].id as number;
    branch = h.branches[0]!;
    insiders = [await person(branch, '孙一'), await person(branch, '孙二'), await person(branch, '孙三')];
    outsider = await person(h.branches[1]!, '周四');
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
  });
  afterAll(async () => {
    await client.end();
    await hub.close();
  });

  it('should move both months’ cells when an edit moves a meeting from January to March, and back', async () => {
    const [jan0, mar0] = [await cell('theme_party_day_rate', '2026-01'), await cell('org_life_attendance_rate', '2026-03')];
    const { recordActivity } = await accepted(RECORD, { i: meeting({ title: '一月主题党日（日期录错）', heldOn: '2026-01-20' }) });
    const att = await cell('org_life_attendance_rate', '2026-01');
    const moved = await accepted(RECORD, {
      i: meeting({ id: recordActivity.id, title: '一月主题党日（日期录错）', heldOn: '2026-03-20' }),
    });
    expect(moved.recordActivity.id).toBe(recordActivity.id);
    // January no longer holds the meeting's attendance; March does.
    expect((await cell('org_life_attendance_rate', '2026-01')).den).toBe(att.den - insiders.length);
    expect((await cell('org_life_attendance_rate', '2026-03')).den).toBe(mar0.den + insiders.length);
    expect(await cell('theme_party_day_rate', '2026-01')).toEqual(jan0);
    // The audit entry of the edit keeps the row before, its date as a date.
    expect((await lastAudit('activity.update')).before).toMatchObject({ held_on: '2026-01-20', title: '一月主题党日（日期录错）' });
    await accepted(RECORD, { i: meeting({ id: recordActivity.id, title: '一月主题党日（日期录错）', heldOn: '2026-01-20' }) });
    expect(await cell('org_life_attendance_rate', '2026-01')).toEqual(att);
    expect(await cell('org_life_attendance_rate', '2026-03')).toEqual(mar0);
  });

  it('should keep the attendance when an edit leaves it out, and replace it when the edit lists it', async () => {
    const { recordActivity } = await accepted(RECORD, { i: meeting({ title: '改标题', heldOn: '2026-02-20' }) });
    const { attendance: _, ...withoutAttendance } = meeting({ id: recordActivity.id, title: '改了标题', heldOn: '2026-02-20' });
    await accepted(RECORD, { i: withoutAttendance });
    const listed = async () =>
      (
        await client.query(`select member_id from attendance where activity_id = $1 order by member_id`, [rowId(recordActivity.id)])
      ).rows.map((r) => r.member_id as number);
    expect(await listed()).toEqual(insiders.toSorted((x, y) => x - y));
    await accepted(RECORD, {
      i: meeting({
        id: recordActivity.id,
        title: '改了标题',
        heldOn: '2026-02-20',
        attendance: [{ memberId: gid('Member', insiders[1]!), status: 'ABSENT' }],
      }),
    });
    expect(await listed()).toEqual([insiders[1]]);
  });

  it('should delete a duplicated meeting with its attendance, keeping the row and the reason in the audit log', async () => {
    const before = await cell('org_life_attendance_rate', '2026-02');
    const { recordActivity } = await accepted(RECORD, { i: meeting({ title: '二月主题党日', heldOn: '2026-02-10' }) });
    const dup = await accepted(RECORD, { i: meeting({ title: '二月主题党日（重复）', heldOn: '2026-02-10' }) });
    expect((await cell('org_life_attendance_rate', '2026-02')).den).toBe(before.den + 2 * insiders.length);
    const res = await accepted(DELETE, { id: dup.recordActivity.id, r: '重复录入' });
    expect(res.deleteActivity).toEqual({ id: dup.recordActivity.id, rows: 1 + insiders.length });
    expect((await cell('org_life_attendance_rate', '2026-02')).den).toBe(before.den + insiders.length);
    const id = rowId(dup.recordActivity.id);
    expect((await client.query(`select 1 from activity where id = $1`, [id])).rowCount).toBe(0);
    expect((await client.query(`select 1 from attendance where activity_id = $1`, [id])).rowCount).toBe(0);
    const audit = await lastAudit('activity.delete');
    expect(audit.after).toEqual({ reason: '重复录入' });
    expect(audit.before).toMatchObject({ title: '二月主题党日（重复）', held_on: '2026-02-10', organization_id: branch });
    expect(audit.before.attendance).toHaveLength(insiders.length);
    // Deleting it again: a coded not found.
    await refused(DELETE, { id: dup.recordActivity.id, r: '重复录入' }, 'id/not_found', 'deleteActivity.id');
    // Nor can the deleted meeting be edited or cancelled.
    await refused(RECORD, { i: meeting({ id: dup.recordActivity.id }) }, 'id/not_found', 'recordActivity.input.id');
    await refused(CANCEL, { id: dup.recordActivity.id }, 'id/not_found', 'cancelActivity.id');
    expect(recordActivity.id).toBeTruthy();
  });

  it('should delete once with an idempotency key: a retry gets the first answer, not a not found', async () => {
    const { recordActivity } = await accepted(RECORD, { i: meeting({ title: '重试删除', heldOn: '2026-02-14' }) });
    const KEYED = `mutation($id: ID!, $r: String!, $k: String) { deleteActivity(id: $id, reason: $r, idempotencyKey: $k) { id rows } }`;
    const v = { id: recordActivity.id, r: '重复录入', k: 'delete-retry-0001' };
    const first = await accepted(KEYED, v);
    const audits = Number((await client.query(`select count(*) from audit_log where action = 'activity.delete'`)).rows[0].count);
    expect(await accepted(KEYED, v)).toEqual(first);
    expect(Number((await client.query(`select count(*) from audit_log where action = 'activity.delete'`)).rows[0].count)).toBe(audits);
    await refused(KEYED, { ...v, r: '另一个理由' }, 'idempotency/conflict', 'idempotencyKey');
  });

  it('should refuse a deletion without a reason, with a one-character or an overlong one, or of no activity', async () => {
    const { recordActivity } = await accepted(RECORD, { i: meeting({ title: '待删除', heldOn: '2026-02-12' }) });
    for (const r of ['', '   ', '错'])
      await refused(DELETE, { id: recordActivity.id, r }, 'input/reason_required', 'deleteActivity.reason');
    await refused(DELETE, { id: recordActivity.id, r: '长'.repeat(501) }, 'input/too_long', 'deleteActivity.reason');
    await refused(DELETE, { id: gid('Member', insiders[0]!), r: '重复录入' }, 'id/invalid', 'deleteActivity.id');
    await refused(DELETE, { id: gid('Activity', 99_999_999), r: '重复录入' }, 'id/not_found', 'deleteActivity.id');
    // Both problems at once.
    const e = await refused(DELETE, { id: 'nonsense', r: '' }, 'id/invalid');
    expect(e.extensions!.problems.map((p: any) => p.field)).toEqual(['deleteActivity.id', 'deleteActivity.reason']);
  });

  it('should keep a cancellation’s reason, accept one without, and refuse a one-character reason', async () => {
    const a = await accepted(RECORD, { i: meeting({ title: '取消的会', heldOn: '2026-04-08' }) });
    await refused(CANCEL, { id: a.recordActivity.id, r: '雨' }, 'input/reason_required', 'cancelActivity.reason');
    await accepted(CANCEL, { id: a.recordActivity.id, r: '专家临时出诊，改期' });
    expect((await lastAudit('activity.cancel')).after).toEqual({ status: 'cancelled', reason: '专家临时出诊，改期' });
    const b = await accepted(RECORD, { i: meeting({ title: '另一个取消的会', heldOn: '2026-04-09' }) });
    await accepted(CANCEL, { id: b.recordActivity.id });
    expect((await lastAudit('activity.cancel')).after).toEqual({ status: 'cancelled', reason: null });
    // A cancelled duplicate can still be deleted.
    await accepted(DELETE, { id: b.recordActivity.id, r: '重复录入' });
  });

  it('should correct one attendance (status, added, removed) without retyping the meeting, moving the attendance rate', async () => {
    const { recordActivity } = await accepted(RECORD, {
      i: meeting({
        title: '五月主题党日',
        heldOn: '2026-05-12',
        attendance: [{ memberId: gid('Member', insiders[0]!), status: 'PRESENT' }],
      }),
    });
    const c = (memberId: number, extra: Record<string, unknown>) => ({
      i: { activityId: recordActivity.id, memberId: gid('Member', memberId), reason: '登记有误', ...extra },
    });
    const start = await cell('org_life_attendance_rate', '2026-05');
    await accepted(CORRECT, c(insiders[0]!, { status: 'LEAVE' }));
    expect(await cell('org_life_attendance_rate', '2026-05')).toEqual({ num: start.num - 1, den: start.den });
    expect((await lastAudit('attendance.correct')).before).toMatchObject({ member_id: insiders[0], status: 'present', reason: null });
    await accepted(CORRECT, c(insiders[1]!, { status: 'PRESENT' }));
    expect(await cell('org_life_attendance_rate', '2026-05')).toEqual({ num: start.num, den: start.den + 1 });
    await accepted(CORRECT, c(insiders[0]!, { remove: true }));
    expect(await cell('org_life_attendance_rate', '2026-05')).toEqual({ num: start.num, den: start.den });
    expect((await lastAudit('attendance.correct')).after).toEqual({ member_id: insiders[0], removed: true, reason: '登记有误' });
    const rows = await client.query(`select member_id, status from attendance where activity_id = $1`, [rowId(recordActivity.id)]);
    expect(rows.rows).toEqual([{ member_id: insiders[1], status: 'present' }]);
    // Bad corrections: nothing written.
    await refused(CORRECT, c(insiders[0]!, { remove: true }), 'id/not_found', 'correctAttendance.input.memberId');
    await refused(CORRECT, c(insiders[2]!, { status: 'PRESENT', remove: true }), 'input/inconsistent', 'correctAttendance.input.status');
    await refused(CORRECT, c(insiders[2]!, {}), 'input/inconsistent', 'correctAttendance.input.status');
    await refused(CORRECT, c(outsider, { status: 'PRESENT' }), 'input/not_in_organization', 'correctAttendance.input.memberId');
    await refused(CORRECT, c(insiders[2]!, { status: 'PRESENT', reason: ' ' }), 'input/reason_required', 'correctAttendance.input.reason');
    await refused(
      CORRECT,
      { i: { activityId: gid('Activity', 99_999_999), memberId: gid('Member', insiders[2]!), status: 'PRESENT', reason: '登记有误' } },
      'id/not_found',
      'correctAttendance.input.activityId',
    );
  });

  it('should keep a reason for leave or absence, and refuse one for a person present', async () => {
    const reasons = async (id: string) =>
      (await client.query(`select member_id, status, reason from attendance where activity_id = $1 order by member_id`, [rowId(id)])).rows;
    const { recordActivity } = await accepted(RECORD, {
      i: meeting({
        title: '六月主题党日',
        heldOn: '2026-06-02',
        attendance: [
          { memberId: gid('Member', insiders[0]!), status: 'PRESENT' },
          { memberId: gid('Member', insiders[1]!), status: 'LEAVE', reason: ' 门诊值班 ' },
          { memberId: gid('Member', insiders[2]!), status: 'ABSENT', reason: '' },
        ],
      }),
    });
    expect(await reasons(recordActivity.id)).toEqual([
      { member_id: insiders[0], status: 'present', reason: null },
      { member_id: insiders[1], status: 'leave', reason: '门诊值班' },
      { member_id: insiders[2], status: 'absent', reason: null },
    ]);
    const present = meeting({
      title: '六月主题党日（出席有原因）',
      heldOn: '2026-06-03',
      attendance: [
        { memberId: gid('Member', insiders[0]!), status: 'LEAVE', reason: '外出学习' },
        { memberId: gid('Member', insiders[1]!), status: 'PRESENT', reason: '迟到' },
      ],
    });
    await refused(RECORD, { i: present }, 'input/inconsistent', 'recordActivity.input.attendance.1.reason');
    const long = meeting({
      title: '六月主题党日（原因太长）',
      heldOn: '2026-06-03',
      attendance: [{ memberId: gid('Member', insiders[0]!), status: 'ABSENT', reason: '长'.repeat(201) }],
    });
    await refused(RECORD, { i: long }, 'input/too_long');
    // A correction sets (or clears) the reason with the status.
    const c = (memberId: number, extra: Record<string, unknown>) => ({
      i: { activityId: recordActivity.id, memberId: gid('Member', memberId), reason: '登记有误', ...extra },
    });
    await accepted(CORRECT, c(insiders[0]!, { status: 'ABSENT', absenceReason: '手术中' }));
    await accepted(CORRECT, c(insiders[1]!, { status: 'PRESENT' }));
    expect(await reasons(recordActivity.id)).toEqual([
      { member_id: insiders[0], status: 'absent', reason: '手术中' },
      { member_id: insiders[1], status: 'present', reason: null },
      { member_id: insiders[2], status: 'absent', reason: null },
    ]);
    expect((await lastAudit('attendance.correct')).after).toEqual({
      member_id: insiders[1],
      status: 'present',
      reason: '登记有误',
    });
    await refused(
      CORRECT,
      c(insiders[2]!, { status: 'PRESENT', absenceReason: '迟到' }),
      'input/inconsistent',
      'correctAttendance.input.absenceReason',
    );
    await refused(
      CORRECT,
      c(insiders[2]!, { remove: true, absenceReason: '误录' }),
      'input/inconsistent',
      'correctAttendance.input.absenceReason',
    );
    // The database refuses it too.
    await expect(
      client.query(`update attendance set reason = '迟到' where activity_id = $1 and status = 'present'`, [rowId(recordActivity.id)]),
    ).rejects.toThrow(/attendance_reason/);
  });

  it('should take attendees who were members of the organisation (or one under it) on the day, and refuse the others', async () => {
    // 钱五: in branch 1 until 2026-03-01, then in branch 0 (a dated transfer); 吴六: outflowing, still on branch 0's roll.
    const person = async (org: number, name: string, status = 'active') =>
      (
        await client.query(
          `insert into member (hospital_id, organization_id, name, gender, education, professional_title, staff_category,
             political_status, membership_status, joined_on, converted_on, birth_date)
           values ($1, $2, $3, 'male', 'master', 'intermediate', 'physician', 'full_member', $4, '2010-05-01', '2011-05-01', '1980-01-01') returning id`,
          [h.hospital, org, name, status],
        )
      ).rows[0].id as number;
    const moved = await person(branch, '钱五');
    await client.query(`update membership set from_on = '2026-03-01', kind = 'transferred_in' where member_id = $1`, [moved]);
    await client.query(
      `insert into membership (member_id, organization_id, from_on, to_on, kind, ended_as) values ($1, $2, null, '2026-03-01', 'recorded', 'transferred_out')`,
      [moved, h.branches[1]],
    );
    const outflowing = await person(branch, '吴六', 'outflow');
    // The fixture's people were written around the hub: its cells recomputed, as in beforeAll.
    await client.query('begin');
    await rebuildCells(client);
    await client.query('commit');
    const names = (await client.query(`select id, name from organization where id = any($1::int[])`, [[branch, h.committee]])).rows;
    const nameOf = (id: number) => names.find((o) => o.id === id)!.name as string;
    const list = (status = 'PRESENT') => [
      { memberId: gid('Member', insiders[0]!), status: 'PRESENT' },
      { memberId: gid('Member', moved), status },
    ];
    // Before the transfer: not a member of branch 0, named by the attendee's index.
    const e = await refused(
      RECORD,
      { i: meeting({ title: '二月支部党员大会', heldOn: '2026-02-10', type: 'BRANCH_GENERAL_MEETING', attendance: list() }) },
      'input/not_in_organization',
      'recordActivity.input.attendance.1.memberId',
    );
    const p = e.extensions!.problems.find((x: any) => x.field === 'recordActivity.input.attendance.1.memberId');
    expect(p.zh).toBe(`此人在 2026-02-10 不是 ${nameOf(branch)} 的党员`);
    expect(p.en).toBe(`this person was not a member of ${nameOf(branch)} on 2026-02-10`);
    // After it: accepted; at branch 1 before it: accepted (transferred out since); at branch 1 after it: refused.
    const march = await accepted(RECORD, { i: meeting({ title: '三月支部党员大会', heldOn: '2026-03-10', attendance: list() }) });
    // An edit keeping that attendance but moving the meeting before the transfer: refused on the date.
    const { attendance: _kept, ...moveBack } = meeting({ id: march.recordActivity.id, title: '三月支部党员大会', heldOn: '2026-02-20' });
    const kept = await refused(RECORD, { i: moveBack }, 'input/not_in_organization', 'recordActivity.input.heldOn');
    expect(kept.extensions!.problems[0].zh).toBe(`已登记的出勤中有 1 人在 2026-02-20 不是 ${nameOf(branch)} 的党员：请同时给出出勤`);
    const b1 = { organizationId: gid('Organization', h.branches[1]!), attendance: [{ memberId: gid('Member', moved), status: 'PRESENT' }] };
    await accepted(RECORD, { i: meeting({ ...b1, title: '一支部二月党日', heldOn: '2026-02-11' }) });
    await refused(
      RECORD,
      { i: meeting({ ...b1, title: '一支部四月党日', heldOn: '2026-04-11' }) },
      'input/not_in_organization',
      'recordActivity.input.attendance.0.memberId',
    );
    // The committee's meeting takes members of every branch under it; an outflowing member is still on the roll.
    await accepted(RECORD, {
      i: meeting({
        organizationId: gid('Organization', h.committee),
        title: '全院党员大会',
        heldOn: '2026-03-12',
        attendance: [
          { memberId: gid('Member', insiders[0]!), status: 'PRESENT' },
          { memberId: gid('Member', outsider), status: 'PRESENT' },
          { memberId: gid('Member', outflowing), status: 'LEAVE', reason: '外出务工' },
        ],
      }),
    });
    // A correction adding the person to a meeting before the transfer: refused the same way; after it: accepted.
    const feb = await accepted(RECORD, { i: meeting({ title: '二月党日（更正）', heldOn: '2026-02-16' }) });
    await refused(
      CORRECT,
      { i: { activityId: feb.recordActivity.id, memberId: gid('Member', moved), status: 'ABSENT', reason: '漏登记' } },
      'input/not_in_organization',
      'correctAttendance.input.memberId',
    );
    const mar = await accepted(RECORD, { i: meeting({ title: '三月党日（更正）', heldOn: '2026-03-16' }) });
    await accepted(CORRECT, {
      i: { activityId: mar.recordActivity.id, memberId: gid('Member', moved), status: 'ABSENT', reason: '漏登记' },
    });
  });

  it('should refuse a branch secretary deleting, cancelling or correcting another branch’s meeting, and writing nothing', async () => {
    const other = await accepted(RECORD, {
      i: meeting({
        organizationId: gid('Organization', h.branches[1]!),
        title: '别的支部',
        heldOn: '2026-05-20',
        attendance: [{ memberId: gid('Member', outsider), status: 'PRESENT' }],
      }),
    });
    const cookie = await signedIn(hub.url, hub.db.url, 'a.sun', AccountRole.SECRETARY, [branch]);
    const as = (q: string, v?: Record<string, unknown>) => postGraphQL(hub.url, cookie, q, v);
    const id = other.recordActivity.id;
    const before = await counts();
    for (const [q, v] of [
      [DELETE, { id, r: '重复录入' }],
      [CANCEL, { id, r: '改期了' }],
      [CORRECT, { i: { activityId: id, memberId: gid('Member', outsider), status: 'ABSENT', reason: '登记有误' } }],
    ] as const) {
      const res = await as(q, v);
      expect(res.errors?.[0]?.extensions, q).toMatchObject({ code: 'FORBIDDEN', reason: 'auth/out_of_scope' });
    }
    const after = await counts();
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    // Its own branch's meeting it may delete.
    const own = await accepted(RECORD, { i: meeting({ title: '本支部重复', heldOn: '2026-05-21' }) });
    const res = await as(DELETE, { id: own.recordActivity.id, r: '重复录入' });
    expect(res.errors).toBeUndefined();
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
