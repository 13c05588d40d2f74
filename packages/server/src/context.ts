/**
 * What every resolver receives: the request's reader (plain-row reads, batched), who is asking, and this
 * instance's feed of indicator changes. Writes run their own transaction on the reader's pool
 * (indicators/writes.ts: `transact`), with plain SQL, so the context carries no EntityManager.
 */
import type { AuthSettings } from './config.js';
import { Reader, type Db } from './db/reader.js';
import type { ChangeFeed } from './domain/changes.js';
import { AccountRole } from './domain/enums.js';

/**
 * The account a request's session cookie belongs to (modules/account/sessions.ts), or the account of its
 * personal access token (modules/account/tokens.ts: `tokenId` set, read-only).
 */
export interface SignedIn {
  /** The account's row id. */
  id: number;
  /** The session's id (the SHA-256 of its token); for a personal access token, `token:` and its row id. */
  sessionId: string;
  /** Set when the request came with a personal access token (its row id): it may only read. */
  tokenId?: number;
  /**
   * Set when that token came in a wall display's cookie (`hub_display`, modules/account/display-links.ts):
   * read-only as any token, but it may sign out (which revokes it).
   */
  display?: boolean;
  username: string;
  displayName: string;
  role: AccountRole;
  mustChangePassword: boolean;
  /** Holds the audit grant (审计管理员): may read the audit log, whatever its role. */
  auditReader: boolean;
  passwordSetAt: Date;
  /** When the session (or the token) ends at the latest. */
  sessionExpiresAt: Date;
  /**
   * The roots of the organisations the account reaches today (each with its whole subtree); null: the whole
   * tree; empty: none (no scope, or every term ended).
   */
  scope: readonly number[] | null;
  /**
   * The identity provider the session was signed in with (modules/account/sso), or null for the local
   * password: such a session is never asked to change that password.
   */
  provider?: 'oidc' | 'cas' | 'ldap' | null;
}

/** Sign-in state of an HTTP request: who is signed in, where the request comes from, and its response's cookie. */
export interface RequestAuth {
  /** The signed-in account, or null: nobody is signed in (requests are not refused for that yet). */
  account: SignedIn | null;
  /** The client's address (the TCP peer, or what a trusted proxy says: modules/account/proxy.ts). */
  address: string;
  /** This HTTP request's random id (its `x-request-id` response header), written into each audit row it leaves. */
  requestId?: string;
  userAgent: string | null;
  settings: AuthSettings;
  /** Sets the session cookie on this request's response (a token), or clears it (null). */
  setCookie(token: string | null, maxAgeMs?: number): void;
  /**
   * Tells this instance's session store at once of a session ended or an account changed (the other
   * instances hear it over LISTEN; this one must not serve the next request from what it still holds).
   */
  changed?(change: { session: string } | { token: number } | { account: number }): void;
}

export interface Context {
  reader: Reader;
  /**
   * Who is asking, for the audit log: the signed-in account's username (its session or token). No header names
   * an actor (an `x-hub-actor` a caller sends is ignored); without authorization (the bench's second server) none.
   */
  actor?: string;
  /** Sign-in state (HTTP requests only: none over WebSocket, where sessions are checked with roles). */
  auth?: RequestAuth;
  /** This server's feed of indicator changes (LISTEN), for subscriptions. */
  feed?: ChangeFeed;
}

export function createContext(db: Db, actor?: string, feed?: ChangeFeed, auth?: RequestAuth): Context {
  const persons = !auth?.account || (auth.account.role !== AccountRole.ANALYST && auth.account.role !== AccountRole.ADMIN);
  return {
    reader: new Reader(db, auth?.account ? auth.account.scope : null, persons, persons ? 0 : auth!.settings.minCell),
    ...(actor ? { actor } : {}),
    ...(feed ? { feed } : {}),
    ...(auth ? { auth } : {}),
  };
}
