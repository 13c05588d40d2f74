/**
 * Executes operations with graphql-jit instead of graphql-js: each operation is compiled once into
 * JavaScript (arguments resolved, fields completed and serialised without the generic walk), then
 * run for every request that sends it. Plugged into Apollo Server through its documented executor
 * interface (the one Apollo Gateway uses); parsing, validation, plugins and errors stay Apollo's.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import {
  execute,
  getNamedType,
  GraphQLError,
  isInputObjectType,
  printSchema,
  typeFromAST,
  valueFromASTUntyped,
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** Compiled operations per parsed document (Apollo keeps one DocumentNode per query text) and operation name. */
const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery>>();

function compiledFor(schema: GraphQLSchema, document: DocumentNode, operationName: string | null) {
  let byName = compiled.get(document);
  if (!byName) compiled.set(document, (byName = new Map()));
  const key = operationName ?? '';
  const hit = byName.get(key);
  if (hit) return hit;
  const result = compileQuery(schema, document, operationName ?? undefined);
  if (isCompiledQuery(result)) byName.set(key, result);
  return result;
}

/** The input object types reachable from `type` through its fields, `type` included. */
function reachableInputs(type: GraphQLInputObjectType): Set<GraphQLInputObjectType> {
  const seen = new Set([type]);
  const stack = [type];
  for (let t = stack.pop(); t; t = stack.pop()) {
    for (const field of Object.values(t.getFields())) {
      const named = getNamedType(field.type);
      if (isInputObjectType(named) && !seen.has(named)) {
        seen.add(named);
        stack.push(named);
      }
    }
  }
  return seen;
}

const cyclicBySchema = new WeakMap<GraphQLSchema, Set<GraphQLInputObjectType>>();

/** Input object types that can contain themselves (every list filter: its and / or / not). */
function cyclicInputs(schema: GraphQLSchema): Set<GraphQLInputObjectType> {
  let cyclic = cyclicBySchema.get(schema);
  if (!cyclic) {
    cyclic = new Set();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isInputObjectType(type)) continue;
      const fields = Object.values(type.getFields()).map((f) => getNamedType(f.type));
      if (fields.some((n) => isInputObjectType(n) && reachableInputs(n).has(type))) cyclic.add(type);
    }
    cyclicBySchema.set(schema, cyclic);
  }
  return cyclic;
}

const jitSafe = new WeakMap<OperationDefinitionNode, boolean>();

/**
 * Whether graphql-jit may compile the operation. It cannot compile a variable whose input type
 * reaches a cycle (`$f: MemberFilter`): it inlines the coercion of every nested field, forever, until
 * the heap is gone (graphql-jit#81, open; a filter sent as one variable took the hub to 4 GB and
 * down). Those operations run on graphql-js, which coerces variables at run time.
 */
function canCompile(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  let safe = jitSafe.get(operation);
  if (safe === undefined) {
    const cyclic = cyclicInputs(schema);
    safe = (operation.variableDefinitions ?? []).every((v) => {
      const named = getNamedType(typeFromAST(schema, v.type));
      return !isInputObjectType(named) || ![...reachableInputs(named)].some((t) => cyclic.has(t));
    });
    jitSafe.set(operation, safe);
  }
  return safe;
}

/**
 * graphql-jit's errors carry no `extensions` unless the original error had some, which Apollo's
 * error formatting cannot read: rebuild them as graphql-js errors (message, path, locations and the
 * original error kept, so coded errors stay coded).
 */
function standardError(e: GraphQLError): GraphQLError {
  // A variable graphql-jit could not coerce is the client's mistake, as graphql-js reports it.
  const badVariable = !e.path && e.message.startsWith('Variable "$');
  const extensions = badVariable ? { code: 'BAD_USER_INPUT', ...e.extensions } : (e.extensions ?? {});
  const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions });
  if (e.locations) Object.assign(error, { locations: e.locations });
  return error;
}

/**
 * The request's variables with the operation's defaults filled in where a variable is not given: graphql-jit
 * refuses an omitted non-null variable even when it has a default (`$by: BreakdownBy! = CHILD_ORGANIZATION`),
 * which the spec and graphql-js allow. Defaults go in as a client would send them (enum names, not values).
 */
function withDefaults(operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> {
  let out = variables;
  for (const v of operation.variableDefinitions ?? []) {
    const name = v.variable.name.value;
    if (v.defaultValue && !(name in variables)) out = { ...out, [name]: valueFromASTUntyped(v.defaultValue) };
  }
  return out;
}

export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  const executor: GatewayExecutor = async (request) => {
    // Mutations are rare and write-bound: graphql-js runs them (graphql-jit 0.8 does not apply the
    // defaults of input-object fields given in variables, which mutation inputs use). So does an
    // operation with a variable graphql-jit cannot compile (see canCompile).
    if (request.operation.operation === 'mutation' || !canCompile(schema, request.operation)) {
      return execute({
        schema,
        document: request.document,
        contextValue: request.context,
        variableValues: request.request.variables ?? {},
        operationName: request.operationName,
      }) as never;
    }
    const query = compiledFor(schema, request.document, request.operationName);
    if (!isCompiledQuery(query)) return query;
    const result = await query.query(undefined, request.context, withDefaults(request.operation, request.request.variables ?? {}));
    return result.errors ? { ...result, errors: result.errors.map(standardError) } : result;
  };
  return {
    load: async () => ({ schema, executor }),
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    stop: async () => undefined,
  };
}
