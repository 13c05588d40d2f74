/** Every setting the server reads, in one place (the README lists the same). */
export interface HubConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir?: string;
  /** Demo data seeded into an empty database: a scale, or "off". */
  seed: 'hospital' | 'province' | 'off';
  seedValue?: number;
  debug: boolean;
  logSql: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const seed = (env.HUB_SEED ?? 'hospital').toLowerCase();
  if (!['hospital', 'province', 'off'].includes(seed))
    throw new Error(`HUB_SEED must be hospital, province or off (got "${env.HUB_SEED}")`);
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.HUB_DATA_DIR || undefined,
    seed: seed as HubConfig['seed'],
    seedValue: env.HUB_SEED_VALUE ? seedValue(env.HUB_SEED_VALUE) : undefined,
    debug: env.HUB_DEBUG === '1',
    logSql: env.HUB_LOG_SQL === '1',
  };
}

function seedValue(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 2 ** 31 - 1) throw new Error(`HUB_SEED_VALUE must be an integer from 0 to 2147483647 (got "${raw}")`);
  return n;
}
