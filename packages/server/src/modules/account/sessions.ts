/**
 * Sessions: a row per signed-in browser (account_session), found by the SHA-256 of the cookie's 32 random
 * bytes. A session ends `absoluteMs` after sign-in, after `idleMs` without a request, or when revoked.
 * `lastSeenAt` is written at most once a minute (or a quarter of the idle time, if shorter), not on every
 * request, so an idle session may end up to that much early, never late.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { AuthSettings } from '../../config.js';
import type { SignedIn } from '../../context.js';
import type { AccountRole } from '../../domain/enums.js';
import { asDate } from './account.common.js';
import type { Provider } from './sso/identity.entity.js';
import { TODAY_SQL } from '../../domain/dates.js';

export type SessionSettings = AuthSettings['session'];

/** A token is 32 random bytes in base64url: 43 characters. Anything else is no token (and never queried). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const isToken = (value: string): boolean => TOKEN.test(value);

/** What the table stores for a token. */
export const sessionId = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  token: string;
  id: string;
  expiresAt: Date;
}

/** Opens a session for an account: a new random token (never one the client brought). */
export async function openSession(
  db: pg.Pool | pg.PoolClient,
  settings: SessionSettings,
  accountId: number,
  client: { address: string; userAgent: string | null },
  provider: Provider | null = null,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const id = sessionId(token);
  const { rows } = await db.query<{ expires_at: Date | string }>(
    `insert into account_session (id, account_id, expires_at, address, user_agent, provider)
     values ($1, $2, now() + $3 * interval '1 millisecond', $4, $5, $6) returning expires_at`,
    [id, accountId, settings.absoluteMs, client.address.slice(0, 64), client.userAgent?.slice(0, 300) ?? null, provider],
  );
  return { token, id, expiresAt: asDate(rows[0].expires_at) };
}

interface SessionRow {
  id: string;
  account_id: number;
  username: string;
  display_name: string;
  role: AccountRole;
  must_change_password: boolean;
  audit_reader: boolean;
  password_set_at: Date | string;
  expires_at: Date | string;
  whole_tree: boolean;
  roots: number[] | null;
  provider: Provider | null;
}

/**
 * The account signed in with this token, or null (no such session, revoked, expired, idle too long, or the
 * account disabled). One statement: it also marks the session seen when its mark is older than a minute.
 */
export async function findSession(pool: pg.Pool, settings: SessionSettings, token: string): Promise<SignedIn | null> {
  if (!isToken(token)) return null;
  const { rows } = await pool.query<SessionRow>(
    `with s as (
       select s.id, s.last_seen_at, s.expires_at, s.provider, a.id as account_id, a.username, a.display_name, a.role,
              a.must_change_password, a.audit_reader, a.password_set_at,
              coalesce(bool_or(sc.organization_id is null) filter (where sc.id is not null), false) as whole_tree,
              array_agg(sc.organization_id order by sc.organization_id) filter (where sc.organization_id is not null) as roots
         from account_session s join account a on a.id = s.account_id
         left join account_scope sc on sc.account_id = a.id and sc.starts_on <= ${TODAY_SQL}
                                   and (sc.ends_on is null or sc.ends_on >= ${TODAY_SQL})
        where s.id = $1 and s.revoked_at is null and s.expires_at > now()
          and s.last_seen_at > now() - $2 * interval '1 millisecond' and not a.disabled
        group by s.id, a.id),
     seen as (
       update account_session t set last_seen_at = now() from s
        where t.id = s.id and s.last_seen_at < now() - least(60000, $2 / 4) * interval '1 millisecond')
     select * from s`,
    [sessionId(token), settings.idleMs],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.account_id,
    sessionId: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    mustChangePassword: r.must_change_password,
    auditReader: r.audit_reader,
    passwordSetAt: asDate(r.password_set_at),
    sessionExpiresAt: asDate(r.expires_at),
    scope: r.whole_tree ? null : (r.roots ?? []),
    provider: r.provider,
  };
}

/**
 * The channel every instance LISTENs on (session-store.ts, token-store.ts) to forget what it holds of a
 * session, a token or an account: a revoked session, a revoked token, or an account whose password, role,
 * scope or state changed. Sent in the statement that made the change, so a transaction's notification
 * leaves at its commit, not before.
 */
export const AUTH_CHANNEL = 'hub_auth';

export type AuthChange = { session: string } | { token: number } | { account: number };

/** The roots an account reaches today (null: the whole tree), as `findSession` reads them. */
export async function scopeOf(db: pg.Pool | pg.PoolClient, accountId: number): Promise<number[] | null> {
  const { rows } = await db.query<{ organization_id: number | null }>(
    `select organization_id from account_scope
      where account_id = $1 and starts_on <= ${TODAY_SQL} and (ends_on is null or ends_on >= ${TODAY_SQL})
      order by organization_id`,
    [accountId],
  );
  return rows.some((r) => r.organization_id === null) ? null : rows.map((r) => r.organization_id!);
}

/** Ends one session (sign-out); true when it was open. Every instance forgets it within the notification's delay. */
export async function revokeSession(db: pg.Pool | pg.PoolClient, id: string): Promise<boolean> {
  const { rows } = await db.query<{ ended: boolean }>(
    `with ended as (update account_session set revoked_at = now() where id = $1 and revoked_at is null returning id)
     select exists (select 1 from ended) as ended, pg_notify('${AUTH_CHANNEL}', $2)`,
    [id, JSON.stringify({ session: id } satisfies AuthChange)],
  );
  return rows[0].ended;
}

/** Ends every other session of an account (after its password changed: whoever knew the old one is out). */
export async function revokeOtherSessions(db: pg.Pool | pg.PoolClient, accountId: number, keep: string | null): Promise<number> {
  const { rows } = await db.query<{ ended: number }>(
    `with ended as (update account_session set revoked_at = now()
                     where account_id = $1 and revoked_at is null and id is distinct from $2 returning id)
     select (select count(*)::int from ended) as ended, pg_notify('${AUTH_CHANNEL}', $3)`,
    [accountId, keep, JSON.stringify({ account: accountId } satisfies AuthChange)],
  );
  return rows[0].ended;
}

/** Tells every instance to re-read an account's sessions (its password, role or state changed). */
export async function accountChanged(db: pg.Pool | pg.PoolClient, accountId: number): Promise<void> {
  await db.query(`select pg_notify('${AUTH_CHANNEL}', $1)`, [JSON.stringify({ account: accountId } satisfies AuthChange)]);
}
