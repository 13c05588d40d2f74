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
  options: { log?: (line: string) => void; notice?: (line: string) => void } = {},
): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  const embedded = await startEmbedded({ dataDir: config.dataDir, ...options });
  await ensureDatabase(embedded.url, HUB_DATABASE);
  return { url: withDatabase(embedded.url, HUB_DATABASE), embedded, stop: () => embedded.stop() };
}
