/**
 * Subscriptions (and any operation) over graphql-ws on the same /graphql path, under the same rules as
 * HTTP: the Host must be the hub's, and so must the Origin of a browser that brings the session cookie
 * (graphql-ws has no CSRF prevention of its own); the document is parsed with the token limit, validated
 * with the shape limits and costed before it runs; errors are formatted as HTTP's are.
 *
 * A socket needs a database with an administrator and one credential: the session cookie of its upgrade
 * (the browser sends it, same-origin), or a personal access token — in the upgrade's `Authorization:
 * Bearer …` header, or, for a client that cannot set headers on an upgrade (a browser's WebSocket), in its
 * `connection_init` payload as `{ authorization: "Bearer …" }`. A token needs no particular Origin (no
 * browser sends it by itself). An upgrade without either is let through only to bring a token in its
 * connection_init, and closed with 4401 if it does not; two credentials are refused (4400, or HTTP 400 on
 * the upgrade), as on HTTP (modules/account/request.ts). Each operation passes the same access gate as
 * HTTP's (a token's read-only); a socket whose session or token ends (sign-out, revocation on any instance,
 * its account changed, expiry) is closed with 4401.
 *
 * A wall display's cookie (`hub_display`, modules/account/display-links.ts) stands for its token when the
 * upgrade brings neither a session cookie nor a bearer (a session cookie beside it wins, as on HTTP); being a
 * cookie, the browser sends it on its own, so it needs the hub's own Origin as the session cookie does. A
 * refused display cookie leaves the upgrade without a credential (its connection_init then closes it 4401,
 * auth/required, and the dashboard shows the sign-in page).
 */
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  specifiedRules,
  subscribe,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { createHash } from 'node:crypto';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuthSettings } from '../config.js';
import { createContext, type Context, type RequestAuth, type SignedIn } from '../context.js';
import { routed, type Db } from '../db/reader.js';
import { formatLsn } from '../db/replicas.js';
import type { ChangeFeed } from '../domain/changes.js';
import { costOf, tooComplex } from '../graphql/complexity.js';
import { limitRules, MAX_COMPLEXITY, parseOptions } from '../graphql/limits.js';
import { displayCookie, sessionCookie } from '../modules/account/cookie.js';
import {
  bearerOf,
  clientAddress,
  credentialOf,
  gate,
  gateState,
  noAdmin,
  type AdminCheck,
  type SessionStore,
  type TokenLookup,
  type TokenStore,
  type TrustedProxies,
} from '../modules/account/index.js';
import { AUDITED_REFUSALS, refusalRow } from './access.js';
import type { formatError } from './errors.js';
import { canonicalJson } from './coalesce.js';
import { expandShared, SharedPushes, type PushSource } from './live-pushes.js';
import { auditPersonal, type AuditWriter } from './personal-audit.js';
import { crossOriginBody, hostAllowed, originAllowed } from './security.js';

export interface SocketOptions {
  server: Server;
  schema: GraphQLSchema;
  db: Db;
  feed: ChangeFeed;
  hosts: ReadonlySet<string>;
  format: ReturnType<typeof formatError>;
  /** Sessions, tokens and the administrator check; null only where a benchmark measures the hub without authorization. */
  access: {
    sessions: SessionStore;
    tokens: TokenStore;
    admins: AdminCheck;
    settings: AuthSettings;
    proxies: TrustedProxies;
    /** Refused token uses and refused operations are recorded here. */
    audits: AuditWriter;
  } | null;
}

type Access = NonNullable<SocketOptions['access']>;

/** What a socket was opened with: its credential (a session cookie's token, or a personal access token) and account. */
interface SocketSession {
  kind: 'session' | 'token';
  secret: string;
  account: SignedIn;
}

const sessionOf = new WeakMap<IncomingMessage, SocketSession>();

const formatAll = (format: SocketOptions['format'], errors: readonly GraphQLError[]) => errors.map((e) => format(e.toJSON(), e));

/**
 * A parse or validation error with the code Apollo gives it over HTTP (a rule's own code kept): without one the
 * formatter took a misspelt field or a string for a Boolean over the socket for an internal error.
 */
function coded(e: GraphQLError, code: string): GraphQLError {
  if (typeof e.extensions.code === 'string') return e;
  return new GraphQLError(e.message, {
    nodes: e.nodes,
    source: e.source,
    positions: e.positions,
    path: e.path,
    originalError: e.originalError,
    extensions: { ...e.extensions, code },
  });
}

/** The document of a subscription message, checked like an HTTP operation: parsed, validated, costed. */
function checked(
  schema: GraphQLSchema,
  payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
) {
  let document: DocumentNode;
  try {
    document = parse(payload.query, parseOptions);
  } catch (e) {
    return [coded(e instanceof GraphQLError ? e : new GraphQLError(String(e)), 'GRAPHQL_PARSE_FAILED')];
  }
  const errors = validate(schema, document, [...specifiedRules, ...limitRules]);
  if (errors.length) return errors.map((e) => coded(e, 'GRAPHQL_VALIDATION_FAILED'));
  const cost = costOf(schema, document, payload.variables ?? undefined, payload.operationName ?? undefined);
  if (cost !== null && cost > MAX_COMPLEXITY) return [tooComplex(cost)];
  return document;
}

const NO_ADMIN = '503 Service Unavailable (no administrator)';

/** Each refused upgrade's code and words (the body of its HTTP answer, GraphQL-shaped as on /graphql). */
const REFUSALS: Record<string, { code: string; reason: string; zh: string; en: string }> = {
  '400': {
    code: 'BAD_REQUEST',
    reason: 'auth/ambiguous_credentials',
    zh: '请求同时带有会话 Cookie 与令牌：只能用一种',
    en: 'the request carries both a session cookie and a token: use one',
  },
  '401': {
    code: 'UNAUTHENTICATED',
    reason: 'auth/required',
    zh: '请先登录（会话或令牌无效、已过期或已撤销）',
    en: 'sign in first (the session or token is invalid, expired or revoked)',
  },
  '403': {
    code: 'FORBIDDEN',
    reason: 'auth/forbidden',
    zh: '本服务不接受此连接（路径或主机名不对）',
    en: 'the hub does not take this connection (wrong path or host name)',
  },
  '503 Service Unavailable': {
    code: 'SERVICE_UNAVAILABLE',
    reason: 'db/unavailable',
    zh: '数据库暂时不可用，请稍后重试',
    en: 'the database is not available now; try again shortly',
  },
};

/** Refuses an upgrade with its status and a coded, bilingual body (`body` instead of the status's own). */
function refuse(socket: Duplex, status: string, body?: string): void {
  const e = status === NO_ADMIN ? noAdmin() : null;
  const r = e
    ? {
        code: String(e.extensions.code),
        reason: String(e.extensions.reason),
        zh: String(e.extensions.messageZh),
        en: String(e.extensions.messageEn),
      }
    : (REFUSALS[status] ?? REFUSALS[status.slice(0, 3)]);
  const text =
    body ??
    (r
      ? JSON.stringify({
          errors: [{ message: `${r.zh} / ${r.en}`, extensions: { code: r.code, reason: r.reason, messageZh: r.zh, messageEn: r.en } }],
        })
      : '');
  socket.end(
    `HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

/** The account of a token (its refused use recorded), or null. */
async function tokenAccount(access: Access, req: IncomingMessage, secret: string): Promise<SignedIn | null> {
  const found: TokenLookup = await access.tokens.find(secret);
  if ('account' in found) return found.account;
  access.tokens.refusedUse(found, secret, clientAddress(req, access.proxies), 'websocket');
  return null;
}

/**
 * The credential an upgrade brings (null: none yet, its connection_init must bring a token), or the status
 * line refusing it.
 */
async function admit(access: Access, req: IncomingMessage): Promise<SocketSession | null | string> {
  if (!(await access.admins.exists())) return NO_ADMIN;
  const cookie = sessionCookie(req.headers.cookie);
  const display = displayCookie(req.headers.cookie);
  const bearer = bearerOf(req.headers.authorization);
  if ((cookie !== undefined || display !== undefined) && bearer !== undefined) return '400 Bad Request';
  if (bearer !== undefined) {
    const account = await tokenAccount(access, req, bearer);
    return account ? { kind: 'token', secret: bearer, account } : '401 Unauthorized';
  }
  if (cookie === undefined && display !== undefined) {
    const account = await tokenAccount(access, req, display);
    return account ? { kind: 'token', secret: display, account: { ...account, display: true } } : null;
  }
  if (cookie === undefined) return null;
  const account = await access.sessions.find(cookie);
  return account ? { kind: 'session', secret: cookie, account } : '401 Unauthorized';
}

/** A socket's sign-in state for resolvers: its account; cookies cannot be set over a socket. */
function socketAuth(access: Access, req: IncomingMessage, account: SignedIn): RequestAuth {
  return {
    account,
    address: clientAddress(req, access.proxies),
    userAgent: req.headers['user-agent'] ?? null,
    settings: access.settings,
    setCookie: () => {
      throw new GraphQLError('sign-in and sign-out work over HTTP only / 登录与退出只能通过 HTTP');
    },
    changed: (change) => {
      access.sessions.changed(change);
      access.tokens.changed(change);
    },
  };
}

/** Reads a socket's credential again: its account now, or the socket closed. */
function recheck(access: Access, socket: WebSocket, s: SocketSession): void {
  const again =
    s.kind === 'session'
      ? access.sessions.find(s.secret)
      : access.tokens.find(s.secret).then((found) => ('account' in found ? found.account : null));
  void again.then(
    (account) =>
      account
        ? (s.account = s.account.display ? { ...account, display: true } : account)
        : socket.close(4401, s.kind === 'session' ? 'auth/required' : 'auth/invalid_token'),
    () => undefined,
  );
}

/**
 * Closes the sockets whose session or token ended: named, or (an account changed, notifications missed) found
 * dead on a re-read.
 */
function closeEnded(access: Access, open: Map<WebSocket, SocketSession>): void {
  access.sessions.onChange((sessionId, accountId) => {
    for (const [socket, s] of open) {
      if (s.kind !== 'session') continue;
      if (sessionId !== null) {
        if (s.account.sessionId === sessionId) socket.close(4401, 'auth/required');
      } else if (accountId === null || s.account.id === accountId) recheck(access, socket, s);
    }
  });
  access.tokens.onChange((tokenId, accountId) => {
    for (const [socket, s] of open) {
      if (s.kind !== 'token') continue;
      if (tokenId !== null) {
        if (s.account.tokenId === tokenId) socket.close(4401, 'auth/invalid_token');
      } else if (accountId === null || s.account.id === accountId) recheck(access, socket, s);
    }
  });
}

/** The longest a timer may wait (setTimeout fires at once beyond it). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Keeps a socket open under a token no longer than the token lasts. */
function closeAtExpiry(socket: WebSocket, s: SocketSession): void {
  if (s.kind !== 'token') return;
  const wait = () => {
    const left = s.account.sessionExpiresAt.getTime() - Date.now();
    if (left <= 0) return socket.close(4401, 'auth/invalid_token');
    const timer = setTimeout(wait, Math.min(left, MAX_TIMER_MS));
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
  wait();
}

/** Registers a socket under its credential, so that the credential's end closes it. */
function track(open: Map<WebSocket, SocketSession>, socket: WebSocket, s: SocketSession): void {
  open.set(socket, s);
  socket.once('close', () => open.delete(socket));
  closeAtExpiry(socket, s);
}

/**
 * connection_init: a socket upgraded without a credential brings a token in its payload
 * (`{ authorization: "Bearer …" }`), or is closed; a socket with one may repeat the same token, nothing else.
 */
async function connect(access: Access, open: Map<WebSocket, SocketSession>, socket: WebSocket, req: IncomingMessage, params: unknown) {
  const given = (params as { authorization?: unknown } | undefined)?.authorization;
  const held = sessionOf.get(req);
  if (given === undefined) {
    if (held) return true;
    socket.close(4401, 'auth/required');
    return false;
  }
  const secret = typeof given === 'string' ? bearerOf(given)! : '';
  if (held) {
    if (held.kind === 'token' && held.secret === secret) return true;
    socket.close(4400, 'auth/ambiguous_credentials');
    return false;
  }
  let account: SignedIn | null;
  try {
    account = await tokenAccount(access, req, secret);
  } catch {
    socket.close(1011, 'db/unavailable');
    return false;
  }
  if (!account) {
    socket.close(4401, 'auth/invalid_token');
    return false;
  }
  const s: SocketSession = { kind: 'token', secret, account };
  sessionOf.set(req, s);
  track(open, socket, s);
  return true;
}

/**
 * Upgrades to /graphql for the hub's own hosts; from the hub's own origins when a session cookie comes along
 * (or when there is no authorization at all); each socket is known by its credential, so that its end
 * closes it.
 */
function handleUpgrades(o: SocketOptions, wsServer: WebSocketServer, open: Map<WebSocket, SocketSession>): void {
  o.server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://hub').pathname;
    if (path !== '/graphql' || !hostAllowed(o.hosts, req)) return refuse(socket, '403 Forbidden');
    // A cookie (a session's or a display's) is sent by the browser on its own: only the hub's own pages may use it. A token is not.
    const cookie = sessionCookie(req.headers.cookie) ?? displayCookie(req.headers.cookie);
    const cookieOrOpen = !o.access || cookie !== undefined;
    if (cookieOrOpen && !originAllowed(o.hosts, req)) return refuse(socket, '403 Forbidden', crossOriginBody());
    const upgrade = () => wsServer.handleUpgrade(req, socket, head, (client) => wsServer.emit('connection', client, req));
    if (!o.access) return upgrade();
    admit(o.access, req).then(
      (admitted) => {
        if (typeof admitted === 'string') {
          refuse(socket, admitted);
          return;
        }
        if (admitted) sessionOf.set(req, admitted);
        upgrade();
      },
      () => refuse(socket, '503 Service Unavailable'),
    );
  });
  if (o.access) {
    wsServer.on('connection', (client: WebSocket, req: IncomingMessage) => {
      const s = sessionOf.get(req);
      if (s) track(open, client, s);
    });
    closeEnded(o.access, open);
  }
}

/** How a subscription's pushes are run and shared (live-pushes.ts): its key, its context, its personal-read audit. */
function pushSource(o: SocketOptions, payload: Payload, context: (readAfter?: string) => Context): PushSource {
  const key = createHash('sha256')
    .update(`${payload.operationName ?? ''}|${canonicalJson(payload.variables ?? {})}|${payload.query}`)
    .digest('base64');
  const audits = o.access?.audits;
  return { key, context, ...(audits ? { ran: (ctx: Context) => auditPersonal(audits, ctx, payload.operationName) } : {}) };
}

type Payload = { query: string; variables?: Record<string, unknown> | null; operationName?: string | null; extensions?: unknown };

/** An operation over a socket: checked, gated (refusals audited) and given its context, or its errors. */
function operationOf(o: SocketOptions, pushSources: WeakMap<object, PushSource>, request: IncomingMessage, payload: Payload) {
  const checkedDocument = checked(o.schema, payload);
  if (Array.isArray(checkedDocument)) return checkedDocument;
  const document = checkedDocument as DocumentNode;
  const s = sessionOf.get(request);
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (o.access && operation) {
    const state = gateState(s?.account ?? null, o.access.settings.passwordMaxDays);
    const refusal = gate(o.schema, document, operation, state, credentialOf(s?.account));
    if (refusal) {
      if (s && AUDITED_REFUSALS.has(String(refusal.extensions.reason))) {
        const address = clientAddress(request, o.access.proxies);
        const mutation = operation.operation === OperationTypeNode.MUTATION;
        o.access.audits.add({ ...refusalRow(s.account, address, mutation, payload.operationName ?? null, [refusal]), address });
      }
      return [refusal];
    }
  }
  // With replicas, the operation's reads go there as an HTTP request's do, read-your-writes by the
  // position it carries (`extensions.readAfter`: a mutation's answer, or a push's `readAfter`); a push's
  // run reads past the position of the change it answers.
  const given = (payload.extensions as { readAfter?: unknown } | null | undefined)?.readAfter;
  const context = (readAfter?: string) =>
    createContext(
      routed(o.db, readAfter ?? given),
      s?.account.username,
      o.feed,
      s && o.access ? socketAuth(o.access, request, s.account) : undefined,
    );
  const contextValue = context();
  if (operation?.operation === OperationTypeNode.SUBSCRIPTION) pushSources.set(contextValue, pushSource(o, payload, context));
  return {
    schema: o.schema,
    document,
    variableValues: payload.variables ?? null,
    operationName: payload.operationName ?? null,
    contextValue,
  };
}

/** Every message graphql-ws sends passes through expandShared (live-pushes.ts); registered before graphql-ws's own listener. */
function expandSharedPushes(wsServer: WebSocketServer): void {
  wsServer.on('connection', (client: WebSocket) => {
    const send = client.send.bind(client) as (data: string | Buffer, options: object, cb?: (err?: Error) => void) => void;
    client.send = ((data: string, cb?: (err?: Error) => void) => {
      const parts = expandShared(data);
      if (typeof parts === 'string') return send(parts, { binary: false }, cb);
      // One text message in three fragments (ws continues a message until `fin`): nothing else is sent between them.
      send(parts[0], { binary: false, fin: false });
      send(parts[1], { binary: false, fin: false });
      send(parts[2], { binary: false, fin: true }, cb);
    }) as WebSocket['send'];
  });
}

/**
 * The WebSocket endpoint; its `dispose` ends every socket (the HTTP server's drain calls it); `pushes`: its
 * subscriptions' pushes, run once per change for identical subscribers (live-pushes.ts).
 */
export function subscriptions(o: SocketOptions): { dispose: () => void | Promise<void>; pushes: SharedPushes } {
  // Upgrades are handed over by hand (noServer) rather than by attaching to the HTTP server: attached,
  // ws re-emits the server's own errors (a port in use) and graphql-ws logs them as its "internal error".
  const wsServer = new WebSocketServer({ noServer: true });
  const open = new Map<WebSocket, SocketSession>();
  handleUpgrades(o, wsServer, open);
  expandSharedPushes(wsServer);
  const pushes = new SharedPushes();
  const pushSources = new WeakMap<object, PushSource>();
  const server = useServer(
    {
      schema: o.schema,
      subscribe: (args) => {
        const source = pushSources.get(args.contextValue as object);
        return source ? pushes.subscribe(args, source) : subscribe(args);
      },
      onConnect: (ctx) => (o.access ? connect(o.access, open, ctx.extra.socket, ctx.extra.request, ctx.connectionParams) : true),
      onSubscribe: (ctx, _id, payload) => operationOf(o, pushSources, ctx.extra.request, payload),
      onError: (_ctx, _id, _payload, errors) => formatAll(o.format, errors),
      onNext: (_ctx, _id, _payload, args, result) => {
        // A write over the socket answers with its position, as over HTTP (http/apollo.ts readAfterExtension).
        const lsn = (args.contextValue as { reader?: { db: Db } } | undefined)?.reader?.db.route?.readAfter;
        const extended = lsn != null ? { ...result, extensions: { ...result.extensions, readAfter: formatLsn(lsn) } } : result;
        if (result.errors) return { ...extended, errors: formatAll(o.format, result.errors) };
        return extended === result ? undefined : extended;
      },
    },
    wsServer,
  );
  return { dispose: () => server.dispose(), pushes };
}
