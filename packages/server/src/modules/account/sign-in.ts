/**
 * Signing in and out. A sign-in is admitted by the lockout first (lockout.ts), then its password is checked
 * against the account's hash — or, when no enabled account has that name, against a dummy hash, so both
 * answer auth/failed in the same time. Success opens a new session with a new random id (the request's old
 * session, if any, is ended: no fixation) and sets the cookie (session-start.ts).
 *
 * With LDAP configured (HUB_LDAP_URL), the directory checks the password of (1) an account linked to an LDAP
 * identity (its local password is then never used) and (2) a username no account has, which signs in to the
 * account the directory entry is linked to (sso/directory.ts); any other account keeps its local password.
 */
import type pg from 'pg';
import type { RequestAuth } from '../../context.js';
import { badInput, Reason } from '../../errors.js';
import { auditAccount, passwordTooLong, USERNAME_MAX } from './account.common.js';
import type { SignedInAccount } from './account.types.js';
import { admit, failed, succeeded } from './lockout.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password.js';
import { tooLong } from './password-policy.js';
import { revokeSession } from './sessions.js';
import { revokeToken } from './tokens.js';
import { refuseSignIn, startSession, type AccountRow } from './session-start.js';
import { directorySignIn } from './sso/directory.js';
import { hasIdentity } from './sso/identities.js';

async function findAccount(pool: pg.Pool, name: string): Promise<AccountRow | undefined> {
  const { rows } = await pool.query<AccountRow>(
    `select id, username, display_name, role, password_hash, password_set_at, must_change_password, audit_reader, disabled
       from account where lower(username) = $1`,
    [name],
  );
  return rows[0];
}

/** Whether the password is right for an enabled account; as long to find out whether or not there is one. */
async function rightPassword(row: AccountRow | undefined, password: string): Promise<boolean> {
  const right = await verifyPassword(password, row?.password_hash ?? (await dummyHash()));
  return right && row !== undefined && !row.disabled;
}

/** Signs in with a username (any case) and password: a new session and its cookie, or auth/failed or auth/locked. */
export async function signIn(pool: pg.Pool, auth: RequestAuth, username: string, password: string): Promise<SignedInAccount> {
  if (username.length > USERNAME_MAX)
    throw badInput(
      Reason.inputTooLong,
      ['username'],
      `用户名不能超过 ${USERNAME_MAX} 个字符`,
      `a username has at most ${USERNAME_MAX} characters`,
    );
  if (tooLong(password)) throw passwordTooLong(['password']);
  const name = username.trim().toLowerCase();
  const ticket = await admit(pool, auth.settings.lockout, { account: name, address: auth.address });
  const row = await findAccount(pool, name);
  const ldap = auth.settings.sso.ldap;
  if (ldap && (!row || (await hasIdentity(pool, row.id, 'ldap'))))
    return directorySignIn(pool, auth, ldap, { username: username.trim(), password, ticket, row });
  if (!(await rightPassword(row, password))) return refuseSignIn(pool, auth, name, row, await failed(pool, auth.settings.lockout, ticket));
  const account = row!;
  await succeeded(pool, ticket);
  if (needsRehash(account.password_hash))
    await pool.query(`update account set password_hash = $2 where id = $1`, [account.id, await hashPassword(password)]);
  return startSession(pool, auth, account, null);
}

/**
 * Ends the request's session and clears its cookie; true when a session was open. On a wall display it revokes
 * the display's token (every instance refuses it at once) and clears its cookie: the TV is signed out for good.
 */
export async function signOut(pool: pg.Pool, auth: RequestAuth): Promise<boolean> {
  auth.setCookie(null);
  if (!auth.account) return false;
  if (auth.account.display && auth.account.tokenId !== undefined) {
    const owner = { id: auth.account.id, username: auth.account.username };
    await revokeToken(pool, owner, auth.account.tokenId, auth.address);
    auth.changed?.({ token: auth.account.tokenId });
    await auditAccount(pool, auth.account.username, 'auth.display_sign_out', auth.account.id, {
      token: auth.account.tokenId,
      address: auth.address,
    });
    return true;
  }
  const ended = await revokeSession(pool, auth.account.sessionId);
  auth.changed?.({ session: auth.account.sessionId });
  await auditAccount(pool, auth.account.username, 'auth.sign_out', auth.account.id, { address: auth.address });
  return ended;
}
