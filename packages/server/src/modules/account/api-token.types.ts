import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { d } from '../../graphql/describe.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { TOKEN_DAYS, TOKEN_NAME_MAX, type TokenRow } from './tokens.js';

/** A personal access token as its owner sees it (`apiTokens`, `createApiToken`, `revokeApiToken`): never its secret. */
@ObjectType({
  description: d(
    '个人访问令牌（供脚本只读访问本接口；密钥只在创建时显示一次）',
    'A personal access token (read-only access for scripts; its secret is shown once, when it is created)',
  ),
})
export class ApiToken {
  @Field(() => ID, { description: d('令牌ID（撤销时使用）', 'Token id (to revoke it)') })
  id!: string;

  @Field(() => String, { description: d('名称', 'Name') })
  name!: string;

  @Field(() => Date, { description: d('创建时间', 'Created at') })
  createdAt!: Date;

  @Field(() => Date, { description: d('过期时间', 'Expires at') })
  expiresAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: d('最近使用时间（每分钟至多记录一次；从未使用时为空）', 'Last used at (recorded at most once a minute; null: never used)'),
  })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: d('撤销时间（未撤销时为空）', 'Revoked at (null: not revoked)') })
  revokedAt!: Date | null;

  static of(row: TokenRow): ApiToken {
    return Object.assign(new ApiToken(), { ...row, id: toGlobalId('ApiToken', row.id) });
  }
}

@ObjectType({
  description: d('新建的个人访问令牌：密钥只在此显示一次', 'A new personal access token: its secret is shown here once, and never again'),
})
export class CreatedApiToken {
  @Field(() => String, {
    description: d(
      '令牌密钥（hub_pat_…）：请立即保存，之后无法再次查看；使用时放在请求头 Authorization: Bearer 之后',
      'The secret (hub_pat_…): store it now, it cannot be shown again; send it as Authorization: Bearer <secret>',
    ),
  })
  secret!: string;

  @Field(() => ApiToken, { description: d('令牌', 'The token') })
  token!: ApiToken;
}

@InputType({ description: d('新建个人访问令牌', 'A new personal access token') })
export class CreateApiTokenInput {
  @Field(() => String, {
    description: d(
      `名称（1–${TOKEN_NAME_MAX} 个字符，如“月报脚本”）`,
      `Name (1–${TOKEN_NAME_MAX} characters, such as "monthly report script")`,
    ),
  })
  name!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: TOKEN_DAYS.default,
    description: d(
      `有效天数（${TOKEN_DAYS.min}–${TOKEN_DAYS.max}，默认 ${TOKEN_DAYS.default}）`,
      `Days it lasts (${TOKEN_DAYS.min}–${TOKEN_DAYS.max}, ${TOKEN_DAYS.default} by default)`,
    ),
  })
  days?: number | null;
}
