import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { SurveyCadence, SurveyKind, SurveyScale, SurveySource } from '../../domain/enums.js';
import { defineList } from '../../graphql/define-list.js';
import { d } from '../../graphql/describe.js';
import { DateFilter, enumFilter, IdFilter, IntFilter, StringFilter } from '../../graphql/filters.js';
import { Department } from '../organization/department.entity.js';
import { Hospital } from '../organization/organization.entity.js';
import { Survey, SurveyResponse } from './survey.entity.js';

const ORG_ID = d(
  '子树过滤：该党组织及其全部下级（按科室所在党支部或医院）',
  "Subtree filter: this organisation and everything under it (by the department's branch or the hospital)",
);

@InputType({ description: d('满意度调查过滤条件', 'Filter on surveys') })
export class SurveyFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('医院', 'Hospital') }) hospitalId?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: d('名称', 'Title') }) title?: StringFilter;
  @Field(() => enumFilter(SurveyKind, 'SurveyKind'), { nullable: true, description: d('调查对象', 'Kind') }) kind?: object;
  @Field(() => enumFilter(SurveySource, 'SurveySource'), { nullable: true, description: d('来源', 'Source') }) source?: object;
  @Field(() => enumFilter(SurveyCadence, 'SurveyCadence'), { nullable: true, description: d('频次', 'Cadence') }) cadence?: object;
  @Field(() => enumFilter(SurveyScale, 'SurveyScale'), { nullable: true, description: d('计分方式', 'Scale') }) scale?: object;
}

@InputType({ description: d('满意度答卷过滤条件', 'Filter on survey responses') })
export class SurveyResponseFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('调查', 'Survey') }) surveyId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('科室', 'Department') }) departmentId?: IdFilter;
  @Field(() => DateFilter, { nullable: true, description: d('答卷日期', 'Responded on') }) respondedOn?: DateFilter;
  @Field(() => IntFilter, { nullable: true, description: d('总体评分', 'Overall score') }) overallScore?: object;
  @Field(() => Boolean, { nullable: true, description: d('是否满意', 'Satisfied') }) isSatisfied?: boolean;
  @Field(() => [SurveyResponseFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: SurveyResponseFilter[];
  @Field(() => [SurveyResponseFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: SurveyResponseFilter[];
}

export const SurveyListResolver = defineList({
  queryName: 'surveys',
  zh: '满意度调查',
  en: 'Satisfaction surveys',
  filter: SurveyFilter,
  config: {
    entity: Survey,
    orgPaths: ['hospital.committee'],
    relations: { hospitalId: { prop: 'hospital', type: 'Hospital' } },
    orderFields: { id: d('创建顺序（ID）', 'Creation order (id)'), title: d('名称/主题', 'Title'), kind: d('类型', 'Kind') },
  },
});

export const SurveyResponseListResolver = defineList({
  queryName: 'surveyResponses',
  zh: '满意度答卷',
  en: 'Survey responses',
  filter: SurveyResponseFilter,
  config: {
    entity: SurveyResponse,
    orgPaths: ['department.branch', 'survey.hospital.committee'],
    relations: { surveyId: { prop: 'survey', type: 'Survey' }, departmentId: { prop: 'department', type: 'Department' } },
    orderFields: {
      id: d('创建顺序（ID）', 'Creation order (id)'),
      respondedOn: d('答卷日期', 'Responded on'),
      overallScore: d('总体评分', 'Overall score'),
    },
  },
});

@Resolver(() => Survey)
export class SurveyFieldsResolver {
  @FieldResolver(() => Hospital, { description: d('医院', 'Hospital') })
  hospital(@Root() s: Survey, @Ctx() ctx: Context) {
    return ctx.loaders.one(Hospital, s.hospital);
  }
}

@Resolver(() => SurveyResponse)
export class SurveyResponseFieldsResolver {
  @FieldResolver(() => Survey, { description: d('所属调查', 'Survey') })
  survey(@Root() r: SurveyResponse, @Ctx() ctx: Context) {
    return ctx.loaders.one(Survey, r.survey);
  }

  @FieldResolver(() => Department, { nullable: true, description: d('科室', 'Department') })
  department(@Root() r: SurveyResponse, @Ctx() ctx: Context) {
    return ctx.loaders.one(Department, r.department);
  }
}
