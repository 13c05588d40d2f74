/** What an administrator sees and sends about accounts (admin.resolver.ts): never a hash, never a person's facts. */
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { AccountRole } from '../../domain/enums.js';
import { connectionOf } from '../../graphql/connection.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';

@ObjectType({ description: d('账号的一个范围（党组织及其全部下级，或整棵树），有起止日期', 'One scope root of an account, with its term') })
export class ManagedScope {
  @Field(() => ID, { description: d('范围 ID', 'Scope id') })
  id!: string;

  @Field(() => ID, { nullable: true, description: d('党组织 ID；为空：整棵组织树', 'The organisation’s id; null: the whole tree') })
  organizationId!: string | null;

  @Field(() => String, { nullable: true, description: d('党组织名称（整棵树时为空）', 'The organisation’s name (null: the whole tree)') })
  organizationName!: string | null;

  @Field(() => String, { nullable: true, description: d('党组织编码', 'The organisation’s code') })
  organizationCode!: string | null;

  @Field(() => LocalDate, { description: d('起始日', 'First day') })
  startsOn!: string;

  @Field(() => LocalDate, { nullable: true, description: d('最后一日（为空：未结束）', 'Last day (null: not ended)') })
  endsOn!: string | null;

  @Field(() => Boolean, { description: d('今天是否生效', 'Whether it applies today') })
  current!: boolean;
}

@ObjectType({ description: d('管理员所见的账号', 'An account as an administrator sees it') })
export class ManagedAccount {
  @Field(() => ID, { description: d('账号 ID', 'Account id') })
  id!: string;

  @Field(() => String, { description: d('用户名', 'Username') })
  username!: string;

  @Field(() => String, { description: d('显示名称', 'Display name') })
  displayName!: string;

  @Field(() => AccountRole, { description: d('角色', 'Role') })
  role!: AccountRole;

  @Field(() => Boolean, { description: d('已停用', 'Disabled') })
  disabled!: boolean;

  @Field(() => Boolean, { description: d('下次登录须修改密码', 'Must change its password at the next sign-in') })
  mustChangePassword!: boolean;

  @Field(() => Boolean, { description: d('持有审计授权（仅命令行可授予）', 'Holds the audit grant (given from the command line only)') })
  auditReader!: boolean;

  @Field(() => Date, { description: d('密码设置时间', 'When the password was set') })
  passwordChangedAt!: Date;

  @Field(() => Date, { nullable: true, description: d('最近登录时间', 'Last sign-in') })
  lastSignInAt!: Date | null;

  @Field(() => Date, { nullable: true, description: d('锁定至（未锁定时为空）', 'Locked until (null: not locked)') })
  lockedUntil!: Date | null;

  @Field(() => [ManagedScope], { description: d('范围（含已结束的）', 'Scopes (ended ones included)') })
  scopes!: ManagedScope[];
}

export const ManagedAccountConnection = connectionOf(ManagedAccount, '账号');

@InputType({ description: d('账号过滤条件', 'Account filter') })
export class AccountsFilter {
  @Field(() => String, { nullable: true, description: d('用户名或显示名称包含', 'Username or display name contains') })
  search?: string | null;

  @Field(() => AccountRole, { nullable: true, description: d('角色', 'Role') })
  role?: AccountRole | null;

  @Field(() => Boolean, { nullable: true, description: d('是否停用', 'Disabled or not') })
  disabled?: boolean | null;
}

@InputType({ description: d('新范围', 'A new scope root') })
export class ScopeInput {
  @Field(() => ID, { nullable: true, description: d('党组织 ID；为空：整棵组织树', 'The organisation’s id; null: the whole tree') })
  organizationId?: string | null;

  @Field(() => LocalDate, { nullable: true, description: d('起始日（默认今天）', 'First day (default: today)') })
  startsOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: d('最后一日（为空：未结束）', 'Last day (null: open)') })
  endsOn?: string | null;
}

@InputType({ description: d('新账号', 'A new account') })
export class NewAccountInput {
  @Field(() => String, { description: d('用户名', 'Username') })
  username!: string;

  @Field(() => String, { nullable: true, description: d('显示名称（默认为用户名）', 'Display name (default: the username)') })
  displayName?: string | null;

  @Field(() => AccountRole, { description: d('角色', 'Role') })
  role!: AccountRole;

  @Field(() => [ScopeInput], {
    defaultValue: [],
    description: d('范围：系统管理员以外的角色必填，系统管理员不可有', 'Scopes: required for every role but admin, none for an admin'),
  })
  scopes!: ScopeInput[];

  @Field(() => String, {
    description: d(
      '临时密码（须符合密码策略；首次登录须修改）',
      'Temporary password (the policy applies; must be changed at the first sign-in)',
    ),
  })
  temporaryPassword!: string;
}

export const ACCOUNTS_MAX_PAGE = 100;
