/**
 * The aggregates' resolvers, attached to the built schema (as attachResolvers does for the lists): the
 * root field runs the one statement; a group's measures read their value by response key; a key that is
 * a relation or an organisation loads what it points to, unless only its id is asked.
 */
import { isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { Context } from '../../context.js';
import type { Reader } from '../../db/reader.js';
import { asEntity } from '../global-id.js';
import { modelOf } from '../model.js';
import { loadEntity } from '../resolve.js';
import { fieldsOn, treeOf, type ResolveTree } from '../selection.js';
import { compileAggregate } from './compile.js';
import { entities, type Entity, type KeyDef } from './entity.js';
import { selectedMeasures } from './measures.js';
import type { AggregateArgs, GroupRow } from './types.js';

const ID_ONLY = new Set(['id', 'rowId', '__typename']);
/** The fields of a group that are not measures. */
const GROUP_FIELDS = ['keys', 'groupedBy', 'isSubtotal', 'isTotal', 'isFilled', 'count', 'suppressed', 'compared', 'change'];

async function run(e: Entity, reader: Reader, args: AggregateArgs, tree: ResolveTree): Promise<{ groups: GroupRow[] }> {
  const { statement, read } = await compileAggregate(e.typeName, reader, args, selectedMeasures(e, tree));
  return read(await reader.arrays(statement, 'analytics'));
}

function objectType(schema: GraphQLSchema, name: string) {
  const type = schema.getType(name);
  if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
  return type;
}

/** A relation or organisation key: what it points to, or only its id when nothing else is asked. */
function keyResolver(k: KeyDef) {
  return (keys: Record<string, unknown>, _a: unknown, ctx: Context, info: GraphQLResolveInfo) => {
    const id = keys[k.field];
    if (id == null) return null;
    // Asked for its id only (a chart's series key): no statement needed. Decided once per place in the
    // operation (every group row shares it), not by parsing the selection again for each row.
    const idOnly = ctx.reader.perPlace(info.fieldNodes, `${k.target}:id-only`, () =>
      [...fieldsOn(treeOf(info), k.target!).values()].every((f) => ID_ONLY.has(f.name)),
    );
    if (idOnly) return asEntity(modelOf(k.target!), { id: id as number });
    return loadEntity(ctx, info, k.target!, id as number);
  };
}

function attachOne(schema: GraphQLSchema, e: Entity): void {
  const query = schema.getQueryType()!.getFields();
  query[e.queryName]!.resolve = ((_root: unknown, args: AggregateArgs, ctx: Context, info: GraphQLResolveInfo) =>
    run(e, ctx.reader, args, treeOf(info))) as never;
  const measure = ((row: GroupRow, _args: unknown, _ctx: unknown, info: GraphQLResolveInfo) =>
    row.m[info.path.key as string] ?? null) as never;
  for (const [name, f] of Object.entries(objectType(schema, `${e.typeName}AggregateGroup`).getFields())) {
    if (!GROUP_FIELDS.includes(name)) f.resolve = measure;
    if (name === 'suppressed') f.resolve = ((row: GroupRow) => row.suppressed === true) as never;
  }
  const fields = objectType(schema, `${e.typeName}GroupKeys`).getFields();
  for (const k of e.keys.values()) {
    if (k.kind === 'relation' || k.kind === 'org') fields[k.field]!.resolve = keyResolver(k) as never;
  }
}

/** Gives the built schema the aggregates' resolvers (as attachResolvers does for the lists). */
export function attachAggregateResolvers(schema: GraphQLSchema): void {
  for (const e of entities.values()) attachOne(schema, e);
}
