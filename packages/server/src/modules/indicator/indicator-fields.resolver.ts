/** Organisations and departments the indicator types point at, loaded through the read path (batched). */
import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { loadEntity } from '../../graphql/resolve.js';
import { Department } from '../organization/department.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { IndicatorBoard, IndicatorBreakdownRow, IndicatorTargetInfo } from './indicator.types.js';

/** The organisation of a board, a breakdown row or a target: the read path's Organization, batched. */
@Resolver(() => IndicatorBoard)
export class IndicatorBoardResolver {
  @FieldResolver(() => Organization, { description: d('党组织', 'Organisation') })
  organization(@Root() board: IndicatorBoard, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadEntity(ctx, info, 'Organization', board.orgId);
  }
}

@Resolver(() => IndicatorBreakdownRow)
export class IndicatorBreakdownRowResolver {
  @FieldResolver(() => Organization, {
    nullable: true,
    description: d('下级党组织（按科室分解时为空）', 'Child organisation (null when broken down by department)'),
  })
  organization(@Root() row: IndicatorBreakdownRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return row.orgId == null ? null : loadEntity(ctx, info, 'Organization', row.orgId);
  }

  @FieldResolver(() => Department, {
    nullable: true,
    description: d('科室（按下级组织分解时为空）', 'Department (null when broken down by child organisation)'),
  })
  department(@Root() row: IndicatorBreakdownRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return row.departmentId == null ? null : loadEntity(ctx, info, 'Department', row.departmentId);
  }
}

@Resolver(() => IndicatorTargetInfo)
export class IndicatorTargetResolver {
  @FieldResolver(() => Organization, {
    nullable: true,
    description: d('设定目标的党组织（默认值为空）', 'Where the target was set (null for the default)'),
  })
  setOn(@Root() t: IndicatorTargetInfo, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return t.setOnOrgId == null ? null : loadEntity(ctx, info, 'Organization', t.setOnOrgId);
  }
}
