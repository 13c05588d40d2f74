import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { ActivityStatus, ActivityType } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { Member } from '../member/member.entity.js';
import { Organization } from '../organization/organization.entity.js';

/** An activity held (or planned) by an organisation: 三会一课, 主题党日, services to the public … */
@Entity({ tableName: 'activity' })
@Index({ properties: ['organization', 'heldOn'] })
@Index({ properties: ['type', 'heldOn'] })
@Check({
  name: 'activity_counts',
  expression: '(expected_count is null or expected_count >= 0) and (beneficiary_count is null or beneficiary_count >= 0)',
})
@ObjectType({ implements: BaseEntity, simpleResolvers: true, description: d('党组织活动', 'Activity of a Party organisation') })
export class Activity extends TimestampedEntity {
  @Field(() => Organization, { description: d('开展活动的党组织', 'Organisation holding it') })
  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  organization!: Organization;

  @Field(() => ActivityType, { description: d('活动类型', 'Type') })
  @Enum({ items: () => ActivityType })
  type!: ActivityType;

  @Field(() => String, { description: d('主题', 'Title') })
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => LocalDate, { description: d('开展日期', 'Held on') })
  @Property({ type: 'date' })
  @Index()
  heldOn!: string;

  @Field(() => Date, { nullable: true, description: d('开始时间', 'Start time') })
  @Property({ type: 'datetime', nullable: true })
  startAt?: Date;

  @Field(() => String, { nullable: true, description: d('地点', 'Location') })
  @Property({ type: 'string', length: 200, nullable: true })
  location?: string;

  @Field(() => ActivityStatus, { description: d('状态', 'Status') })
  @Enum({ items: () => ActivityStatus, default: ActivityStatus.HELD })
  status: ActivityStatus = ActivityStatus.HELD;

  @Field(() => String, {
    nullable: true,
    description: d('节日标签（学雷锋、七一、重阳、护士节、医师节等）', 'Festival tag (Lei Feng day, July 1st, Nurses day …)'),
  })
  @Property({ type: 'string', length: 32, nullable: true })
  festivalTag?: string;

  @Field(() => Member, { nullable: true, description: d('主讲人', 'Lecturer') })
  @Index()
  @ManyToOne(() => Member, { nullable: true, deleteRule: 'set null' })
  lecturer?: Member;

  @Field(() => String, { nullable: true, description: d('主讲人身份（如"支部书记"）', 'Lecturer role (e.g. "branch secretary")') })
  @Property({ type: 'string', length: 64, nullable: true })
  lecturerRole?: string;

  @Field(() => Int, { nullable: true, description: d('应到人数', 'Expected attendance') })
  @Property({ type: 'integer', nullable: true })
  expectedCount?: number;

  @Field(() => Int, { nullable: true, description: d('服务/受益群众人次', 'People served') })
  @Property({ type: 'integer', nullable: true })
  beneficiaryCount?: number;

  @Field(() => String, { nullable: true, description: d('共建/合作单位', 'Partner organisation') })
  @Property({ type: 'string', length: 200, nullable: true })
  partnerOrg?: string;

  @Field(() => Boolean, { description: d('是否为补课', 'Is a make-up session') })
  @Property({ type: 'boolean', default: false })
  isMakeup: boolean = false;
}
