import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { AssessmentGrade, AssessmentSubject } from '../../domain/enums.js';
import { defineList } from '../../graphql/define-list.js';
import { d } from '../../graphql/describe.js';
import { enumFilter, FloatFilter, IdFilter, IntFilter } from '../../graphql/filters.js';
import { Member } from '../member/member.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { Assessment } from './assessment.entity.js';

@InputType({ description: d('考核过滤条件', 'Filter on assessments') })
export class AssessmentFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, {
    nullable: true,
    description: d('子树过滤：该党组织及其全部下级', 'Subtree filter: this organisation and everything under it'),
  })
  orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('党组织', 'Organisation') }) organizationId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('人员', 'Person') }) memberId?: IdFilter;
  @Field(() => enumFilter(AssessmentSubject, 'AssessmentSubject'), { nullable: true, description: d('考核对象类型', 'Subject type') })
  subjectType?: object;
  @Field(() => enumFilter(AssessmentGrade, 'AssessmentGrade'), { nullable: true, description: d('等次', 'Grade') }) grade?: object;
  @Field(() => IntFilter, { nullable: true, description: d('年度', 'Year') }) year?: object;
  @Field(() => FloatFilter, { nullable: true, description: d('得分', 'Score') }) score?: object;
  @Field(() => [AssessmentFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: AssessmentFilter[];
  @Field(() => [AssessmentFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: AssessmentFilter[];
}

export const AssessmentListResolver = defineList({
  queryName: 'assessments',
  zh: '四级分类考核',
  en: 'Classified assessments',
  filter: AssessmentFilter,
  config: {
    entity: Assessment,
    orgPaths: ['organization'],
    relations: { organizationId: { prop: 'organization', type: 'Organization' }, memberId: { prop: 'member', type: 'Member' } },
    orderFields: { id: d('创建顺序（ID）', 'Creation order (id)'), year: d('年度', 'Year'), grade: d('等次', 'Grade') },
  },
});

@Resolver(() => Assessment)
export class AssessmentFieldsResolver {
  @FieldResolver(() => Member, { nullable: true, description: d('被考核人员', 'Person assessed') })
  member(@Root() a: Assessment, @Ctx() ctx: Context) {
    return ctx.loaders.one(Member, a.member);
  }

  @FieldResolver(() => Organization, { description: d('党组织', 'Organisation') })
  organization(@Root() a: Assessment, @Ctx() ctx: Context) {
    return ctx.loaders.one(Organization, a.organization);
  }
}
