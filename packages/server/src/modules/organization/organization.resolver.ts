import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { DepartmentType, HospitalLevel, OrgCategory, OrgKind } from '../../domain/enums.js';
import { defineList } from '../../graphql/define-list.js';
import { d } from '../../graphql/describe.js';
import { DateFilter, enumFilter, IdFilter, IntFilter, StringFilter } from '../../graphql/filters.js';
import { Activity } from '../activity/activity.entity.js';
import { Member } from '../member/member.entity.js';
import { Position } from '../member/position.entity.js';
import { BranchDepartment, Department } from './department.entity.js';
import { Hospital, Organization } from './organization.entity.js';

const ORG_ID = d('子树过滤：该党组织及其全部下级', 'Subtree filter: this organisation and everything under it');

@InputType({ description: d('党组织过滤条件', 'Filter on organisations') })
export class OrganizationFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('上级党组织', 'Parent organisation') }) parentId?: IdFilter;
  @Field(() => enumFilter(OrgKind, 'OrgKind'), { nullable: true, description: d('类型', 'Kind') }) kind?: object;
  @Field(() => enumFilter(OrgCategory, 'OrgCategory'), { nullable: true, description: d('类别', 'Category') }) category?: object;
  @Field(() => StringFilter, { nullable: true, description: d('名称', 'Name') }) name?: StringFilter;
  @Field(() => IntFilter, { nullable: true, description: d('层级深度', 'Depth') }) depth?: object;
  @Field(() => DateFilter, { nullable: true, description: d('成立日期', 'Founded on') }) foundedOn?: DateFilter;
  @Field(() => DateFilter, {
    nullable: true,
    description: d('撤销日期（isNull: true 即现存组织）', 'Dissolved on (isNull: true for active ones)'),
  })
  dissolvedOn?: DateFilter;
  @Field(() => DateFilter, { nullable: true, description: d('本届任期开始', 'Term start') }) termStart?: DateFilter;
  @Field(() => [OrganizationFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: OrganizationFilter[];
  @Field(() => [OrganizationFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: OrganizationFilter[];
}

@InputType({ description: d('医院过滤条件', 'Filter on hospitals') })
export class HospitalFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => StringFilter, { nullable: true, description: d('名称', 'Name') }) name?: StringFilter;
  @Field(() => enumFilter(HospitalLevel, 'HospitalLevel'), { nullable: true, description: d('等级', 'Grade') }) level?: object;
  @Field(() => StringFilter, { nullable: true, description: d('地区', 'Region') }) region?: StringFilter;
  @Field(() => [HospitalFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: HospitalFilter[];
  @Field(() => [HospitalFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: HospitalFilter[];
}

@InputType({ description: d('科室过滤条件', 'Filter on departments') })
export class DepartmentFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('所属医院', 'Hospital') }) hospitalId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('当前对应党支部', 'Current branch') }) branchId?: IdFilter;
  @Field(() => StringFilter, { nullable: true, description: d('名称', 'Name') }) name?: StringFilter;
  @Field(() => enumFilter(DepartmentType, 'DepartmentType'), { nullable: true, description: d('类型', 'Type') }) type?: object;
  @Field(() => [DepartmentFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: DepartmentFilter[];
  @Field(() => [DepartmentFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: DepartmentFilter[];
}

@InputType({ description: d('支部—科室对应关系过滤条件', 'Filter on branch–department mappings') })
export class BranchDepartmentFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('党支部', 'Branch') }) branchId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('科室', 'Department') }) departmentId?: IdFilter;
  @Field(() => DateFilter, { nullable: true, description: d('生效日期', 'Valid from') }) validFrom?: DateFilter;
  @Field(() => DateFilter, { nullable: true, description: d('失效日期', 'Valid to') }) validTo?: DateFilter;
  @Field(() => Boolean, { nullable: true, description: d('是否主要对应', 'Is primary') }) isPrimary?: boolean;
}

export const OrganizationListResolver = defineList({
  queryName: 'organizations',
  zh: '党组织',
  en: 'Party organisations',
  filter: OrganizationFilter,
  config: {
    entity: Organization,
    orgPaths: [''],
    relations: { parentId: { prop: 'parent', type: 'Organization' } },
    orderFields: {
      id: d('创建顺序（ID）', 'Creation order (id)'),
      name: d('名称', 'Name'),
      path: d('树形顺序（物化路径）', 'Tree order (materialised path)'),
      depth: d('层级深度', 'Depth'),
      kind: d('类型', 'Kind'),
    },
  },
});

export const HospitalListResolver = defineList({
  queryName: 'hospitals',
  zh: '医院',
  en: 'Hospitals',
  filter: HospitalFilter,
  config: {
    entity: Hospital,
    orgPaths: ['committee'],
    orderFields: { id: d('创建顺序（ID）', 'Creation order (id)'), name: d('名称', 'Name') },
  },
});

export const DepartmentListResolver = defineList({
  queryName: 'departments',
  zh: '科室',
  en: 'Departments',
  filter: DepartmentFilter,
  config: {
    entity: Department,
    orgPaths: ['branch', 'hospital.committee'],
    relations: { hospitalId: { prop: 'hospital', type: 'Hospital' }, branchId: { prop: 'branch', type: 'Organization' } },
    orderFields: { id: d('创建顺序（ID）', 'Creation order (id)'), name: d('名称', 'Name'), type: d('类型', 'Type') },
  },
});

export const BranchDepartmentListResolver = defineList({
  queryName: 'branchDepartments',
  zh: '支部—科室对应关系',
  en: 'Branch–department mappings',
  filter: BranchDepartmentFilter,
  config: {
    entity: BranchDepartment,
    orgPaths: ['branch'],
    relations: { branchId: { prop: 'branch', type: 'Organization' }, departmentId: { prop: 'department', type: 'Department' } },
    orderFields: { id: d('创建顺序（ID）', 'Creation order (id)'), validFrom: d('生效日期', 'Valid from') },
  },
});

@Resolver(() => Organization)
export class OrganizationFieldsResolver {
  @FieldResolver(() => Organization, { nullable: true, description: d('上级党组织', 'Parent organisation') })
  parent(@Root() org: Organization, @Ctx() ctx: Context) {
    return ctx.loaders.one(Organization, org.parent);
  }

  @FieldResolver(() => [Organization], { description: d('直接下级党组织', 'Direct child organisations') })
  children(@Root() org: Organization, @Ctx() ctx: Context) {
    return ctx.loaders.many(Organization, 'parent', org.id, { name: 'asc' });
  }

  @FieldResolver(() => [Member], {
    description: d(
      '直接隶属本组织的人员（子树请用 members(filter: {orgId})）',
      'People directly in this organisation (for the subtree use members(filter: {orgId}))',
    ),
  })
  members(@Root() org: Organization, @Ctx() ctx: Context) {
    return ctx.loaders.many(Member, 'organization', org.id);
  }

  @FieldResolver(() => [Activity], { description: d('本组织开展的活动（按日期）', 'Activities held by this organisation (by date)') })
  activities(@Root() org: Organization, @Ctx() ctx: Context) {
    return ctx.loaders.many(Activity, 'organization', org.id, { heldOn: 'asc' });
  }

  @FieldResolver(() => [Position], { description: d('本组织的任职记录', 'Positions held in this organisation') })
  positions(@Root() org: Organization, @Ctx() ctx: Context) {
    return ctx.loaders.many(Position, 'organization', org.id, { startOn: 'asc' });
  }

  @FieldResolver(() => [Department], { description: d('当前建在其上的科室', 'Departments this branch is currently built on') })
  departments(@Root() org: Organization, @Ctx() ctx: Context) {
    return ctx.loaders.many(Department, 'branch', org.id, { name: 'asc' });
  }
}

@Resolver(() => Hospital)
export class HospitalFieldsResolver {
  @FieldResolver(() => Organization, { description: d('医院党委', "The hospital's Party committee") })
  committee(@Root() h: Hospital, @Ctx() ctx: Context) {
    return ctx.loaders.one(Organization, h.committee);
  }

  @FieldResolver(() => [Department], { description: d('科室', 'Departments') })
  departments(@Root() h: Hospital, @Ctx() ctx: Context) {
    return ctx.loaders.many(Department, 'hospital', h.id, { name: 'asc' });
  }
}

@Resolver(() => Department)
export class DepartmentFieldsResolver {
  @FieldResolver(() => Hospital, { description: d('所属医院', 'Hospital') })
  hospital(@Root() dep: Department, @Ctx() ctx: Context) {
    return ctx.loaders.one(Hospital, dep.hospital);
  }

  @FieldResolver(() => Department, { nullable: true, description: d('上级科室', 'Parent department') })
  parent(@Root() dep: Department, @Ctx() ctx: Context) {
    return ctx.loaders.one(Department, dep.parent);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: d('当前建在本科室上的党支部', 'The branch currently built on this department'),
  })
  branch(@Root() dep: Department, @Ctx() ctx: Context) {
    return ctx.loaders.one(Organization, dep.branch);
  }

  @FieldResolver(() => [BranchDepartment], { description: d('支部对应历史', 'History of branch mappings') })
  branchHistory(@Root() dep: Department, @Ctx() ctx: Context) {
    return ctx.loaders.many(BranchDepartment, 'department', dep.id, { validFrom: 'asc' });
  }

  @FieldResolver(() => [Member], { description: d('本科室人员', 'People of this department') })
  members(@Root() dep: Department, @Ctx() ctx: Context) {
    return ctx.loaders.many(Member, 'department', dep.id);
  }
}

@Resolver(() => BranchDepartment)
export class BranchDepartmentFieldsResolver {
  @FieldResolver(() => Organization, { description: d('党支部', 'Branch') })
  branch(@Root() bd: BranchDepartment, @Ctx() ctx: Context) {
    return ctx.loaders.one(Organization, bd.branch);
  }

  @FieldResolver(() => Department, { description: d('科室', 'Department') })
  department(@Root() bd: BranchDepartment, @Ctx() ctx: Context) {
    return ctx.loaders.one(Department, bd.department);
  }
}
