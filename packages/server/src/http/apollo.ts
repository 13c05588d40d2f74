/**
 * Apollo Server for /graphql over HTTP: operations compiled by graphql-jit (graphql/jit.ts), query bombs
 * refused before execution (shape limits while validating, the cost once variables are known), errors
 * formatted in one place, a database that is down answered 503, and GraphQL-over-HTTP's status codes for
 * clients that accept only application/json.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { OperationTypeNode, type FormattedExecutionResult, type GraphQLSchema } from 'graphql';
import type { Server } from 'node:http';
import type { Context } from '../context.js';
import { complexityLimit } from '../graphql/complexity.js';
import { jitGateway } from '../graphql/jit.js';
import { limitRules, parseOptions } from '../graphql/limits.js';
import { formatError, unavailableStatus } from './errors.js';
import { formatLsn } from '../db/replicas.js';

/**
 * GraphQL-over-HTTP: a client that accepts only application/json (not application/graphql-response+json)
 * is answered 200 for a document that does not parse or validate, or variables that do not fit
 * (the spec's SHOULD; graphql-http's audit checks it), with the errors in the body as before.
 */
const jsonStatus: ApolloServerPlugin = {
  requestDidStart: async ({ request }) => ({
    willSendResponse: async ({ response }) => {
      const accept = request.http?.headers.get('accept') ?? '';
      if (response.http.status !== 400 || accept.includes('application/graphql-response+json')) return;
      if (!/application\/json|\*\/\*/.test(accept)) return;
      const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
      const requestErrors = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'];
      if (errors?.length && errors.every((e) => requestErrors.includes(String(e.extensions?.code)))) response.http.status = 200;
    },
  }),
};

/** The text of each answer's data, made once: an answer shared by many requests (coalesce.ts) is one object. */
const texts = new WeakMap<object, string>();

/** Compact JSON of a response body; a data-only body's text is remembered by its data's identity. */
export function stringified(value: FormattedExecutionResult): string {
  // Apollo hands over { errors, data, extensions } (undefined ones included); anything besides those is not remembered.
  const others = Object.keys(value).filter((k) => k !== 'errors' && k !== 'data' && k !== 'extensions');
  if (value.errors !== undefined || value.extensions !== undefined || !value.data || others.length) return JSON.stringify(value);
  let text = texts.get(value.data);
  if (text === undefined) texts.set(value.data, (text = JSON.stringify(value)));
  return text;
}

/**
 * With read replicas (db/replicas.ts): a mutation reads on the primary, and an answer to a request that wrote carries the primary's WAL position
 * after its commit (`extensions.readAfter`), for the client to send back as `x-hub-read-after`.
 */
export const readAfterExtension: ApolloServerPlugin<Context> = {
  requestDidStart: async () => ({
    // A mutation reads on the primary from its start: the checks before its write see what it will change.
    didResolveOperation: async ({ operation, contextValue }) => {
      if (operation?.operation === OperationTypeNode.MUTATION) contextValue.reader.db.route?.onPrimary();
    },
    willSendResponse: async ({ response, contextValue }) => {
      const lsn = contextValue.reader.db.route?.readAfter;
      if (lsn == null || response.body.kind !== 'single') return;
      const result = response.body.singleResult;
      result.extensions = { ...result.extensions, readAfter: formatLsn(lsn) };
    },
  }),
};

export function createApollo(o: {
  schema: GraphQLSchema;
  server: Server;
  debug: boolean;
  log: (m: string, e?: unknown) => void;
  drain: () => Promise<void>;
  /** The access gate (access.ts) and the personal-read audit; absent only where a benchmark measures the hub without them. */
  access?: ApolloServerPlugin<Context>[];
  /** Identical reads answered once per change (coalesce.ts): after the gate and the cost limit, which every request passes. */
  shared?: ApolloServerPlugin<Context>;
  /** More plugins (the replicas' readAfter extension). */
  plugins?: ApolloServerPlugin<Context>[];
}) {
  return new ApolloServer<Context>({
    gateway: jitGateway(o.schema),
    // A request is safe from CSRF when a browser would have asked first (a preflight): a JSON body, or a header no
    // form or simple request can carry. `Authorization` is one (a script's bearer token): a GET with it needs no
    // apollo-require-preflight, and no page on another site can send it without the hub's CORS consent, which it never gives.
    csrfPrevention: { requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', 'authorization'] },
    // The hub owns its shutdown order (main.ts): HTTP, then the ORM, then the embedded PostgreSQL.
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: o.debug,
    validationRules: limitRules,
    parseOptions,
    formatError: formatError(o.log, o.debug),
    // Compact JSON: Apollo indents responses by default (two spaces a level); the dashboard's month view is 11 KB
    // compact and 23 KB indented, built and sent on every refresh.
    stringifyResult: (value) => stringified(value),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: o.server, stopGracePeriodMillis: 3_000 }),
      { serverWillStart: async () => ({ drainServer: o.drain }) },
      ApolloServerPluginLandingPageDisabled(),
      // Its per-field hook (cache hints nobody reads) wraps every resolver call: measured 6 % of a list query.
      ApolloServerPluginCacheControlDisabled(),
      // Federation's inline traces (nobody here is a gateway): its per-request hook showed in the profile.
      ApolloServerPluginInlineTraceDisabled(),
      ...(o.access ?? []),
      ...(o.plugins ?? []),
      complexityLimit(),
      ...(o.shared ? [o.shared] : []),
      unavailableStatus,
      jsonStatus,
    ],
  });
}
