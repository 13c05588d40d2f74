/**
 * The administrator's changes to accounts (admin.resolver.ts; the gate lets only role admin reach them). Each
 * leaves an audit row (who, what, before and after, never a password); a change that ends sessions ends them on
 * every instance at once (`hub_auth`), and on this one before the answer.
 */
import { isIP } from 'node:net';
import type pg from 'pg';
import type { RequestAuth, SignedIn } from '../../context.js';
import { inTransaction } from '../../db/transaction.js';
import { addDays, today } from '../../domain/dates.js';
import { AccountRole } from '../../domain/enums.js';
import { ErrorCode, HubError, Reason } from '../../errors.js';
import { Problems } from '../../graphql/problems.js';
import { auditChange } from './account.common.js';
import { addScope, createAccount, scopeRule, type ScopeRoot } from './account.writes.js';
import { NUL } from './admin.reads.js';
import type { NewAccountInput, ScopeInput } from './admin.types.js';
import { hashPassword } from './password.js';
import { passwordProblems } from './password-policy.js';
import { accountChanged, revokeOtherSessions } from './sessions.js';
import { revokeAccountTokens } from './tokens.js';
import { TODAY_SQL } from '../../domain/dates.js';

/** Who acts: the signed-in administrator (the gate already refused every other role; this says so again). */
export interface Admin {
  account: SignedIn;
  auth: RequestAuth;
}

/** Checks one dated scope root whose fields are `prefix`organizationId … (the organisation exists, an end not too early). */
async function checkRoot(pool: pg.Pool, p: Problems, prefix: string, s: ScopeInput): Promise<ScopeRoot> {
  const organizationId = p.id(`${prefix}organizationId`, s.organizationId, 'Organization');
  await p.mustExist(pool, `${prefix}organizationId`, 'organization', organizationId, 'Organization');
  endAfterStart(p, `${prefix}endsOn`, s.startsOn ?? null, s.endsOn ?? null);
  return { organizationId, startsOn: s.startsOn ?? null, endsOn: s.endsOn ?? null };
}

/** Checks dated scope inputs under `field`. */
async function scopeRoots(pool: pg.Pool, p: Problems, field: string, scopes: readonly ScopeInput[]): Promise<ScopeRoot[]> {
  p.size(field, scopes, 0, 50);
  const roots: ScopeRoot[] = [];
  for (const [i, s] of scopes.entries()) roots.push(await checkRoot(pool, p, `${field}.${i}.`, s));
  return roots;
}

/** An end date may be the day before the start (a term that never applied), not earlier. */
function endAfterStart(p: Problems, field: string, startsOn: string | null, endsOn: string | null): void {
  if (endsOn === null) return;
  const start = startsOn ?? today();
  if (endsOn < addDays(start, -1))
    p.add(
      field,
      Reason.inputInconsistent,
      `最后一日不能早于起始日（${start}）的前一天`,
      `the last day cannot be before the day before the first (${start})`,
    );
}

/** `createAccount`: the CLI's rules and code (account.writes.ts); scopes may be dated. Its row id. */
export async function adminCreateAccount(pool: pg.Pool, admin: Admin, input: NewAccountInput): Promise<number> {
  const p = new Problems('createAccount.input');
  const scope = await scopeRoots(pool, p, 'scopes', input.scopes ?? []);
  if ((input.displayName?.length ?? 0) > 100) p.add('displayName', Reason.inputTooLong, '最多 100 个字符', 'at most 100 characters');
  else if (input.displayName?.includes('\0')) p.add('displayName', Reason.inputInvalidCharacter, NUL.zh, NUL.en);
  p.check();
  try {
    return await createAccount(
      pool,
      { username: input.username, displayName: input.displayName ?? null, role: input.role, password: input.temporaryPassword, scope },
      admin.account.username,
    );
  } catch (err) {
    throw renamed(err, 'createAccount', 'createAccount.input', { password: 'temporaryPassword' });
  }
}

/** createAccount's problems named by this operation's argument paths (`createAccount.password` → `createAccount.input.temporaryPassword`). */
function renamed(err: unknown, from: string, to: string, fields: Record<string, string>): unknown {
  if (!(err instanceof HubError) || !Array.isArray(err.extensions.problems)) return err;
  const p = new Problems(to);
  for (const q of err.extensions.problems as { field: string; reason: never; zh: string; en: string }[]) {
    const name = q.field.slice(from.length + 1);
    p.add(fields[name] ?? name, q.reason, q.zh, q.en);
  }
  try {
    p.check();
  } catch (e) {
    return e;
  }
  return err;
}

interface Target {
  id: number;
  username: string;
  role: AccountRole;
  disabled: boolean;
}

/** The account an `id` argument names (a global Account id), or a coded error at `field`. */
export async function targetOf(db: pg.Pool | pg.PoolClient, root: string, id: string, lock = false): Promise<Target> {
  const p = new Problems(root);
  const rowId = p.id('id', id, 'Account');
  p.check();
  const { rows } = await db.query<Target>(`select id, username, role, disabled from account where id = $1${lock ? ' for update' : ''}`, [
    rowId,
  ]);
  if (!rows[0]) {
    p.add('id', Reason.idNotFound, `账号 ${id} 不存在`, `account ${id} does not exist`);
    p.check();
  }
  return rows[0];
}

const lastAdmin = (root: string, what = { zh: '停用', en: 'disabled' }) =>
  new HubError({
    code: ErrorCode.conflict,
    reason: Reason.accountLastAdmin,
    field: [root, 'id'],
    zh: `这是最后一个启用的系统管理员账号：不能${what.zh}（请先创建另一个管理员）`,
    en: `this is the last enabled admin account: it cannot be ${what.en} (create another admin first)`,
  });

/** `setAccountDisabled`: disabling ends every session of the account; never the last enabled admin. */
export async function setDisabled(pool: pg.Pool, admin: Admin, id: string, disabled: boolean): Promise<number> {
  const client = await pool.connect();
  try {
    const target = await inTransaction(client, async () => {
      // Every enabled admin row locked: two admins disabling each other at once cannot both pass.
      const admins = await client.query<{ id: number }>(`select id from account where role = $1 and not disabled order by id for update`, [
        AccountRole.ADMIN,
      ]);
      const t = await targetOf(client, 'setAccountDisabled', id, true);
      if (disabled && t.role === AccountRole.ADMIN && !t.disabled && admins.rows.length <= 1) throw lastAdmin('setAccountDisabled');
      await client.query(`update account set disabled = $2, updated_at = now() where id = $1`, [t.id, disabled]);
      const ended = disabled ? await revokeOtherSessions(client, t.id, null) : 0;
      await auditChange(
        client,
        admin.account.username,
        disabled ? 'account.disable' : 'account.enable',
        t.id,
        { disabled: t.disabled },
        {
          disabled,
          sessionsEnded: ended,
          address: admin.auth.address,
        },
      );
      return t;
    });
    admin.auth.changed?.({ account: target.id });
    return target.id;
  } finally {
    client.release();
  }
}

/** `resetPassword`: a temporary password (the policy applies) to change at the next sign-in; every session ends. */
export async function resetPassword(pool: pg.Pool, admin: Admin, id: string, temporaryPassword: string): Promise<number> {
  const target = await targetOf(pool, 'resetPassword', id);
  const p = new Problems('resetPassword');
  for (const q of passwordProblems(temporaryPassword, target.username)) p.add('temporaryPassword', q.reason, q.zh, q.en);
  p.check();
  const hash = await hashPassword(temporaryPassword);
  const client = await pool.connect();
  try {
    await inTransaction(client, async () => {
      await client.query(
        `update account set password_hash = $2, password_set_at = now(), must_change_password = true, updated_at = now() where id = $1`,
        [target.id, hash],
      );
      const ended = await revokeOtherSessions(client, target.id, null);
      await auditChange(client, admin.account.username, 'account.password_reset', target.id, null, {
        mustChangePassword: true,
        sessionsEnded: ended,
        address: admin.auth.address,
      });
    });
  } finally {
    client.release();
  }
  admin.auth.changed?.({ account: target.id });
  return target.id;
}

/** `addScope`: one dated scope root for an account (no admin: it reaches no data). */
export async function adminAddScope(pool: pg.Pool, admin: Admin, accountId: string, scope: ScopeInput): Promise<number> {
  const p = new Problems('addScope');
  const rowId = p.id('accountId', accountId, 'Account');
  const root = await checkRoot(pool, p, '', scope);
  p.check();
  const { rows } = await pool.query<{ role: AccountRole }>(`select role from account where id = $1`, [rowId]);
  if (!rows[0]) p.add('accountId', Reason.idNotFound, `账号 ${accountId} 不存在`, `account ${accountId} does not exist`);
  else if (rows[0].role === AccountRole.ADMIN)
    p.add('accountId', Reason.inputInconsistent, '系统管理员不读取党务数据：不设范围', 'an admin reaches no data: no scope');
  p.check();
  await addScope(pool, rowId!, [root], admin.account.username);
  admin.auth.changed?.({ account: rowId! });
  return rowId!;
}

/** `endScope`: sets a scope's last day (a secretary's term ends); sessions read it again at once. */
export async function endScope(pool: pg.Pool, admin: Admin, scopeId: string, endsOn: string): Promise<number> {
  const p = new Problems('endScope');
  const id = p.id('scopeId', scopeId, 'AccountScope');
  p.check();
  const { rows } = await pool.query<{ account_id: number; starts_on: string; ends_on: string | null }>(
    `select account_id, starts_on::text, ends_on::text from account_scope where id = $1`,
    [id],
  );
  const scope = rows[0];
  if (!scope) p.add('scopeId', Reason.idNotFound, `范围 ${scopeId} 不存在`, `scope ${scopeId} does not exist`);
  else endAfterStart(p, 'endsOn', scope.starts_on, endsOn);
  p.check();
  await pool.query(`update account_scope set ends_on = $2 where id = $1`, [id, endsOn]);
  await accountChanged(pool, scope.account_id);
  await auditChange(
    pool,
    admin.account.username,
    'account.scope_end',
    scope.account_id,
    { scope: id, endsOn: scope.ends_on },
    { scope: id, endsOn },
  );
  admin.auth.changed?.({ account: scope.account_id });
  return scope.account_id;
}

/** `unlock`: clears the lock and the failures of a username (as typed at sign-in, any case) or of a client address. */
export async function unlock(
  pool: pg.Pool,
  admin: Admin,
  username: string | null | undefined,
  address: string | null | undefined,
): Promise<boolean> {
  const p = new Problems('unlock');
  if ((username == null) === (address == null))
    p.add(
      username == null ? 'username' : 'address',
      Reason.inputInconsistent,
      '请给出用户名或地址之一',
      'give a username or an address, one of them',
    );
  else if (username != null && (username.trim().length === 0 || username.length > 100 || username.includes('\0')))
    p.add('username', Reason.inputOutOfRange, '用户名为 1–100 个字符', 'a username has 1–100 characters');
  else if (address != null && !isIP(address))
    p.add('address', Reason.inputInconsistent, `“${address.slice(0, 64)}” 不是 IP 地址`, `“${address.slice(0, 64)}” is not an IP address`);
  p.check();
  const [scope, key] = username != null ? ['account', username.trim().toLowerCase()] : ['address', address!];
  const { rows } = await pool.query<{ locked_until: string | null; failures: number }>(
    `with l as (delete from sign_in_lock where scope = $1 and key = $2 returning locked_until),
          f as (delete from sign_in_failure where scope = $1 and key = $2 returning id)
     select (select max(locked_until)::text from l) as locked_until, (select count(*)::int from f) as failures`,
    [scope, key],
  );
  const was = rows[0];
  await auditChange(
    pool,
    admin.account.username,
    'auth.unlock',
    null,
    { scope, key, lockedUntil: was.locked_until, failures: was.failures },
    {
      scope,
      key,
      address: admin.auth.address,
    },
  );
  return was.locked_until !== null;
}

/** An account's scopes that apply today or later, as the audit row shows them. */
async function liveScopes(
  db: pg.PoolClient,
  accountId: number,
): Promise<{ id: number; organization: number | string; startsOn: string; endsOn: string | null }[]> {
  const { rows } = await db.query<{ id: number; organization_id: number | null; starts_on: string; ends_on: string | null }>(
    `select id, organization_id, starts_on::text, ends_on::text from account_scope
      where account_id = $1 and (ends_on is null or ends_on >= ${TODAY_SQL}) order by id`,
    [accountId],
  );
  return rows.map((r) => ({ id: r.id, organization: r.organization_id ?? 'all', startsOn: r.starts_on, endsOn: r.ends_on }));
}

/** Ends every scope that applies today or later: yesterday its last day (one not begun: the day before it begins). */
const endLiveScopes = (db: pg.PoolClient, accountId: number) =>
  db.query(
    `update account_scope set ends_on = greatest(starts_on - 1, ${TODAY_SQL} - 1)
      where account_id = $1 and (ends_on is null or ends_on >= ${TODAY_SQL})`,
    [accountId],
  );

/** The new role's scope rule against the scopes it will have (the given ones, or, without any, those it keeps). */
function roleScopeProblems(p: Problems, role: AccountRole, given: readonly ScopeInput[] | null | undefined, kept: number): void {
  const rule = scopeRule(role, given ? given.length : role === AccountRole.ADMIN ? 0 : kept);
  if (rule) p.add('scopes', given?.length ? Reason.inputInconsistent : Reason.inputRequired, rule.zh, rule.en);
}

/**
 * `setAccountRole`: another role for an account. `scopes` given: they replace every scope that applies today or
 * later; none given: the account keeps its scopes (an admin has none: it needs them given; one becoming admin
 * loses them all). Every session and personal access token of the account ends on every instance (`hub_auth`):
 * what it could reach was decided by the old role. The last enabled admin keeps its role. Audited, before and after.
 */
export async function setRole(
  pool: pg.Pool,
  admin: Admin,
  id: string,
  role: AccountRole,
  scopes: readonly ScopeInput[] | null | undefined,
): Promise<number> {
  const p = new Problems('setAccountRole');
  const roots = scopes ? await scopeRoots(pool, p, 'scopes', scopes) : null;
  p.check();
  const client = await pool.connect();
  try {
    const target = await inTransaction(client, async () => {
      const admins = await client.query<{ id: number }>(`select id from account where role = $1 and not disabled order by id for update`, [
        AccountRole.ADMIN,
      ]);
      const t = await targetOf(client, 'setAccountRole', id, true);
      const before = await liveScopes(client, t.id);
      if (t.role === role) p.add('role', Reason.inputInconsistent, `账号已是 ${role} 角色`, `the account already has role ${role}`);
      roleScopeProblems(p, role, scopes, before.length);
      p.check();
      if (t.role === AccountRole.ADMIN && !t.disabled && admins.rows.length <= 1)
        throw lastAdmin('setAccountRole', { zh: '改为其他角色', en: 'given another role' });
      await client.query(`update account set role = $2, updated_at = now() where id = $1`, [t.id, role]);
      if (roots || role === AccountRole.ADMIN) await endLiveScopes(client, t.id);
      if (roots?.length) await addScope(client, t.id, roots, admin.account.username);
      const tokensEnded = await revokeAccountTokens(client, t.id);
      const sessionsEnded = await revokeOtherSessions(client, t.id, null);
      const after = { role, scopes: await liveScopes(client, t.id), sessionsEnded, tokensEnded, address: admin.auth.address };
      await auditChange(client, admin.account.username, 'account.role_change', t.id, { role: t.role, scopes: before }, after);
      return t;
    });
    admin.auth.changed?.({ account: target.id });
    return target.id;
  } finally {
    client.release();
  }
}
