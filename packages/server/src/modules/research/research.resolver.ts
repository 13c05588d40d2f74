/** The research feature's writes, as mutations (thin: research.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, REASON, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { RecordResearchProjectInput } from './research.inputs.js';
import { deleteResearchProject, recordResearchProject } from './research.writes.js';

@Resolver()
export class ResearchWriteResolver {
  @Mutation(() => WriteResult, {
    description: d(
      '记录或修改党建课题，同一事务内更新指标',
      'Record or change a research project; indicators move in the same transaction',
    ),
  })
  recordResearchProject(
    @Ctx() ctx: Context,
    @Arg('input', () => RecordResearchProjectInput, { description: d('课题', 'The project') }) input: RecordResearchProjectInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'recordResearchProject', input, (w) => recordResearchProject(w, input));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '删除误录的党建课题（须说明理由，审计日志保留原记录）',
      'Delete a research project recorded by mistake (with a reason; the audit log keeps the row)',
    ),
  })
  deleteResearchProject(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('课题全局ID', 'Project global id') }) id: string,
    @Arg('reason', () => String, { description: REASON }) reason: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'deleteResearchProject', { id, reason }, (w) =>
      deleteResearchProject(w, id, reason),
    );
  }
}
