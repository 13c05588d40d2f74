import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { BaseEntity } from '../domain/base.entity.js';
import { entities } from '../domain/entities.js';
import { badInput, Reason } from '../errors.js';
import { d } from './describe.js';
import { fromGlobalId } from './global-id.js';
import type { Entity, EntityClass } from './list.js';

const byType = new Map<string, EntityClass<Entity>>(entities.map((e) => [e.name, e as unknown as EntityClass<Entity>]));

function load(ctx: Context, id: string, field: string[]): Promise<Entity | null> {
  const decoded = fromGlobalId(id);
  if (!decoded || !byType.has(decoded.type)) {
    throw badInput(Reason.idInvalid, field, `"${id}" 不是有效的ID`, `"${id}" is not a valid id`);
  }
  return ctx.loaders.one(byType.get(decoded.type)!, { id: decoded.id });
}

@Resolver()
export class NodeResolver {
  @Query(() => BaseEntity, {
    nullable: true,
    description: d('按全局ID获取任意对象（不存在时为null）', 'Fetch any object by its global id (null when it does not exist)'),
  })
  node(@Arg('id', () => ID, { description: d('全局ID', 'Global id') }) id: string, @Ctx() ctx: Context) {
    return load(ctx, id, ['node', 'id']);
  }

  @Query(() => [BaseEntity], {
    nullable: 'items',
    description: d(
      '按全局ID批量获取（顺序与参数一致，不存在的为null）',
      'Fetch several objects by global id (same order; null where missing)',
    ),
  })
  nodes(@Arg('ids', () => [ID], { description: d('全局ID列表', 'Global ids') }) ids: string[], @Ctx() ctx: Context) {
    return Promise.all(ids.map((id, i) => load(ctx, id, ['nodes', 'ids', String(i)])));
  }
}
