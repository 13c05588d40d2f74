import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { Education, Gender, MembershipStatus, PoliticalStatus, ProfessionalTitle, StaffCategory } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { Department } from '../organization/department.entity.js';
import { Hospital, Organization } from '../organization/organization.entity.js';

/**
 * A person the Party organisation keeps records of: members and the development pipeline.
 * Personal data (name, birth date, ethnicity, ID-card number, mobile, staff number) are GraphQL fields of their own
 * (member-personal.resolver.ts: only for roles that see people, sensitive ones masked unless revealed,
 * every read audited); `maskedName` is what lists show.
 */
@Entity({
  tableName: 'member',
  // Migration20261203140000's: the dated memberships follow every undated change of a person (membership.entity.ts).
  triggers: [
    {
      name: 'member_membership_insert',
      timing: 'after',
      events: ['insert'],
      expression:
        'create trigger member_membership_insert after insert on member referencing new table as new_rows for each statement execute function hub_membership_follow()',
    },
    {
      name: 'member_membership_update',
      timing: 'after',
      events: ['update'],
      expression:
        'create trigger member_membership_update after update on member referencing new table as new_rows for each statement execute function hub_membership_follow()',
    },
  ],
})
@Index({ properties: ['organization', 'politicalStatus'] })
// A staff number (工号) names one person in a hospital; many have none.
@Index({
  name: 'member_hospital_staff_no_unique',
  expression: 'create unique index "member_hospital_staff_no_unique" on "member" ("hospital_id", "staff_no") where staff_no is not null',
})
@Check({
  name: 'member_conversion_after_joining',
  expression: 'converted_on is null or (joined_on is not null and converted_on >= joined_on)',
})
@Check({
  name: 'member_joined_after_birth',
  // Written as PostgreSQL prints it back, so the schema diff (migration-create) sees no change.
  expression: "joined_on is null or birth_date is null or joined_on >= birth_date + '18 years'::interval",
})
@ObjectType({
  implements: BaseEntity,
  simpleResolvers: true,
  description: d('人员（党员及入党申请人、积极分子、发展对象）', 'Person: members and the development pipeline'),
})
export class Member extends TimestampedEntity {
  @Field(() => Hospital, { description: d('医院', 'Hospital') })
  @Index()
  @ManyToOne(() => Hospital, { deleteRule: 'restrict' })
  hospital!: Hospital;

  /** Personal data: a GraphQL field of member-personal.resolver.ts. */
  @Property({ type: 'string', length: 64 })
  name!: string;

  /** Computed by PostgreSQL from `name` (see member.resolver.ts), so the name itself never leaves the database. */
  @Field(() => String, { description: d('脱敏姓名（如"张*"）', 'Masked name (e.g. "张*")') })
  maskedName?: string;

  @Field(() => Gender, { description: d('性别', 'Gender') })
  @Enum({ items: () => Gender })
  gender!: Gender;

  /** Personal data: a GraphQL field of member-personal.resolver.ts. */
  @Property({ type: 'date', nullable: true })
  birthDate?: string;

  /** Computed by PostgreSQL from `birth_date` (see member.resolver.ts). */
  @Field(() => Int, { nullable: true, description: d('出生年份', 'Year of birth') })
  birthYear?: number | null;

  /** Personal data: a GraphQL field of member-personal.resolver.ts. */
  @Property({ type: 'string', length: 32, nullable: true })
  ethnicity?: string;

  @Field(() => Education, { description: d('学历', 'Education') })
  @Enum({ items: () => Education })
  education!: Education;

  @Field(() => ProfessionalTitle, { description: d('专业技术职称', 'Professional title') })
  @Enum({ items: () => ProfessionalTitle })
  professionalTitle!: ProfessionalTitle;

  @Field(() => StaffCategory, { description: d('人员类别', 'Staff category') })
  @Enum({ items: () => StaffCategory })
  staffCategory!: StaffCategory;

  @Field(() => Department, { nullable: true, description: d('科室', 'Department') })
  @ManyToOne(() => Department, { nullable: true, deleteRule: 'set null' })
  @Index()
  department?: Department;

  @Field(() => Boolean, { description: d('科室负责人', 'Heads a department') })
  @Property({ type: 'boolean', default: false })
  isDeptHead: boolean = false;

  @Field(() => Boolean, { description: d('业务骨干', 'Business backbone') })
  @Property({ type: 'boolean', default: false })
  isBackbone: boolean = false;

  @Field(() => Boolean, { description: d('临床一线', 'Clinical front line') })
  @Property({ type: 'boolean', default: false })
  isFrontline: boolean = false;

  @Field(() => PoliticalStatus, { description: d('政治面貌/发展阶段', 'Political status / development stage') })
  @Enum({ items: () => PoliticalStatus })
  politicalStatus!: PoliticalStatus;

  @Field(() => MembershipStatus, { description: d('党籍状态', 'Membership status') })
  @Enum({ items: () => MembershipStatus, default: MembershipStatus.ACTIVE })
  membershipStatus: MembershipStatus = MembershipStatus.ACTIVE;

  /** The branch (党支部) the person belongs to, or is being developed by. */
  @Field(() => Organization, { description: d('所在党组织', 'Organisation') })
  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  organization!: Organization;

  @Field(() => Organization, { nullable: true, description: d('党小组', 'Party group') })
  @ManyToOne(() => Organization, { nullable: true, deleteRule: 'set null' })
  @Index()
  partyGroup?: Organization;

  @Field(() => LocalDate, {
    nullable: true,
    description: d('入党日期（政治生日，支部大会接收之日）', 'Joined on (political birthday: the day the branch admitted the person)'),
  })
  @Property({ type: 'date', nullable: true })
  @Index()
  joinedOn?: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: d('转正日期（党龄起算）', 'Converted to full member on (Party age counts from here)'),
  })
  @Property({ type: 'date', nullable: true })
  convertedOn?: string;

  /** Personal data: a GraphQL field of member-personal.resolver.ts. */
  @Property({ type: 'string', length: 18, nullable: true })
  idCardNo?: string;

  /** Personal data: a GraphQL field of member-personal.resolver.ts. */
  @Property({ type: 'string', length: 20, nullable: true })
  mobile?: string;

  /** The hospital's staff number (工号), unique in a hospital. Personal data: a GraphQL field of member-personal.resolver.ts. */
  @Property({ type: 'string', length: 32, nullable: true })
  staffNo?: string | null;
}
