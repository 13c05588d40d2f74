/**
 * A real hub for a test file: its own database (cloned from the migrated template), MikroORM with a
 * statement counter, and the real HTTP server on a free port. Tests talk to it over HTTP, signed in: the
 * database gets an administrator and a committee account, and `gql` sends the committee's session cookie
 * (`as(role)` signs in another role's account).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import WebSocket from 'ws';
import { openHubOrm } from '../app/orm.js';
import { createAccount } from '../modules/account/account.writes.js';
import type { AuthSettings } from '../config.js';
import { AccountRole } from '../domain/enums.js';
import { createHttp, type HubHttp } from '../http/app.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestHub {
  url: string;
  db: TestDatabase;
  orm: MikroORM;
  /** Identical reads answered once per change (http/coalesce.ts): its counts. */
  shared: HubHttp['shared'];
  /** Subscriptions' pushes run once per change for identical subscribers (http/live-pushes.ts): its counts. */
  pushes: HubHttp['pushes'];
  /** SQL statements run since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
  /** The committee account's session cookie (`hub_session=…`), for requests a test makes itself. */
  cookie: string;
  /** As the committee account. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** A signed-in account of a role (made on first use): its cookie and its own `gql`. */
  as(role: AccountRole): Promise<SignedInClient>;
  close(): Promise<void>;
}

export interface SignedInClient {
  cookie: string;
  gql: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;
}

/** The password of every account a test hub makes (test databases only: no start makes one with a known password). */
export const TEST_PASSWORD = 'Zhibu-Shuji-2026';

/** Posts a GraphQL operation with a cookie (or none). */
export async function postGraphQL(url: string, cookie: string | null, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResponse<any>;
}

/** An answer as a script sees it: its status, headers and body. */
export interface RawAnswer extends GraphQLResponse<any> {
  status: number;
  headers: Headers;
}

/** Posts a GraphQL operation with the given headers (a bearer token, a cookie, both, none). */
export async function postWith(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<RawAnswer> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await res.json()) as GraphQLResponse<any>), status: res.status, headers: res.headers };
}

/** `Authorization: Bearer <secret>`. */
export const bearer = (secret: string): Record<string, string> => ({ authorization: `Bearer ${secret}` });

/** Makes a personal access token through GraphQL with a session cookie: its secret and global id. */
export async function makeToken(url: string, cookie: string, name = '月报脚本', days?: number): Promise<{ secret: string; id: string }> {
  const res = await postGraphQL(url, cookie, 'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret token { id } } }', {
    i: { name, ...(days === undefined ? {} : { days }) },
  });
  if (res.errors) throw new Error(`making a token failed: ${JSON.stringify(res.errors)}`);
  return { secret: res.data.createApiToken.secret, id: res.data.createApiToken.token.id };
}

/**
 * Makes an account (its password already changed: nothing pending at sign-in) and signs it in over HTTP,
 * as a browser would: the session cookie the answer set.
 */
export async function signedIn(
  url: string,
  dbUrl: string,
  username: string,
  role: AccountRole,
  // The whole tree by default: the fixtures a test builds come after its accounts (a test that needs a scoped account names its roots).
  scope: readonly (number | null)[] = role === AccountRole.ADMIN ? [] : [null],
): Promise<string> {
  const pool = new pg.Pool({ connectionString: dbUrl, max: 1 });
  try {
    const id = await createAccount(pool, { username, role, password: TEST_PASSWORD, scope }, 'test');
    await pool.query(`update account set must_change_password = false where id = $1`, [id]);
  } finally {
    await pool.end();
  }
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { role } }',
      variables: { u: username, p: TEST_PASSWORD },
    }),
  });
  const cookie = /hub_session=[A-Za-z0-9_-]{43}/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`signing in ${username} failed: ${res.status} ${await res.text()}`);
  return cookie;
}

let instances = 0;

export interface TestHubOptions {
  debug?: boolean;
  statementTimeoutMs?: number;
  aggregateTimeoutMs?: number;
  auth?: AuthSettings;
  trustedProxies?: readonly string[];
  /** HUB_COALESCE_MAX_AGE (default 60 s; 0: identical reads are never shared). */
  coalesceMaxAgeMs?: number;
  /** HUB_PUSH_MIN_INTERVAL(_UPPER), in ms (default 500 ms and 5 s; 0: every change pushed at once). */
  pushIntervals?: { board?: number; upper?: number };
  /** Start on the demo hospital seeded up to this date (a copy of the run's seeded template: test-support/database.ts). */
  seededTo?: string;
  /** A second instance on this hub's database (as two servers behind a balancer): its own pools, caches and feed; its accounts are its own. */
  sameDatabaseAs?: TestHub;
}

export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const shared = options.sameDatabaseAs;
  const db = shared?.db ?? (await createTestDatabase(options.seededTo ? { seededTo: options.seededTo } : {}));
  const suffix = shared ? `-${++instances}` : '';
  const queries: string[] = [];
  const orm = await openHubOrm({
    url: db.url,
    onQuery: (sql) => queries.push(sql),
    ...(options.statementTimeoutMs ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
  });
  let http: HubHttp;
  http = await createHttp({
    orm,
    debug: options.debug ?? false,
    dashboardDir: null,
    log: () => undefined,
    ...(options.aggregateTimeoutMs ? { aggregateTimeoutMs: options.aggregateTimeoutMs } : {}),
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    ...(options.coalesceMaxAgeMs !== undefined ? { coalesceMaxAgeMs: options.coalesceMaxAgeMs } : {}),
    ...(options.pushIntervals ? { pushIntervals: options.pushIntervals } : {}),
  });
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  const clients = new Map<AccountRole, Promise<SignedInClient>>();
  const as = (role: AccountRole) => {
    if (!clients.has(role))
      clients.set(
        role,
        signedIn(url, db.url, `test-${role}${suffix}`, role).then((cookie) => ({ cookie, gql: (q, v) => postGraphQL(url, cookie, q, v) })),
      );
    return clients.get(role)!;
  };
  await as(AccountRole.ADMIN);
  const committee = await as(AccountRole.COMMITTEE);
  return {
    url,
    db,
    orm,
    shared: http.shared,
    pushes: http.pushes,
    queries,
    cookie: committee.cookie,
    as,
    resetQueries: () => void queries.splice(0),
    gql: (query, variables) => committee.gql(query, variables),
    async close() {
      await http.stop();
      await orm.close();
      if (!shared) await db.drop();
    },
  };
}

/** Opens a WebSocket and sends connection_init with `payload`: 'ack', or how the socket was closed (or the HTTP status refusing it). */
export function initialised(
  url: string,
  headers: Record<string, string>,
  payload: Record<string, unknown> | undefined,
): Promise<'ack' | number | { code: number; reason: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'graphql-transport-ws', { headers });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', ...(payload ? { payload } : {}) })));
    ws.on('message', (m) => {
      if ((JSON.parse((m as Buffer).toString('utf8')) as { type: string }).type !== 'connection_ack') return;
      ws.close();
      resolve('ack');
    });
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}
