/** The activity feature's writes, as mutations (thin: each hands its input to activity.writes.ts). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, REASON, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { CorrectAttendanceInput, RecordActivityInput } from './activity.inputs.js';
import { cancelActivity, correctAttendance, deleteActivity, recordActivity } from './activity.writes.js';

@Resolver()
export class ActivityWriteResolver {
  @Mutation(() => WriteResult, {
    description: d(
      '记录、修改或取消活动（含出勤），同一事务内更新指标',
      'Record, change or cancel an activity with its attendance; indicators move in the same transaction',
    ),
  })
  recordActivity(
    @Ctx() ctx: Context,
    @Arg('input', () => RecordActivityInput, { description: d('活动', 'The activity') }) input: RecordActivityInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'recordActivity', input, (w) => recordActivity(w, input));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '取消活动（不再计入指标，仍列为已取消）；可说明理由（记入审计日志）',
      'Cancel an activity (it no longer counts, and stays listed as cancelled); a reason may be given (kept in the audit log)',
    ),
  })
  cancelActivity(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('活动全局ID', 'Activity global id') }) id: string,
    @Arg('reason', () => String, {
      nullable: true,
      description: d('理由（可选；给出时至少 2 个字，最多 500 字）', 'Reason (optional; 2 to 500 characters when given)'),
    })
    reason?: string | null,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    // The key's request is the id alone when no reason is given, as before reasons existed.
    const request = reason == null ? id : { id, reason };
    return idempotent(writeContext(ctx, idempotencyKey), 'cancelActivity', request, (w) => cancelActivity(w, id, reason));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '删除误录的活动（如重复录入的会议）及其出勤，须说明理由；审计日志保留原记录',
      'Delete an activity recorded by mistake (a duplicated meeting) with its attendance, with a reason; the audit log keeps the record',
    ),
  })
  deleteActivity(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('活动全局ID', 'Activity global id') }) id: string,
    @Arg('reason', () => String, { description: REASON }) reason: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'deleteActivity', { id, reason }, (w) => deleteActivity(w, id, reason));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '更正一人的出勤（改状态、补录或删除），无需重录整次活动；须说明理由',
      'Correct one person’s attendance (status, added, or removed) without retyping the activity; with a reason',
    ),
  })
  correctAttendance(
    @Ctx() ctx: Context,
    @Arg('input', () => CorrectAttendanceInput, { description: d('更正', 'The correction') }) input: CorrectAttendanceInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'correctAttendance', input, (w) => correctAttendance(w, input));
  }
}
