import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { MembershipKind, MembershipStatus } from '../../domain/enums.js';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { Organization } from '../organization/organization.entity.js';
import { Member } from './member.entity.js';

/**
 * A stint of a person in an organisation (组织关系), from a day to a day: what the indicators read for "a
 * member of organisation X at a period's end" (indicators/sql.ts), so a transfer on a date moves the
 * person's counts from that date on and leaves every earlier period as it was. `member.organization_id`
 * stays the current organisation. A stint counts on day D when from_on ≤ D (or from_on is null: since the
 * person's record began) and D < to_on (or to_on is null: still there). Kept by the dated writes
 * (member.writes.ts: transferMember, endMembership); any other change of a person's organisation or
 * status (the import, a fixture) is followed by the trigger of Migration20261203140000, undated.
 */
@Entity({ tableName: 'membership' })
@Index({ properties: ['member', 'fromOn'] })
@Check({ name: 'membership_dates', expression: 'to_on is null or from_on is null or to_on >= from_on' })
@ObjectType({
  implements: BaseEntity,
  simpleResolvers: true,
  description: d('组织关系（某人在某党组织的一段时间）', 'Membership: a stint of a person in an organisation, with dates'),
})
export class Membership extends TimestampedEntity {
  @Field(() => Member, { description: d('人员', 'Person') })
  @ManyToOne(() => Member, { deleteRule: 'cascade' })
  member!: Member;

  @Field(() => Organization, { description: d('党组织', 'Organisation') })
  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  @Index()
  organization!: Organization;

  @Field(() => LocalDate, { nullable: true, description: d('起（空：自入党起）', 'From (null: since joining)') })
  @Property({ type: 'date', nullable: true })
  fromOn?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: d('止（不含当日；空：至今）', 'To (exclusive: no longer counted from this day; null: still there)'),
  })
  @Property({ type: 'date', nullable: true })
  toOn?: string | null;

  @Field(() => MembershipKind, { description: d('来由', 'How it began') })
  @Enum({ items: () => MembershipKind })
  kind!: MembershipKind;

  @Field(() => MembershipStatus, {
    nullable: true,
    description: d(
      '如何结束（转出、出国、除名、去世……；空：未结束）',
      'How it ended (transferred out, abroad, removed, deceased …; null: open)',
    ),
  })
  @Enum({ items: () => MembershipStatus, nullable: true })
  endedAs?: MembershipStatus | null;

  @Field(() => String, { nullable: true, description: d('说明', 'Reason') })
  @Property({ type: 'string', length: 500, nullable: true })
  reason?: string | null;
}
