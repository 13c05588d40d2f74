/**
 * Serving the port: the requests' ORM and the HTTP server (GraphQL, WebSocket, GraphiQL, /healthz, the
 * dashboard), in the one process of a single-process hub or in each worker of several.
 */
import type { HubConfig } from '../config.js';
import { createHttp, type HubHttp } from './app.js';
import { openHubOrm } from '../app/orm.js';

export interface Serving {
  http: HubHttp;
  /** Stops taking requests, drains those in flight, closes the database connections. */
  stop(): Promise<void>;
}

type ServeConfig = Pick<
  HubConfig,
  | 'port'
  | 'host'
  | 'logSql'
  | 'poolSize'
  | 'statementTimeoutMs'
  | 'debug'
  | 'aggregateTimeoutMs'
  | 'timeZone'
  | 'hostnames'
  | 'trustedProxies'
  | 'auth'
  | 'dashboardDir'
  | 'directUrl'
  | 'prepared'
  | 'coalesceMaxAgeMs'
  | 'pushIntervals'
  | 'replicaUrls'
>;

/**
 * Listens on the configured port (a worker: on the port its primary shares); `onError` hears a failure to
 * listen (e.g. the port is in use) after the ORM was closed. `worker`: the worker's number, told by /healthz.
 */
export async function serve(
  config: ServeConfig,
  url: string,
  onListening: (http: HubHttp) => void,
  onError: (err: NodeJS.ErrnoException) => void,
  worker?: number,
): Promise<Serving> {
  const onQuery = config.logSql ? { onQuery: (sql: string) => console.log(sql) } : {};
  const orm = await openHubOrm({
    url,
    poolMax: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    pooled: config.directUrl !== undefined,
    ...onQuery,
  });
  const http = await createHttp({
    orm,
    debug: config.debug,
    aggregateTimeoutMs: config.aggregateTimeoutMs,
    // LISTEN needs a session: straight to PostgreSQL when DATABASE_URL is a pooler (HUB_DIRECT_URL).
    ...(config.directUrl ? { directUrl: config.directUrl } : {}),
    prepared: config.prepared,
    timeZone: config.timeZone,
    coalesceMaxAgeMs: config.coalesceMaxAgeMs,
    pushIntervals: config.pushIntervals,
    replicaUrls: config.replicaUrls,
    hostnames: config.hostnames,
    trustedProxies: config.trustedProxies,
    auth: config.auth,
    ...(config.dashboardDir ? { dashboardDir: config.dashboardDir } : {}),
    ...(worker !== undefined ? { worker } : {}),
    log: (m, e) => (e === undefined ? console.error(`[hub] ${m}`) : console.error(`[hub] ${m}`, e)),
  });
  http.server.on('error', (err: NodeJS.ErrnoException) => void orm.close().finally(() => onError(err)));
  http.server.listen(config.port, config.host, () => onListening(http));
  return {
    http,
    stop: async () => {
      await http.stop();
      await orm.close();
    },
  };
}
