/**
 * A cost limit for the queries analysts write by hand. Every object costs 1; a connection multiplies
 * its children by the page it asks for (`first`/`last`, or the default page), a nested list (a
 * branch's members, an activity's attendances) by a typical fan-out. A query above the limit is
 * refused before it runs, with a coded, bilingual error that says by how much — instead of an
 * intranet server loading half the database for one careless query.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { getNullableType, isListType, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode, HubError, Reason } from '../errors.js';
import { DEFAULT_PAGE } from './list.js';

/** About this many objects a single query may ask for. */
export const MAX_COMPLEXITY = 500_000;
/** What a nested list without paging is assumed to hold (a branch has ≈ 30 members). */
export const NESTED_FANOUT = 30;

export const listEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.args.some((a) => a.name === 'first')) {
    const page = Number(args.first ?? args.last ?? DEFAULT_PAGE);
    return 1 + childComplexity * Math.max(1, page);
  }
  if (!isListType(getNullableType(field.type))) return undefined;
  // `nodes`/`edges` of a connection: the page is already counted on the connection field.
  if (type.name.endsWith('Connection')) return childComplexity;
  const ids = args.ids as unknown[] | undefined; // nodes(ids:) asks for exactly these
  return 1 + childComplexity * (ids?.length ?? NESTED_FANOUT);
};

export function complexityOf(
  schema: GraphQLSchema,
  query: Parameters<typeof getComplexity>[0]['query'],
  variables?: Record<string, unknown>,
  operationName?: string,
) {
  return getComplexity({
    schema,
    query,
    ...(variables ? { variables } : {}),
    ...(operationName ? { operationName } : {}),
    estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

export function complexityLimit(max = MAX_COMPLEXITY): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ request, document, schema }) => {
        const cost = complexityOf(schema, document, request.variables, request.operationName ?? undefined);
        if (cost > max) {
          throw new HubError({
            code: ErrorCode.badInput,
            reason: Reason.queryTooComplex,
            status: 400,
            zh: `查询过于复杂：约 ${cost.toLocaleString('en')} 个对象，上限 ${max.toLocaleString('en')}。请减小 first/last 或减少嵌套`,
            en: `query too complex: about ${cost.toLocaleString('en')} objects, the limit is ${max.toLocaleString('en')}; ask for smaller pages or nest less`,
          });
        }
      },
    }),
  };
}
