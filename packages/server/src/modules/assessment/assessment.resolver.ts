/** The assessment feature's writes, as mutations (thin: assessment.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, REASON, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { RecordAssessmentInput } from './assessment.inputs.js';
import { deleteAssessment, recordAssessment } from './assessment.writes.js';

@Resolver()
export class AssessmentWriteResolver {
  @Mutation(() => WriteResult, {
    description: d(
      '记录或修改四级分类考核，同一事务内更新指标',
      'Record or change a classified assessment; indicators move in the same transaction',
    ),
  })
  recordAssessment(
    @Ctx() ctx: Context,
    @Arg('input', () => RecordAssessmentInput, { description: d('考核', 'The assessment') }) input: RecordAssessmentInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'recordAssessment', input, (w) => recordAssessment(w, input));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '删除误录的考核（须说明理由，审计日志保留原记录）',
      'Delete an assessment recorded by mistake (with a reason; the audit log keeps the row)',
    ),
  })
  deleteAssessment(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('考核全局ID', 'Assessment global id') }) id: string,
    @Arg('reason', () => String, { description: REASON }) reason: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'deleteAssessment', { id, reason }, (w) => deleteAssessment(w, id, reason));
  }
}
