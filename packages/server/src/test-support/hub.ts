/**
 * A real hub for a test file: its own database (cloned from the migrated template), MikroORM with a
 * statement counter, and the real HTTP server on a free port. Tests talk to it over HTTP.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AddressInfo } from 'node:net';
import { openHubOrm } from '../app/orm.js';
import type { AuthSettings } from '../config.js';
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
  /** SQL statements run since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startTestHub(
  options: { debug?: boolean; statementTimeoutMs?: number; aggregateTimeoutMs?: number; auth?: AuthSettings } = {},
): Promise<TestHub> {
  const db = await createTestDatabase();
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
  });
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  return {
    url,
    db,
    orm,
    queries,
    resetQueries: () => void queries.splice(0),
    async gql(query, variables) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<any>;
    },
    async close() {
      await http.stop();
      await orm.close();
      await db.drop();
    },
  };
}
