/** The member feature's writes, as mutations (thin: member.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { DevelopmentStage } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { IDEMPOTENCY_KEY, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { AssignPositionInput, DevelopmentStepCorrectionInput } from './member.inputs.js';
import { changeMemberStage, correctDevelopmentStep } from './member.writes.js';
import { assignPosition } from './position.writes.js';

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
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'changeMemberStage', { memberId, stage, on }, (w) =>
      changeMemberStage(w, memberId, stage, on),
    );
  }

  @Mutation(() => WriteResult, {
    description: d(
      '更正一个发展环节（改日期或删除误录），须说明理由；该人员的状态和受影响的各期指标随之重算',
      'Correct a development step (a wrong date, or one recorded by mistake) with a reason; the person’s status and every period it reaches are recomputed',
    ),
  })
  correctDevelopmentStep(
    @Ctx() ctx: Context,
    @Arg('eventId', () => ID, { description: d('发展环节（DevelopmentEvent）全局ID', 'Development step (DevelopmentEvent) global id') })
    eventId: string,
    @Arg('correction', () => DevelopmentStepCorrectionInput, { description: d('更正', 'The correction') })
    correction: DevelopmentStepCorrectionInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    const c = { on: correction.on ?? null, remove: correction.remove, reason: correction.reason };
    return idempotent(writeContext(ctx, idempotencyKey), 'correctDevelopmentStep', { eventId, c }, (w) =>
      correctDevelopmentStep(w, eventId, c),
    );
  }

  @Mutation(() => WriteResult, { description: d('任命职务（如新任支部书记）', 'Assign a position (e.g. a new branch secretary)') })
  assignPosition(
    @Ctx() ctx: Context,
    @Arg('input', () => AssignPositionInput, { description: d('职务', 'The position') }) input: AssignPositionInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'assignPosition', input, (w) => assignPosition(w, input));
  }
}
