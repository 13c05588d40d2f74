import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('config', () => {
  it('should default to the demo hospital on 127.0.0.1:4000 with the embedded PostgreSQL', () => {
    expect(readConfig({})).toMatchObject({ port: 4000, host: '127.0.0.1', seed: 'hospital', databaseUrl: undefined, debug: false });
  });

  it('should read every setting the README lists', () => {
    const c = readConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://x@db/h',
      HUB_DATA_DIR: '/srv/hub',
      HUB_SEED: 'OFF',
      HUB_SEED_VALUE: '7',
      HUB_DEBUG: '1',
      HUB_LOG_SQL: '1',
    });
    expect(c).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://x@db/h',
      dataDir: '/srv/hub',
      seed: 'off',
      seedValue: 7,
      debug: true,
      logSql: true,
    });
  });

  it('should refuse bad values with a message naming the variable', () => {
    expect(() => readConfig({ PORT: 'http' })).toThrow(/PORT must be a port number/);
    expect(() => readConfig({ HUB_SEED: 'city' })).toThrow(/HUB_SEED must be hospital, province or off/);
    expect(() => readConfig({ HUB_SEED_VALUE: '-3' })).toThrow(/HUB_SEED_VALUE must be an integer/);
    expect(() => readConfig({ HUB_SEED_VALUE: '1e3' })).toThrow(/HUB_SEED_VALUE/);
  });
});
