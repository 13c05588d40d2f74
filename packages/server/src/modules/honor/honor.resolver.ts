/** The honor feature's writes, as mutations (thin: honor.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, REASON, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { AwardHonorInput } from './honor.inputs.js';
import { awardHonor, deleteHonor, updateHonor } from './honor.writes.js';

@Resolver()
export class HonorWriteResolver {
  @Mutation(() => WriteResult, { description: d('授予荣誉', 'Award an honor') })
  awardHonor(
    @Ctx() ctx: Context,
    @Arg('input', () => AwardHonorInput, { description: d('荣誉', 'The honor') }) input: AwardHonorInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'awardHonor', input, (w) => awardHonor(w, input));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '修改一项荣誉（整体替换各字段），审计日志保留修改前后',
      'Change an honor (every field replaced); the audit log keeps it before and after',
    ),
  })
  updateHonor(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('荣誉全局ID', 'Honor global id') }) id: string,
    @Arg('input', () => AwardHonorInput, { description: d('荣誉', 'The honor') }) input: AwardHonorInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'updateHonor', { id, input }, (w) => updateHonor(w, id, input));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '删除误录的荣誉（须说明理由，审计日志保留原记录）',
      'Delete an honor recorded by mistake (with a reason; the audit log keeps the row)',
    ),
  })
  deleteHonor(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('荣誉全局ID', 'Honor global id') }) id: string,
    @Arg('reason', () => String, { description: REASON }) reason: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'deleteHonor', { id, reason }, (w) => deleteHonor(w, id, reason));
  }
}
