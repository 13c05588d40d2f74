import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { BaseEntity } from './base.entity.js';
import { nodeCost, nodesCost } from './complexity.js';
import { d } from './describe.js';
import { nodeResolver, nodesResolver } from './resolve.js';

/** `node(id)` and `nodes(ids)`: any listed entity by its global id (the read path resolves them; see list-types.ts). */
@Resolver()
export class NodeResolver {
  @Query(() => BaseEntity, {
    nullable: true,
    description: d('按全局ID获取任意对象（不存在时为null）', 'Fetch any object by its global id (null when it does not exist)'),
    complexity: nodeCost,
  })
  node(@Arg('id', () => ID, { description: d('全局ID', 'Global id') }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return nodeResolver(undefined as never, { id }, ctx, info);
  }

  @Query(() => [BaseEntity], {
    nullable: 'items',
    complexity: nodesCost,
    description: d(
      '按全局ID批量获取（顺序与参数一致，不存在的为null）',
      'Fetch several objects by global id (same order; null where missing)',
    ),
  })
  nodes(
    @Arg('ids', () => [ID], { description: d('全局ID列表', 'Global ids') }) ids: string[],
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return nodesResolver(undefined as never, { ids }, ctx, info);
  }
}
