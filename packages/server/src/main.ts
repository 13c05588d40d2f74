/**
 * `pnpm start`: the database (DATABASE_URL or the embedded PostgreSQL), migrations, demo data into
 * an empty database, then GraphQL, GraphiQL, the health check and the dashboard on one port. With
 * HUB_WORKERS=N > 1 this process does the first part and N worker processes (node:cluster) serve the port.
 */
import './production.js';
import 'reflect-metadata';
import cluster from 'node:cluster';
import { performance } from 'node:perf_hooks';
import { readConfig, type HubConfig } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { databaseFromPrimary, runPrimary, tellListening } from './app/cluster.js';
import { demoLinksText, warnWithoutTls } from './app/first-use.js';
import { directUrl, extendCellsHourly, prepareDatabase } from './app/prepare.js';
import { serve, type Serving } from './http/serve.js';
import { startFolding, type Folding } from './indicators/fold.js';
import type { DemoLink } from './modules/account/index.js';

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
const name = cluster.isWorker ? `hub worker ${cluster.worker!.id}` : 'hub';
const log = (msg: string) => console.log(`[${name} ${elapsed()}] ${msg}`);

function configOrExit(): HubConfig {
  try {
    return readConfig();
  } catch (err) {
    console.error(`[hub] ${(err as Error).message}`);
    process.exit(2);
  }
}

async function databaseOrExit(config: HubConfig): Promise<Database> {
  const db = await openDatabase(config, {
    log: (line) => (config.debug ? console.log(`[postgres] ${line}`) : undefined),
    notice: (line) => log(line),
    ownSignals: true,
  }).catch((err: unknown) => {
    console.error(`[hub] cannot open the database: ${(err as Error).message}`);
    process.exit(1);
  });
  log(
    db.embedded
      ? `embedded PostgreSQL on port ${db.embedded.port}, data in ${db.embedded.dataDir}${db.embedded.initialised ? ' (new cluster)' : ''}`
      : 'using DATABASE_URL',
  );
  return db;
}

/** The line that says the hub serves (tests and operators wait for it), the TLS warning and the demo links. */
function announceReady(config: HubConfig, dashboard: boolean, demo: readonly DemoLink[]): void {
  const base = `http://${config.host}:${config.port}`;
  const root = dashboard ? `${base}/ (dashboard)` : `${base}/ (no dashboard: not built)`;
  log(`ready: ${root} · ${base}/graphql · ${base}/graphiql · ${base}/healthz`);
  warnWithoutTls(config.host, log);
  if (demo.length) log(demoLinksText(demo, config.port));
}

/** A failure to listen: say why (the port in use: which setting to change), stop, exit 1. */
async function cannotListen(config: HubConfig, err: NodeJS.ErrnoException, db?: Database): Promise<never> {
  console.error(err.code === 'EADDRINUSE' ? `[hub] port ${config.port} is in use: set PORT to another port` : err);
  await db?.stop();
  process.exit(1);
}

/**
 * The hub owns its shutdown order: HTTP (draining requests), ORM, the folder (when this process runs the
 * upkeep), database (when this process owns it).
 */
function stopOnSignals(serving: Serving, db?: Database, folding?: Folding): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await serving.stop();
    await folding?.stop();
    await db?.stop();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** A worker: the primary's database, already migrated and seeded; serves until told to stop. */
async function runWorker(config: HubConfig): Promise<void> {
  const url = await databaseFromPrimary();
  const serving = await serve(
    config,
    url,
    (http) => tellListening(http.dashboardDir !== null),
    (err) => void cannotListen(config, err),
    cluster.worker!.id,
  );
  stopOnSignals(serving);
}

/** The one process of a single-process hub, or the primary of several. */
async function runMain(config: HubConfig): Promise<void> {
  const db = await databaseOrExit(config);
  // A failed migration or seed leaves the database as it was: say why, stop the embedded PostgreSQL and exit,
  // rather than serve a half-made hub.
  const demo = await prepareDatabase(db, config, log).catch(async (err: unknown) => {
    console.error(`[hub] ${(err as Error).message}`);
    await db.stop();
    process.exit(1);
  });
  extendCellsHourly(directUrl(db, config), log);
  // The upper bodies' cells, folded from what the hospitals' writes appended (one folder across instances).
  const folding = startFolding(directUrl(db, config), log, config.foldIntervalMs);
  if (config.workers > 1) {
    log(`starting ${config.workers} workers on port ${config.port}`);
    runPrimary({
      workers: config.workers,
      url: db.url,
      log,
      ready: (dashboard) => announceReady(config, dashboard, demo),
      stopDatabase: async () => {
        await folding.stop();
        await db.stop();
      },
    });
    return;
  }
  const serving = await serve(
    config,
    db.url,
    (http) => announceReady(config, http.dashboardDir !== null, demo),
    (err) => void cannotListen(config, err, db),
  );
  stopOnSignals(serving, db, folding);
}

const config = configOrExit();
await (cluster.isWorker ? runWorker(config) : runMain(config));
