/**
 * Builds the root list field of an entity: `xs(first, after, last, before, filter, orderBy): XConnection`.
 */
import { Args, ArgsType, Ctx, Field, Info, InputType, Int, Query, registerEnumType, Resolver, type ClassType } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { ConnectionShape } from './connection.js';
import { d } from './describe.js';
import { connectionOf, listEntities, MAX_PAGE, DEFAULT_PAGE, type Entity, type ListConfig } from './list.js';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: d('排序方向', 'Sort direction'),
  valuesConfig: { ASC: { description: d('升序', 'Ascending') }, DESC: { description: d('降序', 'Descending') } },
});

@ArgsType()
export class PaginationArgs {
  @Field(() => Int, {
    nullable: true,
    description: d(`取前N条（0–${MAX_PAGE}，默认${DEFAULT_PAGE}）`, `Take the first N (0–${MAX_PAGE}, default ${DEFAULT_PAGE})`),
  })
  first?: number;

  @Field(() => String, { nullable: true, description: d('从此游标之后开始', 'Start after this cursor') })
  after?: string;

  @Field(() => Int, { nullable: true, description: d(`取最后N条（0–${MAX_PAGE}）`, `Take the last N (0–${MAX_PAGE})`) })
  last?: number;

  @Field(() => String, { nullable: true, description: d('到此游标之前为止', 'End before this cursor') })
  before?: string;
}

export interface ListDefinition<E extends Entity> {
  config: ListConfig<E>;
  /** Root field name, e.g. "members". */
  queryName: string;
  zh: string;
  en: string;
  filter: ClassType;
}

/** Registers `XOrderField`, `XOrder`, `XConnection` and returns the resolver class holding the root list field. */
export function defineList<E extends Entity>(def: ListDefinition<E>): ClassType {
  const name = def.config.entity.name;
  const fields = Object.fromEntries(Object.keys(def.config.orderFields).map((k) => [k, k]));
  registerEnumType(fields, {
    name: `${name}OrderField`,
    description: d(`${def.zh}可排序字段`, `Fields ${def.queryName} can be ordered by`),
    valuesConfig: Object.fromEntries(Object.entries(def.config.orderFields).map(([k, description]) => [k, { description }])),
  });

  @InputType(`${name}Order`, { description: d(`${def.zh}排序`, `Ordering of ${def.queryName}`) })
  class Order {
    @Field(() => fields, { description: d('字段', 'Field') })
    field!: string;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: d('方向', 'Direction') })
    direction!: OrderDirection;
  }

  @ArgsType()
  class ListArgs extends PaginationArgs {
    @Field(() => def.filter, { nullable: true, description: d('过滤条件', 'Filter') })
    filter?: object;

    @Field(() => [Order], {
      nullable: true,
      description: d('排序（最后总按ID排序以保证稳定）', 'Ordering (ties broken by id, so pages are stable)'),
    })
    orderBy?: Order[];
  }

  const Connection = connectionOf(def.config.entity, def.zh);

  @Resolver()
  class ListResolver {
    @Query(() => Connection, { name: def.queryName, description: d(`${def.zh}（分页列表）`, `${def.en} (paginated list)`) })
    list(@Args(() => ListArgs) args: ListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<E>> {
      return listEntities(ctx.em, def.config, args, [info.fieldName]);
    }
  }
  Object.defineProperty(ListResolver, 'name', { value: `${name}ListResolver` });
  return ListResolver;
}
