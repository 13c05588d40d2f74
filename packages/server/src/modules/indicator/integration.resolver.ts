/** The integration index explained: the weights that apply, and every component's value, score and contribution. */
import { indicator as definition, type Period } from '@party-hub/schema/indicators';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { STATEMENT_COST } from '../../graphql/limits.js';
import { loadEntity } from '../../graphql/resolve.js';
import { integrationIndex, weightsFor, type WeightSet } from '../../indicators/engine.js';
import { Organization } from '../organization/organization.entity.js';
import { catalogTarget, definitionOf, notFuture, ORG_ARG, orgIdOf, PERIOD_ARG, pointOut } from './indicator.mapping.js';
import { IndexWeights, IntegrationIndex, PeriodScalar } from './indicator.types.js';

function weightsOut(set: WeightSet): IndexWeights {
  const total = set.weights.reduce((t, [, w]) => t + w, 0);
  return {
    isDefault: set.setOnOrgId == null,
    effectiveFrom: set.effectiveFrom,
    setOnOrgId: set.setOnOrgId,
    weights: set.weights.map(([id, weight]) => {
      const def = definition(id)!;
      return {
        indicator: definitionOf(def, catalogTarget(def)),
        weight,
        share: total > 0 ? Math.round((10_000 * weight) / total) / 100 : 0,
      };
    }),
  };
}

@Resolver()
export class IntegrationResolver {
  @Query(() => IndexWeights, {
    nullable: true,
    complexity: ({ childComplexity }) => STATEMENT_COST + childComplexity,
    description: d('某组织某期间适用的融合指数权重', 'The integration index’s weights for an organisation and period'),
  })
  async integrationWeights(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID, { description: ORG_ARG }) orgId: string,
    @Arg('period', () => PeriodScalar, { description: PERIOD_ARG }) period: Period,
  ): Promise<IndexWeights> {
    notFuture(period, ['integrationWeights', 'period']);
    const org = await orgIdOf(ctx, orgId, ['integrationWeights', 'orgId']);
    return weightsOut(await weightsFor(ctx.reader, org, period.end));
  }

  @Query(() => IntegrationIndex, {
    nullable: true,
    complexity: ({ childComplexity }) => 3 * STATEMENT_COST + childComplexity,
    description: d(
      '党建业务融合指数的依据：所用权重，及各组成指标的值、得分与贡献（贡献之和即指数）',
      'The integration index’s evidence: the weights used and each component’s value, score and contribution (they add up to the index)',
    ),
  })
  async integrationIndex(
    @Ctx() ctx: Context,
    @Arg('orgId', () => ID, { description: ORG_ARG }) orgId: string,
    @Arg('period', () => PeriodScalar, { description: PERIOD_ARG }) period: Period,
  ): Promise<IntegrationIndex> {
    notFuture(period, ['integrationIndex', 'period']);
    const org = await orgIdOf(ctx, orgId, ['integrationIndex', 'orgId']);
    const { index, set, components } = await integrationIndex(ctx.reader, org, period);
    return {
      period: period.key,
      value: pointOut(index),
      weights: weightsOut(set),
      components: components.map((c) => ({
        indicator: definitionOf(definition(c.indicatorId)!, c.point.target),
        weight: c.weight,
        point: pointOut(c.point),
        basis: c.basis,
        score: c.score == null ? null : Math.round(c.score * 10_000) / 10_000,
        contribution: c.contribution,
        counted: c.score != null,
      })),
    };
  }
}

@Resolver(() => IndexWeights)
export class IndexWeightsResolver {
  @FieldResolver(() => Organization, {
    nullable: true,
    description: d('设定权重的党组织（默认为空）', 'Where the weights were set (null for the defaults)'),
  })
  setOn(@Root() w: IndexWeights, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return w.setOnOrgId == null ? null : loadEntity(ctx, info, 'Organization', w.setOnOrgId);
  }
}
