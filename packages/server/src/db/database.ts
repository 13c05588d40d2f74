/**
 * Which PostgreSQL the hub uses: DATABASE_URL when set, otherwise the embedded one. The hub's own
 * database ("party_hub") is created UTF8 from template0 when missing.
 */
import pg from 'pg';
import type { HubConfig } from '../config.js';
import { startEmbedded, type EmbeddedDatabase } from './embedded.js';

export interface Database {
  url: string;
  embedded?: EmbeddedDatabase;
  stop(): Promise<void>;
}

export const HUB_DATABASE = 'party_hub';

/** Replaces the database name of a postgres:// URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a UTF8 database if it does not exist. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`create database ${pg.escapeIdentifier(name)} encoding 'UTF8' template template0`);
    return true;
  } finally {
    await client.end();
  }
}

export async function openDatabase(
  config: Pick<HubConfig, 'databaseUrl' | 'dataDir'>,
  options: {
    log?: (line: string) => void;
    notice?: (line: string) => void;
    /** The caller stops the embedded PostgreSQL on a signal itself (the server: after draining). */
    ownSignals?: boolean;
  } = {},
): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  const { ownSignals, ...startOptions } = options;
  const embedded = await startEmbedded({ dataDir: config.dataDir, ...startOptions });
  const db: Database = { url: withDatabase(embedded.url, HUB_DATABASE), embedded, stop: () => embedded.stop() };
  if (!ownSignals) stopOnSignals(db);
  await ensureDatabase(embedded.url, HUB_DATABASE);
  return db;
}

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

/**
 * A command's embedded PostgreSQL stops with the command (`pnpm seed`, `run import`, `indicators:rebuild` …).
 * Without this, a signal sent to the command alone (`timeout`, `kill`, a service manager; Ctrl-C reaches the
 * whole process group, PostgreSQL included) ended node at once and left PostgreSQL running on the data
 * directory. A transaction the command had open is rolled back (its connection ends); the exit code is the
 * signal's (128 + n). A second signal exits at once.
 */
function stopOnSignals(db: Database): void {
  let stopping = false;
  for (const [name, n] of Object.entries(SIGNALS)) {
    process.on(name, () => {
      if (stopping) process.exit(128 + n);
      stopping = true;
      console.error(
        `收到 ${name}，正在停止内置 PostgreSQL（未提交的事务将回滚）/ ${name}: stopping the embedded PostgreSQL (an uncommitted transaction is rolled back)`,
      );
      void db.stop().finally(() => process.exit(128 + n));
    });
  }
}
