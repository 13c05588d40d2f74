/**
 * Sessions as each instance holds them: a request's cookie is looked up in memory, not in PostgreSQL. The
 * table (sessions.ts) stays the truth; this instance reads a session from it when it first sees it, when
 * it has not seen it for the idle time (another instance may have), and once a minute (a bound, should a
 * notification be lost). Revocations and account changes reach every instance over LISTEN (`hub_auth`,
 * the listener of indicators/live.ts) and drop what it holds at once; when that connection was lost,
 * everything is dropped, since what was sent meanwhile is gone.
 *
 * "Seen" is kept in memory on every request and written to the table at most once a minute (a quarter of
 * the idle time if shorter), without the request waiting for it.
 */
import type pg from 'pg';
import type { SignedIn } from '../../context.js';
import { findSession, isToken, sessionId, type AuthChange, type SessionSettings } from './sessions.js';

/** How long a session read from the table is trusted without reading it again (notifications aside). */
export const REVALIDATE_MS = 60_000;

/** Sessions held at most (the oldest are dropped first; a dropped one is simply read again). */
const MAX_HELD = 20_000;

interface Held {
  account: SignedIn;
  /** When this instance last saw a request with it. */
  seenAt: number;
  /** When its `last_seen_at` was last written (or read) in the table. */
  storedSeenAt: number;
  /** When it was last read from the table. */
  readAt: number;
}

export class SessionStore {
  readonly #held = new Map<string, Held>();
  readonly #ended = new Set<(sessionId: string | null, accountId: number | null) => void>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly settings: SessionSettings,
    private readonly now: () => number = Date.now,
    private readonly log: (m: string) => void = () => undefined,
  ) {}

  /** The account signed in with this cookie's token, or null. A query only when this instance must (see above). */
  async find(token: string): Promise<SignedIn | null> {
    if (!isToken(token)) return null;
    const id = sessionId(token);
    const now = this.now();
    const held = this.#held.get(id);
    if (held && this.#fresh(held, now)) {
      held.seenAt = now;
      if (now - held.storedSeenAt >= Math.min(60_000, this.settings.idleMs / 4)) this.#storeSeen(held, now);
      return held.account;
    }
    const account = await findSession(this.pool, this.settings, token);
    this.#held.delete(id);
    if (!account) return null;
    if (this.#held.size >= MAX_HELD) this.#held.delete(this.#held.keys().next().value!);
    this.#held.set(id, { account, seenAt: now, storedSeenAt: now, readAt: now });
    return account;
  }

  #fresh(h: Held, now: number): boolean {
    return now < h.account.sessionExpiresAt.getTime() && now - h.seenAt < this.settings.idleMs && now - h.readAt < REVALIDATE_MS;
  }

  #storeSeen(h: Held, now: number): void {
    h.storedSeenAt = now;
    this.pool
      .query(`update account_session set last_seen_at = now() where id = $1 and revoked_at is null`, [h.account.sessionId])
      .catch((err: Error) => this.log(`could not mark a session seen: ${err.message}`));
  }

  /** A notification on `hub_auth`: forget the session, or every session of the account (a token's is token-store.ts's). */
  changed(change: AuthChange): void {
    if ('token' in change) return;
    if ('session' in change) {
      this.#held.delete(change.session);
      for (const l of this.#ended) l(change.session, null);
      return;
    }
    for (const [id, h] of this.#held) if (h.account.id === change.account) this.#held.delete(id);
    for (const l of this.#ended) l(null, change.account);
  }

  /** The listener lost its connection: notifications may have been missed, so nothing held is trusted. */
  forgetAll(): void {
    this.#held.clear();
    for (const l of this.#ended) l(null, null);
  }

  /**
   * Called with a session id (that session ended), an account id (its sessions may have: check them), or
   * both null (check every one). The WebSocket endpoint closes its sockets from here.
   */
  onChange(listener: (sessionId: string | null, accountId: number | null) => void): () => void {
    this.#ended.add(listener);
    return () => this.#ended.delete(listener);
  }

  /** Sessions held in memory (for tests). */
  get size(): number {
    return this.#held.size;
  }
}

/** Parses a `hub_auth` payload; null when it is not one. */
export function authChange(payload: string): AuthChange | null {
  try {
    const p = JSON.parse(payload) as Partial<{ session: unknown; token: unknown; account: unknown }>;
    if (typeof p.session === 'string') return { session: p.session };
    if (typeof p.token === 'number') return { token: p.token };
    if (typeof p.account === 'number') return { account: p.account };
  } catch {
    // not JSON: ignored below
  }
  return null;
}
