/**
 * Personal access tokens as GraphQL operations, for the signed-in account's own tokens (thin: tokens.ts does
 * the work). The gate lets every role manage its own tokens, and no token do so (gate.ts).
 */
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { fromGlobalId } from '../../graphql/global-id.js';
import { authOf, authRequired } from './account.common.js';
import { ApiToken, CreateApiTokenInput, CreatedApiToken } from './api-token.types.js';
import { createToken, listTokens, revokeToken, tokenNotFound } from './tokens.js';

/** The signed-in account (a token's requests never get here for a mutation: the gate refuses them). */
function owner(ctx: Context) {
  const auth = authOf(ctx.auth);
  if (!auth.account) throw authRequired();
  return { auth, owner: { id: auth.account.id, username: auth.account.username } };
}

@Resolver()
export class ApiTokenResolver {
  @Query(() => [ApiToken], {
    description: d(
      '本账号的个人访问令牌（最新的在前，含已撤销和已过期的）',
      'This account’s personal access tokens (newest first, revoked and expired ones included)',
    ),
  })
  async apiTokens(@Ctx() ctx: Context): Promise<ApiToken[]> {
    const { owner: me } = owner(ctx);
    return (await listTokens(ctx.reader.db.pool, me.id)).map((row) => ApiToken.of(row));
  }

  @Mutation(() => CreatedApiToken, {
    description: d(
      '为本账号新建个人访问令牌：脚本以 Authorization: Bearer <密钥> 使用，身份、角色和范围同本账号，但只能读取；密钥只显示这一次',
      'Make a personal access token for this account: a script sends Authorization: Bearer <secret> and acts as this account, with its role and scope, read-only; the secret is shown this once',
    ),
  })
  async createApiToken(
    @Ctx() ctx: Context,
    @Arg('input', () => CreateApiTokenInput, { description: d('名称和有效天数', 'Name and days') }) input: CreateApiTokenInput,
  ): Promise<CreatedApiToken> {
    const { auth, owner: me } = owner(ctx);
    const { secret, token } = await createToken(ctx.reader.db.pool, me, input, auth.address);
    return Object.assign(new CreatedApiToken(), { secret, token: ApiToken.of(token) });
  }

  @Mutation(() => ApiToken, {
    description: d(
      '撤销本账号的一个令牌：所有服务实例在一秒内拒绝它',
      'Revoke one of this account’s tokens: every instance of the hub refuses it within a second',
    ),
  })
  async revokeApiToken(@Ctx() ctx: Context, @Arg('id', () => ID, { description: d('令牌ID', 'Token id') }) id: string): Promise<ApiToken> {
    const { auth, owner: me } = owner(ctx);
    const decoded = fromGlobalId(id);
    if (!decoded || decoded.type !== 'ApiToken') throw tokenNotFound(['revokeApiToken', 'id']);
    const token = await revokeToken(ctx.reader.db.pool, me, decoded.id, auth.address);
    auth.changed?.({ token: decoded.id });
    return ApiToken.of(token);
  }
}
