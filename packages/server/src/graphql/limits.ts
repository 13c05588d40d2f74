/**
 * Limits on the shape of an operation, checked while it is validated — before any resolver or SQL
 * runs — against the query bombs of the OWASP GraphQL cheat sheet: deep nesting (graphql-armor's
 * max-depth), alias overloading and field duplication (max-aliases, the token limit, the cost), directive
 * overloading (max-directives), many root fields, repeated introspection, oversized documents (the
 * token limit, at parse time). Circular fragments are refused by graphql-js's own rules, batched
 * requests by Apollo Server (batching off). Each refusal is a coded, bilingual error (HTTP 400).
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  Kind,
  type GraphQLError,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { ErrorCode, HubError, Reason } from '../errors.js';

// ── numeric limits, named once: what the schema describes, the cost counts and the resolvers check ──

/** Largest page a list returns (`first`/`last`). */
export const MAX_PAGE = 1000;
/** Page size of a list when neither `first` nor `last` is given. */
export const DEFAULT_PAGE = 50;
/** About this many objects an operation may ask for (complexity.ts). */
export const MAX_COMPLEXITY = 500_000;
/** One SQL statement, in objects. */
export const STATEMENT_COST = 1_000;
/** One COUNT over the rows a filter matches, in objects (it may read many rows). */
export const COUNT_COST = 1_000;
/** `totalCount` is counted by the connection field that holds it (complexity.ts: rootListCost, nestedListCost). */
export const TOTAL_COUNT_COST = 0;
/** Relation filters nest (member → organisation → parent …); deeper than this is refused. */
export const MAX_FILTER_DEPTH = 4;
/** At most this many groups in one aggregate answer (a chart or a table, not an export). */
export const MAX_GROUPS = 10_000;
/** Largest page of an indicator's evidence. */
export const MAX_EVIDENCE_PAGE = 1000;
/** Longest indicator series. */
export const MAX_SERIES_POINTS = 120;

export const LIMITS = {
  /** Selection depth (introspection's nested type references aside; the cost bounds those). */
  depth: 16,
  /** Aliases in one operation. */
  aliases: 50,
  /** Fields at the root of one operation (each a statement of its own). */
  rootFields: 20,
  /** Directives in one operation. */
  directives: 50,
  /** `__schema` per operation (the standard introspection query asks it once). */
  schemaIntrospections: 1,
  /** `__type(name:)` per operation. */
  typeIntrospections: 10,
  /** Tokens in one document (graphql-js stops parsing beyond). */
  tokens: 10_000,
} as const;

function refusal(reason: (typeof Reason)[keyof typeof Reason], zh: string, en: string): HubError {
  return new HubError({ code: ErrorCode.validation, reason, status: 400, zh, en });
}

/** graphql-armor's rules report the value they found only in their message ("… found 2000."). */
const found = (err: GraphQLError) => /found (\d+)/.exec(err.message)?.[1] ?? '?';

function armored(
  rule: (options: object) => ValidationRule,
  n: number,
  reason: (typeof Reason)[keyof typeof Reason],
  zh: string,
  en: string,
  extra: object = {},
): ValidationRule {
  return rule({
    n,
    ...extra,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext, err: GraphQLError) =>
        context.reportError(refusal(reason, `${zh}：${found(err)}，上限 ${n}`, `${en}: ${found(err)}, the limit is ${n}`)),
    ],
  });
}

function rootFields(set: SelectionSetNode, context: ValidationContext, seen = new Set<string>()): string[] {
  return set.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s.name.value];
    if (s.kind === Kind.INLINE_FRAGMENT) return rootFields(s.selectionSet, context, seen);
    if (seen.has(s.name.value)) return [];
    seen.add(s.name.value);
    const fragment = context.getFragment(s.name.value);
    return fragment ? rootFields(fragment.selectionSet, context, seen) : [];
  });
}

/** At most LIMITS.rootFields root fields, and introspection at most once (`__schema`) per operation. */
const rootRule: ValidationRule = (context) => ({
  OperationDefinition(op: OperationDefinitionNode) {
    const names = rootFields(op.selectionSet, context).filter((n) => n !== '__typename');
    const schemas = names.filter((n) => n === '__schema').length;
    const types = names.filter((n) => n === '__type').length;
    const data = names.length - schemas - types;
    if (data > LIMITS.rootFields)
      context.reportError(
        refusal(
          Reason.queryTooManyRootFields,
          `一个查询最多 ${LIMITS.rootFields} 个根字段（含别名），实际 ${data}`,
          `at most ${LIMITS.rootFields} root fields (aliases included) in one operation, found ${data}`,
        ),
      );
    if (schemas > LIMITS.schemaIntrospections || types > LIMITS.typeIntrospections)
      context.reportError(
        refusal(
          Reason.queryIntrospectionRepeated,
          `一个查询最多内省一次（__schema ${schemas} 次，__type ${types} 次）`,
          `introspection at most once per operation (__schema ${schemas} times, __type ${types} times)`,
        ),
      );
  },
});

/** The validation rules the HTTP server adds to graphql-js's own. */
export const limitRules: ValidationRule[] = [
  armored(maxDepthRule as never, LIMITS.depth, Reason.queryTooDeep, '查询嵌套过深', 'query nested too deep', { ignoreIntrospection: true }),
  armored(maxAliasesRule as never, LIMITS.aliases, Reason.queryTooManyAliases, '别名过多', 'too many aliases'),
  armored(maxDirectivesRule as never, LIMITS.directives, Reason.queryTooManyDirectives, '指令过多', 'too many directives'),
  rootRule,
];

/** Parse options: graphql-js stops reading a document beyond this many tokens. */
export const parseOptions = { maxTokens: LIMITS.tokens };

/** graphql-js's message for a document over the token limit. */
export const TOO_MANY_TOKENS = /Document contains more tha[nt] \d+ tokens/;
