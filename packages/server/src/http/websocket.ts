/**
 * Subscriptions (and any operation) over graphql-ws on the same /graphql path, under the same rules as
 * HTTP: the Host and, for a browser, the Origin must be the hub's (graphql-ws has no CSRF prevention of
 * its own); the document is parsed with the token limit, validated with the shape limits and costed
 * before it runs; errors are formatted as HTTP's are. The upgrade needs a live session (its cookie: the
 * browser sends it, same-origin) and a database with an administrator; each operation passes the same
 * access gate as HTTP's; a socket whose session ends (sign-out, revocation on any instance, expiry found
 * on a re-check) is closed with 4401.
 */
import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuthSettings } from '../config.js';
import { createContext, type RequestAuth, type SignedIn } from '../context.js';
import type { Db } from '../db/reader.js';
import type { ChangeFeed } from '../domain/changes.js';
import { costOf, tooComplex } from '../graphql/complexity.js';
import { limitRules, MAX_COMPLEXITY, parseOptions } from '../graphql/limits.js';
import { sessionCookie } from '../modules/account/cookie.js';
import { clientAddress, gate, gateState, type AdminCheck, type SessionStore } from '../modules/account/index.js';
import type { formatError } from './errors.js';
import { hostAllowed, originAllowed } from './security.js';

export interface SocketOptions {
  server: Server;
  schema: GraphQLSchema;
  db: Db;
  feed: ChangeFeed;
  hosts: ReadonlySet<string>;
  format: ReturnType<typeof formatError>;
  /** Sessions and the administrator check; null only where a benchmark measures the hub without authorization. */
  access: { sessions: SessionStore; admins: AdminCheck; settings: AuthSettings } | null;
}

/** What a socket was opened with: its session's token and account. */
interface SocketSession {
  token: string;
  account: SignedIn;
}

const sessionOf = new WeakMap<IncomingMessage, SocketSession>();

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

const refuse = (socket: Duplex, status: string): void => void socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\n\r\n`);

/** The session an upgrade brings, or the status line refusing it. */
async function admit(access: NonNullable<SocketOptions['access']>, req: IncomingMessage): Promise<SocketSession | string> {
  if (!(await access.admins.exists())) return '503 Service Unavailable';
  const token = sessionCookie(req.headers.cookie);
  const account = token === undefined ? null : await access.sessions.find(token);
  return account && token ? { token, account } : '401 Unauthorized';
}

/** A socket's sign-in state for resolvers: its account; cookies cannot be set over a socket. */
function socketAuth(settings: AuthSettings, req: IncomingMessage, account: SignedIn): RequestAuth {
  return {
    account,
    address: clientAddress(req),
    userAgent: req.headers['user-agent'] ?? null,
    settings,
    setCookie: () => {
      throw new GraphQLError('sign-in and sign-out work over HTTP only / 登录与退出只能通过 HTTP');
    },
  };
}

/** Closes the sockets whose session ended: named, or (an account changed, notifications missed) found dead on a re-read. */
function closeEnded(access: NonNullable<SocketOptions['access']>, open: Map<WebSocket, SocketSession>) {
  return (sessionId: string | null, accountId: number | null) => {
    for (const [socket, s] of open) {
      if (sessionId !== null) {
        if (s.account.sessionId === sessionId) socket.close(4401, 'auth/required');
      } else if (accountId === null || s.account.id === accountId) {
        void access.sessions.find(s.token).then(
          (account) => (account ? (s.account = account) : socket.close(4401, 'auth/required')),
          () => undefined,
        );
      }
    }
  };
}

/**
 * Upgrades to /graphql from the hub's own hosts and origins, with a live session; each socket is known by
 * its session, so that the session's end closes it.
 */
function handleUpgrades(o: SocketOptions, wsServer: WebSocketServer, open: Map<WebSocket, SocketSession>): void {
  o.server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://hub').pathname;
    if (path !== '/graphql' || !hostAllowed(o.hosts, req) || !originAllowed(o.hosts, req)) return refuse(socket, '403 Forbidden');
    const upgrade = () => wsServer.handleUpgrade(req, socket, head, (client) => wsServer.emit('connection', client, req));
    if (!o.access) return upgrade();
    admit(o.access, req).then(
      (admitted) => {
        if (typeof admitted === 'string') {
          refuse(socket, admitted);
          return;
        }
        sessionOf.set(req, admitted);
        upgrade();
      },
      () => refuse(socket, '503 Service Unavailable'),
    );
  });
  if (o.access) {
    wsServer.on('connection', (client: WebSocket, req: IncomingMessage) => {
      const s = sessionOf.get(req);
      if (s) open.set(client, s);
      client.on('close', () => open.delete(client));
    });
    o.access.sessions.onChange(closeEnded(o.access, open));
  }
}

/** The WebSocket endpoint; its `dispose` ends every socket (the HTTP server's drain calls it). */
export function subscriptions(o: SocketOptions): { dispose: () => void | Promise<void> } {
  // Upgrades are handed over by hand (noServer) rather than by attaching to the HTTP server: attached,
  // ws re-emits the server's own errors (a port in use) and graphql-ws logs them as its "internal error".
  const wsServer = new WebSocketServer({ noServer: true });
  const open = new Map<WebSocket, SocketSession>();
  handleUpgrades(o, wsServer, open);
  return useServer(
    {
      schema: o.schema,
      onSubscribe: (ctx, _id, payload) => {
        const checkedDocument = checked(o.schema, payload);
        if (Array.isArray(checkedDocument)) return checkedDocument;
        const document = checkedDocument as DocumentNode;
        const s = sessionOf.get(ctx.extra.request);
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        if (o.access && operation) {
          const refusal = gate(o.schema, document, operation, gateState(s?.account ?? null, o.access.settings.passwordMaxDays));
          if (refusal) return [refusal];
        }
        return {
          schema: o.schema,
          document,
          variableValues: payload.variables ?? null,
          operationName: payload.operationName ?? null,
          contextValue: createContext(
            o.db,
            s?.account.username,
            o.feed,
            s && o.access ? socketAuth(o.access.settings, ctx.extra.request, s.account) : undefined,
          ),
        };
      },
      onError: (_ctx, _id, _payload, errors) => formatAll(o.format, errors),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatAll(o.format, result.errors) } : undefined,
    },
    wsServer,
  );
}
