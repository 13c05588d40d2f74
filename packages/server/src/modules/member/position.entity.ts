import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { PositionRole } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { Organization } from '../organization/organization.entity.js';
import { Member } from './member.entity.js';

/** A Party position held in an organisation, e.g. branch secretary, with its dates. */
@Entity({ tableName: 'position' })
@Index({ properties: ['organization', 'role', 'startOn'] })
@Check({ name: 'position_dates', expression: 'end_on is null or end_on >= start_on' })
@ObjectType({ implements: BaseEntity, simpleResolvers: true, description: d('党内职务（任职记录）', 'Party position held, with dates') })
export class Position extends TimestampedEntity {
  @Field(() => Organization, { description: d('党组织', 'Organisation') })
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Organization;

  @Field(() => Member, { description: d('任职人员', 'Person') })
  @ManyToOne(() => Member, { deleteRule: 'cascade' })
  @Index()
  member!: Member;

  @Field(() => PositionRole, { description: d('职务', 'Role') })
  @Enum({ items: () => PositionRole })
  role!: PositionRole;

  @Field(() => LocalDate, { description: d('任职开始', 'Start') })
  @Property({ type: 'date' })
  startOn!: string;

  @Field(() => LocalDate, { nullable: true, description: d('任职结束（空表示现任）', 'End (null while current)') })
  @Property({ type: 'date', nullable: true })
  endOn?: string;

  @Field(() => Boolean, { description: d('是否为科室（内设机构）负责人', 'Is a department head') })
  @Property({ type: 'boolean', default: false })
  isDeptHead: boolean = false;

  @Field(() => Boolean, { description: d('是否为学科带头人', 'Is a discipline leader') })
  @Property({ type: 'boolean', default: false })
  isDisciplineLeader: boolean = false;

  @Field(() => Boolean, { description: d('是否为"双带头人"', 'Is a "dual leader" (Party and discipline)') })
  @Property({ type: 'boolean', default: false })
  isDualLeader: boolean = false;
}
