/**
 * Wall display links as a GraphQL operation (thin: display-links.ts does the work). The gate lets a signed-in
 * session of any role but an administrator's make one, and no token (a display included).
 */
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { authOf, authRequired } from './account.common.js';
import { CreateDisplayLinkInput, CreatedDisplayLink } from './display-link.types.js';
import { createDisplayLink } from './display-links.js';

@Resolver()
export class DisplayLinkResolver {
  @Mutation(() => CreatedDisplayLink, {
    description: d(
      '为会议室电视新建一次性大屏链接：在电视的浏览器中打开一次（24 小时内）后，该屏幕以本账号的身份、角色和范围只读显示看板，有效期为所选天数，不受会话 12 小时的限制；其令牌出现在本账号的令牌列表中，可随时撤销',
      'Make a one-time wall display link for a meeting-room TV: opened once (within 24 hours) in the TV’s browser, the screen then shows the boards read-only as this account, with its role and scope, for the days chosen, beyond the 12-hour session limit; its token is listed with this account’s tokens and can be revoked at any time',
    ),
  })
  async createDisplayLink(
    @Ctx() ctx: Context,
    @Arg('input', () => CreateDisplayLinkInput, { description: d('名称、天数和页面', 'Name, days and page') })
    input: CreateDisplayLinkInput,
  ): Promise<CreatedDisplayLink> {
    const auth = authOf(ctx.auth);
    if (!auth.account) throw authRequired();
    const owner = { id: auth.account.id, username: auth.account.username };
    return Object.assign(new CreatedDisplayLink(), await createDisplayLink(ctx.reader.db.pool, owner, input, auth.address));
  }
}
