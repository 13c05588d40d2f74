import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { HonorLevel, ModelPostType } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { Member } from '../member/member.entity.js';
import { Department } from '../organization/department.entity.js';
import { Organization } from '../organization/organization.entity.js';

/** A Party member model post (党员示范岗, 先锋岗, 服务台, 突击队 …) held by a person, department or branch. */
@Entity({ tableName: 'model_post' })
@Check({ name: 'model_post_dates', expression: 'revoked_on is null or revoked_on >= established_on' })
@Check({ name: 'model_post_holder', expression: 'member_id is not null or department_id is not null or organization_id is not null' })
@ObjectType({
  implements: BaseEntity,
  simpleResolvers: true,
  description: d('党员示范岗（先锋岗、服务台、突击队等）', 'Model post (vanguard post, service desk, commando team …)'),
})
export class ModelPost extends TimestampedEntity {
  @Field(() => ModelPostType, { description: d('类型', 'Type') })
  @Enum({ items: () => ModelPostType })
  type!: ModelPostType;

  @Field(() => String, { description: d('名称', 'Title') })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => Member, { nullable: true, description: d('岗位人员', 'Holder') })
  @Index()
  @ManyToOne(() => Member, { nullable: true, deleteRule: 'cascade' })
  member?: Member;

  @Field(() => Department, { nullable: true, description: d('科室', 'Department') })
  @ManyToOne(() => Department, { nullable: true, deleteRule: 'cascade' })
  @Index()
  department?: Department;

  /** The branch the post belongs to. */
  @Field(() => Organization, { nullable: true, description: d('党组织', 'Organisation') })
  @ManyToOne(() => Organization, { nullable: true, deleteRule: 'cascade' })
  @Index()
  organization?: Organization;

  @Field(() => HonorLevel, { description: d('命名级别', 'Level') })
  @Enum({ items: () => HonorLevel })
  level!: HonorLevel;

  @Field(() => LocalDate, { description: d('设立日期', 'Established on') })
  @Property({ type: 'date' })
  establishedOn!: string;

  @Field(() => LocalDate, { nullable: true, description: d('撤销日期', 'Revoked on') })
  @Property({ type: 'date', nullable: true })
  revokedOn?: string;
}
