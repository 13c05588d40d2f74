/** The ethics feature's writes, as mutations (thin: ethics.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, REASON, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { RecordEthicsEventInput } from './ethics.inputs.js';
import { deleteEthicsEvent, recordEthicsEvent } from './ethics.writes.js';

@Resolver()
export class EthicsWriteResolver {
  @Mutation(() => WriteResult, {
    description: d(
      '记录或修改医德医风事件，同一事务内更新指标',
      'Record or change a medical-ethics event; indicators move in the same transaction',
    ),
  })
  recordEthicsEvent(
    @Ctx() ctx: Context,
    @Arg('input', () => RecordEthicsEventInput, { description: d('事件', 'The event') }) input: RecordEthicsEventInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'recordEthicsEvent', input, (w) => recordEthicsEvent(w, input));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '删除误录的医德医风事件（须说明理由，审计日志保留原记录）',
      'Delete a medical-ethics event recorded by mistake (with a reason; the audit log keeps the row)',
    ),
  })
  deleteEthicsEvent(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('事件全局ID', 'Event global id') }) id: string,
    @Arg('reason', () => String, { description: REASON }) reason: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'deleteEthicsEvent', { id, reason }, (w) => deleteEthicsEvent(w, id, reason));
  }
}
