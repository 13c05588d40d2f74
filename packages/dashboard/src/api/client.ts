/**
 * The dashboard's GraphQL client: typed documents from `@party-hub/schema/client` (graphql-codegen's
 * client preset, documentMode "string") posted to same-origin /graphql, subscriptions over graphql-ws
 * on the same path. A document is its query text plus its types, so no GraphQL parser ships to the
 * browser; a cache-and-normalise client (urql, Apollo) would add 15-40 KB gzip for nothing a board
 * needs: each page asks for exactly its data and re-asks when the hub says it changed.
 */
import { createClient, type Client } from 'graphql-ws';

/** What codegen emits for each operation: its text, and (in types only) its result and variables. */
export interface Document<R, V> {
  toString(): string;
  /** Phantom: never set, only carries the types. */
  __apiType?: (variables: V) => R;
}
export type ResultOf<D> = D extends Document<infer R, unknown> ? R : never;

export interface HubGraphQLError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; reason?: string; field?: string };
}

/** A request that failed: the server's own words (zh / en) or what went wrong on the way. */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly errors: HubGraphQLError[] = [],
    readonly status = 0,
  ) {
    super(message);
  }
}

export async function request<R, V>(doc: Document<R, V>, variables: V, signal?: AbortSignal): Promise<R> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: doc.toString(), variables }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new RequestError(`网络不可用 / Network unavailable: ${(e as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as { data?: R; errors?: HubGraphQLError[] } | null;
  if (body?.errors?.length) throw new RequestError(body.errors.map((e) => e.message).join('; '), body.errors, res.status);
  if (!res.ok || !body?.data) throw new RequestError(`HTTP ${res.status}`, [], res.status);
  return body.data;
}

let ws: Client | null = null;

/** One graphql-ws connection per tab, opened lazily and retried by graphql-ws itself. */
export function wsClient(): Client {
  if (!ws) {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    ws = createClient({ url, lazy: true, retryAttempts: Infinity, keepAlive: 15_000, shouldRetry: () => true });
  }
  return ws;
}
