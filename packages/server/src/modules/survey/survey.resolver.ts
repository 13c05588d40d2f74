/** The survey feature's writes, as mutations (thin: survey.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { SurveyResponseInput } from './survey.inputs.js';
import { MAX_RESPONSES, submitSurveyResponses } from './survey.writes.js';

@Resolver()
export class SurveyWriteResolver {
  @Mutation(() => WriteResult, {
    description: d(
      '批量提交满意度答卷：全部有效才写入，否则列出每一条错误',
      'Submit survey responses as a batch: all or nothing, every bad row reported',
    ),
  })
  submitSurveyResponses(
    @Ctx() ctx: Context,
    @Arg('surveyId', () => ID, { description: d('调查全局ID', 'Survey global id') }) surveyId: string,
    @Arg('responses', () => [SurveyResponseInput], {
      description: d(`答卷（最多 ${MAX_RESPONSES} 份）`, `Responses (at most ${MAX_RESPONSES.toLocaleString('en')})`),
    })
    responses: SurveyResponseInput[],
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'submitSurveyResponses', { surveyId, responses }, (w) =>
      submitSurveyResponses(w, surveyId, responses),
    );
  }
}
