/**
 * The one HTTP server: /graphql (POST and GET, CSRF prevention on), /graphiql (bundled, offline),
 * /healthz (200 only when the database answers and every migration is applied), / (the dashboard).
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import pg from 'pg';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createContext, type Context } from '../context.js';
import type { Db } from '../db/reader.js';
import { buildHubSchema } from '../app/schema.js';
import { jitGateway } from '../graphql/jit.js';
import { complexityLimit } from '../graphql/complexity.js';
import { limitRules, parseOptions } from '../graphql/limits.js';
import { parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { IndicatorFeed } from '../indicators/live.js';
import { formatError } from './errors.js';
import { setDefaultTimeZone } from '../graphql/aggregate/index.js';
import { graphiqlRouter } from './graphiql.js';

export interface AppOptions {
  orm: MikroORM;
  /** Include stack traces in error responses (never in production). */
  debug?: boolean;
  log?: (msg: string, err?: unknown) => void;
  dashboardDir?: string | null;
  /** Statement timeout of analysts' aggregates, in ms (HUB_AGGREGATE_TIMEOUT; default 10 s). */
  aggregateTimeoutMs?: number;
  /** Time zone of aggregates' date buckets (HUB_TIME_ZONE; default Asia/Shanghai). */
  timeZone?: string;
}

export interface HubHttp {
  server: Server;
  /** The dashboard directory served at /, or null when there is none (not built, or not installed). */
  dashboardDir: string | null;
  stop(): Promise<void>;
}

// Nothing on a page may come from another origin: hospital intranets reach no CDN, and this proves it.
const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'";

// A declared dependency of the server (package.json), so it resolves from here without NODE_PATH.
function defaultDashboardDir(): string | null {
  try {
    const index = createRequire(import.meta.url).resolve('@party-hub/dashboard/dist/index.html');
    return dirname(index);
  } catch {
    return null;
  }
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

/** The read path's access to the ORM's own pool, logging statements where the ORM logs its own. */
async function readDb(orm: MikroORM): Promise<Db> {
  const debug = orm.config.get('debug');
  const logsQueries = Array.isArray(debug) ? debug.includes('query') : debug;
  const logger = orm.config.get('logger');
  return { pool: await orm.em.getConnection().getNativeClient(), ...(logsQueries ? { log: (line: string) => logger(line) } : {}) };
}

/** The audit log's actor: a short printable header value, else none. */
function actorOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value && value.length <= 100 && [...value].every((c) => c >= ' ') ? value : undefined;
}

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
    res.status(400).json({
      errors: errors.map((e) => {
        const { http: _status, ...extensions } = (e.toJSON().extensions ?? {}) as Record<string, unknown>;
        return format({ ...e.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...extensions } }, e);
      }),
    });
  };
}

export async function createHttp(opts: AppOptions): Promise<HubHttp> {
  const log = opts.log ?? ((m, e) => console.error(m, e));
  const db = await readDb(opts.orm);
  // Aggregates get a few connections of their own with their own statement timeout (reader.ts: Db.analytics).
  const options = (db.pool as unknown as { options: pg.PoolConfig }).options;
  db.analytics = new pg.Pool({
    ...options,
    max: Math.max(1, Math.min(4, options.max ?? 4)),
    statement_timeout: opts.aggregateTimeoutMs ?? 10_000,
  });
  if (opts.timeZone) setDefaultTimeZone(opts.timeZone);
  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);
  const schema = await buildHubSchema(opts.orm.getMetadata());
  // Subscriptions: graphql-ws on the same /graphql path, fed by this instance's LISTEN connection.
  const feed = new IndicatorFeed({ ...(db.pool as unknown as { options: pg.ClientConfig }).options }, (m) => log(`[live] ${m}`));
  await feed.start();
  // Upgrades are handed over by hand (noServer) rather than by attaching to the HTTP server: attached,
  // ws re-emits the server's own errors (a port in use) and graphql-ws logs them as its "internal error".
  const wsServer = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://hub').pathname !== '/graphql') {
      socket.destroy();
      return;
    }
    wsServer.handleUpgrade(req, socket, head, (client) => wsServer.emit('connection', client, req));
  });
  const ws = useServer(
    {
      schema,
      context: () => createContext(db, undefined, feed),
      // The same shape limits as HTTP operations (depth, aliases, directives …).
      validate: (s, document) => validate(s, document, [...specifiedRules, ...limitRules]),
    },
    wsServer,
  );
  const apollo = new ApolloServer<Context>({
    // Operations run compiled by graphql-jit (see graphql/jit.ts); validation, plugins and errors stay Apollo's.
    gateway: jitGateway(schema),
    csrfPrevention: true,
    // The hub owns its shutdown order (main.ts): HTTP, then the ORM, then the embedded PostgreSQL.
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: opts.debug ?? false,
    // Query bombs are refused before execution: shape limits while validating, the cost once variables are known.
    validationRules: limitRules,
    parseOptions,
    formatError: formatError(log, opts.debug ?? false),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: 3_000 }),
      {
        serverWillStart: async () => ({
          drainServer: async () => {
            await ws.dispose();
          },
        }),
      },
      ApolloServerPluginLandingPageDisabled(),
      // Its per-field hook (cache hints nobody reads) wraps every resolver call: measured 6 % of a list query.
      ApolloServerPluginCacheControlDisabled(),
      // Federation's inline traces (nobody here is a gateway): its per-request hook showed in the profile.
      ApolloServerPluginInlineTraceDisabled(),
      complexityLimit(),
    ],
  });
  await apollo.start();

  app.use((_req, res, next) => {
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  app.get('/healthz', async (_req, res) => {
    const h = await healthy(opts.orm);
    res.status(h.ok ? 200 : 503).json({ status: h.ok ? 'ok' : 'unavailable', detail: h.detail });
  });
  app.use('/graphiql', graphiqlRouter());
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    limitsFirst(schema, formatError(log, opts.debug ?? false)),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => createContext(db, actorOf(req.headers['x-hub-actor'])),
    }),
  );

  const wanted = opts.dashboardDir === undefined ? defaultDashboardDir() : opts.dashboardDir;
  const dashboard = wanted && existsSync(join(wanted, 'index.html')) ? wanted : null;
  if (dashboard) {
    app.use(express.static(dashboard, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes of the dashboard fall back to its index.html.
    app.get(/^\/(?!graphql|graphiql|healthz).*/, (_req, res) => res.sendFile('index.html', { root: dashboard }));
  } else {
    app.get('/', (_req, res) =>
      res
        .type('text/plain; charset=utf-8')
        .send('党建数据枢纽: the dashboard is not built (pnpm build). GraphQL: /graphql, GraphiQL: /graphiql'),
    );
  }

  return {
    server,
    dashboardDir: dashboard,
    stop: async () => {
      // Idle keep-alive sockets would otherwise hold the drain open for its whole grace period.
      server.closeIdleConnections();
      await apollo.stop();
      await feed.stop();
      await db.analytics?.end();
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
