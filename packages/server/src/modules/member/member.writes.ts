/**
 * A person's development steps and positions, in the shared write transaction: the rows, the cells of
 * every indicator reading development events, people or positions, the audit entry and the notification.
 */
import type pg from 'pg';
import { ENDED, STAGE_RANK, STATUS_OF_RANK } from '../../domain/development.js';
import { PositionRole, type DevelopmentStage } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Problems } from '../../graphql/problems.js';
import type { WriteResult } from '../../graphql/write-result.js';
import type { Queryable } from '../../indicators/cells.js';
import { deptOrgs, transact, type WriteContext } from '../../indicators/writes.js';
import type { AssignPositionInput } from './member.inputs.js';

/** The order rules: no step after the procedure ended, none skipped or going back, none dated before the last. */
async function checkOrder(db: pg.Pool, p: Problems, member: number, stage: DevelopmentStage, on: string): Promise<void> {
  const { rows } = await db.query(`select stage, event_date::text as on from development_event where member_id = $1`, [member]);
  const reached = Math.max(0, ...rows.map((r) => STAGE_RANK[r.stage as DevelopmentStage]));
  const last = rows
    .map((r) => r.on as string)
    .toSorted()
    .at(-1);
  const next = STAGE_RANK[stage];
  if (reached === ENDED)
    p.add(
      'stage',
      Reason.stageClosed,
      '该人员的发展已终止（撤回或取消资格）',
      'this person’s development has ended (withdrawn or cancelled)',
    );
  else if (next !== ENDED && (next < reached || next > reached + 1))
    p.add('stage', Reason.stageOutOfOrder, `不能从第 ${reached} 阶段直接到 ${stage}`, `${stage} cannot follow stage ${reached}`);
  if (last && on < last) p.add('on', Reason.stageBeforeLast, `日期早于上一环节（${last}）`, `date is before the previous step (${last})`);
}

/** Inserts the step; the database's own order rules (Migration20261129060000) answer as a coded error. */
async function insertStep(db: Queryable, member: number, stage: DevelopmentStage, on: string): Promise<void> {
  try {
    await db.query(`insert into development_event (member_id, stage, event_date) values ($1, $2, $3)`, [member, stage, on]);
  } catch (err) {
    const e = err as { code?: string; constraint?: string; message: string };
    if (e.code !== '23514' || !e.constraint?.startsWith('development_event')) throw err;
    const problems = new Problems('changeMemberStage');
    problems.add('stage', Reason.stageOutOfOrder, `该环节不符合发展党员程序顺序（${e.message}）`, e.message);
    problems.check();
  }
}

/** Records a step of the development procedure and the person's resulting status. */
export async function changeMemberStage(ctx: WriteContext, memberId: string, stage: DevelopmentStage, on: string): Promise<WriteResult> {
  const p = new Problems('changeMemberStage');
  const member = p.id('memberId', memberId, 'Member');
  p.date('on', on);
  await p.mustExist(ctx.pool, 'memberId', 'member', member, 'Member');
  if (member != null && p.ok) await checkOrder(ctx.pool, p, member, stage, on);
  p.check();
  return transact(ctx, { tables: ['development_event', 'member'] }, async (tx) => {
    const db = tx.client;
    const before = (
      await db.query(
        `select id, organization_id, department_id, political_status, joined_on::text, converted_on::text from member where id = $1 for update`,
        [member],
      )
    ).rows[0];
    const dept = before.department_id ? (await deptOrgs(db, [before.department_id])).get(before.department_id) : undefined;
    await tx.moving({ orgIds: [before.organization_id, dept], from: on }, async () => {
      await insertStep(db, member!, stage, on);
      const rank = STAGE_RANK[stage];
      if (rank === ENDED) return;
      await db.query(
        `update member set political_status = $2,
           joined_on = case when $3 = 'branch_vote_admit' then $4::date else joined_on end,
           converted_on = case when $3 = 'conversion_approved' then $4::date else converted_on end, updated_at = now()
         where id = $1`,
        [member, STATUS_OF_RANK[rank], stage, on],
      );
    });
    tx.audit({ action: 'member.stage', entity: 'member', entityId: member, before, after: { stage, on } });
    return { id: memberId, rows: 2 };
  });
}

/** Roles held by one person at a time in an organisation: a new holder ends the current one's term the day before. */
const SINGLE_HOLDER = (role: PositionRole) => role !== PositionRole.GROUP_LEADER && role !== PositionRole.ORGANIZATION_MEMBER;

/** Assigns a position (e.g. a new branch secretary). */
export async function assignPosition(ctx: WriteContext, input: AssignPositionInput): Promise<WriteResult> {
  const p = await Problems.of('assignPosition.input', input);
  const org = p.id('organizationId', input.organizationId, 'Organization');
  const member = p.id('memberId', input.memberId, 'Member');
  p.date('startOn', input.startOn);
  await p.mustExist(ctx.pool, 'organizationId', 'organization', org, 'Organization');
  await p.mustExist(ctx.pool, 'memberId', 'member', member, 'Member');
  p.check();
  return transact(ctx, { tables: ['position'] }, async (tx) => {
    const db = tx.client;
    const id = await tx.moving({ orgIds: [org], from: input.startOn }, async () => {
      if (SINGLE_HOLDER(input.role)) {
        await db.query(
          `update position set end_on = $3::date - 1, updated_at = now()
           where organization_id = $1 and role = $2 and start_on < $3 and (end_on is null or end_on >= $3)`,
          [org, input.role, input.startOn],
        );
      }
      const { rows } = await db.query(
        `insert into position (organization_id, member_id, role, start_on, is_dept_head, is_discipline_leader, is_dual_leader)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [org, member, input.role, input.startOn, input.isDeptHead, input.isDisciplineLeader, input.isDualLeader],
      );
      return rows[0].id as number;
    });
    tx.audit({ action: 'position.assign', entity: 'position', entityId: id, after: input });
    return { id: toGlobalId('Position', id), rows: 1 };
  });
}
