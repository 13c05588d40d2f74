/**
 * External identities (account_identity) and signing in with one. An identity provider only says who
 * signed in (`provider`, `subject`); the hub decides which account that opens — the one an administrator
 * linked it to (`pnpm user:link`) — and the account's role and scope are the hub's, whatever the
 * provider's claims say. Every attempt is counted by the lockout (per address, and per identity) as a
 * password is; success opens the same session and cookie (sign-in.ts `startSession`).
 */
import type pg from 'pg';
import type { RequestAuth } from '../../../context.js';
import { ErrorCode, HubError, Reason } from '../../../errors.js';
import { auditAccount, authFailed } from '../account.common.js';
import type { SignedInAccount } from '../account.types.js';
import { admit, failed, succeeded } from '../lockout.js';
import { startSession, type AccountRow } from '../session-start.js';
import type { Provider } from './identity.entity.js';

/** Longest subject kept (an OIDC `sub` has at most 255 ASCII characters; a DN may be longer). */
export const SUBJECT_MAX = 512;

const PROVIDER_ZH: Record<Provider, string> = { oidc: '统一身份认证（OIDC）', cas: '统一身份认证（CAS）', ldap: '目录（LDAP）' };

/** A provider vouched for somebody no account is linked to. */
export const notLinked = (provider: Provider) =>
  new HubError({
    code: ErrorCode.unauthenticated,
    reason: Reason.authNotLinked,
    zh: `该${PROVIDER_ZH[provider]}身份尚未关联本系统的账号：请联系管理员关联`,
    en: `this ${provider.toUpperCase()} identity is not linked to an account of the hub: ask your administrator to link it`,
  });

type LinkedRow = Omit<AccountRow, 'password_hash'>;

/** The account linked to an identity (LDAP's DNs compare without case, as directories do), or undefined. */
export async function linkedAccount(db: pg.Pool | pg.PoolClient, provider: Provider, subject: string): Promise<LinkedRow | undefined> {
  if (subject.length > SUBJECT_MAX) return undefined;
  const { rows } = await db.query<LinkedRow>(
    `select a.id, a.username, a.display_name, a.role, a.password_set_at, a.must_change_password, a.audit_reader, a.disabled
       from account_identity i join account a on a.id = i.account_id
      where i.provider = $1 and (i.subject = $2 or ($1 = 'ldap' and lower(i.subject) = lower($2)))
      order by i.subject = $2 desc limit 1`,
    [provider, subject],
  );
  return rows[0];
}

/** Whether an account has an identity of a provider linked. */
export async function hasIdentity(db: pg.Pool | pg.PoolClient, accountId: number, provider: Provider): Promise<boolean> {
  const { rowCount } = await db.query(`select 1 from account_identity where account_id = $1 and provider = $2`, [accountId, provider]);
  return (rowCount ?? 0) > 0;
}

/**
 * Signs in the account linked to an identity the provider vouched for: auth/not_linked when none is,
 * auth/failed when it is disabled (as a local sign-in), auth/locked when the address is locked.
 */
export async function externalSignIn(pool: pg.Pool, auth: RequestAuth, provider: Provider, subject: string): Promise<SignedInAccount> {
  const who = `${provider}:${subject}`.slice(0, 100);
  const ticket = await admit(pool, auth.settings.lockout, { account: who.toLowerCase(), address: auth.address });
  const row = await linkedAccount(pool, provider, subject);
  if (!row || row.disabled) {
    const locked = await failed(pool, auth.settings.lockout, ticket);
    const reason = row ? Reason.authFailed : Reason.authNotLinked;
    await auditAccount(pool, who, 'auth.sign_in_failed', row?.id ?? null, { address: auth.address, provider, reason });
    if (locked.length) await auditAccount(pool, who, 'auth.locked', row?.id ?? null, { address: auth.address, scopes: locked });
    throw row ? authFailed() : notLinked(provider);
  }
  await succeeded(pool, ticket);
  return startSession(pool, auth, row, provider);
}
