/** Ending and deleting positions, as mutations (thin: position-corrections.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { IDEMPOTENCY_KEY, REASON, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { deletePosition, endPosition } from './position-corrections.writes.js';

@Resolver()
export class PositionCorrectionResolver {
  @Mutation(() => WriteResult, {
    description: d(
      '结束任职（辞职、调离等，无人接任时；有人接任时任命新人即自动结束前任）',
      'End a term (a resignation, a move, with no successor; appointing a successor ends the previous term itself)',
    ),
  })
  endPosition(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('任职全局ID', 'Position global id') }) id: string,
    @Arg('endOn', () => LocalDate, { description: d('离任日期（任期最后一天）', 'Last day of the term') }) endOn: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'endPosition', { id, endOn }, (w) => endPosition(w, id, endOn));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '删除误录的任职（须说明理由；审计日志保留原记录）',
      'Delete a position recorded by mistake (with a reason; the audit log keeps the row)',
    ),
  })
  deletePosition(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('任职全局ID', 'Position global id') }) id: string,
    @Arg('reason', () => String, { description: REASON }) reason: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'deletePosition', { id, reason }, (w) => deletePosition(w, id, reason));
  }
}
