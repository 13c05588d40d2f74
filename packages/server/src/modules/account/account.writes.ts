/** Creating an account (the CLI, later the admin pages) and changing one's own password. */
import type pg from 'pg';
import type { RequestAuth } from '../../context.js';
import { AccountRole } from '../../domain/enums.js';
import { Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import { asDate, auditAccount, authFailed, authOf, authRequired, passwordTooLong, USERNAME, viewOf } from './account.common.js';
import type { SignedInAccount } from './account.types.js';
import { admit, failed, succeeded } from './lockout.js';
import { hashPassword, verifyPassword } from './password.js';
import { passwordProblems, tooLong } from './password-policy.js';
import { accountChanged, revokeOtherSessions } from './sessions.js';
import { revokeAccountTokens } from './tokens.js';
import { TODAY_SQL } from '../../domain/dates.js';

/** A scope root with its term (account-scope.entity.ts): no start, from today; no end, until ended. */
export interface ScopeRoot {
  /** The organisation's row id; null: the whole tree. */
  organizationId: number | null;
  startsOn?: string | null;
  endsOn?: string | null;
}

export interface NewAccount {
  username: string;
  displayName?: string | null;
  role: AccountRole;
  /** Set by an administrator: the account must change it at its first sign-in. */
  password: string;
  /** Roots of what it reaches (organisation row ids, null for the whole tree: from today), or dated roots. */
  scope?: readonly (number | null | ScopeRoot)[];
}

const asRoot = (r: number | null | ScopeRoot): ScopeRoot => (r !== null && typeof r === 'object' ? r : { organizationId: r });

/**
 * The rule every way of creating an account follows (the CLI, `createAccount` in GraphQL): an administrator
 * reaches no data, so it has no scope; every other role needs one. Null when `scopes` roots keep it.
 */
export function scopeRule(role: AccountRole, scopes: number): { zh: string; en: string } | null {
  if (role === AccountRole.ADMIN)
    return scopes ? { zh: '系统管理员不读取党务数据：不设范围', en: 'an admin reaches no data: no scope' } : null;
  return scopes
    ? null
    : { zh: `${role} 账号须有范围（党组织，或整棵树）`, en: `a ${role} needs scope (an organisation, or the whole tree)` };
}

/** Gives an account scope roots (from today unless dated; the organisations must exist: the caller checked); their row ids. */
export async function addScope(
  db: pg.Pool | pg.PoolClient,
  accountId: number,
  roots: readonly (number | null | ScopeRoot)[],
  actor: string,
): Promise<number[]> {
  if (!roots.length) return [];
  const list = roots.map(asRoot);
  const { rows } = await db.query<{ id: number; organization_id: number | null; starts_on: string; ends_on: string | null }>(
    `insert into account_scope (account_id, organization_id, starts_on, ends_on)
     select $1, o, coalesce(s, ${TODAY_SQL}), e from unnest($2::int[], $3::date[], $4::date[]) as u(o, s, e)
     returning id, organization_id, starts_on::text, ends_on::text`,
    [accountId, list.map((r) => r.organizationId), list.map((r) => r.startsOn ?? null), list.map((r) => r.endsOn ?? null)],
  );
  await auditAccount(db, actor, 'account.scope_add', accountId, {
    roots: rows.map((r) => r.organization_id ?? 'all'),
    scopes: rows.map((r) => ({ id: r.id, organization: r.organization_id ?? 'all', startsOn: r.starts_on, endsOn: r.ends_on })),
  });
  // Every instance reads the account's sessions again: their scope changed.
  await accountChanged(db, accountId);
  return rows.map((r) => r.id);
}

/** Every rule a new password breaks, as problems of `field`. */
function checkPassword(p: Problems, field: string, password: string, username: string): void {
  for (const q of passwordProblems(password, username)) p.add(field, q.reason, q.zh, q.en);
}

/** Creates an account whose password must be changed at its first sign-in; its row id. */
export async function createAccount(pool: pg.Pool, input: NewAccount, actor: string): Promise<number> {
  const p = new Problems('createAccount');
  if (!USERNAME.test(input.username))
    p.add(
      'username',
      Reason.usernameInvalid,
      '用户名为 2–64 个字母、数字或 . _ @ -，以字母或数字开头',
      'a username is 2–64 letters, digits or . _ @ -, starting with a letter or digit',
    );
  checkPassword(p, 'password', input.password, input.username);
  const rule = scopeRule(input.role, input.scope?.length ?? 0);
  if (rule) p.add('scopes', input.scope?.length ? Reason.inputInconsistent : Reason.inputRequired, rule.zh, rule.en);
  p.check();
  const hash = await hashPassword(input.password);
  try {
    const { rows } = await pool.query<{ id: number }>(
      `insert into account (username, display_name, role, password_hash, must_change_password) values ($1, $2, $3, $4, true) returning id`,
      [input.username, input.displayName?.trim() || input.username, input.role, hash],
    );
    await auditAccount(pool, actor, 'account.create', rows[0].id, { username: input.username, role: input.role });
    await addScope(pool, rows[0].id, input.scope ?? [], actor);
    return rows[0].id;
  } catch (err) {
    if ((err as { code?: string }).code !== '23505') throw err;
    const taken = new Problems('createAccount');
    taken.add(
      'username',
      Reason.accountExists,
      `用户名 ${input.username} 已被使用（不区分大小写）`,
      `the username ${input.username} is taken (in any case)`,
    );
    taken.check();
    throw err;
  }
}

/** Whether the old password is right, counted by the lockout as a sign-in is (a stolen session cannot guess it). */
async function checkOld(pool: pg.Pool, auth: RequestAuth, accountId: number, username: string, old: string): Promise<void> {
  const ticket = await admit(pool, auth.settings.lockout, { account: username.toLowerCase(), address: auth.address });
  const { rows } = await pool.query<{ password_hash: string }>(`select password_hash from account where id = $1`, [accountId]);
  if (rows[0] && (await verifyPassword(old, rows[0].password_hash))) return succeeded(pool, ticket);
  await failed(pool, auth.settings.lockout, ticket);
  await auditAccount(pool, username, 'auth.password_change_failed', accountId, { address: auth.address });
  throw authFailed(['changePassword', 'oldPassword']);
}

/**
 * Changes the signed-in account's password: the old one must be right, the new one must pass the policy
 * and differ from it. Every other session of the account ends, and so does every personal access token (one
 * made by whoever knew the old password must not outlive it); this session goes on.
 */
export async function changePassword(
  pool: pg.Pool,
  requestAuth: RequestAuth | undefined,
  oldPassword: string,
  newPassword: string,
): Promise<SignedInAccount> {
  const auth = authOf(requestAuth);
  const me = auth.account;
  if (!me) throw authRequired();
  if (tooLong(oldPassword)) throw passwordTooLong(['changePassword', 'oldPassword']);
  const p = new Problems('changePassword');
  checkPassword(p, 'newPassword', newPassword, me.username);
  p.check();
  await checkOld(pool, auth, me.id, me.username, oldPassword);
  if (oldPassword === newPassword) {
    p.add('newPassword', Reason.passwordReused, '新密码不能与当前密码相同', 'the new password must differ from the current one');
    p.check();
  }
  const { rows } = await pool.query<{ password_set_at: Date | string }>(
    `update account set password_hash = $2, password_set_at = now(), must_change_password = false, updated_at = now()
      where id = $1 returning password_set_at`,
    [me.id, await hashPassword(newPassword)],
  );
  // Tokens first: the sessions' statement tells every instance of the account's change, after both are committed.
  const tokensEnded = await revokeAccountTokens(pool, me.id);
  const ended = await revokeOtherSessions(pool, me.id, me.sessionId);
  auth.changed?.({ account: me.id });
  await auditAccount(pool, me.username, 'account.password_change', me.id, { address: auth.address, sessionsEnded: ended, tokensEnded });
  return viewOf({ ...me, mustChangePassword: false, passwordSetAt: asDate(rows[0].password_set_at) }, auth.settings.passwordMaxDays);
}
