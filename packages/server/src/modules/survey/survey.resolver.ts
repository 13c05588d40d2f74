/** The survey feature's writes, as mutations (thin: survey.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, REASON, WriteResult } from '../../graphql/write-result.js';
import { LocalDate } from '../../graphql/scalars.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { SurveyResponseInput, SurveyResultInput } from './survey.inputs.js';
import {
  deleteSurveyResponses,
  deleteSurveyResult,
  MAX_DELETED_RESPONSES,
  MAX_RESPONSES,
  recordSurveyResult,
  submitSurveyResponses,
} from './survey.writes.js';

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

  @Mutation(() => WriteResult, {
    description: d(
      `删除误录的一批答卷：某调查在两日之间（含）的答卷（可限某科室），须说明理由；一次最多 ${MAX_DELETED_RESPONSES} 份；审计日志保留删除的每一份`,
      `Delete a wrongly entered batch of responses: a survey's responses answered between two days (inclusive; of one department, when named), with a reason; at most ${MAX_DELETED_RESPONSES.toLocaleString('en')} at once; the audit log keeps every one removed`,
    ),
  })
  deleteSurveyResponses(
    @Ctx() ctx: Context,
    @Arg('surveyId', () => ID, { description: d('调查全局ID', 'Survey global id') }) surveyId: string,
    @Arg('respondedFrom', () => LocalDate, { description: d('答卷日期自（含）', 'Answered from (inclusive)') }) respondedFrom: string,
    @Arg('respondedTo', () => LocalDate, { description: d('答卷日期至（含）', 'Answered until (inclusive)') }) respondedTo: string,
    @Arg('reason', () => String, { description: REASON }) reason: string,
    @Arg('departmentId', () => ID, {
      nullable: true,
      description: d('仅此科室的答卷（可空）', 'Only this department’s responses (optional)'),
    })
    departmentId?: string | null,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    const selection = { surveyId, departmentId: departmentId ?? null, respondedFrom, respondedTo, reason };
    return idempotent(writeContext(ctx, idempotencyKey), 'deleteSurveyResponses', selection, (w) => deleteSurveyResponses(w, selection));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '录入满意度调查汇总结果（某科室或全院某月的样本量、满意人数、平均分）：已有同一调查、科室和月份的则替换；该月已有答卷时拒绝',
      'Record a survey result in aggregate (a department’s or the whole hospital’s month: respondents, satisfied, mean score): one already recorded for the survey, department and month is replaced; refused while that month has individual responses',
    ),
  })
  recordSurveyResult(
    @Ctx() ctx: Context,
    @Arg('input', () => SurveyResultInput, { description: d('汇总结果', 'The result') }) input: SurveyResultInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'recordSurveyResult', input, (w) => recordSurveyResult(w, input));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '删除误录的满意度汇总结果（须说明理由，审计日志保留原记录）',
      'Delete a survey result recorded by mistake (with a reason; the audit log keeps the row)',
    ),
  })
  deleteSurveyResult(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: d('汇总结果全局ID', 'Survey result global id') }) id: string,
    @Arg('reason', () => String, { description: REASON }) reason: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'deleteSurveyResult', { id, reason }, (w) => deleteSurveyResult(w, id, reason));
  }
}
