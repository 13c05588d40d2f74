/**
 * The cost of an operation, counted before it runs, in "objects": every object the answer holds
 * costs 1, and every unit of database work costs what serialising a thousand objects does. Fields
 * declare their own cost where they are declared (type-graphql's `complexity`, read through the field
 * extensions as graphql-query-complexity's example does):
 * - a root list is one SQL statement (its nested relations and connections are part of it) plus its
 *   page times what each node selects, and a count when `totalCount` is asked;
 * - a nested connection adds no statement, only its page of rows per parent (and its count);
 * - `node`/`nodes` are one statement for all the ids asked;
 * - introspection is answered from memory: its lists count at the sizes this schema really has.
 * An operation above the limit is refused before any SQL runs (HTTP 400, coded, zh + en).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isIntrospectionType,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  Kind,
  isObjectType,
  isInterfaceType,
  isInputObjectType,
  isEnumType,
} from 'graphql';
import {
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
  type ComplexityEstimator,
  type ComplexityEstimatorArgs,
} from 'graphql-query-complexity';
import { ErrorCode, HubError, Reason } from '../errors.js';
import { COUNT_COST, DEFAULT_PAGE, MAX_COMPLEXITY, STATEMENT_COST } from './limits.js';

const pageOf = (args: Record<string, unknown>): number => Math.max(1, Number(args.first ?? args.last ?? DEFAULT_PAGE));

/** Whether a connection field's own selection asks for `totalCount` (directly or in an inline fragment). */
function asksCount(node: FieldNode): boolean {
  const walk = (selections: FieldNode['selectionSet']): boolean =>
    !!selections?.selections.some((s) =>
      s.kind === Kind.FIELD ? s.name.value === 'totalCount' : s.kind === Kind.INLINE_FRAGMENT ? walk(s.selectionSet) : true,
    );
  return walk(node.selectionSet);
}

/** A root list: one statement, its page of nodes, and its count when asked. */
export const rootListCost = ({ args, childComplexity, node }: ComplexityEstimatorArgs): number =>
  STATEMENT_COST + (asksCount(node) ? COUNT_COST : 0) + pageOf(args) * childComplexity;

/** A nested connection: no statement of its own (it is part of its root's), its page of rows per parent, and its count. */
export const nestedListCost = ({ args, childComplexity, node }: ComplexityEstimatorArgs): number =>
  (asksCount(node) ? COUNT_COST : 0) + pageOf(args) * childComplexity;

/** `node(id)`: one statement. */
export const nodeCost = ({ childComplexity }: ComplexityEstimatorArgs): number => STATEMENT_COST + childComplexity;

/** `nodes(ids)`: one statement for all the ids. */
export const nodesCost = ({ args, childComplexity }: ComplexityEstimatorArgs): number =>
  STATEMENT_COST + ((args.ids as unknown[] | undefined)?.length ?? 1) * childComplexity;

/** The list sizes of this schema's introspection: a circular introspection query multiplies them. */
function introspectionSizes(schema: GraphQLSchema): Record<string, number> {
  const types = Object.values(schema.getTypeMap());
  const average = (xs: number[]) => Math.max(1, Math.ceil(xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length)));
  const withFields = types.filter((t) => isObjectType(t) || isInterfaceType(t));
  const fields = withFields.flatMap((t) => Object.values(t.getFields()));
  return {
    types: types.length,
    fields: average(withFields.map((t) => Object.keys(t.getFields()).length)),
    args: average(fields.map((f) => f.args.length)),
    inputFields: average(types.filter(isInputObjectType).map((t) => Object.keys(t.getFields()).length)),
    enumValues: average(types.filter(isEnumType).map((t) => t.getValues().length)),
    interfaces: 1,
    possibleTypes: average(types.filter(isInterfaceType).map((t) => schema.getPossibleTypes(t).length)),
    directives: schema.getDirectives().length,
    locations: 4,
  };
}

const sizes = new WeakMap<GraphQLSchema, Record<string, number>>();

function introspectionEstimator(schema: GraphQLSchema): ComplexityEstimator {
  let s = sizes.get(schema);
  if (!s) sizes.set(schema, (s = introspectionSizes(schema)));
  const table = s;
  return ({ type, field, childComplexity }) => {
    if (!isIntrospectionType(type) && field.name !== '__schema' && field.name !== '__type') return undefined;
    const n = isObjectType(getNamedType(field.type)) && field.type.toString().startsWith('[') ? (table[field.name] ?? 1) : 1;
    const cost = 1 + n * childComplexity;
    // Introspection objects are the schema in memory (no SQL, no rows): a tenth of a row each. Repeats
    // are refused on their own (one __schema, ten __type per operation), so this only keeps the
    // standard introspection query well inside the limit as the schema grows.
    return field.name === '__schema' || field.name === '__type' ? Math.ceil(cost / 10) : cost;
  };
}

export function complexityOf(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables?: Record<string, unknown>,
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query,
    ...(variables ? { variables } : {}),
    ...(operationName ? { operationName } : {}),
    estimators: [introspectionEstimator(schema), fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** Costs per document and variables: Apollo keeps one parsed document per query text, so repeats are free. */
const costs = new WeakMap<DocumentNode, Map<string, number>>();

function cachedCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string) {
  let byVariables = costs.get(document);
  if (!byVariables) costs.set(document, (byVariables = new Map()));
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
  let cost = byVariables.get(key);
  if (cost === undefined) {
    cost = complexityOf(schema, document, variables, operationName);
    if (byVariables.size < 1000) byVariables.set(key, cost);
  }
  return cost;
}

/** The refusal of an operation costing more than `max` objects (HTTP 400, coded, zh + en). */
export function tooComplex(cost: number, max = MAX_COMPLEXITY): HubError {
  return new HubError({
    code: ErrorCode.validation,
    reason: Reason.queryTooComplex,
    status: 400,
    zh: `查询过于复杂：约 ${cost.toLocaleString('en')} 个对象，上限 ${max.toLocaleString('en')}。请减小 first/last、减少嵌套或 totalCount`,
    en: `query too complex: about ${cost.toLocaleString('en')} objects, the limit is ${max.toLocaleString('en')}; ask for smaller pages, nest less or count less`,
  });
}

/**
 * The cost of an operation with its variables, or null when the variables do not fit their types (an
 * unknown enum value …): execution refuses those before any resolver runs, as a coded BAD_USER_INPUT
 * naming the variable, not an internal error.
 */
export function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables?: Record<string, unknown>,
  operationName?: string,
): number | null {
  try {
    return cachedCost(schema, document, variables, operationName);
  } catch (e) {
    if (e instanceof GraphQLError && e.message.startsWith('Variable "$')) return null;
    throw e;
  }
}

export function complexityLimit(max = MAX_COMPLEXITY): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ request, document, schema }) => {
        const cost = costOf(schema, document, request.variables, request.operationName ?? undefined);
        if (cost !== null && cost > max) throw tooComplex(cost, max);
      },
    }),
  };
}
