/**
 * The dashboard's GraphQL client: typed documents from `@party-hub/schema/client` (graphql-codegen's
 * client preset, documentMode "string") posted to same-origin /graphql, subscriptions over graphql-ws
 * on the same path. A document is its query text plus its types, so no GraphQL parser ships to the
 * browser; a cache-and-normalise client (urql, Apollo) would add 15-40 KB gzip for nothing a board
 * needs: each page asks for exactly its data and re-asks when the hub says it changed.
 */
import { createClient, type Client } from 'graphql-ws';
import { authReasonOf, type AuthReason } from './auth.ts';

/** What codegen emits for each operation: its text, and (in types only) its result and variables. */
export interface Document<R, V> {
  toString(): string;
  /** Phantom: never set, only carries the types. */
  __apiType?: (variables: V) => R;
}
export type ResultOf<D> = D extends Document<infer R, unknown> ? R : never;

/** One bad field of a refused input (a write, a new password): its path, reason and words. */
export interface HubProblem {
  field: string;
  reason: string;
  zh: string;
  en: string;
}

export interface HubGraphQLError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: {
    code?: string;
    reason?: string;
    field?: string;
    /** The message in one language (`message` is "中文 / English"). */
    messageZh?: string;
    messageEn?: string;
    problems?: HubProblem[];
  };
}

/** The server's words for an error in one language (its bilingual message when it gave no single-language one). */
export function errorText(e: HubGraphQLError, lang: 'zh' | 'en'): string {
  return (lang === 'en' ? e.extensions?.messageEn : e.extensions?.messageZh) ?? e.message;
}

/** What a failed request says, as one error (the first the hub gave, or what went wrong on the way). */
export function refusalOf(e: unknown): HubGraphQLError {
  if (e instanceof RequestError && e.errors[0]) return e.errors[0];
  return { message: e instanceof Error ? e.message : String(e) };
}

type AuthListener = (reason: AuthReason) => void;
let authListener: AuthListener | null = null;

/**
 * Who hears the session's refusals (auth/required, auth/password_change_required, auth/no_admin) from any
 * request or subscription: state/session.ts, which navigates. One listener; null removes it.
 */
export function onAuthRefusal(listener: AuthListener | null): void {
  authListener = listener;
}

/** Passes a session refusal among `errors` on to the listener; the caller still fails as before. */
export function reportAuth(errors: readonly HubGraphQLError[] | null | undefined): AuthReason | null {
  const reason = authReasonOf(errors);
  if (reason) authListener?.(reason);
  return reason;
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

/**
 * The furthest read position this tab has seen (a mutation's `extensions.readAfter`, a push's `readAfter`):
 * sent with every request as `x-hub-read-after`, so a hub reading on replicas answers from one that shows
 * it, or from the primary (server: db/replicas.ts). Null until the hub has given one (no replicas: never).
 */
let readAfter: string | null = null;

/** A WAL position ("16/B374D848") as a number, for comparing two; null when it is not one. */
function lsn(text: string): bigint | null {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text);
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

/** Keeps a read position the hub gave if it is further than the one kept. */
export function sawReadAfter(position: unknown): void {
  if (typeof position !== 'string') return;
  const seen = lsn(position);
  if (seen !== null && (readAfter === null || seen > lsn(readAfter)!)) readAfter = position;
}

/** The read position requests send (tests). */
export const currentReadAfter = (): string | null => readAfter;

export async function request<R, V>(doc: Document<R, V>, variables: V, signal?: AbortSignal): Promise<R> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(readAfter ? { 'x-hub-read-after': readAfter } : {}),
      },
      body: JSON.stringify({ query: doc.toString(), variables }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new RequestError(`网络不可用 / Network unavailable: ${(e as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as {
    data?: R;
    errors?: HubGraphQLError[];
    extensions?: { readAfter?: unknown };
  } | null;
  sawReadAfter(body?.extensions?.readAfter);
  if (body?.errors?.length) {
    reportAuth(body.errors);
    throw new RequestError(body.errors.map((e) => e.message).join('; '), body.errors, res.status);
  }
  if (!res.ok || !body?.data) throw new RequestError(`HTTP ${res.status}`, [], res.status);
  return body.data;
}

let ws: Client | null = null;

/** graphql-ws's close codes for a socket the server would not serve: no session (4401), not allowed (4403). */
export const SOCKET_UNAUTHORIZED = 4401;
export const SOCKET_FORBIDDEN = 4403;

/**
 * The session refusal a socket's close says, if any: its reason when it names one (`auth/required` …), else
 * `'check'` for a bare 4401 / 4403 (the session must be asked about over HTTP, which answers with the reason),
 * else null (a network fault, a restart: graphql-ws retries).
 */
export function socketRefusal(event: unknown): AuthReason | 'check' | null {
  const { code, reason } = (event ?? {}) as { code?: unknown; reason?: unknown };
  if (code !== SOCKET_UNAUTHORIZED && code !== SOCKET_FORBIDDEN) return null;
  return authReasonOf([{ extensions: { reason } }]) ?? 'check';
}

let onSocketRefusal: ((r: AuthReason | 'check') => void) | null = null;
/** Who hears a socket closed for want of a session (state/session.ts). */
export function onSocketAuthRefusal(listener: ((r: AuthReason | 'check') => void) | null): void {
  onSocketRefusal = listener;
}

/**
 * One graphql-ws connection per tab, opened lazily and retried by graphql-ws itself, except when the server
 * closed it for want of a session: retrying would be refused forever, so the page for it is shown instead.
 * A subscription the hub refuses with a session error (GraphQL errors on a working socket) is reported too.
 */
export function wsClient(): Client {
  if (!ws) {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    ws = createClient({
      url,
      lazy: true,
      retryAttempts: Infinity,
      keepAlive: 15_000,
      shouldRetry: (e) => socketRefusal(e) === null,
      on: {
        closed: (e) => {
          const refusal = socketRefusal(e);
          if (refusal) onSocketRefusal?.(refusal);
        },
      },
    });
  }
  return ws;
}

/** Ends the socket (a sign-out): the next subscription opens a new one, with the session cookie as it is then. */
export function dropSocket(): void {
  ws?.terminate();
}
