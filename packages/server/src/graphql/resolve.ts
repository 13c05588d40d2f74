/**
 * The resolvers of the read path, as plain graphql-js functions. A root list fetches its page with
 * every nested relation and connection embedded (plan.ts), so below it resolvers only hand out what
 * is already there. Where a row arrives without them (`node`, a hand-written resolver), relations
 * and connections are fetched for all such parents at once: one statement per nesting level.
 */
import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { badInput, Reason } from '../errors.js';
import { specOf } from './define-list.js';
import { fromGlobalId, toGlobalId } from './global-id.js';
import { listRows } from './list.js';
import type { ListArgs } from './page.js';
import { modelOf, type EntityModel, type RelationField } from './model.js';
import { embedKey, planNode, selectPlan, type NodePlan } from './plan.js';
import type { Reader, Row } from '../db/reader.js';
import { fieldsOn, treeOf } from './selection.js';
import { ident, raw, sql } from '../db/sql.js';
import { accessScope, compiling, orgCheck, verifyOrgs } from './where.js';

type Resolver<A = Record<string, unknown>> = GraphQLFieldResolver<Row, Context, A>;

const T = ident('t');

/**
 * A plan per place in the operation: every parent there shares it (and so its loader). Kept per
 * request, as arguments (variables) differ from one request to the next.
 */
function planFor(reader: Reader, info: GraphQLResolveInfo, make: () => NodePlan, model?: EntityModel): NodePlan {
  // `nodes` asks one place for rows of several types: each type has its own plan (and table).
  return reader.perPlace(info.fieldNodes, model ? `${info.parentType.name}>${model.name}` : info.parentType.name, make);
}

/** Rows of `plan.model` by id: one statement for every id asked in the same tick. */
function byId(reader: Reader, plan: NodePlan) {
  return reader.loader<number, Row | null>(plan, async (ids) => {
    const q = compiling(reader);
    const select = await selectPlan(q, plan, T);
    const check = orgCheck(q); // organisations named by nested connections' filters
    // A row outside the account's scope does not exist for it: `node` answers null, a relation to it is null.
    const scope = await accessScope(q, plan.model, T);
    const rows = await reader.arrays(
      sql`select ${check ? sql`${check}, ` : raw('')}${select.items} from ${ident(plan.model.table)} ${T} ${select.joins} where ${T}."id" = any(${ids}::bigint[])${scope ? sql` and ${scope}` : raw('')}`,
    );
    if (check) await verifyOrgs(q, rows.length ? (rows[0][0] as number) : q.orgs.size);
    // Number(): a bigint id (a partitioned fact table's, db/partitions.ts) reads back as a string.
    const found = new Map(rows.map((values) => [Number(values[check ? 1 : 0]), select.read(check ? values.slice(1) : values)]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

export const listResolver =
  (model: EntityModel): Resolver<ListArgs> =>
  (_root, _args, ctx, info) =>
    listRows(ctx.reader, model, treeOf(info), [info.fieldName]);

export function relationResolver(rel: RelationField): Resolver {
  const target = modelOf(rel.target);
  return (row, _args, ctx, info) => {
    const key = embedKey(info.path.key as string);
    if (key in row) return row[key];
    const id = row[rel.name] as number | null | undefined;
    if (id == null) return null;
    return byId(
      ctx.reader,
      planFor(ctx.reader, info, () => planNode(target, fieldsOn(treeOf(info), target.name), [rel.target])),
    ).load(id);
  };
}

/** A has-many connection of parents fetched without it: one statement for all of them, this field embedded. */
export function hasManyResolver(parent: EntityModel): Resolver<ListArgs> {
  return (row, _args, ctx, info) => {
    const key = embedKey(info.path.key as string);
    if (key in row) return row[key];
    const plan = planFor(ctx.reader, info, () => planNode(parent, new Map([[info.path.key as string, treeOf(info)]]), [parent.name]));
    return byId(ctx.reader, plan)
      .load(row.id)
      .then((r) => r?.[key]);
  };
}

function nodeModel(id: string, field: string[]): { model: EntityModel; id: number } {
  const decoded = fromGlobalId(id);
  let model: EntityModel | undefined;
  try {
    if (decoded && specOf(decoded.type)) model = modelOf(decoded.type);
  } catch {
    model = undefined; // abstract bases (BaseEntity) and unknown types are not nodes
  }
  if (!decoded || !model) throw badInput(Reason.idInvalid, field, `"${id}" 不是有效的ID`, `"${id}" is not a valid id`);
  return { model, id: decoded.id };
}

function loadNode(ctx: Context, info: GraphQLResolveInfo, globalId: string, field: string[]) {
  const { model, id } = nodeModel(globalId, field);
  const tree = treeOf(info);
  return byId(
    ctx.reader,
    planFor(ctx.reader, info, () => planNode(model, fieldsOn(tree, model.name), [model.name]), model),
  ).load(id);
}

export const nodeResolver: Resolver<{ id: string }> = (_root, args, ctx, info) => loadNode(ctx, info, args.id, ['node', 'id']);

export const nodesResolver: Resolver<{ ids: string[] }> = (_root, args, ctx, info) => {
  // Check every id before any SQL runs, so a bad one fails the field without half the work done.
  args.ids.forEach((id, i) => nodeModel(id, ['nodes', 'ids', String(i)]));
  return Promise.all(args.ids.map((id, i) => loadNode(ctx, info, id, ['nodes', 'ids', String(i)])));
};

export const globalIdResolver =
  (typeName: string): Resolver =>
  (row) =>
    toGlobalId(typeName, row.id);

/** One row of a listed entity by its database id, for hand-written resolvers: batched per place in the operation. */
export function loadEntity(ctx: Context, info: GraphQLResolveInfo, typeName: string, id: number) {
  const model = modelOf(typeName);
  return byId(
    ctx.reader,
    planFor(ctx.reader, info, () => planNode(model, fieldsOn(treeOf(info), model.name), [model.name])),
  ).load(id);
}
