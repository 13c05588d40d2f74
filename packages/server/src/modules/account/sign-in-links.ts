/**
 * One-time sign-in links: a random token in a URL (`/auth/link/<token>`), stored as its SHA-256, good once,
 * from this machine only, until it expires. The hub prints them at start for the embedded demo database's
 * accounts (demo.ts), so a newcomer's `pnpm start` is one click from the dashboard while no account has a
 * password anybody knows.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { sessionId } from './sessions.js';

export const LINK_PATH = '/auth/link/';

/** Issues a link token for an account, good for `ttlMs`. */
export async function issueLink(db: pg.Pool | pg.PoolClient, accountId: number, ttlMs: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query(`insert into sign_in_link (id, account_id, expires_at) values ($1, $2, now() + $3 * interval '1 millisecond')`, [
    sessionId(token),
    accountId,
    ttlMs,
  ]);
  return token;
}

/** Uses a sign-in link (never a display's: display-links.ts): the account it signs in (enabled), or null when it is unknown, used, expired or its account disabled. */
export async function useLink(db: pg.Pool, token: string): Promise<number | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const { rows } = await db.query<{ account_id: number }>(
    `update sign_in_link l set used_at = now() from account a
      where l.id = $1 and l.display_path is null and l.used_at is null and l.expires_at > now() and a.id = l.account_id and not a.disabled
      returning l.account_id`,
    [sessionId(token)],
  );
  return rows[0]?.account_id ?? null;
}

/** Voids an account's sign-in links not used yet (a new start prints new ones); its display links stay. */
export async function voidLinks(db: pg.Pool | pg.PoolClient, accountIds: number[]): Promise<void> {
  await db.query(`update sign_in_link set used_at = now() where account_id = any($1) and used_at is null and display_path is null`, [
    accountIds,
  ]);
}

/** Whether an address is this machine's loopback (127.0.0.0/8, ::1). */
export const isLoopback = (address: string): boolean => address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address);
