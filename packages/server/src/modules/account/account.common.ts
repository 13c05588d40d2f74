/** What the account module's operations share: its errors, the account as its owner sees it, its audit rows. */
import type pg from 'pg';
import { requestScope } from '../../domain/request-scope.js';
import type { RequestAuth, SignedIn } from '../../context.js';
import { badInput, ErrorCode, HubError, Reason } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import type { SignedInAccount } from './account.types.js';
import { tooLongProblem } from './password-policy.js';

/** Longest username accepted anywhere (a longer one is refused before any lookup). */
export const USERNAME_MAX = 64;

/** Letters, digits and . _ @ -, starting with a letter or digit: safe in an LDAP filter or a DN later, and in a log line. */
export const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

/** The one answer to a wrong password and to an account that does not exist (or is disabled). */
export const authFailed = (field?: string[]) =>
  new HubError({
    code: ErrorCode.unauthenticated,
    reason: Reason.authFailed,
    ...(field ? { field } : {}),
    zh: '用户名或密码不正确',
    en: 'wrong username or password',
  });

/** No session, or it ended (idle, too old, revoked): HTTP 401 when it stops a whole request. */
export const authRequired = () =>
  new HubError({ code: ErrorCode.unauthenticated, reason: Reason.authRequired, zh: '请先登录', en: 'sign in first', status: 401 });

/** A password longer than any may be: refused before it is hashed or compared (it can be nobody's). */
export const passwordTooLong = (field: string[]) => badInput(Reason.passwordTooLong, field, tooLongProblem.zh, tooLongProblem.en);

/** The request's sign-in state; sign-in works over HTTP only (a WebSocket's context has none). */
export function authOf(auth: RequestAuth | undefined): RequestAuth {
  if (!auth) throw authRequired();
  return auth;
}

const DAY_MS = 86_400_000;

/** A timestamptz as read: the ORM's pool hands them over as text, a plain pg pool as Dates. */
export const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

/**
 * The account as its owner sees it; an expired password must be changed as one an administrator set (not in a
 * session an identity provider opened: its password is the provider's business).
 */
export function viewOf(a: Omit<SignedIn, 'sessionId' | 'id'>, maxDays: number): SignedInAccount {
  if (a.provider) return { ...ownView(a), mustChangePassword: false, auditReader: a.auditReader, passwordExpiresAt: null };
  const expires = maxDays > 0 ? new Date(a.passwordSetAt.getTime() + maxDays * DAY_MS) : null;
  return {
    ...ownView(a),
    mustChangePassword: a.mustChangePassword || (expires !== null && expires.getTime() <= Date.now()),
    auditReader: a.auditReader,
    passwordExpiresAt: expires,
  };
}

const ownView = (a: Omit<SignedIn, 'sessionId' | 'id'>) => ({
  username: a.username,
  displayName: a.displayName,
  role: a.role,
  sessionExpiresAt: a.sessionExpiresAt,
  display: a.display === true,
  scope: a.scope === null ? null : a.scope.map((id) => toGlobalId('Organization', id)),
});

/**
 * An audit row of sign-in and account events (actor: the name as typed, or the signed-in account's). Its insert
 * holds the audit chain's head locked until the commit (modules/audit): other audit rows wait for that commit.
 */
export async function auditAccount(
  db: pg.Pool | pg.PoolClient,
  actor: string,
  action: string,
  accountId: number | null,
  detail: Record<string, unknown>,
): Promise<void> {
  const request = requestScope();
  await db.query(
    `insert into audit_log (actor, action, entity, entity_id, after, address, request_id) values ($1, $2, 'account', $3, $4, $5, $6)`,
    [actor.slice(0, 100), action, accountId, JSON.stringify(detail), request.address?.slice(0, 64) ?? null, request.requestId ?? null],
  );
}

/** An audit row of an administrator's change to an account: the state before and after (never a password or its hash). */
export async function auditChange(
  db: pg.Pool | pg.PoolClient,
  actor: string,
  action: string,
  accountId: number | null,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): Promise<void> {
  const request = requestScope();
  await db.query(
    `insert into audit_log (actor, action, entity, entity_id, before, after, address, request_id) values ($1, $2, 'account', $3, $4, $5, $6, $7)`,
    [
      actor.slice(0, 100),
      action,
      accountId,
      before === null ? null : JSON.stringify(before),
      JSON.stringify(after),
      request.address?.slice(0, 64) ?? null,
      request.requestId ?? null,
    ],
  );
}
