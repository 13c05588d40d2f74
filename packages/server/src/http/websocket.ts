/**
 * Subscriptions (and any operation) over graphql-ws on the same /graphql path, under the same rules as
 * HTTP: the Host and, for a browser, the Origin must be the hub's (graphql-ws has no CSRF prevention of
 * its own); the document is parsed with the token limit, validated with the shape limits and costed
 * before it runs; errors are formatted as HTTP's are.
 */
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { createContext } from '../context.js';
import type { Db } from '../db/reader.js';
import type { ChangeFeed } from '../domain/changes.js';
import { costOf, tooComplex } from '../graphql/complexity.js';
import { limitRules, MAX_COMPLEXITY, parseOptions } from '../graphql/limits.js';
import type { formatError } from './errors.js';
import { hostAllowed, originAllowed } from './security.js';

export interface SocketOptions {
  server: Server;
  schema: GraphQLSchema;
  db: Db;
  feed: ChangeFeed;
  hosts: ReadonlySet<string>;
  format: ReturnType<typeof formatError>;
}

const formatAll = (format: SocketOptions['format'], errors: readonly GraphQLError[]) => errors.map((e) => format(e.toJSON(), e));

/** The document of a subscription message, checked like an HTTP operation: parsed, validated, costed. */
function checked(
  schema: GraphQLSchema,
  payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
) {
  let document: DocumentNode;
  try {
    document = parse(payload.query, parseOptions);
  } catch (e) {
    return [e instanceof GraphQLError ? e : new GraphQLError(String(e))];
  }
  const errors = validate(schema, document, [...specifiedRules, ...limitRules]);
  if (errors.length) return errors;
  const cost = costOf(schema, document, payload.variables ?? undefined, payload.operationName ?? undefined);
  if (cost !== null && cost > MAX_COMPLEXITY) return [tooComplex(cost)];
  return document;
}

/** The WebSocket endpoint; its `dispose` ends every socket (the HTTP server's drain calls it). */
export function subscriptions(o: SocketOptions): { dispose: () => void | Promise<void> } {
  // Upgrades are handed over by hand (noServer) rather than by attaching to the HTTP server: attached,
  // ws re-emits the server's own errors (a port in use) and graphql-ws logs them as its "internal error".
  const wsServer = new WebSocketServer({ noServer: true });
  o.server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://hub').pathname;
    if (path !== '/graphql' || !hostAllowed(o.hosts, req) || !originAllowed(o.hosts, req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    wsServer.handleUpgrade(req, socket, head, (client) => wsServer.emit('connection', client, req));
  });
  return useServer(
    {
      schema: o.schema,
      onSubscribe: (_ctx, _id, payload) => {
        const document = checked(o.schema, payload);
        if (Array.isArray(document)) return document;
        return {
          schema: o.schema,
          document: document as DocumentNode,
          variableValues: payload.variables ?? null,
          operationName: payload.operationName ?? null,
          contextValue: createContext(o.db, undefined, o.feed),
        };
      },
      onError: (_ctx, _id, _payload, errors) => formatAll(o.format, errors),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatAll(o.format, result.errors) } : undefined,
    },
    wsServer,
  );
}
