/**
 * `pnpm start`: the database (DATABASE_URL or the embedded PostgreSQL), migrations, demo data into
 * an empty database, then GraphQL, GraphiQL, the health check and the dashboard on one port.
 */
import './production.js';
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { ensureCells } from './indicators/maintain.js';
import { readConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/orm.js';
import { openHubOrm } from './app/orm.js';
import { createHttp } from './http/app.js';
import { isEmpty, seedDatabase } from './seed/index.js';
import { demoLinksText, issueDemoLinks, warnWithoutTls } from './app/first-use.js';

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
const log = (msg: string) => console.log(`[hub ${elapsed()}] ${msg}`);

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig();
} catch (err) {
  console.error(`[hub] ${(err as Error).message}`);
  process.exit(2);
}
const db = await openDatabase(config, {
  log: (line) => (config.debug ? console.log(`[postgres] ${line}`) : undefined),
  notice: (line) => log(line),
}).catch((err: unknown) => {
  console.error(`[hub] cannot open the database: ${(err as Error).message}`);
  process.exit(1);
});
log(
  db.embedded
    ? `embedded PostgreSQL on port ${db.embedded.port}, data in ${db.embedded.dataDir}${db.embedded.initialised ? ' (new cluster)' : ''}`
    : 'using DATABASE_URL',
);

const onQuery = config.logSql ? { onQuery: (sql: string) => console.log(sql) } : {};
// Migrations run on a connection of their own, without the requests' statement timeout.
const migrator = await openHubOrm({ url: db.url, poolMax: 1, ...onQuery });
// A failed migration or seed leaves the database as it was (each runs in a transaction): say why,
// stop the embedded PostgreSQL and exit, rather than serve a half-made hub.
async function fail(step: string, err: unknown): Promise<never> {
  console.error(`[hub] ${step} failed, nothing was changed: ${(err as Error).message}`);
  await migrator.close();
  await db.stop();
  process.exit(1);
}
const applied = await migrate(migrator).catch((err: unknown) => fail('migration', err));
log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'schema up to date');

if (config.seed === 'off' && config.databaseUrl && (await isEmpty(db.url))) {
  log('the database is empty: no demo data with DATABASE_URL unless asked (HUB_SEED=hospital)');
} else if (config.seed !== 'off' && (await isEmpty(db.url))) {
  log(`seeding ${config.seed} demo data (HUB_SEED=off to skip)…`);
  const result = await seedDatabase(db.url, {
    scale: config.seed,
    onProgress: log,
    ...(config.seedValue !== undefined ? { seed: config.seedValue } : {}),
  }).catch((err: unknown) => fail('seeding', err));
  log(
    `seeded ${result.totalRows.toLocaleString('en')} rows in ${result.seconds.toFixed(1)}s (${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s), ` +
      `${result.cells.toLocaleString('en')} indicator cells in ${result.cellSeconds.toFixed(1)}s`,
  );
}
// Indicator cells: built once on a database that has data but none yet (an upgrade), extended when a
// new month has started since the last start.
await ensureCells(db.url, log).catch((err: unknown) => fail('building the indicator cells', err));
// A month that starts while the hub runs gets its cells within the hour (several instances: the advisory lock lets one do it).
setInterval(
  () => void ensureCells(db.url, log).catch((err: unknown) => log(`extending the indicator cells failed: ${(err as Error).message}`)),
  3_600_000,
).unref();

// The embedded demo database: one click into the dashboard, for this machine only, and no password anybody knows.
const demo =
  db.embedded && config.seed !== 'off'
    ? await issueDemoLinks(db.url).catch((err: unknown) => fail('issuing the demo sign-in links', err))
    : [];

await migrator.close();
const orm = await openHubOrm({ url: db.url, poolMax: config.poolSize, statementTimeoutMs: config.statementTimeoutMs, ...onQuery });
const http = await createHttp({
  orm,
  debug: config.debug,
  aggregateTimeoutMs: config.aggregateTimeoutMs,
  timeZone: config.timeZone,
  hostnames: config.hostnames,
  trustedProxies: config.trustedProxies,
  auth: config.auth,
  replicaUrls: config.replicaUrls,
  ...(config.dashboardDir ? { dashboardDir: config.dashboardDir } : {}),
  log: (m, e) => (e === undefined ? console.error(`[hub] ${m}`) : console.error(`[hub] ${m}`, e)),
});
http.server.on('error', async (err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `[hub] port ${config.port} is in use: set PORT to another port` : err);
  await orm.close();
  await db.stop();
  process.exit(1);
});
http.server.listen(config.port, config.host, () => {
  const base = `http://${config.host}:${config.port}`;
  const root = http.dashboardDir ? `${base}/ (dashboard)` : `${base}/ (no dashboard: not built)`;
  log(`ready: ${root} · ${base}/graphql · ${base}/graphiql · ${base}/healthz`);
  warnWithoutTls(config.host, log);
  if (demo.length) log(demoLinksText(demo, config.port));
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  await http.stop();
  await orm.close();
  await db.stop();
  log('stopped');
  process.exit(0);
}
// The hub owns its shutdown order: HTTP (draining requests), ORM, database.
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
