/** The member feature's writes, as mutations (thin: member.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { DevelopmentStage } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { WriteResult } from '../../graphql/write-result.js';
import { writeContext } from '../../indicators/writes.js';
import { AssignPositionInput } from './member.inputs.js';
import { assignPosition, changeMemberStage } from './member.writes.js';

@Resolver()
export class MemberWriteResolver {
  @Mutation(() => WriteResult, {
    description: d(
      '记录党员发展的一个环节；按《发展党员工作细则》的顺序校验（不可跳过或倒退）',
      'Record a development step, checked against the order of the development rules (no skipping, no going back)',
    ),
  })
  changeMemberStage(
    @Ctx() ctx: Context,
    @Arg('memberId', () => ID, { description: d('人员全局ID', 'Member global id') }) memberId: string,
    @Arg('stage', () => DevelopmentStage, { description: d('发展环节', 'Development step') }) stage: DevelopmentStage,
    @Arg('on', () => LocalDate, { description: d('日期', 'Date') }) on: string,
  ): Promise<WriteResult> {
    return changeMemberStage(writeContext(ctx), memberId, stage, on);
  }

  @Mutation(() => WriteResult, { description: d('任命职务（如新任支部书记）', 'Assign a position (e.g. a new branch secretary)') })
  assignPosition(
    @Ctx() ctx: Context,
    @Arg('input', () => AssignPositionInput, { description: d('职务', 'The position') }) input: AssignPositionInput,
  ): Promise<WriteResult> {
    return assignPosition(writeContext(ctx), input);
  }
}
