/**
 * 账号管理 / The administrator's work on accounts, as GraphQL operations (thin: admin.reads.ts and admin.writes.ts
 * do it). The gate (gate.ts) lets only role admin reach these fields; `adminOf` says so again here.
 */
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { AccountRole } from '../../domain/enums.js';
import { ErrorCode, HubError, Reason } from '../../errors.js';
import type { ConnectionShape } from '../../graphql/connection.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { authOf, authRequired } from './account.common.js';
import { listAccounts, managedAccount } from './admin.reads.js';
import { AccountsFilter, ManagedAccount, ManagedAccountConnection, NewAccountInput, ScopeInput } from './admin.types.js';
import { adminAddScope, adminCreateAccount, endScope, resetPassword, setDisabled, setRole, unlock, type Admin } from './admin.writes.js';

/** The signed-in administrator, or auth/forbidden (403). */
export function adminOf(ctx: Context): Admin {
  const auth = authOf(ctx.auth);
  if (!auth.account) throw authRequired();
  if (auth.account.role !== AccountRole.ADMIN)
    throw new HubError({
      code: ErrorCode.forbidden,
      reason: Reason.authForbidden,
      zh: '只有系统管理员能管理账号',
      en: 'only an admin account may manage accounts',
      status: 403,
    });
  return { account: auth.account, auth };
}

const idArg = { description: d('账号 ID', 'Account id') };

@Resolver()
export class AdminResolver {
  // Nullable, as every root list: a refusal answers null with its own error, the request's other fields keep their data.
  @Query(() => ManagedAccountConnection, { nullable: true, description: d('账号列表（系统管理员）', 'Accounts (admin only)') })
  accounts(
    @Ctx() ctx: Context,
    @Arg('filter', () => AccountsFilter, { nullable: true, description: d('过滤条件', 'Filter') }) filter: AccountsFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: d('每页条数（1–100）', 'Page size (1–100)') }) first: number,
    @Arg('after', () => String, { nullable: true, description: d('从此游标之后', 'After this cursor') }) after: string | null,
  ): Promise<ConnectionShape<ManagedAccount>> {
    adminOf(ctx);
    return listAccounts(ctx.reader.db.pool, filter, first, after);
  }

  @Mutation(() => ManagedAccount, {
    description: d(
      '创建账号（系统管理员）：首次登录须修改临时密码；系统管理员以外的角色须有范围',
      'Create an account (admin only): the temporary password must be changed at the first sign-in; every role but admin needs scopes',
    ),
  })
  async createAccount(
    @Ctx() ctx: Context,
    @Arg('input', () => NewAccountInput, { description: d('新账号', 'The new account') }) input: NewAccountInput,
  ): Promise<ManagedAccount> {
    const pool = ctx.reader.db.pool;
    return (await managedAccount(pool, await adminCreateAccount(pool, adminOf(ctx), input)))!;
  }

  @Mutation(() => ManagedAccount, {
    description: d('停用或启用账号；停用即结束其所有会话', 'Disable or enable an account; disabling ends all its sessions'),
  })
  async setAccountDisabled(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, idArg) id: string,
    @Arg('disabled', () => Boolean, { description: d('停用', 'Disabled') }) disabled: boolean,
  ): Promise<ManagedAccount> {
    const pool = ctx.reader.db.pool;
    return (await managedAccount(pool, await setDisabled(pool, adminOf(ctx), id, disabled)))!;
  }

  @Mutation(() => ManagedAccount, {
    description: d(
      '修改账号角色：给出范围则替换其现有范围，不给则保留（改为系统管理员时全部结束）；其所有会话与个人访问令牌结束',
      'Change an account’s role: scopes given replace its current ones, none given keeps them (all end when it becomes an admin); all its sessions and personal access tokens end',
    ),
  })
  async setAccountRole(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, idArg) id: string,
    @Arg('role', () => AccountRole, { description: d('新角色', 'The new role') }) role: AccountRole,
    @Arg('scopes', () => [ScopeInput], {
      nullable: true,
      description: d('新范围（替换现有范围）；为空：保留现有范围', 'New scopes (replacing the current ones); null: keep the current ones'),
    })
    scopes: ScopeInput[] | null,
  ): Promise<ManagedAccount> {
    const pool = ctx.reader.db.pool;
    return (await managedAccount(pool, await setRole(pool, adminOf(ctx), id, role, scopes)))!;
  }

  @Mutation(() => ManagedAccount, {
    description: d(
      '重置密码：下次登录须修改；其所有会话结束',
      'Reset the password: must be changed at the next sign-in; all its sessions end',
    ),
  })
  async resetPassword(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, idArg) id: string,
    @Arg('temporaryPassword', () => String, { description: d('临时密码（须符合密码策略）', 'Temporary password (the policy applies)') })
    temporaryPassword: string,
  ): Promise<ManagedAccount> {
    const pool = ctx.reader.db.pool;
    return (await managedAccount(pool, await resetPassword(pool, adminOf(ctx), id, temporaryPassword)))!;
  }

  @Mutation(() => ManagedAccount, { description: d('为账号增加一个范围', 'Give an account one more scope root') })
  async addScope(
    @Ctx() ctx: Context,
    @Arg('accountId', () => ID, idArg) accountId: string,
    @Arg('organizationId', () => ID, {
      nullable: true,
      description: d('党组织 ID；为空：整棵组织树', 'Organisation id; null: the whole tree'),
    })
    organizationId: string | null,
    @Arg('startsOn', () => LocalDate, { nullable: true, description: d('起始日（默认今天）', 'First day (default: today)') })
    startsOn: string | null,
    @Arg('endsOn', () => LocalDate, { nullable: true, description: d('最后一日（为空：未结束）', 'Last day (null: open)') })
    endsOn: string | null,
  ): Promise<ManagedAccount> {
    const pool = ctx.reader.db.pool;
    return (await managedAccount(pool, await adminAddScope(pool, adminOf(ctx), accountId, { organizationId, startsOn, endsOn })))!;
  }

  @Mutation(() => ManagedAccount, {
    description: d('结束一个范围（任期结束）：最后一日之后不再生效', 'End a scope (a term ends): it no longer applies after its last day'),
  })
  async endScope(
    @Ctx() ctx: Context,
    @Arg('scopeId', () => ID, { description: d('范围 ID', 'Scope id') }) scopeId: string,
    @Arg('endsOn', () => LocalDate, { description: d('最后一日（昨天：立即结束）', 'Last day (yesterday: ends now)') }) endsOn: string,
  ): Promise<ManagedAccount> {
    const pool = ctx.reader.db.pool;
    return (await managedAccount(pool, await endScope(pool, adminOf(ctx), scopeId, endsOn)))!;
  }

  @Mutation(() => Boolean, {
    description: d(
      '解除登录锁定：用户名或客户端地址之一（清除其锁定与失败计数）；曾锁定时为 true',
      'Unlock sign-in: a username or a client address, one of them (its lock and failures are cleared); true when it was locked',
    ),
  })
  unlock(
    @Ctx() ctx: Context,
    @Arg('username', () => String, { nullable: true, description: d('用户名', 'Username') }) username: string | null,
    @Arg('address', () => String, { nullable: true, description: d('客户端地址', 'Client address') }) address: string | null,
  ): Promise<boolean> {
    return unlock(ctx.reader.db.pool, adminOf(ctx), username, address);
  }
}
