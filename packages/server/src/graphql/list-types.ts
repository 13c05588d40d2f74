/**
 * Turns every list declaration into GraphQL types and resolvers at schema build: `XFilter` (every
 * exposed column with the operators of its type, `xId` and `x` for every relation, `id`, `orgId`,
 * `and`/`or`/`not`), `XOrderField`/`XOrder`, `XConnection`, the root list field and the has-many
 * connection fields. type-graphql declares them (descriptions, complexity, SDL); `attachResolvers`
 * then gives the built schema the read path's plain resolvers, without a wrapper per field call.
 */
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, InputType, Int, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { GraphQLInterfaceType, GraphQLSchema } from 'graphql';
import { isObjectType } from 'graphql';
import { registerBilingualEnum } from '../domain/bilingual-enum.js';
import { aggregateResolvers, attachAggregateResolvers } from './aggregate/index.js';
import { defineMethod, named, OrderDirection } from './type-factories.js';
import { nestedListCost, rootListCost } from './complexity.js';
import { connectionOf, type ConnectionShape } from './connection.js';
import { listSpecs, specOf, useLists, type ListSpec } from './define-list.js';
import { d } from './describe.js';
import { DateFilter, DateTimeFilter, DecimalFilter, enumFilter, FloatFilter, IdFilter, IntFilter, StringFilter } from './filters.js';
import { DEFAULT_PAGE, MAX_PAGE } from './limits.js';
import { fieldDescription, modelOf, type ColumnField } from './model.js';
import type { Row } from '../db/reader.js';
import { TYPENAME } from './global-id.js';
import { globalIdResolver, hasManyResolver, listResolver, nodeResolver, nodesResolver, relationResolver } from './resolve.js';

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

const split = (description: string | undefined, fallback: string): [string, string] => {
  const [zh, en] = (description ?? `${fallback} / ${fallback}`).split(' / ');
  return [zh, en ?? zh];
};

function operatorInput(c: ColumnField): unknown {
  switch (c.scalar) {
    case 'enum':
      return enumFilter(c.enumType!, c.enum!.name);
    case 'boolean':
      return Boolean;
    case 'int':
      return IntFilter;
    case 'float':
      return FloatFilter;
    case 'decimal':
      return DecimalFilter;
    case 'date':
      return DateFilter;
    case 'datetime':
      return DateTimeFilter;
    default:
      return StringFilter;
  }
}

const filterInputs = new Map<string, ClassType>();
const filterInputOf = (entity: string): ClassType => {
  const input = filterInputs.get(entity);
  if (!input) throw new Error(`no filter input for ${entity}: declare its list with defineList`);
  return input;
};

const SUBTREE = d('子树过滤：该党组织及其全部下级', 'Subtree filter: this organisation and everything under it');

function createFilterInput(spec: ListSpec): ClassType {
  const model = modelOf(spec.entity);
  const Filter = named(`${model.name}Filter`);
  const add = (key: string, type: () => unknown, description: string) =>
    Field(type as never, { nullable: true, description })(Filter.prototype, key);
  add('id', () => IdFilter, d('按ID', 'By id'));
  if (spec.scope.length) add('orgId', () => ID, spec.scopeNote ? d(...spec.scopeNote) : SUBTREE);
  for (const c of model.columns.values()) add(c.name, () => operatorInput(c), fieldDescription(model.cls, c.name) ?? d(c.name, c.name));
  for (const [name, f] of Object.entries(spec.computedFilters ?? {})) add(name, () => IntFilter, d(f.zh, f.en));
  for (const r of model.relations.values()) {
    const [zh, en] = split(fieldDescription(model.cls, r.name), r.name);
    add(`${r.name}Id`, () => IdFilter, d(`${zh}（按ID）`, `${en} (by id)`));
    add(r.name, () => filterInputOf(r.target), d(`${zh}满足的条件`, `${en} matching this filter`));
  }
  add('and', () => [Filter], d('同时满足（全部）', 'All of'));
  add('or', () => [Filter], d('满足其一', 'Any of'));
  add('not', () => Filter, d('不满足', 'Not'));
  InputType(Filter.name, { description: d(`${spec.zh}过滤条件`, `Filter on ${spec.en.toLowerCase()}`) })(Filter);
  return Filter;
}

const upperSnake = (prop: string) => prop.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

function createArgs(spec: ListSpec): ClassType {
  const model = modelOf(spec.entity);
  const fields = Object.fromEntries(['id', ...spec.orderBy.filter((p) => p !== 'id')].map((p) => [upperSnake(p), p]));
  registerBilingualEnum(
    fields,
    `${model.name}OrderField`,
    d(`${spec.zh}可排序字段`, `Fields ${spec.queryName} can be ordered by`),
    Object.fromEntries(
      Object.entries(fields).map(([k, p]) => [
        k,
        p === 'id' ? d('创建顺序（ID）', 'Creation order (id)') : (fieldDescription(model.cls, p) ?? d(p, p)),
      ]),
    ),
  );
  const Order = named(`${model.name}Order`);
  Field(() => fields, { description: d('字段', 'Field') })(Order.prototype, 'field');
  Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: d('方向', 'Direction') })(Order.prototype, 'direction');
  InputType(Order.name, { description: d(`${spec.zh}排序`, `Ordering of ${spec.queryName}`) })(Order);

  const ListArgs = named(`${model.name}ListArgs`, PaginationArgs);
  Field(() => filterInputOf(model.name), { nullable: true, description: d('过滤条件', 'Filter') })(ListArgs.prototype, 'filter');
  Field(() => [Order], {
    nullable: true,
    description: d('排序（最后总按ID排序以保证稳定）', 'Ordering (ties broken by id, so pages are stable)'),
  })(ListArgs.prototype, 'orderBy');
  ArgsType()(ListArgs);
  return ListArgs;
}

/** Declares `(root, args, ctx, info) => fn(...)` as a type-graphql handler with the list arguments. */
function listHandler(cls: ClassType, name: string, args: ClassType, fn: (...a: never[]) => unknown, withRoot: boolean): PropertyDescriptor {
  const descriptor = defineMethod(
    cls,
    name,
    withRoot
      ? (root: never, a: never, ctx: never, info: never) => fn(root, a, ctx, info)
      : (a: never, ctx: never, info: never) => fn(undefined as never, a, ctx, info),
  );
  const offset = withRoot ? 1 : 0;
  if (withRoot) Root()(cls.prototype, name, 0);
  Args(() => args)(cls.prototype, name, offset);
  Ctx()(cls.prototype, name, offset + 1);
  Info()(cls.prototype, name, offset + 2);
  return descriptor;
}

const argsByEntity = new Map<string, ClassType>();

function createResolvers(spec: ListSpec): ClassType[] {
  const model = modelOf(spec.entity);
  const args = argsByEntity.get(model.name)!;
  const Connection = connectionOf(spec.entity as ClassType, spec.zh);

  const RootResolver = named(`${model.name}ListResolver`);
  const root = listHandler(RootResolver, 'list', args, listResolver(model), false);
  Query(() => Connection, {
    name: spec.queryName,
    // Nullable: a list refused (bad filter, timeout) answers null with its own error, and the request's
    // other fields keep their data (a non-null root would null the whole response).
    nullable: true,
    description: d(`${spec.zh}（分页列表）`, `${spec.en} (paginated list)`),
    complexity: rootListCost,
  })(RootResolver.prototype, 'list', root);
  Resolver()(RootResolver);

  const resolvers = [RootResolver];
  if (spec.hasMany && Object.keys(spec.hasMany).length) {
    const Fields = named(`${model.name}ConnectionsResolver`);
    for (const [name, hasMany] of Object.entries(spec.hasMany)) {
      const target = specOf(hasMany.target().name);
      const descriptor = listHandler(Fields, name, argsByEntity.get(target.entity.name)!, hasManyResolver(model), true);
      FieldResolver(() => connectionOf(hasMany.target() as ClassType, target.zh), {
        description: d(hasMany.zh, hasMany.en),
        complexity: nestedListCost,
      })(Fields.prototype, name, descriptor);
    }
    Resolver(() => spec.entity)(Fields);
    resolvers.push(Fields);
  }
  return resolvers;
}

let created: ClassType[] | undefined;

/** Every list's types and resolver classes, made once (before type-graphql's buildSchema). */
export function listResolvers(lists: readonly ListSpec[]): ClassType[] {
  if (created) return created;
  useLists(lists);
  const specs = listSpecs();
  for (const spec of specs) filterInputs.set(spec.entity.name, createFilterInput(spec));
  for (const spec of specs) argsByEntity.set(spec.entity.name, createArgs(spec));
  return (created = [...specs.flatMap(createResolvers), ...aggregateResolvers(filterInputOf)]);
}

/**
 * Gives the built schema the read path's resolvers directly (what graphql-tools'
 * `addResolversToSchema` does in place): type-graphql's wrapper per call (instance lookup, argument
 * classes, parameter sorting) costs more than the resolver itself for a field read 1,500 times.
 */
export function attachResolvers(schema: GraphQLSchema): void {
  // Synchronous, as every executor expects (type-graphql's own wrapper returns a promise).
  (schema.getType('Node') as GraphQLInterfaceType).resolveType = (value) =>
    (value as Record<symbol, string>)[TYPENAME] ?? (value as object).constructor.name;
  const query = schema.getQueryType()!.getFields();
  query.node.resolve = nodeResolver as never;
  query.nodes.resolve = nodesResolver as never;
  for (const spec of listSpecs()) {
    const model = modelOf(spec.entity);
    query[spec.queryName].resolve = listResolver(model) as never;
    const type = schema.getType(model.name);
    if (!isObjectType(type)) throw new Error(`${model.name} is not an object type`);
    const fields = type.getFields();
    fields.id.resolve = globalIdResolver(model.name) as never;
    fields.rowId.resolve = ((row: Row) => row.id) as never;
    for (const rel of model.relations.values()) fields[rel.name].resolve = relationResolver(rel) as never;
    for (const name of Object.keys(spec.hasMany ?? {})) fields[name].resolve = hasManyResolver(model) as never;
    // A count is a promise: a field with a resolver is awaited by any executor, a plain property is not.
    const connection = schema.getType(`${model.name}Connection`);
    if (isObjectType(connection)) connection.getFields().totalCount.resolve = ((c: ConnectionShape<Row>) => c.totalCount) as never;
  }
  attachAggregateResolvers(schema);
}
