/** Live indicators: a subscription over graphql-ws, fed by this instance's LISTEN connection (indicators/live.ts). */
import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context.js';
import type { IndicatorChange } from '../../domain/changes.js';
import { d } from '../../graphql/describe.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { ORG_ARG } from './indicator.mapping.js';
import { IndicatorChangeEvent } from './indicator.types.js';
import { boardChanges } from './live-query.js';

@Resolver()
export class IndicatorLiveResolver {
  @Subscription(() => IndicatorChangeEvent, {
    description: d(
      '订阅某组织（含下级）的指标变化（graphql-ws，同一 /graphql 路径）',
      'Changes of the indicators of an organisation (its subtree), over graphql-ws on the same /graphql path',
    ),
    // An upper body's board is pushed at most once per its own interval (indicators/push-gate.ts).
    subscribe: ({ args, context }) => boardChanges(context as Context, (args as { orgId: string }).orgId, ['indicatorsChanged', 'orgId']),
  })
  indicatorsChanged(
    @Root() change: IndicatorChange,
    @Arg('orgId', () => ID, { description: ORG_ARG }) _orgId: string,
  ): IndicatorChangeEvent {
    return {
      orgIds: change.orgIds?.map((o) => toGlobalId('Organization', o)) ?? null,
      from: change.from,
      indicatorIds: change.indicatorIds,
      refreshAll: change.orgIds === null,
      at: change.at,
      readAfter: change.readAfter ?? null,
    };
  }
}
