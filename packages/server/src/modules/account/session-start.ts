/**
 * What every successful sign-in ends with, whichever way it was checked (a password here, the directory,
 * an identity provider: sso/), and what every failed one does: one place for sessions, cookies and the audit.
 */
import type pg from 'pg';
import type { RequestAuth } from '../../context.js';
import type { AccountRole } from '../../domain/enums.js';
import { asDate, auditAccount, authFailed, viewOf } from './account.common.js';
import type { SignedInAccount } from './account.types.js';
import { openSession, revokeSession, scopeOf } from './sessions.js';
import type { Provider } from './sso/identity.entity.js';

export interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  role: AccountRole;
  password_hash: string;
  password_set_at: Date | string;
  must_change_password: boolean;
  audit_reader: boolean;
  disabled: boolean;
}

/** A failed sign-in: audited (and its lockout, if it locked something now), answered auth/failed (or `error`). */
export async function refuseSignIn(
  pool: pg.Pool,
  auth: RequestAuth,
  name: string,
  row: { id: number } | undefined,
  locked: string[],
  detail: Record<string, unknown> = {},
  error = authFailed(),
): Promise<never> {
  await auditAccount(pool, name, 'auth.sign_in_failed', row?.id ?? null, { address: auth.address, ...detail });
  if (locked.length) await auditAccount(pool, name, 'auth.locked', row?.id ?? null, { address: auth.address, scopes: locked });
  throw error;
}

/**
 * Opens a session for an account whose sign-in succeeded (a password here, or an identity provider:
 * `provider`): the request's old session ends (no fixation), the cookie is set, the audit log says how.
 * A provider's session owes nothing to the local password (no change asked of it, no expiry).
 */
export async function startSession(
  pool: pg.Pool,
  auth: RequestAuth,
  account: Omit<AccountRow, 'password_hash' | 'disabled'>,
  provider: Provider | null,
): Promise<SignedInAccount> {
  if (auth.account) {
    await revokeSession(pool, auth.account.sessionId);
    auth.changed?.({ session: auth.account.sessionId });
  }
  const session = await openSession(pool, auth.settings.session, account.id, auth, provider);
  auth.setCookie(session.token, auth.settings.session.absoluteMs);
  await auditAccount(pool, account.username, 'auth.sign_in', account.id, { address: auth.address, ...(provider ? { provider } : {}) });
  return viewOf(
    {
      username: account.username,
      displayName: account.display_name,
      role: account.role,
      mustChangePassword: account.must_change_password,
      auditReader: account.audit_reader,
      passwordSetAt: asDate(account.password_set_at),
      sessionExpiresAt: session.expiresAt,
      scope: await scopeOf(pool, account.id),
      provider,
    },
    auth.settings.passwordMaxDays,
  );
}
