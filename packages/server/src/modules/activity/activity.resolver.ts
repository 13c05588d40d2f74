/** The activity feature's writes, as mutations (thin: each hands its input to activity.writes.ts). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { RecordActivityInput } from './activity.inputs.js';
import { cancelActivity, recordActivity } from './activity.writes.js';

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

  @Mutation(() => WriteResult, { description: d('取消活动（不再计入指标）', 'Cancel an activity (it no longer counts)') })
  cancelActivity(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('活动全局ID', 'Activity global id') }) id: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'cancelActivity', id, (w) => cancelActivity(w, id));
  }
}
