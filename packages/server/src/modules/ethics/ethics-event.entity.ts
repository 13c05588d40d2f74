import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { DecimalType } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { EthicsEventType } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { Decimal, LocalDate } from '../../graphql/scalars.js';
import { Member } from '../member/member.entity.js';
import { Department } from '../organization/department.entity.js';

/** A medical-ethics event (医德医风): banners, thank-you letters, refused red envelopes, complaints. Never the patient. */
@Entity({ tableName: 'ethics_event' })
@Index({ properties: ['department', 'occurredOn'] })
@Index({ properties: ['type', 'occurredOn'] })
@Check({ name: 'ethics_event_amount', expression: 'amount is null or amount >= 0' })
@ObjectType({ implements: BaseEntity, simpleResolvers: true, description: d('医德医风事件', 'Medical-ethics event') })
export class EthicsEvent extends TimestampedEntity {
  @Field(() => EthicsEventType, { description: d('类型', 'Type') })
  @Enum({ items: () => EthicsEventType })
  type!: EthicsEventType;

  @Field(() => Department, { description: d('科室', 'Department') })
  @ManyToOne(() => Department, { deleteRule: 'restrict' })
  department!: Department;

  @Field(() => Member, { nullable: true, description: d('相关医务人员', 'Staff member') })
  @Index()
  @ManyToOne(() => Member, { nullable: true, deleteRule: 'set null' })
  member?: Member;

  @Field(() => Decimal, { nullable: true, description: d('金额（元，拒收红包）', 'Amount in yuan (refused red envelopes)') })
  @Property({ type: new DecimalType('string'), precision: 12, scale: 2, nullable: true })
  amount?: string;

  @Field(() => LocalDate, { description: d('发生日期', 'Occurred on') })
  @Property({ type: 'date' })
  occurredOn!: string;
}
