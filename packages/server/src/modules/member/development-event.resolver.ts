/** A development event's introducers (two many-to-one columns, one list field). */
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import type { Row } from '../../db/reader.js';
import { d } from '../../graphql/describe.js';
import { modelOf } from '../../graphql/model.js';
import { relationResolver } from '../../graphql/resolve.js';
import { DevelopmentEvent } from './development-event.entity.js';
import { Member } from './member.entity.js';

let introducerResolvers: ReturnType<typeof relationResolver>[] | undefined;
const introducerOf = () =>
  (introducerResolvers ??= ['introducer1', 'introducer2'].map((p) => relationResolver(modelOf(DevelopmentEvent).allRelations.get(p)!)));

@Resolver(() => DevelopmentEvent)
export class DevelopmentEventFieldsResolver {
  @FieldResolver(() => [Member], { description: d('入党介绍人', 'Introducers') })
  // `Row` (a plain object), not DevelopmentEvent: type-graphql would construct an entity from the row.
  async introducers(@Root() row: Row, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const people = await Promise.all(introducerOf().map((resolve) => resolve(row, {}, ctx, info)));
    return people.filter((p) => p !== null);
  }
}
