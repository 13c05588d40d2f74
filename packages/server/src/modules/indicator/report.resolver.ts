/** Reported and undisclosed figures, as a mutation (thin: report.writes.ts does the work). */
import { Arg, Ctx, Float, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { IDEMPOTENCY_KEY, REASON, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { IndicatorDisclosure } from './indicator.types.js';
import { reportIndicatorValue, withdrawIndicatorReport, type ReportInput } from './report.writes.js';

@Resolver()
export class ReportWriteResolver {
  @Mutation(() => WriteResult, {
    description: d(
      '报送指标值：单位直接报送某指标某期间（指标考核周期或更长）的数值，或“未披露”。有记录时以记录为准，报送值并列显示供核对；无记录时即为该值；未披露的值为空（不是0，也不是未填报），上级合计标为不完整。同一组织、指标、期间再次报送即更正（审计日志保留前后值）',
      'Report an indicator’s figure for an organisation and a period of its grain or longer, or that it is not disclosed. Where records exist they win and the report is shown beside them; without records it is the value; a figure withheld reads null (never 0, never “not reported”) and marks the totals above it incomplete. Reporting again for the same organisation, indicator and period corrects it (the audit log keeps both)',
    ),
  })
  reportIndicatorValue(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID, { description: d('党组织全局ID', 'Organisation global id') }) orgId: string,
    @Arg('indicatorId', () => String, {
      description: d('指标ID（不含由其他指标计算的融合指数）', 'Indicator id (not the integration index, which is computed)'),
    })
    indicatorId: string,
    @Arg('period', () => String, {
      description: d(
        '期间：指标考核周期的整期或更长（月度指标 2026-11、2026-Q3 或 2026；季度指标 2026-Q3 或 2026；年度指标 2026）',
        'Period: a whole period of the indicator’s grain or longer (a monthly indicator 2026-11, 2026-Q3 or 2026; a quarterly one 2026-Q3 or 2026; a yearly one 2026)',
      ),
    })
    period: string,
    @Arg('disclosure', () => IndicatorDisclosure, { defaultValue: 'REPORTED', description: d('报送数值或未披露', 'A figure, or withheld') })
    disclosure: IndicatorDisclosure,
    @Arg('value', () => Float, {
      nullable: true,
      description: d('值（比率为 0–100；可由分子分母算出）', 'Value (a rate 0–100; computed from its counts when omitted)'),
    })
    value: number | null,
    @Arg('numerator', () => Float, { nullable: true, description: d('分子（比率类）', 'Numerator (rates)') }) numerator: number | null,
    @Arg('denominator', () => Float, { nullable: true, description: d('分母（比率类）', 'Denominator (rates)') }) denominator:
      | number
      | null,
    @Arg('source', () => String, {
      nullable: true,
      description: d('来源（如国家满意度平台、年度报告）', 'Source (the national platform, the annual report …)'),
    })
    source: string | null,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    const input: ReportInput = {
      orgId,
      indicatorId,
      period,
      disclosure,
      value: value ?? null,
      numerator: numerator ?? null,
      denominator: denominator ?? null,
      source: source ?? null,
    };
    return idempotent(writeContext(ctx, idempotencyKey), 'reportIndicatorValue', input, (w) => reportIndicatorValue(w, input));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '撤回误报的报送值（或“未披露”），须说明理由：该期间重新以记录为准；审计日志保留原报送值',
      'Withdraw a figure (or a “not disclosed”) reported by mistake, with a reason: the period reads from the records again; the audit log keeps the report',
    ),
  })
  withdrawIndicatorReport(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID, { description: d('党组织全局ID', 'Organisation global id') }) orgId: string,
    @Arg('indicatorId', () => String, { description: d('指标ID', 'Indicator id') }) indicatorId: string,
    @Arg('period', () => String, {
      description: d('报送的期间（如 2026-11、2026-Q3、2026）', 'The period reported (e.g. 2026-11, 2026-Q3, 2026)'),
    })
    period: string,
    @Arg('reason', () => String, { description: REASON }) reason: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    const input = { orgId, indicatorId, period, reason };
    return idempotent(writeContext(ctx, idempotencyKey), 'withdrawIndicatorReport', input, (w) =>
      withdrawIndicatorReport(w, orgId, indicatorId, period, reason),
    );
  }
}
