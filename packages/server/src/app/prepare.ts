/**
 * A start's one-time work on the database, done once per start whatever the number of workers (the primary
 * process does it before forking): migrations and the demo data of an empty database, under the start lock so
 * that instances started together do it once between them; the indicator cells; the embedded demo's
 * sign-in links.
 */
import type { HubConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { migrate } from '../db/orm.js';
import { ensureCells } from '../indicators/maintain.js';
import type { DemoLink } from '../modules/account/index.js';
import { isEmpty, seedDatabase } from '../seed/index.js';
import { issueDemoLinks } from './first-use.js';
import { openHubOrm } from './orm.js';
import { withStartLock } from './start-lock.js';

/** A step of the start that failed; nothing it did was kept (each runs in a transaction). */
export class StartStepError extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    super(`${step} failed, nothing was changed: ${(cause as Error).message}`);
  }
}

const step = <T>(name: string, work: Promise<T>): Promise<T> =>
  work.catch((err: unknown) => {
    throw new StartStepError(name, err);
  });

type Log = (m: string) => void;
type PrepareConfig = Pick<HubConfig, 'seed' | 'seedValue' | 'databaseUrl' | 'logSql' | 'directUrl'>;

/**
 * Straight to PostgreSQL when DATABASE_URL is a pooler (HUB_DIRECT_URL): migrations, seeding and the cells'
 * upkeep hold a session (advisory locks, long transactions), which a pooler in transaction mode does not keep.
 */
export const directUrl = (db: Database, config: Pick<HubConfig, 'directUrl'>): string => config.directUrl ?? db.url;

/** Migrations, then demo data if the database is empty and the settings ask for it; under the start lock. */
async function migrateAndSeed(db: Database, config: PrepareConfig, log: Log): Promise<void> {
  const url = directUrl(db, config);
  const onQuery = config.logSql ? { onQuery: (sql: string) => console.log(sql) } : {};
  // Migrations run on a connection of their own, without the requests' statement timeout.
  const migrator = await openHubOrm({ url, poolMax: 1, ...onQuery });
  try {
    const applied = await step('migration', migrate(migrator));
    log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'schema up to date');
  } finally {
    await migrator.close();
  }
  // Decided under the lock: an instance that waited finds the database the holder seeded, and seeds nothing.
  if (!(await isEmpty(url))) return;
  if (config.seed === 'off') {
    if (config.databaseUrl) log('the database is empty: no demo data with DATABASE_URL unless asked (HUB_SEED=hospital)');
    return;
  }
  log(`seeding ${config.seed} demo data (HUB_SEED=off to skip)…`);
  const result = await step(
    'seeding',
    seedDatabase(url, { scale: config.seed, onProgress: log, ...(config.seedValue !== undefined ? { seed: config.seedValue } : {}) }),
  );
  log(
    `seeded ${result.totalRows.toLocaleString('en')} rows in ${result.seconds.toFixed(1)}s (${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s), ` +
      `${result.cells.toLocaleString('en')} indicator cells in ${result.cellSeconds.toFixed(1)}s`,
  );
}

/**
 * Everything before serving: returns the demo sign-in links to print (the embedded demo database only: one
 * click into the dashboard, for this machine only, and no password anybody knows). Throws StartStepError.
 */
export async function prepareDatabase(db: Database, config: PrepareConfig, log: Log): Promise<DemoLink[]> {
  const url = directUrl(db, config);
  await withStartLock(url, log, () => migrateAndSeed(db, config, log));
  // Indicator cells: built once on a database that has data but none yet (an upgrade), extended when a
  // new month has started since the last start (its own advisory lock lets one instance do it).
  await step('building the indicator cells', ensureCells(url, log));
  return db.embedded && config.seed !== 'off' ? step('issuing the demo sign-in links', issueDemoLinks(url)) : [];
}

/** A month that starts while the hub runs gets its cells within the hour (several instances: the advisory lock lets one do it). */
export function extendCellsHourly(url: string, log: Log): void {
  setInterval(
    () => void ensureCells(url, log).catch((err: unknown) => log(`extending the indicator cells failed: ${(err as Error).message}`)),
    3_600_000,
  ).unref();
}
