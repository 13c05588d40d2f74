import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('config', () => {
  it('should default to the demo hospital on 127.0.0.1:4000 with the embedded PostgreSQL', () => {
    expect(readConfig({})).toMatchObject({ port: 4000, host: '127.0.0.1', seed: 'hospital', debug: false });
    expect(readConfig({}).databaseUrl).toBeUndefined();
    expect(readConfig({}).dashboardDir).toBeUndefined();
    expect(readConfig({})).toMatchObject({ statementTimeoutMs: 15_000, poolSize: 10, workers: 1 });
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
      HUB_WORKERS: '3',
      HUB_AGGREGATE_TIMEOUT: '30s',
      HUB_TIME_ZONE: 'Asia/Urumqi',
      HUB_COALESCE_MAX_AGE: '10s',
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
      HUB_DIRECT_URL: 'postgres://x@db-primary:5432/h',
      HUB_PREPARED: 'Off',
      HUB_FOLD_INTERVAL: '2s',
      HUB_PUSH_MIN_INTERVAL: '500ms',
      HUB_PUSH_MIN_INTERVAL_UPPER: '10s',
      HUB_REPLICA_URLS: 'postgres://hub@replica1.local/party_hub, postgresql://hub@replica2.local:5433/party_hub',
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
      directUrl: 'postgres://x@db-primary:5432/h',
      prepared: false,
      poolSize: 4,
      workers: 3,
      aggregateTimeoutMs: 30_000,
      hostnames: ['dangjian.hospital.local', '10.1.2.3'],
      trustedProxies: ['127.0.0.1', '10.0.0.0/8', '192.168.1.9', 'fd00::1', 'fd00::/8'],
      timeZone: 'Asia/Urumqi',
      coalesceMaxAgeMs: 10_000,
      foldIntervalMs: 2_000,
      pushIntervals: { board: 500, upper: 10_000 },
      dashboardDir: '/srv/dashboard',
      auth: {
        passwordMaxDays: 0,
        lockout: { failures: 3, windowMs: 600_000, lockMs: 3_600_000 },
        session: { idleMs: 900_000, absoluteMs: 28_800_000 },
        minCell: 5,
        sso: {},
      },
      auditKeepDays: 2000,
      replicaUrls: ['postgres://hub@replica1.local/party_hub', 'postgresql://hub@replica2.local:5433/party_hub'],
    });
    expect(readConfig({}).replicaUrls).toEqual([]);
    expect(readConfig({}).auth).toEqual({
      passwordMaxDays: 90,
      lockout: { failures: 5, windowMs: 900_000, lockMs: 900_000 },
      session: { idleMs: 1_800_000, absoluteMs: 43_200_000 },
      minCell: 5,
      sso: {},
    });
    expect(readConfig({}).auditKeepDays).toBe(1095);
    expect(readConfig({}).coalesceMaxAgeMs).toBe(60_000);
    expect(readConfig({}).pushIntervals).toEqual({ board: 500, upper: 5_000 });
    expect(readConfig({ HUB_PUSH_MIN_INTERVAL: '0' }).pushIntervals.board).toBe(0);
    expect(readConfig({ HUB_COALESCE_MAX_AGE: '0' }).coalesceMaxAgeMs).toBe(0);
    expect(() => readConfig({ HUB_COALESCE_MAX_AGE: 'forever' })).toThrow(/HUB_COALESCE_MAX_AGE must be a duration/);
    expect(readConfig({ HUB_MIN_CELL: '10' }).auth.minCell).toBe(10);
    expect(() => readConfig({ HUB_MIN_CELL: '2' })).toThrow(/HUB_MIN_CELL must be a number of persons from 3 to 1000/);
    expect(readConfig({}).trustedProxies).toEqual([]);
    expect(() => readConfig({ HUB_TIME_ZONE: 'Beijing' })).toThrow(/HUB_TIME_ZONE must be an IANA time zone/);
    expect(readConfig({ HUB_STATEMENT_TIMEOUT: '500ms' }).statementTimeoutMs).toBe(500);
    expect(readConfig({ HUB_STATEMENT_TIMEOUT: '0' }).statementTimeoutMs).toBe(0);
    // Behind pgbouncer: no direct URL means DATABASE_URL's; prepared statements stay on unless turned off.
    expect(readConfig({ DATABASE_URL: 'postgres://x@pgbouncer:6432/h' })).toMatchObject({ prepared: true });
    expect(readConfig({ DATABASE_URL: 'postgres://x@pgbouncer:6432/h' }).directUrl).toBeUndefined();
    expect(readConfig({ HUB_PREPARED: 'on' }).prepared).toBe(true);
  });

  it('should refuse bad values with a message naming the variable', () => {
    expect(() => readConfig({ PORT: 'http' })).toThrow(/PORT must be a port number/);
    expect(() => readConfig({ HUB_SEED: 'city' })).toThrow(/HUB_SEED must be hospital, province or off/);
    expect(() => readConfig({ HUB_SEED_VALUE: '-3' })).toThrow(/HUB_SEED_VALUE must be an integer/);
    expect(() => readConfig({ HUB_SEED_VALUE: '1e3' })).toThrow(/HUB_SEED_VALUE/);
    expect(() => readConfig({ HUB_STATEMENT_TIMEOUT: 'soon' })).toThrow(/HUB_STATEMENT_TIMEOUT must be a duration/);
    expect(() => readConfig({ HUB_DB_POOL: '0' })).toThrow(/HUB_DB_POOL must be a number of connections/);
    for (const bad of ['0', '65', 'auto', '2.5'])
      expect(() => readConfig({ HUB_WORKERS: bad }), bad).toThrow(
        `HUB_WORKERS must be a number of worker processes from 1 to 64 (got "${bad}")`,
      );
    expect(() => readConfig({ HUB_AUDIT_KEEP_DAYS: '90' })).toThrow(/HUB_AUDIT_KEEP_DAYS must be a number of days from 180/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x@db/h' })).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(() => readConfig({ DATABASE_URL: 'postgres://x@db/h', HUB_DIRECT_URL: 'db:5432' })).toThrow(
      /HUB_DIRECT_URL must be a postgres:\/\/ URL/,
    );
    expect(() => readConfig({ HUB_DIRECT_URL: 'postgres://x@db/h' })).toThrow(/HUB_DIRECT_URL is for a DATABASE_URL that is a pooler/);
    expect(() => readConfig({ HUB_PREPARED: 'no' })).toThrow(/HUB_PREPARED must be on or off \(got "no"\)/);
    expect(() => readConfig({ HUB_HOSTNAMES: 'hub.local, https://evil/' })).toThrow(/HUB_HOSTNAMES must list host names/);
    expect(() => readConfig({ HUB_REPLICA_URLS: 'postgres://r1.local/h, mysql://u:secret@r2/h' })).toThrow(
      'HUB_REPLICA_URLS must list postgres:// URLs of streaming replicas, comma separated (got "mysql://u:***@r2/h")',
    );
    for (const bad of ['proxy.local', '10.0.0.0/33', 'fd00::/129', '10.0.0.1/x', '*'])
      expect(() => readConfig({ HUB_TRUSTED_PROXIES: `127.0.0.1, ${bad}` }), bad).toThrow(
        `HUB_TRUSTED_PROXIES must list addresses or CIDRs such as 127.0.0.1, 10.0.0.0/8 or fd00::/8, comma separated (got "${bad}")`,
      );
    expect(() => readConfig({ HUB_SESSION_IDLE: '0' })).toThrow(/HUB_SESSION_IDLE must be a duration/);
    expect(() => readConfig({ HUB_LOCKOUT_FAILURES: '0' })).toThrow(/HUB_LOCKOUT_FAILURES must be a number of failures/);
    expect(() => readConfig({ HUB_PASSWORD_MAX_DAYS: 'never' })).toThrow(/HUB_PASSWORD_MAX_DAYS must be a number of days/);
  });

  it('should turn on each single sign-on provider its environment names, with its defaults', () => {
    const sso = readConfig({
      HUB_OIDC_ISSUER: 'https://sso.hospital.local/realms/hub/',
      HUB_OIDC_CLIENT_ID: 'party-hub',
      HUB_OIDC_CLIENT_SECRET: 's3cret',
      HUB_CAS_URL: 'https://cas.hospital.local/cas',
      HUB_CAS_SERVICE_URL: 'http://dangjian.hospital.local/auth/cas/callback',
      HUB_LDAP_URL: 'ldap://ad.hospital.local',
      HUB_LDAP_STARTTLS: '1',
      HUB_LDAP_BIND_DN: 'cn=hub,ou=service,dc=hospital,dc=local',
      HUB_LDAP_BIND_PASSWORD: 'pw',
      HUB_LDAP_BASE_DN: 'dc=hospital,dc=local',
      HUB_LDAP_USER_FILTER: '(sAMAccountName={username})',
    }).auth.sso;
    expect(sso).toEqual({
      oidc: { issuer: 'https://sso.hospital.local/realms/hub', clientId: 'party-hub', clientSecret: 's3cret', subjectClaim: 'sub' },
      cas: { url: 'https://cas.hospital.local/cas', serviceUrl: 'http://dangjian.hospital.local/auth/cas/callback' },
      ldap: {
        url: 'ldap://ad.hospital.local',
        startTls: true,
        bindDn: 'cn=hub,ou=service,dc=hospital,dc=local',
        bindPassword: 'pw',
        baseDn: 'dc=hospital,dc=local',
        userFilter: '(sAMAccountName={username})',
        timeoutMs: 5_000,
      },
    });
    const ldap = { HUB_LDAP_BIND_DN: 'cn=hub', HUB_LDAP_BIND_PASSWORD: 'pw', HUB_LDAP_BASE_DN: 'dc=h' };
    expect(readConfig({ ...ldap, HUB_LDAP_URL: 'ldaps://ad.hospital.local:636' }).auth.sso.ldap).toMatchObject({
      startTls: false,
      userFilter: '(uid={username})',
    });
    expect(readConfig({ HUB_OIDC_ISSUER: 'http://127.0.0.1:8080', HUB_OIDC_CLIENT_ID: 'x' }).auth.sso.oidc!.issuer).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('should refuse a provider configured half-way, or where passwords and tokens would cross the network in the clear', () => {
    expect(() => readConfig({ HUB_OIDC_ISSUER: 'https://sso.local' })).toThrow(
      /HUB_OIDC_CLIENT_ID is required when HUB_OIDC_ISSUER is set/,
    );
    expect(() => readConfig({ HUB_OIDC_ISSUER: 'http://sso.local', HUB_OIDC_CLIENT_ID: 'x' })).toThrow(
      /HUB_OIDC_ISSUER must be a URL .*https; http only to this machine/,
    );
    expect(() => readConfig({ HUB_OIDC_ISSUER: 'sso.local', HUB_OIDC_CLIENT_ID: 'x' })).toThrow(/HUB_OIDC_ISSUER must be a URL/);
    expect(() => readConfig({ HUB_OIDC_ISSUER: 'https://sso.local', HUB_OIDC_CLIENT_ID: 'x', HUB_OIDC_SUBJECT_CLAIM: 'a b' })).toThrow(
      /HUB_OIDC_SUBJECT_CLAIM/,
    );
    expect(() => readConfig({ HUB_CAS_URL: 'ftp://cas.local' })).toThrow(/HUB_CAS_URL must be a URL/);
    const ldap = { HUB_LDAP_BIND_DN: 'cn=hub', HUB_LDAP_BIND_PASSWORD: 'pw', HUB_LDAP_BASE_DN: 'dc=h' };
    expect(() => readConfig({ ...ldap, HUB_LDAP_URL: 'ldap://ad.hospital.local' })).toThrow(
      /use ldaps:\/\/, or ldap:\/\/ with HUB_LDAP_STARTTLS=1/,
    );
    expect(() => readConfig({ HUB_LDAP_URL: 'ldaps://ad' })).toThrow(/HUB_LDAP_BIND_DN is required/);
    expect(() => readConfig({ ...ldap, HUB_LDAP_URL: 'ldaps://ad', HUB_LDAP_USER_FILTER: '(uid=*)' })).toThrow(
      /HUB_LDAP_USER_FILTER must be a filter with \{username\}/,
    );
  });
});
