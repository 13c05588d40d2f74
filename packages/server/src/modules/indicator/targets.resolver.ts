/** Targets and weights, as mutations (thin: indicator.writes.ts does the work). */
import { Arg, Ctx, Float, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { IDEMPOTENCY_KEY, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { IntegrationWeightInput } from './indicator.inputs.js';
import { setIndicatorTarget, setIntegrationWeights } from './indicator.writes.js';

@Resolver()
export class TargetWriteResolver {
  @Mutation(() => WriteResult, {
    description: d(
      '设定指标目标：对该组织及其下级自生效日起适用（不影响此前期间）',
      'Set a target for an organisation and everything under it, from a date on (earlier periods keep theirs)',
    ),
  })
  setIndicatorTarget(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID, {
      description: d('党组织全局ID（目标适用于其全部下级）', 'Organisation global id (the target applies to its whole subtree)'),
    })
    orgId: string,
    @Arg('indicatorId', () => String, { description: d('指标ID', 'Indicator id') }) indicatorId: string,
    @Arg('effectiveFrom', () => LocalDate, { description: d('生效日期', 'Effective from') }) effectiveFrom: string,
    @Arg('target', () => Float, { nullable: true, description: d('目标值（与指标同单位）', 'Target, in the indicator’s unit') })
    target: number | null,
    @Arg('warning', () => Float, { nullable: true, description: d('预警阈值', 'Warning threshold') }) warning: number | null,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(
      writeContext(ctx, idempotencyKey),
      'setIndicatorTarget',
      { orgId, indicatorId, effectiveFrom, target, warning },
      (w) => setIndicatorTarget(w, { orgId, indicatorId, effectiveFrom, target, warning }),
    );
  }

  @Mutation(() => WriteResult, {
    description: d(
      '设定融合指数的权重：该组织（如一家医院）及其下级自生效日起使用这一组权重，替代目录默认权重',
      'Set the integration index’s weights: the organisation (e.g. a hospital) and everything under it use this set from a date on, instead of the catalog’s defaults',
    ),
  })
  setIntegrationWeights(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID, { description: d('党组织全局ID', 'Organisation global id') }) orgId: string,
    @Arg('effectiveFrom', () => LocalDate, { description: d('生效日期', 'Effective from') }) effectiveFrom: string,
    @Arg('weights', () => [IntegrationWeightInput], { description: d('全部权重（整组替换）', 'The whole set (replaces it)') })
    weights: IntegrationWeightInput[],
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'setIntegrationWeights', { orgId, effectiveFrom, weights }, (w) =>
      setIntegrationWeights(w, orgId, effectiveFrom, weights),
    );
  }
}
