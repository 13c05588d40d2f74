/**
 * Every setting the hub reads, in one place and read once (the README lists the same): nothing below
 * reads the environment again, so this file's test tests what the hub uses.
 */
import { isIP } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export type SeedSetting = 'hospital' | 'province' | 'off';

/** Sign-in settings (modules/account): password age, lockout, session lifetimes. */
export interface AuthSettings {
  /** Days a password stays valid before it must be changed (HUB_PASSWORD_MAX_DAYS, default 90; 0: no maximum). */
  passwordMaxDays: number;
  /** Failures (per account name and per client address) within `windowMs` that lock it for `lockMs`. */
  lockout: { failures: number; windowMs: number; lockMs: number };
  /** A session ends after `idleMs` without a request, and `absoluteMs` after sign-in whatever happens. */
  session: { idleMs: number; absoluteMs: number };
  /** Single sign-on providers, each on only when its environment names it (modules/account/sso). */
  sso: SsoSettings;
  /**
   * The fewest persons a figure over person facts may stand on for a role without personal access (analysts):
   * a group, breakdown row or indicator value backed by 1 … minCell − 1 persons is suppressed (HUB_MIN_CELL,
   * default 5, never below 3).
   */
  minCell: number;
}

/** OpenID Connect, authorization code + PKCE (HUB_OIDC_*). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Unset: a public client (PKCE only, no client authentication). */
  clientSecret?: string;
  /** Unset: `<the request's origin>/auth/oidc/callback`. */
  redirectUri?: string;
  /** The id_token claim that names the person (default `sub`). */
  subjectClaim: string;
}

/** CAS 3.0 (HUB_CAS_*). */
export interface CasSettings {
  /** The CAS server's base URL, e.g. https://cas.hospital.local/cas. */
  url: string;
  /** Unset: `<the request's origin>/auth/cas/callback`. */
  serviceUrl?: string;
}

/** LDAP or Active Directory, searched then bound as the user (HUB_LDAP_*). */
export interface LdapSettings {
  url: string;
  startTls: boolean;
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  /** With `{username}` where the escaped username goes, e.g. (uid={username}) or (sAMAccountName={username}). */
  userFilter: string;
  /** The attribute whose value is the subject linked to an account; unset: the entry's DN. */
  subjectAttribute?: string;
  /** A PEM file of the certificate authorities to trust for ldaps:// or StartTLS (unset: the system's). */
  caFile?: string;
  /** Longest a directory operation may take, in ms. */
  timeoutMs: number;
}

export interface SsoSettings {
  oidc?: OidcSettings;
  cas?: CasSettings;
  ldap?: LdapSettings;
}

export const DEFAULT_AUTH: AuthSettings = {
  passwordMaxDays: 90,
  lockout: { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  session: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
  minCell: 5,
  sso: {},
};

export interface HubConfig {
  port: number;
  host: string;
  /** A postgres:// URL; unset: the embedded PostgreSQL. */
  databaseUrl?: string;
  /** Where the embedded PostgreSQL keeps its data. */
  dataDir: string;
  /** Demo data seeded into an empty database: a scale, or "off" (the default with DATABASE_URL). */
  seed: SeedSetting;
  seedValue?: number;
  /** Stack traces in GraphQL errors, PostgreSQL's log on stdout. */
  debug: boolean;
  logSql: boolean;
  /** Longest a request's SQL statement may run, in ms (0: no limit). Migrations and seeding run without. */
  statementTimeoutMs: number;
  /**
   * A postgres:// URL straight to PostgreSQL (HUB_DIRECT_URL) when DATABASE_URL is a pooler (pgbouncer in
   * transaction mode): the LISTEN connection, migrations, seeding and the indicator cells' upkeep use it.
   * Unset: DATABASE_URL.
   */
  directUrl?: string;
  /**
   * Named (prepared) statements on the read path (HUB_PREPARED, on by default); off for pgbouncer before 1.21
   * in transaction mode (README: "Behind pgbouncer").
   */
  prepared: boolean;
  /** Connections the hub keeps to PostgreSQL at most (per worker process). */
  poolSize: number;
  /**
   * Processes serving the port (HUB_WORKERS, default 1: one process does everything). With N > 1 a primary
   * process (node:cluster) starts the database, migrates and seeds once, then forks N workers sharing the port.
   */
  workers: number;
  /** Longest an analyst's aggregate may run, in ms (HUB_AGGREGATE_TIMEOUT, default 10 s), on its own few connections. */
  aggregateTimeoutMs: number;
  /** Time zone of months, weeks and days in aggregates (HUB_TIME_ZONE, default Asia/Shanghai). */
  timeZone: string;
  /**
   * The longest an identical read's answer is shared between requests of one instance, in ms
   * (HUB_COALESCE_MAX_AGE, default 60 s; 0: never shared). Any change the instance hears of ends it sooner
   * (http/coalesce.ts).
   */
  coalesceMaxAgeMs: number;
  /**
   * Between two folds of the additions pending above the hospitals into the upper bodies' cells, in ms
   * (HUB_FOLD_INTERVAL, default 5 s): the most an upper body's board trails a hospital's write (indicators/fold.ts).
   */
  foldIntervalMs: number;
  /**
   * The least time between two pushes of one board by one instance, in ms (HUB_PUSH_MIN_INTERVAL, default 500 ms,
   * a hospital's boards; HUB_PUSH_MIN_INTERVAL_UPPER, default 5 s, an upper body's); changes in between go in one
   * trailing push (indicators/push-gate.ts). 0: every change pushed at once.
   */
  pushIntervals: { board: number; upper: number };
  /** Directory of the dashboard served at / (HUB_DASHBOARD_DIR); unset: the installed @party-hub/dashboard/dist. */
  dashboardDir?: string;
  /**
   * Host names the hub answers to besides loopback and this machine's own addresses (HUB_HOSTNAMES, comma
   * separated, e.g. "dangjian.hospital.local"): any other Host is refused (a DNS-rebinding page cannot read it).
   */
  hostnames: string[];
  /**
   * Proxies trusted to say who the client is (HUB_TRUSTED_PROXIES: addresses and CIDRs, comma separated;
   * default none): only a request whose TCP peer is one of them has its X-Forwarded-For and
   * X-Forwarded-Proto read (modules/account/proxy.ts).
   */
  trustedProxies: string[];
  /** Password age, lockout and session lifetimes (HUB_PASSWORD_MAX_DAYS, HUB_LOCKOUT_*, HUB_SESSION_*). */
  auth: AuthSettings;
  /** Days `pnpm audit:purge` keeps audit rows by default (HUB_AUDIT_KEEP_DAYS: 3 years, never below 180). */
  auditKeepDays: number;
  /**
   * Streaming replicas of the database for reads and aggregates (HUB_REPLICA_URLS: postgres:// URLs, comma
   * separated; default none): a replica more than 16 MB behind or unreachable is left out (db/replicas.ts).
   */
  replicaUrls: string[];
}

/**
 * The audit log's retention in days: at least 180 (MLPS 2.0 asks 6 months; the database refuses younger
 * purges), 3 years by default (PIPL).
 */
export const AUDIT_KEEP_DAYS = { min: 180, default: 1095 } as const;

/**
 * The default data directory. As root, PostgreSQL runs as the `postgres` user, which cannot reach
 * anything under /root (mode 700), so root gets a directory under /var/lib instead.
 */
function defaultDataDir(env: NodeJS.ProcessEnv): string {
  if (process.getuid?.() === 0) return '/var/lib/party-hub';
  const base = env.XDG_DATA_HOME || join(homedir() || tmpdir(), '.local', 'share');
  return join(base, 'party-hub');
}

function timeZone(env: NodeJS.ProcessEnv): string {
  const tz = env.HUB_TIME_ZONE || 'Asia/Shanghai';
  if (tz !== 'UTC' && !Intl.supportedValuesOf('timeZone').includes(tz)) {
    throw new Error(`HUB_TIME_ZONE must be an IANA time zone such as Asia/Shanghai (got "${tz}")`);
  }
  return tz;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, what: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new Error(`${name} must be ${what} (got "${raw}")`);
  return n;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };

/** A duration: "15s", "500ms", "2min", "12h" or plain milliseconds; `positive`: 0 is refused. */
function duration(env: NodeJS.ProcessEnv, name: string, fallbackMs: number, positive = false): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallbackMs;
  const m = /^(\d+)\s*(ms|s|min|h)?$/.exec(raw.trim());
  if (!m || (positive && Number(m[1]) === 0))
    throw new Error(`${name} must be a duration such as 15s, 500ms, 2min or 12h${positive ? '' : ', or 0 for none'} (got "${raw}")`);
  return Number(m[1]) * UNIT_MS[m[2] ?? 'ms'];
}

function authSettings(env: NodeJS.ProcessEnv): AuthSettings {
  const d = DEFAULT_AUTH;
  return {
    passwordMaxDays: integer(env, 'HUB_PASSWORD_MAX_DAYS', d.passwordMaxDays, 0, 3650, 'a number of days from 0 (no maximum) to 3650'),
    lockout: {
      failures: integer(env, 'HUB_LOCKOUT_FAILURES', d.lockout.failures, 1, 100, 'a number of failures from 1 to 100'),
      windowMs: duration(env, 'HUB_LOCKOUT_WINDOW', d.lockout.windowMs, true),
      lockMs: duration(env, 'HUB_LOCKOUT_DURATION', d.lockout.lockMs, true),
    },
    session: {
      idleMs: duration(env, 'HUB_SESSION_IDLE', d.session.idleMs, true),
      absoluteMs: duration(env, 'HUB_SESSION_MAX', d.session.absoluteMs, true),
    },
    minCell: integer(env, 'HUB_MIN_CELL', d.minCell, 3, 1000, 'a number of persons from 3 to 1000'),
    sso: ssoSettings(env),
  };
}

/**
 * An absolute URL of one of `protocols`. An identity provider's http URL must be this machine's (tokens, tickets
 * and passwords do not cross a network in the clear); the hub's own address (`own`) may be http, as the hub may.
 */
function url(env: NodeJS.ProcessEnv, name: string, protocols: string[], example: string, own = false): string {
  const raw = env[name]!.trim();
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`${name} must be a URL such as ${example} (got "${raw}")`);
  }
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(u.hostname);
  if (!protocols.includes(u.protocol) || (u.protocol === 'http:' && !loopback && !own))
    throw new Error(
      `${name} must be a URL such as ${example}${u.protocol === 'http:' ? ' (https; http only to this machine)' : ''} (got "${raw}")`,
    );
  return raw.replace(/\/+$/, '');
}

function required(env: NodeJS.ProcessEnv, name: string, because: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is required when ${because} is set`);
  return value;
}

function oidcSettings(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  if (!env.HUB_OIDC_ISSUER) return undefined;
  const claim = env.HUB_OIDC_SUBJECT_CLAIM || 'sub';
  if (!/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/.test(claim))
    throw new Error(`HUB_OIDC_SUBJECT_CLAIM must be a claim name such as sub (got "${claim}")`);
  return {
    issuer: url(env, 'HUB_OIDC_ISSUER', ['https:', 'http:'], 'https://sso.hospital.local/realms/hub'),
    clientId: required(env, 'HUB_OIDC_CLIENT_ID', 'HUB_OIDC_ISSUER'),
    ...(env.HUB_OIDC_CLIENT_SECRET ? { clientSecret: env.HUB_OIDC_CLIENT_SECRET } : {}),
    ...(env.HUB_OIDC_REDIRECT_URI
      ? { redirectUri: url(env, 'HUB_OIDC_REDIRECT_URI', ['https:', 'http:'], 'https://dangjian.hospital.local/auth/oidc/callback', true) }
      : {}),
    subjectClaim: claim,
  };
}

function casSettings(env: NodeJS.ProcessEnv): CasSettings | undefined {
  if (!env.HUB_CAS_URL) return undefined;
  return {
    url: url(env, 'HUB_CAS_URL', ['https:', 'http:'], 'https://cas.hospital.local/cas'),
    ...(env.HUB_CAS_SERVICE_URL
      ? { serviceUrl: url(env, 'HUB_CAS_SERVICE_URL', ['https:', 'http:'], 'https://dangjian.hospital.local/auth/cas/callback', true) }
      : {}),
  };
}

function ldapSettings(env: NodeJS.ProcessEnv): LdapSettings | undefined {
  if (!env.HUB_LDAP_URL) return undefined;
  const startTls = env.HUB_LDAP_STARTTLS === '1';
  const address = url(env, 'HUB_LDAP_URL', ['ldaps:', 'ldap:'], 'ldaps://ad.hospital.local');
  const loopback = /^ldap:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(address);
  if (address.startsWith('ldap:') && !startTls && !loopback)
    throw new Error(`HUB_LDAP_URL: passwords would cross the network in the clear: use ldaps://, or ldap:// with HUB_LDAP_STARTTLS=1`);
  const filter = env.HUB_LDAP_USER_FILTER || '(uid={username})';
  if (!/^\(.*\{username\}.*\)$/.test(filter))
    throw new Error(`HUB_LDAP_USER_FILTER must be a filter with {username}, such as (sAMAccountName={username}) (got "${filter}")`);
  return {
    url: address,
    startTls,
    bindDn: required(env, 'HUB_LDAP_BIND_DN', 'HUB_LDAP_URL'),
    bindPassword: required(env, 'HUB_LDAP_BIND_PASSWORD', 'HUB_LDAP_URL'),
    baseDn: required(env, 'HUB_LDAP_BASE_DN', 'HUB_LDAP_URL'),
    userFilter: filter,
    ...(env.HUB_LDAP_SUBJECT_ATTRIBUTE ? { subjectAttribute: env.HUB_LDAP_SUBJECT_ATTRIBUTE } : {}),
    ...(env.HUB_LDAP_CA_FILE ? { caFile: env.HUB_LDAP_CA_FILE } : {}),
    timeoutMs: duration(env, 'HUB_LDAP_TIMEOUT', 5_000, true),
  };
}

function ssoSettings(env: NodeJS.ProcessEnv): SsoSettings {
  const oidc = oidcSettings(env);
  const cas = casSettings(env);
  const ldap = ldapSettings(env);
  return { ...(oidc ? { oidc } : {}), ...(cas ? { cas } : {}), ...(ldap ? { ldap } : {}) };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  // Demo data is for the embedded database: never invented rows in a database someone named.
  const seed = (env.HUB_SEED || (databaseUrl ? 'off' : 'hospital')).toLowerCase();
  if (!['hospital', 'province', 'off'].includes(seed))
    throw new Error(`HUB_SEED must be hospital, province or off (got "${env.HUB_SEED}")`);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new Error(`DATABASE_URL must be a postgres:// URL (got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}")`);
  return {
    port: integer(env, 'PORT', 4000, 0, 65535, 'a port number'),
    host: env.HOST || '127.0.0.1',
    ...(databaseUrl ? { databaseUrl } : {}),
    dataDir: env.HUB_DATA_DIR || defaultDataDir(env),
    seed: seed as SeedSetting,
    ...(env.HUB_SEED_VALUE ? { seedValue: integer(env, 'HUB_SEED_VALUE', 0, 0, 2 ** 31 - 1, 'an integer from 0 to 2147483647') } : {}),
    debug: env.HUB_DEBUG === '1',
    logSql: env.HUB_LOG_SQL === '1',
    statementTimeoutMs: duration(env, 'HUB_STATEMENT_TIMEOUT', 15_000),
    ...pooler(env, databaseUrl),
    poolSize: integer(env, 'HUB_DB_POOL', 10, 1, 1000, 'a number of connections from 1 to 1000'),
    workers: integer(env, 'HUB_WORKERS', 1, 1, 64, 'a number of worker processes from 1 to 64'),
    aggregateTimeoutMs: duration(env, 'HUB_AGGREGATE_TIMEOUT', 10_000),
    timeZone: timeZone(env),
    coalesceMaxAgeMs: duration(env, 'HUB_COALESCE_MAX_AGE', 60_000),
    foldIntervalMs: duration(env, 'HUB_FOLD_INTERVAL', 5_000, true),
    pushIntervals: {
      board: duration(env, 'HUB_PUSH_MIN_INTERVAL', 500), // push-gate.ts (PUSH_MIN_INTERVAL_MS) says why
      upper: duration(env, 'HUB_PUSH_MIN_INTERVAL_UPPER', 5_000),
    },
    ...(env.HUB_DASHBOARD_DIR ? { dashboardDir: env.HUB_DASHBOARD_DIR } : {}),
    hostnames: hostnames(env),
    trustedProxies: trustedProxies(env),
    auth: authSettings(env),
    auditKeepDays: integer(
      env,
      'HUB_AUDIT_KEEP_DAYS',
      AUDIT_KEEP_DAYS.default,
      AUDIT_KEEP_DAYS.min,
      36_500,
      'a number of days from 180 to 36500',
    ),
    replicaUrls: replicaUrls(env),
  };
}

/** HUB_DIRECT_URL and HUB_PREPARED: a hub behind pgbouncer in transaction mode (README: "Behind pgbouncer"). */
function pooler(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): Pick<HubConfig, 'directUrl' | 'prepared'> {
  const directUrl = env.HUB_DIRECT_URL || undefined;
  if (directUrl && !databaseUrl) throw new Error('HUB_DIRECT_URL is for a DATABASE_URL that is a pooler: set DATABASE_URL too');
  if (directUrl && !/^postgres(ql)?:\/\//.test(directUrl))
    throw new Error(`HUB_DIRECT_URL must be a postgres:// URL (got "${directUrl.replace(/:[^:@/]*@/, ':***@')}")`);
  const prepared = (env.HUB_PREPARED || 'on').toLowerCase();
  if (prepared !== 'on' && prepared !== 'off') throw new Error(`HUB_PREPARED must be on or off (got "${env.HUB_PREPARED}")`);
  return { ...(directUrl ? { directUrl } : {}), prepared: prepared === 'on' };
}

function replicaUrls(env: NodeJS.ProcessEnv): string[] {
  const urls = (env.HUB_REPLICA_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const bad = urls.find((u) => !/^postgres(ql)?:\/\/[^/]/.test(u));
  if (bad !== undefined)
    throw new Error(
      `HUB_REPLICA_URLS must list postgres:// URLs of streaming replicas, comma separated (got "${bad.replace(/:[^:@/]*@/, ':***@')}")`,
    );
  return urls;
}

function hostnames(env: NodeJS.ProcessEnv): string[] {
  const names = (env.HUB_HOSTNAMES ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const bad = names.find((h) => !/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(h));
  if (bad) throw new Error(`HUB_HOSTNAMES must list host names such as dangjian.hospital.local, comma separated (got "${bad}")`);
  return names;
}

/**
 * One entry of HUB_TRUSTED_PROXIES, normalised: an IPv4 or IPv6 address, or a CIDR (`10.0.0.0/8`, `fd00::/8`);
 * null when it is neither. An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is written as IPv4, as peers are.
 */
export function proxyEntry(raw: string): string | null {
  const m = /^([^/]+?)(?:\/(\d{1,3}))?$/.exec(raw.trim());
  if (!m) return null;
  const address = m[1]
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  const family = isIP(address);
  if (!family) return null;
  if (m[2] === undefined) return address;
  const bits = Number(m[2]);
  return bits <= (family === 4 ? 32 : 128) ? `${address}/${bits}` : null;
}

function trustedProxies(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.HUB_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const parsed = entries.map(proxyEntry);
  const bad = entries.find((_e, i) => parsed[i] === null);
  if (bad !== undefined)
    throw new Error(
      `HUB_TRUSTED_PROXIES must list addresses or CIDRs such as 127.0.0.1, 10.0.0.0/8 or fd00::/8, comma separated (got "${bad}")`,
    );
  return parsed as string[];
}
