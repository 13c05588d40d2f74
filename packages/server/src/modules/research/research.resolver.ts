import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { HonorLevel, ProjectStatus } from '../../domain/enums.js';
import { defineList } from '../../graphql/define-list.js';
import { d } from '../../graphql/describe.js';
import { DateFilter, enumFilter, IdFilter, StringFilter } from '../../graphql/filters.js';
import { Organization } from '../organization/organization.entity.js';
import { ResearchProject } from './research-project.entity.js';

@InputType({ description: d('党建课题过滤条件', 'Filter on research projects') })
export class ResearchProjectFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, {
    nullable: true,
    description: d('子树过滤：该党组织及其全部下级', 'Subtree filter: this organisation and everything under it'),
  })
  orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('牵头党组织', 'Lead organisation') }) organizationId?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: d('课题名称', 'Title') }) title?: StringFilter;
  @Field(() => enumFilter(HonorLevel, 'HonorLevel'), { nullable: true, description: d('级别', 'Level') }) level?: object;
  @Field(() => enumFilter(ProjectStatus, 'ProjectStatus'), { nullable: true, description: d('状态', 'Status') }) status?: object;
  @Field(() => DateFilter, { nullable: true, description: d('立项日期', 'Approved on') }) approvedOn?: DateFilter;
}

export const ResearchProjectListResolver = defineList({
  queryName: 'researchProjects',
  zh: '党建课题',
  en: 'Party-building research projects',
  filter: ResearchProjectFilter,
  config: {
    entity: ResearchProject,
    orgPaths: ['organization'],
    relations: { organizationId: { prop: 'organization', type: 'Organization' } },
    orderFields: { id: d('创建顺序（ID）', 'Creation order (id)'), approvedOn: d('立项日期', 'Approved on'), level: d('级别', 'Level') },
  },
});

@Resolver(() => ResearchProject)
export class ResearchProjectFieldsResolver {
  @FieldResolver(() => Organization, { description: d('牵头党组织', 'Lead organisation') })
  organization(@Root() p: ResearchProject, @Ctx() ctx: Context) {
    return ctx.loaders.one(Organization, p.organization);
  }
}
