import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('config', () => {
  it('should default to the demo hospital on 127.0.0.1:4000 with the embedded PostgreSQL', () => {
    expect(readConfig({})).toMatchObject({ port: 4000, host: '127.0.0.1', seed: 'hospital', debug: false });
    expect(readConfig({}).databaseUrl).toBeUndefined();
    expect(readConfig({}).dashboardDir).toBeUndefined();
    expect(readConfig({})).toMatchObject({ statementTimeoutMs: 15_000, poolSize: 10 });
    expect(readConfig({ XDG_DATA_HOME: '/x' }).dataDir).toBe(process.getuid?.() === 0 ? '/var/lib/party-hub' : '/x/party-hub');
  });

  it('should seed no demo data into a database named by DATABASE_URL unless asked', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://x@db/h' }).seed).toBe('off');
    expect(readConfig({ DATABASE_URL: 'postgres://x@db/h', HUB_SEED: 'hospital' }).seed).toBe('hospital');
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
      HUB_STATEMENT_TIMEOUT: '2min',
      HUB_DB_POOL: '4',
      HUB_AGGREGATE_TIMEOUT: '30s',
      HUB_TIME_ZONE: 'Asia/Urumqi',
      HUB_DASHBOARD_DIR: '/srv/dashboard',
      HUB_HOSTNAMES: 'Dangjian.Hospital.local, 10.1.2.3',
      HUB_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8, ::FFFF:192.168.1.9, [fd00::1], fd00::/8',
      HUB_PASSWORD_MAX_DAYS: '0',
      HUB_LOCKOUT_FAILURES: '3',
      HUB_LOCKOUT_WINDOW: '10min',
      HUB_LOCKOUT_DURATION: '1h',
      HUB_SESSION_IDLE: '15min',
      HUB_SESSION_MAX: '8h',
      HUB_AUDIT_KEEP_DAYS: '2000',
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
      statementTimeoutMs: 120_000,
      poolSize: 4,
      aggregateTimeoutMs: 30_000,
      hostnames: ['dangjian.hospital.local', '10.1.2.3'],
      trustedProxies: ['127.0.0.1', '10.0.0.0/8', '192.168.1.9', 'fd00::1', 'fd00::/8'],
      timeZone: 'Asia/Urumqi',
      dashboardDir: '/srv/dashboard',
      auth: {
        passwordMaxDays: 0,
        lockout: { failures: 3, windowMs: 600_000, lockMs: 3_600_000 },
        session: { idleMs: 900_000, absoluteMs: 28_800_000 },
      },
      auditKeepDays: 2000,
    });
    expect(readConfig({}).auth).toEqual({
      passwordMaxDays: 90,
      lockout: { failures: 5, windowMs: 900_000, lockMs: 900_000 },
      session: { idleMs: 1_800_000, absoluteMs: 43_200_000 },
    });
    expect(readConfig({}).auditKeepDays).toBe(1095);
    expect(readConfig({}).trustedProxies).toEqual([]);
    expect(() => readConfig({ HUB_TIME_ZONE: 'Beijing' })).toThrow(/HUB_TIME_ZONE must be an IANA time zone/);
    expect(readConfig({ HUB_STATEMENT_TIMEOUT: '500ms' }).statementTimeoutMs).toBe(500);
    expect(readConfig({ HUB_STATEMENT_TIMEOUT: '0' }).statementTimeoutMs).toBe(0);
  });

  it('should refuse bad values with a message naming the variable', () => {
    expect(() => readConfig({ PORT: 'http' })).toThrow(/PORT must be a port number/);
    expect(() => readConfig({ HUB_SEED: 'city' })).toThrow(/HUB_SEED must be hospital, province or off/);
    expect(() => readConfig({ HUB_SEED_VALUE: '-3' })).toThrow(/HUB_SEED_VALUE must be an integer/);
    expect(() => readConfig({ HUB_SEED_VALUE: '1e3' })).toThrow(/HUB_SEED_VALUE/);
    expect(() => readConfig({ HUB_STATEMENT_TIMEOUT: 'soon' })).toThrow(/HUB_STATEMENT_TIMEOUT must be a duration/);
    expect(() => readConfig({ HUB_DB_POOL: '0' })).toThrow(/HUB_DB_POOL must be a number of connections/);
    expect(() => readConfig({ HUB_AUDIT_KEEP_DAYS: '90' })).toThrow(/HUB_AUDIT_KEEP_DAYS must be a number of days from 180/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x@db/h' })).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(() => readConfig({ HUB_HOSTNAMES: 'hub.local, https://evil/' })).toThrow(/HUB_HOSTNAMES must list host names/);
    for (const bad of ['proxy.local', '10.0.0.0/33', 'fd00::/129', '10.0.0.1/x', '*'])
      expect(() => readConfig({ HUB_TRUSTED_PROXIES: `127.0.0.1, ${bad}` }), bad).toThrow(
        `HUB_TRUSTED_PROXIES must list addresses or CIDRs such as 127.0.0.1, 10.0.0.0/8 or fd00::/8, comma separated (got "${bad}")`,
      );
    expect(() => readConfig({ HUB_SESSION_IDLE: '0' })).toThrow(/HUB_SESSION_IDLE must be a duration/);
    expect(() => readConfig({ HUB_LOCKOUT_FAILURES: '0' })).toThrow(/HUB_LOCKOUT_FAILURES must be a number of failures/);
    expect(() => readConfig({ HUB_PASSWORD_MAX_DAYS: 'never' })).toThrow(/HUB_PASSWORD_MAX_DAYS must be a number of days/);
  });
});
