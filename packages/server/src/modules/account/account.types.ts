import { Field, ID, ObjectType } from 'type-graphql';
import { AccountRole } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';

/** The signed-in account as it sees itself (`me`, `signIn`, `changePassword`): never its hash. */
@ObjectType({ description: d('当前登录的账号', 'The signed-in account') })
export class SignedInAccount {
  @Field(() => String, { description: d('用户名', 'Username') })
  username!: string;

  @Field(() => String, { description: d('显示名称', 'Display name') })
  displayName!: string;

  @Field(() => AccountRole, { description: d('角色', 'Role') })
  role!: AccountRole;

  @Field(() => Boolean, {
    description: d(
      '须先修改密码（管理员设置的密码，或密码已过期）',
      'The password must be changed first (an administrator set it, or it has expired)',
    ),
  })
  mustChangePassword!: boolean;

  @Field(() => Boolean, {
    description: d(
      '持有审计授权（审计管理员）：可查阅与导出审计日志',
      'Holds the audit grant (audit reader): may read and export the audit log',
    ),
  })
  auditReader!: boolean;

  @Field(() => Date, { nullable: true, description: d('密码过期时间（不限期时为空）', 'When the password expires (null: never)') })
  passwordExpiresAt!: Date | null;

  @Field(() => Date, { description: d('本次会话最迟结束时间', 'When this session ends at the latest') })
  sessionExpiresAt!: Date;

  @Field(() => Boolean, {
    description: d('本会话是会议室大屏（只读；退出即撤销其令牌）', 'This is a wall display (read-only; signing out revokes its token)'),
  })
  display!: boolean;

  @Field(() => [ID], {
    nullable: true,
    description: d(
      '本账号今天可及的党组织（各含其全部下级）；为空：整棵组织树；空列表：没有',
      'The organisations this account reaches today (each with its whole subtree); null: the whole tree; empty: none',
    ),
  })
  scope!: string[] | null;
}
