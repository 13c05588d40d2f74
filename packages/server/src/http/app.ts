/**
 * The one HTTP server: /graphql (POST and GET, CSRF prevention on; graphql-ws on the same path, under the
 * same rules), /graphiql (bundled, offline), /healthz (200 only when the database answers and every
 * migration is applied), /auth/link/… and /setup (modules/account/routes.ts), /auth/providers, /auth/oidc/… and
 * /auth/cas/… (modules/account/sso/routes.ts), / (the dashboard). Every
 * request first passes the Host check and gets the security headers (security.ts); every operation passes
 * the access gate (access.ts) with the account of its session.
 */
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import type pg from 'pg';
import { parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createServer, type Server } from 'node:http';
import { buildHubSchema } from '../app/schema.js';
import { DEFAULT_AUTH, type AuthSettings } from '../config.js';
import { createContext, type Context } from '../context.js';
import { isUnavailable } from '../db/failures.js';
import { analyticsPool, readDb } from '../db/pools.js';
import { ReplicaSet } from '../db/replicas.js';
import { withRequestScope } from '../domain/request-scope.js';
import { dbUnavailable, HubError } from '../errors.js';
import { routed, type Db } from '../db/reader.js';
import { setDefaultTimeZone } from '../graphql/aggregate/index.js';
import { limitRules, parseOptions } from '../graphql/limits.js';
import { IndicatorFeed } from '../indicators/live.js';
import { PUSH_MIN_INTERVAL_MS, PUSH_MIN_INTERVAL_UPPER_MS, type PushIntervals } from '../indicators/push-gate.js';
import {
  AdminCheck,
  noAdmin,
  accountRoutes,
  AUTH_CHANNEL,
  authChange,
  requestAuth,
  SessionStore,
  ssoRoutes,
  TokenStore,
  TrustedProxies,
  gateState,
  type Credentials,
} from '../modules/account/index.js';
import { auditRoutes } from '../modules/audit/index.js';
import { AccountRole } from '../domain/enums.js';
import { exportRoutes, importRoutes } from '../modules/import/index.js';
import { accessGate } from './access.js';
import { AuditWriter, personalAudit } from './personal-audit.js';
import { createApollo, readAfterExtension } from './apollo.js';
import { SharedAnswers } from './coalesce.js';
import type { SharedPushes } from './live-pushes.js';
import { serveDashboard } from './dashboard.js';
import { formatError } from './errors.js';
import { graphiqlRouter } from './graphiql.js';
import { guard, originAllowed, sameOriginOnly, servedHosts } from './security.js';
import { subscriptions } from './websocket.js';

export interface AppOptions {
  orm: MikroORM;
  /** Include stack traces in error responses (never in production). */
  debug?: boolean;
  log?: (msg: string, err?: unknown) => void;
  dashboardDir?: string | null;
  /** Statement timeout of analysts' aggregates, in ms (HUB_AGGREGATE_TIMEOUT; default 10 s). */
  aggregateTimeoutMs?: number;
  /** A URL straight to PostgreSQL for the LISTEN connection (HUB_DIRECT_URL); unset: the pool's own. */
  directUrl?: string;
  /** false: no named prepared statements on the read path (HUB_PREPARED=off; db/reader.ts). */
  prepared?: boolean;
  /** Time zone of aggregates' date buckets (HUB_TIME_ZONE; default Asia/Shanghai). */
  timeZone?: string;
  /** Host names served besides loopback and this machine's addresses (HUB_HOSTNAMES). */
  hostnames?: readonly string[];
  /** Password age, lockout and session lifetimes (HUB_PASSWORD_MAX_DAYS, HUB_LOCKOUT_*, HUB_SESSION_*). */
  auth?: AuthSettings;
  /** Proxies trusted to name the client and its scheme (HUB_TRUSTED_PROXIES, as config.ts normalised them); none by default. */
  trustedProxies?: readonly string[];
  /**
   * false: no sessions and no access gate, every operation runs as nobody in particular. Only the
   * benchmark sets it, to measure what authorization costs (HUB has no setting for it).
   */
  authorization?: boolean;
  /**
   * The worker's number when several processes serve the port (HUB_WORKERS > 1), told by /healthz so that an
   * operator (and a test) can see which worker answered: a counter from 1, nothing about the machine.
   */
  worker?: number;
  /** The longest an identical read's answer is shared (HUB_COALESCE_MAX_AGE; default 60 s; 0: never shared). */
  coalesceMaxAgeMs?: number;
  /** At most one push per board per interval (HUB_PUSH_MIN_INTERVAL 500 ms, HUB_PUSH_MIN_INTERVAL_UPPER 5 s by default; 0: none). */
  pushIntervals?: Partial<PushIntervals>;
  /** Streaming replicas for reads and aggregates (HUB_REPLICA_URLS; db/replicas.ts); none: everything on the primary. */
  replicaUrls?: readonly string[];
}

export interface HubHttp {
  server: Server;
  /** The dashboard directory served at /, or null when there is none (not built, or not installed). */
  dashboardDir: string | null;
  /** The host names this hub answers to. */
  hosts: ReadonlySet<string>;
  /** Identical reads answered once per change (coalesce.ts): its counts, for tests and the benchmark. */
  shared: SharedAnswers;
  /** Subscriptions' pushes run once per change for identical subscribers (live-pushes.ts): its counts. */
  pushes: SharedPushes;
  /** The read replicas and their health, when configured. */
  replicas?: ReplicaSet;
  stop(): Promise<void>;
}

async function healthy(orm: MikroORM): Promise<{ ok: boolean; detail: string }> {
  try {
    await orm.em.getConnection().execute('select 1');
    const pending = await orm.migrator.getPending();
    return pending.length ? { ok: false, detail: `${pending.length} pending migrations` } : { ok: true, detail: 'ok' };
  } catch (err) {
    return { ok: false, detail: `database unreachable: ${(err as Error).message}` };
  }
}

/** /healthz: 200 when healthy, 503 otherwise; with the worker's number when several serve the port. */
function healthz(orm: MikroORM, worker: number | undefined) {
  return async (_req: express.Request, res: express.Response) => {
    const h = await healthy(orm);
    res
      .status(h.ok ? 200 : 503)
      .json({ status: h.ok ? 'ok' : 'unavailable', detail: h.detail, ...(worker !== undefined ? { worker } : {}) });
  };
}

/**
 * A /graphql request's context: the account of its session cookie, or of its bearer token, is who acts (the
 * audit log's actor). No header names an actor: whatever a caller says about itself is not who it is.
 */
function requestContext(shared: Db, settings: AuthSettings, credentials: Credentials | null) {
  if (!credentials) return async ({ req }: { req: express.Request }): Promise<Context> => createContext(routedFor(shared, req));
  return async ({ req, res }: { req: express.Request; res: express.Response }): Promise<Context> => {
    const db = routedFor(shared, req);
    // A session read from a database that is down (restarting, failing over) is the database's 503, as any read's.
    const auth = await requestAuth(credentials, settings, req, res).catch((err: unknown) => {
      throw isUnavailable(err) ? dbUnavailable() : err;
    });
    return createContext(db, auth.account?.username, undefined, auth);
  };
}

/** With replicas, a request's own route to them (db/reader.ts `routed`), read-your-writes by its `x-hub-read-after`. */
const routedFor = (db: Db, req: express.Request): Db => routed(db, req.headers['x-hub-read-after']);

/**
 * The shape limits (limits.ts) checked on their own before Apollo validates: graphql-js runs every
 * validation rule in one pass over the whole document, so a bomb of 500 introspections cost 40–65 ms of
 * validation before its refusal; alone, the limits take a few. A document over them is answered here,
 * as Apollo would (400, the same formatted errors); one within them goes on to Apollo's full validation.
 * Documents already found within the limits are remembered by their text (bounded), so a repeated query
 * is not parsed twice.
 */
function limitsFirst(schema: GraphQLSchema, format: ReturnType<typeof formatError>) {
  const passed = new Set<string>();
  return (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const body = req.body as { query?: unknown } | undefined;
    const query = typeof body?.query === 'string' ? body.query : typeof req.query.query === 'string' ? req.query.query : undefined;
    if (query === undefined || passed.has(query)) return next();
    let document: DocumentNode;
    try {
      document = parse(query, parseOptions);
    } catch {
      return next(); // Apollo reports syntax errors and oversize documents
    }
    const errors = validate(schema, document, limitRules);
    if (!errors.length) {
      if (passed.size >= 1000) passed.clear();
      passed.add(query);
      return next();
    }
    // GraphQL-over-HTTP: 400 for application/graphql-response+json, 200 for a client accepting only application/json.
    const accept = req.headers.accept ?? '';
    res.status(accept.includes('application/graphql-response+json') || !/application\/json|\*\/\*/.test(accept) ? 400 : 200).json({
      errors: errors.map((e) => {
        const { http: _status, ...extensions } = (e.toJSON().extensions ?? {}) as Record<string, unknown>;
        return format({ ...e.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...extensions } }, e);
      }),
    });
  };
}

/**
 * Sign-in settings, this instance's sessions and tokens (told of revocations by the feed's connection, refused
 * token uses written by the audit writer), the trusted proxies and the administrator check.
 */
function accessParts(db: Db, feed: IndicatorFeed, audits: AuditWriter, opts: AppOptions, log: (m: string) => void) {
  const settings = opts.auth ?? DEFAULT_AUTH;
  const proxies = new TrustedProxies(opts.trustedProxies ?? []);
  const admins = new AdminCheck(db.pool);
  if (opts.authorization === false) return { settings, proxies, admins, credentials: null, socketAccess: null };
  const credentials: Credentials = {
    sessions: new SessionStore(db.pool, settings.session, Date.now, (m) => log(`[auth] ${m}`)),
    tokens: new TokenStore(db.pool, settings.passwordMaxDays, { log: (m) => log(`[auth] ${m}`), audit: (row) => audits.add(row) }),
    proxies,
  };
  feed.also({
    channel: AUTH_CHANNEL,
    notified: (payload) => {
      const change = authChange(payload);
      if (!change) return;
      credentials.sessions.changed(change);
      credentials.tokens.changed(change);
    },
    missed: () => {
      credentials.sessions.forgetAll();
      credentials.tokens.forgetAll();
    },
  });
  return { settings, proxies, admins, credentials, socketAccess: { ...credentials, admins, settings, proxies, audits } };
}

/** The pages outside GraphQL: sign-in links and /setup, and (with sessions) the audit log's CSV export. */
function pageRoutes(
  db: Db,
  settings: AuthSettings,
  admins: AdminCheck,
  proxies: TrustedProxies,
  credentials: Credentials | null,
  log: (m: string) => void,
  sameOrigin: (req: express.Request) => boolean,
): express.Router {
  const router = express.Router();
  // Until an administrator exists, the downloads and links answer what /graphql does (auth/no_admin), not a sign-in prompt.
  if (credentials)
    router.get(
      ['/admin/audit.csv', '/export/:file', '/import/template/:file', '/auth/link/:token', '/auth/display/:token'],
      noAdminYet(admins),
    );
  router.use(accountRoutes({ pool: db.pool, settings, admins, proxies, sameOrigin }));
  if (credentials) {
    router.use(ssoRoutes({ pool: db.pool, settings, credentials, log: (m) => log(`[sso] ${m}`) }));
    const replicas = db.replicas ? { replicas: db.replicas } : {};
    router.use(auditRoutes({ pool: db.pool, credentials, settings, ...replicas }));
    router.use(exportRoutes({ pool: db.pool, credentials, settings, ...replicas }));
  }
  router.use(importRoutes({ writer: writerCheck(settings, credentials) }));
  return router;
}

/** After the body is read (a stream's events would leave the scope): the request's address and id for its audit rows. */
const inRequestScope: express.RequestHandler = (_req, _res, next) => withRequestScope(next);

/** 503 SERVICE_UNAVAILABLE / auth/no_admin while the database has no enabled administrator (as on /graphql). */
function noAdminYet(admins: AdminCheck): express.RequestHandler {
  return (_req, res, next) => {
    admins.exists().then(
      (found) => {
        if (found) return next();
        const e = noAdmin();
        res
          .status(503)
          .set('cache-control', 'no-store')
          .json({ errors: [{ message: e.message, extensions: e.extensions }] });
      },
      (err: unknown) => next(err),
    );
  };
}

/**
 * Whether a request's session is a signed-in account that writes (committee, branch secretary; never a
 * read-only token): 'ok', or the refusal's status (credentials that cannot be used count as nobody).
 */
function writerCheck(settings: AuthSettings, credentials: Credentials | null) {
  return async (req: express.Request, res: express.Response): Promise<'ok' | 401 | 403> => {
    if (!credentials) return 'ok';
    const auth = await requestAuth(credentials, settings, req, res).catch((err: unknown) => {
      if (err instanceof HubError) return null;
      throw err;
    });
    const state = gateState(auth?.account ?? null, settings.passwordMaxDays);
    if (state === 'anonymous') return 401;
    if (auth?.account?.tokenId != null) return 403;
    return state === AccountRole.COMMITTEE || state === AccountRole.SECRETARY ? 'ok' : 403;
  };
}

const SMALL_BODY = 2 * 1024 * 1024;
/** A file of up to 10 MB as base64 (modules/import/upload.ts) and the operation around it. */
const IMPORT_BODY = 14 * 1024 * 1024;

/**
 * The /graphql body parser: 2 MB, or up to 14 MB (an import's base64 file) for a signed-in account that
 * writes; a larger body from anybody else is refused (413) before it is read.
 */
function jsonBody(writer: ReturnType<typeof writerCheck>) {
  const small = express.json({ limit: SMALL_BODY });
  const large = express.json({ limit: IMPORT_BODY });
  return (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (Number(req.headers['content-length'] ?? 0) <= SMALL_BODY) return small(req, res, next);
    writer(req, res).then(
      (allowed) => (allowed === 'ok' ? large : small)(req, res, next),
      (err: unknown) => next(err),
    );
  };
}

/**
 * Subscriptions are fed by this instance's LISTEN connection (indicators/live.ts), which also carries revocations:
 * straight to PostgreSQL when the pool goes through pgbouncer (HUB_DIRECT_URL: LISTEN needs a session). Its
 * heartbeat goes through the request pool itself. With read replicas each change carries the position it was heard at.
 * Pushes are capped per board (indicators/push-gate.ts: 1 s for a hospital's boards, 5 s for an upper body's).
 */
function liveFeed(db: Db, opts: AppOptions, log: (m: string) => void): IndicatorFeed {
  const poolOptions = (db.pool as unknown as { options: object }).options;
  const pushIntervals = { board: PUSH_MIN_INTERVAL_MS, upper: PUSH_MIN_INTERVAL_UPPER_MS, ...opts.pushIntervals };
  const feed = new IndicatorFeed(
    { ...poolOptions, ...(opts.directUrl ? { connectionString: opts.directUrl } : {}) },
    { pool: db.pool, log: (m) => log(`[live] ${m}`), pushIntervals },
  );
  feed.positions = db.replicas !== undefined;
  return feed;
}

/** The read path's pools: the ORM's, the aggregates' own few, and the read replicas' when configured. */
async function openDb(opts: AppOptions, log: (m: string) => void): Promise<Db> {
  const db = await readDb(opts.orm, (m) => log(`[db] ${m}`));
  db.analytics = analyticsPool(db, opts.aggregateTimeoutMs ?? 10_000, (m) => log(`[db] ${m}`), opts.directUrl !== undefined);
  db.prepared = opts.prepared ?? true;
  if (opts.replicaUrls?.length) db.replicas = await startReplicas(db, opts.replicaUrls, opts, log);
  return db;
}

/** The read replicas' pools on the primary pool's settings, their health known before the first request. */
async function startReplicas(db: Db, urls: readonly string[], opts: AppOptions, log: (m: string) => void): Promise<ReplicaSet> {
  const replicas = new ReplicaSet(db.pool, {
    urls,
    base: (db.pool as unknown as { options: pg.PoolConfig }).options,
    aggregateTimeoutMs: opts.aggregateTimeoutMs ?? 10_000,
    log: (m) => log(`[replicas] ${m}`),
  });
  await replicas.start();
  return replicas;
}

export async function createHttp(opts: AppOptions): Promise<HubHttp> {
  const log = opts.log ?? ((m, e) => console.error(m, e));
  const db = await openDb(opts, log);
  if (opts.timeZone) setDefaultTimeZone(opts.timeZone);
  const hosts = servedHosts(opts.hostnames ?? []);
  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);
  const schema = await buildHubSchema(opts.orm.getMetadata());
  const format = formatError(log, opts.debug ?? false);
  const feed = liveFeed(db, opts, log);
  const audits = new AuditWriter(db, (m) => log(`[audit] ${m}`));
  const { settings, proxies, admins, credentials, socketAccess } = accessParts(db, feed, audits, opts, log);
  await feed.start();
  const shared = new SharedAnswers({ maxAgeMs: opts.coalesceMaxAgeMs ?? 60_000, fresh: () => feed.listening, instance: db.pool });
  const ws = subscriptions({ server, schema, db, feed, hosts, format, access: socketAccess });
  const apollo = createApollo({
    schema,
    server,
    debug: opts.debug ?? false,
    log,
    drain: async () => ws.dispose(),
    ...(credentials ? { access: [accessGate(admins), personalAudit(audits)] } : {}),
    shared: shared.plugin(),
    ...(db.replicas ? { plugins: [readAfterExtension] } : {}),
  });
  await apollo.start();
  app.use(guard(hosts));
  app.get('/healthz', healthz(opts.orm, opts.worker));
  app.use('/graphiql', graphiqlRouter());
  app.use(
    '/graphql',
    sameOriginOnly(hosts),
    jsonBody(writerCheck(settings, credentials)),
    inRequestScope,
    limitsFirst(schema, format),
    expressMiddleware(apollo, { context: requestContext(db, settings, credentials) }),
  );
  app.use(pageRoutes(db, settings, admins, proxies, credentials, log, (req) => originAllowed(hosts, req)));
  const dashboardDir = serveDashboard(app, opts.dashboardDir);

  return {
    server,
    dashboardDir,
    hosts,
    shared,
    pushes: ws.pushes,
    ...(db.replicas ? { replicas: db.replicas } : {}),
    stop: async () => {
      shared.close();
      // Idle keep-alive sockets would otherwise hold the drain open for its whole grace period.
      server.closeIdleConnections();
      await apollo.stop();
      await feed.stop();
      await Promise.all([db.analytics?.end(), db.replicas?.stop()]);
      await audits.stop();
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
