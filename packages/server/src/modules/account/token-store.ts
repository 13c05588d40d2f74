/**
 * Personal access tokens as each instance holds them, as session-store.ts holds sessions: a request's bearer
 * token is looked up in memory, not in PostgreSQL. The table (tokens.ts) stays the truth; this instance
 * reads a token from it when it first sees it and again a minute after (a bound, should a notification be
 * lost). A revoked token, or a change of its account (disabled, password changed, role or scope changed),
 * reaches every instance over LISTEN (`hub_auth`) and drops what it holds at once; when that connection
 * was lost, everything is dropped. A token that was refused (unknown, revoked, expired, its account
 * disabled) is remembered as refused for the same minute, so a script retrying a dead token, or someone
 * trying made-up ones, costs one statement a minute each, not one a request.
 *
 * Its use is kept in memory on every request and written to `last_used_at` at most once a minute, without
 * the request waiting for it.
 */
import type pg from 'pg';
import type { SignedIn } from '../../context.js';
import { gateState } from './gate.js';
import type { AuthChange } from './sessions.js';
import { isTokenSecret, lookupToken, tokenHash, type TokenFound } from './tokens.js';

/** How long a token read from the table is trusted without reading it again (notifications aside). */
export const TOKEN_REVALIDATE_MS = 60_000;
/** `last_used_at` is written at most this often per token. */
export const LAST_USED_EVERY_MS = 60_000;
/** Tokens held (and refused ones remembered) at most: the oldest are dropped first, and simply read again. */
const MAX_HELD = 20_000;

/** Why a token was not taken: recorded in the audit log, never told to the client (all answer auth/invalid_token). */
export type TokenRefusal = 'malformed' | 'unknown' | 'revoked' | 'expired' | 'account_disabled' | 'password_change_required';

export type TokenLookup =
  | { account: SignedIn }
  | { refused: TokenRefusal; tokenId: number | null; accountId: number | null; username: string | null };

interface Held {
  account: SignedIn & { tokenId: number };
  /** When it was read from the table. */
  readAt: number;
  /** When its `last_used_at` was last written (or read) in the table. */
  storedUsedAt: number;
}

interface Refused {
  lookup: Extract<TokenLookup, { refused: TokenRefusal }>;
  at: number;
}

/** A row for the audit log (http/personal-audit.ts AuditWriter's shape). */
export interface TokenAuditRow {
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  after: unknown;
}

function refusalOf(found: TokenFound | null): Refused['lookup'] | null {
  if (!found) return { refused: 'unknown', tokenId: null, accountId: null, username: null };
  const who = { tokenId: found.tokenId, accountId: found.account.id, username: found.account.username };
  if (found.revoked) return { refused: 'revoked', ...who };
  if (found.expired) return { refused: 'expired', ...who };
  if (found.account.disabled) return { refused: 'account_disabled', ...who };
  return null;
}

export class TokenStore {
  readonly #held = new Map<string, Held>();
  readonly #refused = new Map<string, Refused>();
  /** When a refused use was last audited, per token hash and address (one row a minute for each). */
  readonly #audited = new Map<string, number>();
  readonly #listeners = new Set<(tokenId: number | null, accountId: number | null) => void>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly passwordMaxDays: number,
    private readonly options: {
      now?: () => number;
      log?: (m: string) => void;
      /** Where refused uses go (the audit writer), batched and off the request's path. */
      audit?: (row: TokenAuditRow) => void;
    } = {},
  ) {}

  #now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * The account a bearer token acts as, or why not. A statement only when this instance must (see above);
   * an account whose password must change has its tokens refused, whatever is held.
   */
  async find(secret: string): Promise<TokenLookup> {
    if (!isTokenSecret(secret)) return { refused: 'malformed', tokenId: null, accountId: null, username: null };
    const hash = tokenHash(secret);
    const now = this.#now();
    const held = this.#held.get(hash);
    if (held && now < held.account.sessionExpiresAt.getTime() && now - held.readAt < TOKEN_REVALIDATE_MS) return this.#use(held, now);
    const refused = this.#refused.get(hash);
    if (refused && now - refused.at < TOKEN_REVALIDATE_MS) return refused.lookup;
    const found = await lookupToken(this.pool, hash);
    this.#held.delete(hash);
    this.#refused.delete(hash);
    const refusal = refusalOf(found);
    if (refusal) {
      this.#remember(this.#refused, hash, { lookup: refusal, at: now });
      return refusal;
    }
    const a = found!.account;
    const entry: Held = {
      account: {
        id: a.id,
        sessionId: `token:${found!.tokenId}`,
        tokenId: found!.tokenId,
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        mustChangePassword: a.mustChangePassword,
        auditReader: a.auditReader,
        passwordSetAt: a.passwordSetAt,
        sessionExpiresAt: found!.expiresAt,
        scope: a.scope,
      },
      readAt: now,
      storedUsedAt: found!.lastUsedAt?.getTime() ?? 0,
    };
    this.#remember(this.#held, hash, entry);
    return this.#use(entry, now);
  }

  #remember<T>(map: Map<string, T>, key: string, value: T): void {
    if (map.size >= MAX_HELD) map.delete(map.keys().next().value!);
    map.set(key, value);
  }

  #use(held: Held, now: number): TokenLookup {
    const a = held.account;
    if (gateState(a, this.passwordMaxDays, now) === 'password_change')
      return { refused: 'password_change_required', tokenId: a.tokenId, accountId: a.id, username: a.username };
    if (now - held.storedUsedAt >= LAST_USED_EVERY_MS) {
      held.storedUsedAt = now;
      this.pool
        .query(
          `update api_token set last_used_at = now()
            where id = $1 and (last_used_at is null or last_used_at < now() - $2 * interval '1 millisecond')`,
          [a.tokenId, LAST_USED_EVERY_MS - 1_000],
        )
        .catch((err: Error) => this.options.log?.(`could not mark a token used: ${err.message}`));
    }
    return { account: a };
  }

  /**
   * Records a refused use in the audit log (`auth.token_refused`: why, the token's id and account when there
   * is one, the address, the channel; never the secret), at most once a minute per token and address.
   */
  refusedUse(lookup: Extract<TokenLookup, { refused: TokenRefusal }>, secret: string, address: string, via: 'http' | 'websocket'): void {
    if (!this.options.audit) return;
    const key = `${tokenHash(secret)}|${address}`;
    const now = this.#now();
    const last = this.#audited.get(key);
    if (last !== undefined && now - last < 60_000) return;
    if (this.#audited.size >= MAX_HELD) this.#audited.clear();
    this.#audited.set(key, now);
    this.options.audit({
      actor: lookup.username ?? 'anonymous',
      action: 'auth.token_refused',
      entity: 'api_token',
      entity_id: lookup.tokenId,
      after: { reason: lookup.refused, account: lookup.accountId, address, via },
    });
  }

  /** A notification on `hub_auth`: forget the token, or every token of the account (a session's is session-store.ts's). */
  changed(change: AuthChange): void {
    if ('session' in change) return;
    const matches = 'token' in change ? (tokenId: number | null) => tokenId === change.token : null;
    const ofAccount = 'account' in change ? (accountId: number | null) => accountId === change.account : null;
    for (const [hash, h] of this.#held) if (matches?.(h.account.tokenId) || ofAccount?.(h.account.id)) this.#held.delete(hash);
    for (const [hash, r] of this.#refused) if (matches?.(r.lookup.tokenId) || ofAccount?.(r.lookup.accountId)) this.#refused.delete(hash);
    for (const l of this.#listeners) l('token' in change ? change.token : null, 'account' in change ? change.account : null);
  }

  /** The listener lost its connection: notifications may have been missed, so nothing held is trusted. */
  forgetAll(): void {
    this.#held.clear();
    this.#refused.clear();
    for (const l of this.#listeners) l(null, null);
  }

  /**
   * Called with a token id (that token ended), an account id (its tokens may have: check them), or both null
   * (check every one). The WebSocket endpoint closes its sockets from here.
   */
  onChange(listener: (tokenId: number | null, accountId: number | null) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tokens held in memory (for tests). */
  get size(): number {
    return this.#held.size;
  }
}
