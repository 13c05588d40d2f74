/**
 * A person's development steps, their corrections and positions, in the shared write transaction: the
 * rows, the cells of every indicator reading development events, people or positions, the audit entry and
 * the notification. Steps follow the procedure (domain/development.ts: NEXT_STEPS); going back is a
 * correction with a reason. The cells move from the earliest day any changed fact reaches: the step's,
 * and the person's joining and conversion dates before and after (a status counts from joining on).
 */
import {
  firstIllegalStep,
  NEXT_STEPS,
  stateWithoutRecord,
  statusFromSteps,
  type Step,
  type StatusFromSteps,
} from '../../domain/development.js';
import type { DevelopmentStage, PoliticalStatus } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { deptOrgs, ScopeChanged, transact, type WriteTx } from '../../indicators/writes.js';
import type { WriteContext } from '../../indicators/writes.js';

const TABLES = ['development_event', 'member'];

interface Person extends StatusFromSteps {
  id: number;
  organizationId: number;
  departmentId: number | null;
}

/** The person's organisations (their branch, their department's), locked first, then their row; again if they moved meanwhile. */
async function lockPerson(tx: WriteTx, member: number): Promise<{ person: Person; orgIds: number[] }> {
  const read = async (lock: string) =>
    (
      await tx.client.query(
        `select id, organization_id as "organizationId", department_id as "departmentId", political_status as "politicalStatus",
           joined_on::text as "joinedOn", converted_on::text as "convertedOn" from member where id = $1 ${lock}`,
        [member],
      )
    ).rows[0] as Person;
  const seen = await read('');
  const dept = seen.departmentId ? (await deptOrgs(tx.client, [seen.departmentId])).get(seen.departmentId) : undefined;
  const orgIds = [seen.organizationId, ...(dept ? [dept] : [])];
  await tx.lock(orgIds);
  const person = await read('for no key update');
  if (person.organizationId !== seen.organizationId || person.departmentId !== seen.departmentId) throw new ScopeChanged();
  return { person, orgIds };
}

interface StoredStep extends Step {
  id: number;
}

const stepsOf = async (db: Queryable, member: number): Promise<StoredStep[]> =>
  (await db.query(`select id, stage, event_date::text as on from development_event where member_id = $1 order by event_date, id`, [member]))
    .rows as StoredStep[];

/** The earliest day a change of steps reaches: the steps' dates and the joining and conversion dates before and after. */
const earliest = (dates: (string | null | undefined)[]): string => dates.filter((x): x is string => !!x).toSorted()[0]!;

/** Writes the person's status from their steps. */
async function saveStatus(db: Queryable, member: number, s: StatusFromSteps): Promise<void> {
  await db.query(`update member set political_status = $2, joined_on = $3, converted_on = $4, updated_at = now() where id = $1`, [
    member,
    s.politicalStatus,
    s.joinedOn,
    s.convertedOn,
  ]);
}

/** The database's own rules on a step (Migration20261129060000), as coded errors that never name a stored date. */
async function guardedStep(root: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e.code !== '23514' || !e.constraint?.startsWith('development_event')) throw err;
    const p = new Problems(root);
    if (e.constraint === 'development_event_after_18')
      p.add(
        'on',
        Reason.stageAge,
        '不符合年龄要求（递交入党申请时须年满十八周岁）',
        'does not meet the age requirement (18 years old when applying)',
      );
    else if (e.constraint === 'development_event_after_joining')
      p.add(
        'on',
        Reason.stageOutOfOrder,
        '该环节不能早于入党（支部大会接收）',
        'this step cannot come before joining (the branch meeting’s vote)',
      );
    else p.add('stage', Reason.stageOutOfOrder, '该环节不符合发展党员程序顺序', 'this step is out of the procedure’s order');
    p.check();
  }
}

/** Whether a step may follow the person's record (their last step, or their status without one). */
function checkNext(p: Problems, steps: StoredStep[], status: PoliticalStatus, stage: DevelopmentStage, on: string): void {
  const last = steps.at(-1);
  const state = last ? last.stage : stateWithoutRecord(status);
  if (last && last.stage === stage && last.on === on) {
    p.add('stage', Reason.duplicate, '该环节已记录（同一日期）', 'this step is recorded already (on the same day)');
  } else if (!NEXT_STEPS[state].length) {
    p.add(
      'stage',
      Reason.stageClosed,
      '该人员的发展程序已结束（已转正、撤回或取消资格），更正请用 correctDevelopmentStep',
      'this person’s procedure has ended (converted, withdrawn or cancelled); use correctDevelopmentStep to correct it',
    );
  } else if (!NEXT_STEPS[state].includes(stage)) {
    p.add(
      'stage',
      Reason.stageOutOfOrder,
      `按发展党员程序，此时只能记录：${NEXT_STEPS[state].join('、')}`,
      `at this point the procedure allows only: ${NEXT_STEPS[state].join(', ')}`,
    );
  }
  if (last && on < last.on)
    p.add('on', Reason.stageBeforeLast, `日期早于上一环节（${last.on}）`, `date is before the previous step (${last.on})`);
}

/** Records a step of the development procedure and the person's resulting status. */
export async function changeMemberStage(ctx: WriteContext, memberId: string, stage: DevelopmentStage, on: string): Promise<WriteResult> {
  const p = new Problems('changeMemberStage');
  const member = p.id('memberId', memberId, 'Member');
  p.plausibleDate('on', on);
  await p.mustExist(ctx.pool, 'memberId', 'member', member, 'Member');
  p.check();
  return transact(ctx, { tables: TABLES }, async (tx) => {
    const { person, orgIds } = await lockPerson(tx, member!);
    const steps = await stepsOf(tx.client, member!);
    const order = new Problems('changeMemberStage');
    checkNext(order, steps, person.politicalStatus, stage, on);
    order.check();
    const after = statusFromSteps([...steps, { stage, on }], person);
    const from = earliest([on, person.joinedOn, person.convertedOn, after.joinedOn, after.convertedOn]);
    await tx.moving({ orgIds, from }, async () => {
      await guardedStep('changeMemberStage', () =>
        tx.client.query(`insert into development_event (member_id, stage, event_date) values ($1, $2, $3)`, [member, stage, on]),
      );
      await saveStatus(tx.client, member!, after);
    });
    tx.audit({ action: 'member.stage', entity: 'member', entityId: member, before: person, after: { stage, on, ...after } });
    return { id: memberId, rows: 2 };
  });
}

export interface StepCorrection {
  /** The step's new date; null with `remove`. */
  on: string | null;
  remove: boolean;
  reason: string;
}

/** The corrected record must still follow the procedure from the corrected step on (what came before stands). */
function checkCorrected(p: Problems, corrected: StoredStep[], from: number): void {
  const start = from > 0 ? corrected[from - 1]!.stage : 'START';
  const bad = firstIllegalStep(corrected.slice(from), start);
  if (bad != null)
    p.add('on', Reason.stageOutOfOrder, '更正后的发展纪实不符合程序顺序', 'the corrected record would be out of the procedure’s order');
}

/**
 * Corrects a recorded step (a wrong date, or a step that should not be there), with a reason kept in the
 * audit log: the person's status and every period the change reaches are recomputed.
 */
export async function correctDevelopmentStep(ctx: WriteContext, eventId: string, c: StepCorrection): Promise<WriteResult> {
  const p = new Problems('correctDevelopmentStep');
  const id = p.id('eventId', eventId, 'DevelopmentEvent');
  if (!c.reason.trim()) p.add('reason', Reason.correctionReason, '更正须说明理由', 'a correction needs a reason');
  if (c.remove === (c.on != null))
    p.add('on', Reason.inputInconsistent, '请给出新日期或 remove: true（二选一）', 'give either a new date or remove: true');
  if (c.on != null) p.plausibleDate('on', c.on);
  await p.mustExist(ctx.pool, 'eventId', 'development_event', id, 'DevelopmentEvent');
  p.check();
  const member = (await ctx.pool.query(`select member_id from development_event where id = $1`, [id])).rows[0].member_id as number;
  return transact(ctx, { tables: TABLES }, async (tx) => {
    const { person, orgIds } = await lockPerson(tx, member);
    const steps = await stepsOf(tx.client, member);
    const old = steps.find((s) => s.id === id);
    if (!old) throw new ScopeChanged(); // removed or moved to another person meanwhile
    const corrected = (c.remove ? steps.filter((s) => s.id !== id) : steps.map((s) => (s.id === id ? { ...s, on: c.on! } : s))).toSorted(
      (a, b) => a.on.localeCompare(b.on) || a.id - b.id,
    );
    const order = new Problems('correctDevelopmentStep');
    checkCorrected(
      order,
      corrected,
      Math.max(
        0,
        corrected.findIndex((s) => s.on >= earliest([old.on, c.on])),
      ),
    );
    order.check();
    const after = statusFromSteps(corrected, person);
    const from = earliest([old.on, c.on, person.joinedOn, person.convertedOn, after.joinedOn, after.convertedOn]);
    await tx.moving({ orgIds, from }, async () => {
      await guardedStep('correctDevelopmentStep', () =>
        c.remove
          ? tx.client.query(`delete from development_event where id = $1`, [id])
          : tx.client.query(`update development_event set event_date = $2, updated_at = now() where id = $1`, [id, c.on]),
      );
      await saveStatus(tx.client, member, after);
    });
    tx.audit({
      action: 'member.stage.correct',
      entity: 'development_event',
      entityId: id,
      before: { ...old, person },
      after: { ...c, ...after },
    });
    return { id: eventId, rows: 2 };
  });
}
