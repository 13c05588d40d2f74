/** Surveys' definitions, as mutations (thin: survey-definition.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { SurveyInput } from './survey-definition.inputs.js';
import { createSurvey, updateSurvey } from './survey-definition.writes.js';

@Resolver()
export class SurveyDefinitionResolver {
  @Mutation(() => WriteResult, { description: d('新建满意度调查（医院党委）', 'Create a satisfaction survey (the hospital’s committee)') })
  createSurvey(
    @Ctx() ctx: Context,
    @Arg('hospitalId', () => ID, { description: d('医院全局ID', 'Hospital global id') }) hospitalId: string,
    @Arg('input', () => SurveyInput, { description: d('调查的定义', 'The survey’s definition') }) input: SurveyInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'createSurvey', { hospitalId, input }, (w) => createSurvey(w, hospitalId, input));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '修改满意度调查：已有数据的调查只能改名称、来源、频次和开始日期（调查对象、计分方式和满意阈值决定已存数据的含义）',
      'Change a survey: one with data changes only its title, source, cadence and start (who is surveyed, the scale and the threshold give stored data its meaning)',
    ),
  })
  updateSurvey(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('调查全局ID', 'Survey global id') }) id: string,
    @Arg('input', () => SurveyInput, {
      description: d(
        '调查的新定义（有数据的调查只能改名称、来源、频次和开始日期）',
        'The survey’s new definition (one with data changes only its title, source, cadence and start)',
      ),
    })
    input: SurveyInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'updateSurvey', { id, input }, (w) => updateSurvey(w, id, input));
  }
}
