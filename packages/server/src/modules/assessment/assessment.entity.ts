import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { DecimalType } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { AssessmentGrade, AssessmentSubject } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { Decimal } from '../../graphql/scalars.js';
import { Member } from '../member/member.entity.js';
import { Organization } from '../organization/organization.entity.js';

/** A yearly four-level classified assessment (四级分类考核) of a member, branch or secretary. */
@Entity({ tableName: 'assessment' })
@Index({ properties: ['subjectType', 'year'] })
@Check({
  name: 'assessment_subject',
  expression: `(subject_type = 'branch' and organization_id is not null) or (subject_type <> 'branch' and member_id is not null)`,
})
@Check({ name: 'assessment_score', expression: 'score is null or (score >= 0 and score <= 100)' })
@ObjectType({ implements: BaseEntity, simpleResolvers: true, description: d('四级分类考核', 'Classified assessment') })
export class Assessment extends TimestampedEntity {
  @Field(() => AssessmentSubject, { description: d('考核对象类型', 'Subject type') })
  @Enum({ items: () => AssessmentSubject })
  subjectType!: AssessmentSubject;

  @Field(() => Member, { nullable: true, description: d('被考核人员', 'Person assessed') })
  @ManyToOne(() => Member, { nullable: true, deleteRule: 'cascade' })
  @Index()
  member?: Member;

  /** The branch assessed, or the branch of the member assessed. */
  @Field(() => Organization, { description: d('党组织', 'Organisation') })
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  @Index()
  organization!: Organization;

  @Field(() => Int, { description: d('考核年度', 'Year') })
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => Decimal, { nullable: true, description: d('得分', 'Score') })
  @Property({ type: new DecimalType('string'), precision: 5, scale: 2, nullable: true })
  score?: string;

  @Field(() => AssessmentGrade, { description: d('等次', 'Grade') })
  @Enum({ items: () => AssessmentGrade })
  grade!: AssessmentGrade;
}
