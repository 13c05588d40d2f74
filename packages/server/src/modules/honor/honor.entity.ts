import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { HonorCategory, HonorIssuerKind, HonorLevel, RecipientType } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { Member } from '../member/member.entity.js';
import { Department } from '../organization/department.entity.js';
import { Hospital, Organization } from '../organization/organization.entity.js';

/** An honor awarded to a person, an organisation, a department, a team or the hospital. */
@Entity({ tableName: 'honor' })
@Index({ properties: ['level', 'awardedOn'] })
@Check({
  name: 'honor_recipient',
  expression: `(recipient_type <> 'person' or member_id is not null) and (recipient_type <> all (array['branch', 'general_branch', 'committee']) or organization_id is not null) and (recipient_type <> 'department' or department_id is not null)`,
})
@ObjectType({ implements: BaseEntity, simpleResolvers: true, description: d('荣誉表彰', 'Honor') })
export class Honor extends TimestampedEntity {
  @Field(() => Hospital, { description: d('医院', 'Hospital') })
  @ManyToOne(() => Hospital, { deleteRule: 'restrict' })
  @Index()
  hospital!: Hospital;

  @Field(() => RecipientType, { description: d('获得者类型', 'Recipient type') })
  @Enum({ items: () => RecipientType })
  recipientType!: RecipientType;

  @Field(() => Member, { nullable: true, description: d('获奖人员', 'Person honored') })
  @ManyToOne(() => Member, { nullable: true, deleteRule: 'cascade' })
  @Index()
  member?: Member;

  /** The organisation honored, or for a person the branch they belonged to when honored. */
  @Field(() => Organization, { nullable: true, description: d('党组织', 'Organisation') })
  @ManyToOne(() => Organization, { nullable: true, deleteRule: 'set null' })
  @Index()
  organization?: Organization;

  @Field(() => Department, { nullable: true, description: d('科室', 'Department') })
  @Index()
  @ManyToOne(() => Department, { nullable: true, deleteRule: 'set null' })
  department?: Department;

  @Field(() => String, { description: d('荣誉名称', 'Title') })
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => HonorCategory, { description: d('类别', 'Category') })
  @Enum({ items: () => HonorCategory })
  category!: HonorCategory;

  @Field(() => HonorLevel, { description: d('级别', 'Level') })
  @Enum({ items: () => HonorLevel })
  level!: HonorLevel;

  @Field(() => String, { nullable: true, description: d('授予单位', 'Issuer') })
  @Property({ type: 'string', length: 200, nullable: true })
  issuer?: string;

  @Field(() => HonorIssuerKind, { nullable: true, description: d('授予单位类型', 'Kind of issuer') })
  @Enum({ items: () => HonorIssuerKind, nullable: true })
  issuerKind?: HonorIssuerKind;

  @Field(() => LocalDate, { description: d('授予日期', 'Awarded on') })
  @Property({ type: 'date' })
  awardedOn!: string;
}
