/**
 * The sign-in form's username and password checked by the LDAP directory (sign-in.ts says when), within the
 * lockout ticket the form's sign-in was admitted with. The entry the directory finds and binds is the
 * subject; the account is the one linked to it (and, when the username named an account, that account
 * only). A wrong password, an unknown user, an entry linked to another account, a disabled account: one
 * answer, auth/failed. A right password of an entry nobody linked: auth/not_linked.
 */
import type pg from 'pg';
import type { LdapSettings } from '../../../config.js';
import type { RequestAuth } from '../../../context.js';
import { ErrorCode, HubError, Reason } from '../../../errors.js';
import { auditAccount } from '../account.common.js';
import type { SignedInAccount } from '../account.types.js';
import { failed, succeeded, withdrawn, type Ticket } from '../lockout.js';
import { refuseSignIn, startSession } from '../session-start.js';
import { SsoFailure } from './failure.js';
import { linkedAccount, notLinked } from './identities.js';
import { directorySubject } from './ldap.js';

export interface DirectoryAttempt {
  /** As typed (trimmed): the directory compares names its own way. */
  username: string;
  password: string;
  ticket: Ticket;
  /** The account the username names, if one does (it is linked to an LDAP identity). */
  row: { id: number } | undefined;
}

const unavailable = () =>
  new HubError({
    code: ErrorCode.unavailable,
    reason: Reason.ssoUnavailable,
    zh: '目录服务（LDAP）暂时无法连接，请稍后再试或联系管理员',
    en: 'the directory (LDAP) cannot be reached now: try again later, or ask your administrator',
    status: 503,
  });

/** Signs in through the directory: a session, or auth/failed, auth/not_linked, auth/locked, sso/unavailable. */
export async function directorySignIn(pool: pg.Pool, auth: RequestAuth, ldap: LdapSettings, a: DirectoryAttempt): Promise<SignedInAccount> {
  const name = a.ticket.attempt.account;
  let subject: string | null;
  try {
    subject = await directorySubject(ldap, a.username, a.password);
  } catch (err) {
    if (!(err instanceof SsoFailure)) throw err;
    // Not the person's failure: audited (with what went wrong, for the administrator), not counted.
    const detail = { address: auth.address, provider: 'ldap', reason: err.reason, detail: err.message.slice(0, 300) };
    await withdrawn(pool, a.ticket);
    await auditAccount(pool, name, 'auth.sign_in_failed', a.row?.id ?? null, detail);
    throw unavailable();
  }
  const linked = subject === null ? undefined : await linkedAccount(pool, 'ldap', subject);
  if (!linked || linked.disabled || (a.row && linked.id !== a.row.id)) {
    const locked = await failed(pool, auth.settings.lockout, a.ticket);
    const unlinked = subject !== null && !linked && !a.row;
    const detail = { provider: 'ldap', reason: unlinked ? Reason.authNotLinked : Reason.authFailed };
    return refuseSignIn(pool, auth, name, linked ?? a.row, locked, detail, unlinked ? notLinked('ldap') : undefined);
  }
  await succeeded(pool, a.ticket);
  return startSession(pool, auth, linked, 'ldap');
}
