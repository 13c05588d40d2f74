import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { HonorCategory, HonorLevel, ModelPostType, RecipientType } from '../../domain/enums.js';
import { defineList } from '../../graphql/define-list.js';
import { d } from '../../graphql/describe.js';
import { DateFilter, enumFilter, IdFilter, StringFilter } from '../../graphql/filters.js';
import { Member } from '../member/member.entity.js';
import { Department } from '../organization/department.entity.js';
import { Hospital, Organization } from '../organization/organization.entity.js';
import { Honor } from './honor.entity.js';
import { ModelPost } from './model-post.entity.js';

const ORG_ID = d('子树过滤：该党组织及其全部下级', 'Subtree filter: this organisation and everything under it');

@InputType({ description: d('荣誉过滤条件', 'Filter on honors') })
export class HonorFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('获奖人员', 'Person honored') }) memberId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('党组织', 'Organisation') }) organizationId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('科室', 'Department') }) departmentId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('医院', 'Hospital') }) hospitalId?: IdFilter;
  @Field(() => enumFilter(RecipientType, 'RecipientType'), { nullable: true, description: d('获得者类型', 'Recipient type') })
  recipientType?: object;
  @Field(() => enumFilter(HonorCategory, 'HonorCategory'), { nullable: true, description: d('类别', 'Category') }) category?: object;
  @Field(() => enumFilter(HonorLevel, 'HonorLevel'), { nullable: true, description: d('级别', 'Level') }) level?: object;
  @Field(() => StringFilter, { nullable: true, description: d('名称', 'Title') }) title?: StringFilter;
  @Field(() => DateFilter, { nullable: true, description: d('授予日期', 'Awarded on') }) awardedOn?: DateFilter;
  @Field(() => [HonorFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: HonorFilter[];
  @Field(() => [HonorFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: HonorFilter[];
}

@InputType({ description: d('示范岗过滤条件', 'Filter on model posts') })
export class ModelPostFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('科室', 'Department') }) departmentId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('党组织', 'Organisation') }) organizationId?: IdFilter;
  @Field(() => enumFilter(ModelPostType, 'ModelPostType'), { nullable: true, description: d('类型', 'Type') }) type?: object;
  @Field(() => enumFilter(HonorLevel, 'HonorLevel'), { nullable: true, description: d('级别', 'Level') }) level?: object;
  @Field(() => DateFilter, { nullable: true, description: d('设立日期', 'Established on') }) establishedOn?: DateFilter;
  @Field(() => DateFilter, { nullable: true, description: d('撤销日期（isNull: true 即现存）', 'Revoked on (isNull: true for active)') })
  revokedOn?: DateFilter;
  @Field(() => [ModelPostFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: ModelPostFilter[];
  @Field(() => [ModelPostFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: ModelPostFilter[];
}

export const HonorListResolver = defineList({
  queryName: 'honors',
  zh: '荣誉',
  en: 'Honors',
  filter: HonorFilter,
  config: {
    entity: Honor,
    orgPaths: ['organization', 'department.branch', 'hospital.committee'],
    relations: {
      memberId: { prop: 'member', type: 'Member' },
      organizationId: { prop: 'organization', type: 'Organization' },
      departmentId: { prop: 'department', type: 'Department' },
      hospitalId: { prop: 'hospital', type: 'Hospital' },
    },
    orderFields: { id: d('创建顺序（ID）', 'Creation order (id)'), awardedOn: d('授予日期', 'Awarded on'), level: d('级别', 'Level') },
  },
});

export const ModelPostListResolver = defineList({
  queryName: 'modelPosts',
  zh: '党员示范岗',
  en: 'Model posts',
  filter: ModelPostFilter,
  config: {
    entity: ModelPost,
    orgPaths: ['organization', 'department.branch'],
    relations: { departmentId: { prop: 'department', type: 'Department' }, organizationId: { prop: 'organization', type: 'Organization' } },
    orderFields: {
      id: d('创建顺序（ID）', 'Creation order (id)'),
      establishedOn: d('设立日期', 'Established on'),
      type: d('类型', 'Type'),
    },
  },
});

@Resolver(() => Honor)
export class HonorFieldsResolver {
  @FieldResolver(() => Hospital, { description: d('医院', 'Hospital') })
  hospital(@Root() h: Honor, @Ctx() ctx: Context) {
    return ctx.loaders.one(Hospital, h.hospital);
  }

  @FieldResolver(() => Member, { nullable: true, description: d('获奖人员', 'Person honored') })
  member(@Root() h: Honor, @Ctx() ctx: Context) {
    return ctx.loaders.one(Member, h.member);
  }

  @FieldResolver(() => Organization, { nullable: true, description: d('党组织', 'Organisation') })
  organization(@Root() h: Honor, @Ctx() ctx: Context) {
    return ctx.loaders.one(Organization, h.organization);
  }

  @FieldResolver(() => Department, { nullable: true, description: d('科室', 'Department') })
  department(@Root() h: Honor, @Ctx() ctx: Context) {
    return ctx.loaders.one(Department, h.department);
  }
}

@Resolver(() => ModelPost)
export class ModelPostFieldsResolver {
  @FieldResolver(() => Member, { nullable: true, description: d('岗位人员', 'Holder') })
  member(@Root() p: ModelPost, @Ctx() ctx: Context) {
    return ctx.loaders.one(Member, p.member);
  }

  @FieldResolver(() => Department, { nullable: true, description: d('科室', 'Department') })
  department(@Root() p: ModelPost, @Ctx() ctx: Context) {
    return ctx.loaders.one(Department, p.department);
  }

  @FieldResolver(() => Organization, { nullable: true, description: d('党组织', 'Organisation') })
  organization(@Root() p: ModelPost, @Ctx() ctx: Context) {
    return ctx.loaders.one(Organization, p.organization);
  }
}
