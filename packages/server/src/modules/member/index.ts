/** 人员、发展纪实与任职 / People, their development record and positions. */
import { defineFeature } from '../../graphql/feature.js';
import { MemberWriteResolver } from './member.resolver.js';
import { PersonWriteResolver } from './person.resolver.js';
import { Member } from './member.entity.js';
import { DevelopmentEvent } from './development-event.entity.js';
import { DevelopmentSpan } from './development-span.entity.js';
import { Position } from './position.entity.js';
import { Membership } from './membership.entity.js';
import { DevelopmentEventList, DevelopmentSpanList, MemberList, MembershipList, PositionList } from './member.lists.js';
import { DevelopmentEventFieldsResolver } from './development-event.resolver.js';
import { MemberPersonalResolver } from './member-personal.resolver.js';
import { PositionCorrectionResolver } from './position-corrections.resolver.js';

export const member = defineFeature({
  name: 'member',
  entities: [Member, DevelopmentEvent, Position, DevelopmentSpan, Membership],
  lists: [MemberList, DevelopmentEventList, PositionList, DevelopmentSpanList, MembershipList],
  resolvers: [DevelopmentEventFieldsResolver, MemberPersonalResolver, MemberWriteResolver, PersonWriteResolver, PositionCorrectionResolver],
});
