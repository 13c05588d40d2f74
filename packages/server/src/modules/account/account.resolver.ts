/** Sign-in as GraphQL operations (thin: sign-in.ts and account.writes.ts do the work). */
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { authOf, viewOf } from './account.common.js';
import { SignedInAccount } from './account.types.js';
import { changePassword } from './account.writes.js';
import { signIn, signOut } from './sign-in.js';

@Resolver()
export class AccountResolver {
  @Query(() => SignedInAccount, {
    nullable: true,
    description: d('当前登录的账号（未登录时为空）', 'The signed-in account (null: nobody is signed in)'),
  })
  me(@Ctx() ctx: Context): SignedInAccount | null {
    const account = ctx.auth?.account;
    return account ? viewOf(account, ctx.auth!.settings.passwordMaxDays) : null;
  }

  @Mutation(() => SignedInAccount, {
    description: d(
      '登录：成功后设置会话 Cookie；用户名不存在与密码错误的回答相同（auth/failed），连续失败会锁定（auth/locked）',
      'Sign in: sets the session cookie; an unknown username and a wrong password answer alike (auth/failed); repeated failures lock (auth/locked)',
    ),
  })
  signIn(
    @Ctx() ctx: Context,
    @Arg('username', () => String, { description: d('用户名（不区分大小写）', 'Username (any case)') }) username: string,
    @Arg('password', () => String, { description: d('密码', 'Password') }) password: string,
  ): Promise<SignedInAccount> {
    return signIn(ctx.reader.db.pool, authOf(ctx.auth), username, password);
  }

  @Mutation(() => Boolean, {
    description: d('退出登录：结束本会话（曾有会话时为 true）', 'Sign out: ends this session (true when there was one)'),
  })
  signOut(@Ctx() ctx: Context): Promise<boolean> {
    return signOut(ctx.reader.db.pool, authOf(ctx.auth));
  }

  @Mutation(() => SignedInAccount, {
    description: d('修改本账号的密码；本账号的其他会话随之结束', 'Change this account’s password; its other sessions end'),
  })
  changePassword(
    @Ctx() ctx: Context,
    @Arg('oldPassword', () => String, { description: d('当前密码', 'Current password') }) oldPassword: string,
    @Arg('newPassword', () => String, {
      description: d(
        '新密码：8–256 个字符，含小写、大写、数字、符号中的三类，不含用户名，不是常见密码',
        'New password: 8–256 characters, three of lower case, upper case, digits and symbols, without the username, not a common password',
      ),
    })
    newPassword: string,
  ): Promise<SignedInAccount> {
    return changePassword(ctx.reader.db.pool, ctx.auth, oldPassword, newPassword);
  }
}
