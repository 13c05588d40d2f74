/**
 * `subscription { live(orgId) { …any of the Query's fields… } }` (issue 22: a wall of viewers of one board):
 * the selection is answered again after every change the organisation's board hears of (the same changes, and
 * the same push cap, as `indicatorsChanged`: indicators/live.ts, indicators/push-gate.ts), and pushed whole.
 * A viewer gets its board in the push instead of a push that makes it ask for the board, so a change costs
 * each viewer a frame, not a request. The socket's server executes each change's selection once per identical
 * (document, variables, reader) and sends the same text to all of them (http/live-pushes.ts); nothing is
 * pushed when subscribing (the page loads the board itself, and again after its socket reconnects).
 *
 * With `patches: true` a subscriber is sent, after its first push (whole, with its revision), only the change's
 * difference from the revision it holds: `extensions.live = { revision, patch }`, an RFC 6902 JSON Patch, as
 * @n1ru4l/graphql-live-query-patch does (it puts them at the result's top level; here they are under
 * `extensions`, where any GraphQL client passes them through). http/live-pushes.ts has the rules.
 *
 * Declared here on the built schema, not through type-graphql: its type is the Query type itself.
 */
import { GraphQLBoolean, GraphQLID, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, type GraphQLFieldConfig } from 'graphql';
import type { Context } from '../../context.js';
import type { IndicatorChange } from '../../domain/changes.js';
import { OrgKind } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { askPatches } from '../../graphql/live-patches.js';
import { orgInfo } from '../../org-tree/tree.js';
import { ORG_ARG, orgIdOf } from './indicator.mapping.js';

/** The subscription field's name (the access gate looks through it at the Query fields it selects). */
export const LIVE_FIELD = 'live';

/** The changes of an organisation's board, capped as its board's pushes are (an upper body's at its own interval). */
export async function boardChanges(ctx: Context, orgGlobalId: string, field: string[]): Promise<AsyncIterableIterator<IndicatorChange>> {
  const org = await orgIdOf(ctx, orgGlobalId, field);
  if (!ctx.feed) throw new Error('no indicator feed on this server');
  const upper = (await orgInfo(ctx.reader, org))?.kind === OrgKind.UPPER_BODY;
  return ctx.feed.subscribe(org, { upper });
}

/** The schema with `Subscription.live: Query!`. */
export function withLiveQuery(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType()!;
  const subscription = schema.getSubscriptionType()!;
  const live: GraphQLFieldConfig<unknown, Context, { orgId: string; patches?: boolean | null }> = {
    type: new GraphQLNonNull(query),
    description: d(
      '实时看板：所选的查询字段在该组织（含下级）每次变化后重新作答并整体推送（与 indicatorsChanged 同样的推送上限；订阅时不推送）；patches 为真时只推送变化部分',
      'A live board: the Query fields selected are answered again after each change under the organisation (its subtree) and pushed whole (capped as indicatorsChanged is; nothing is pushed on subscribing); with patches, only what changed',
    ),
    args: {
      orgId: { type: new GraphQLNonNull(GraphQLID), description: ORG_ARG },
      patches: {
        type: GraphQLBoolean,
        defaultValue: false,
        description: d(
          '为真时推送补丁：首次（及漏收一版之后）推送整份数据并在 extensions.live.revision 给出版本号；之后只推送 extensions.live = { revision, patch }（无 data），patch 为相对上一版本（revision - 1）的 RFC 6902 JSON Patch，应用于上一版本的 data。版本不连续时请重新查询。为假（默认）时每次推送整份数据',
          'Push patches: the first push (and any after a missed revision) is the data whole with its revision in extensions.live.revision; later pushes carry only extensions.live = { revision, patch } (no data), an RFC 6902 JSON Patch from revision - 1, to apply to that revision’s data. On a revision gap, query again. False (the default): every push is the data whole',
        ),
      },
    },
    subscribe: (_root, args, ctx) => {
      if (args.patches) askPatches(ctx);
      return boardChanges(ctx, args.orgId, [LIVE_FIELD, 'orgId']);
    },
    // The Query's fields resolve on their own; the root they get is nothing of the change.
    resolve: () => ({}),
  };
  const config = subscription.toConfig();
  const extended = new GraphQLObjectType({
    ...config,
    fields: { ...config.fields, [LIVE_FIELD]: live as GraphQLFieldConfig<unknown, unknown> },
  });
  const all = schema.toConfig();
  return new GraphQLSchema({ ...all, subscription: extended, types: all.types.filter((t) => t !== subscription) });
}
