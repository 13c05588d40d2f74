/** The model posts’ writes, as mutations (thin: model-post.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, REASON, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { RecordModelPostInput } from './model-post.inputs.js';
import { deleteModelPost, recordModelPost } from './model-post.writes.js';

@Resolver()
export class ModelPostWriteResolver {
  @Mutation(() => WriteResult, {
    description: d(
      '记录、修改或撤销党员示范岗，同一事务内更新指标',
      'Record, change or revoke a model post; indicators move in the same transaction',
    ),
  })
  recordModelPost(
    @Ctx() ctx: Context,
    @Arg('input', () => RecordModelPostInput, { description: d('示范岗', 'The model post') }) input: RecordModelPostInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'recordModelPost', input, (w) => recordModelPost(w, input));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '删除误录的示范岗（须说明理由，审计日志保留原记录；撤销请用 revokedOn）',
      'Delete a model post recorded by mistake (with a reason; the audit log keeps the row; to revoke one, set revokedOn)',
    ),
  })
  deleteModelPost(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('示范岗全局ID', 'Model post global id') }) id: string,
    @Arg('reason', () => String, { description: REASON }) reason: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'deleteModelPost', { id, reason }, (w) => deleteModelPost(w, id, reason));
  }
}
