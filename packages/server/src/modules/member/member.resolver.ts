import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import {
  DevelopmentStage,
  Education,
  Gender,
  MembershipStatus,
  PoliticalStatus,
  PositionRole,
  ProfessionalTitle,
  StaffCategory,
} from '../../domain/enums.js';
import { defineList } from '../../graphql/define-list.js';
import { d } from '../../graphql/describe.js';
import { DateFilter, enumFilter, IdFilter } from '../../graphql/filters.js';
import { Attendance } from '../activity/attendance.entity.js';
import { Honor } from '../honor/honor.entity.js';
import { Department } from '../organization/department.entity.js';
import { Hospital, Organization } from '../organization/organization.entity.js';
import { DevelopmentEvent } from './development-event.entity.js';
import { Member } from './member.entity.js';
import { Position } from './position.entity.js';

const ORG_ID = d('子树过滤：该党组织及其全部下级', 'Subtree filter: this organisation and everything under it');

@InputType({
  description: d('人员过滤条件（不支持按姓名等个人信息过滤）', 'Filter on people (no filtering on personal data such as names)'),
})
export class MemberFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('所在党组织（直接隶属）', 'Organisation (direct)') }) organizationId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('党小组', 'Party group') }) partyGroupId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('科室', 'Department') }) departmentId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('医院', 'Hospital') }) hospitalId?: IdFilter;
  @Field(() => enumFilter(Gender, 'Gender'), { nullable: true, description: d('性别', 'Gender') }) gender?: object;
  @Field(() => enumFilter(Education, 'Education'), { nullable: true, description: d('学历', 'Education') }) education?: object;
  @Field(() => enumFilter(ProfessionalTitle, 'ProfessionalTitle'), { nullable: true, description: d('职称', 'Professional title') })
  professionalTitle?: object;
  @Field(() => enumFilter(StaffCategory, 'StaffCategory'), { nullable: true, description: d('人员类别', 'Staff category') })
  staffCategory?: object;
  @Field(() => enumFilter(PoliticalStatus, 'PoliticalStatus'), { nullable: true, description: d('政治面貌/发展阶段', 'Political status') })
  politicalStatus?: object;
  @Field(() => enumFilter(MembershipStatus, 'MembershipStatus'), { nullable: true, description: d('党籍状态', 'Membership status') })
  membershipStatus?: object;
  @Field(() => Boolean, { nullable: true, description: d('科室负责人', 'Department head') }) isDeptHead?: boolean;
  @Field(() => Boolean, { nullable: true, description: d('业务骨干', 'Business backbone') }) isBackbone?: boolean;
  @Field(() => Boolean, { nullable: true, description: d('临床一线', 'Clinical front line') }) isFrontline?: boolean;
  @Field(() => DateFilter, { nullable: true, description: d('入党日期', 'Joined on') }) joinedOn?: DateFilter;
  @Field(() => DateFilter, { nullable: true, description: d('转正日期', 'Converted on') }) convertedOn?: DateFilter;
  @Field(() => [MemberFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: MemberFilter[];
  @Field(() => [MemberFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: MemberFilter[];
}

@InputType({ description: d('发展纪实过滤条件', 'Filter on development events') })
export class DevelopmentEventFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('人员', 'Person') }) memberId?: IdFilter;
  @Field(() => enumFilter(DevelopmentStage, 'DevelopmentStage'), { nullable: true, description: d('环节', 'Stage') }) stage?: object;
  @Field(() => DateFilter, { nullable: true, description: d('日期', 'Date') }) eventDate?: DateFilter;
  @Field(() => [DevelopmentEventFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: DevelopmentEventFilter[];
  @Field(() => [DevelopmentEventFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: DevelopmentEventFilter[];
}

@InputType({ description: d('任职记录过滤条件', 'Filter on positions') })
export class PositionFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('党组织', 'Organisation') }) organizationId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('人员', 'Person') }) memberId?: IdFilter;
  @Field(() => enumFilter(PositionRole, 'PositionRole'), { nullable: true, description: d('职务', 'Role') }) role?: object;
  @Field(() => DateFilter, { nullable: true, description: d('任职开始', 'Start') }) startOn?: DateFilter;
  @Field(() => DateFilter, { nullable: true, description: d('任职结束（isNull: true 即现任）', 'End (isNull: true for current)') })
  endOn?: DateFilter;
  @Field(() => Boolean, { nullable: true, description: d('科室负责人', 'Department head') }) isDeptHead?: boolean;
  @Field(() => Boolean, { nullable: true, description: d('双带头人', 'Dual leader') }) isDualLeader?: boolean;
  @Field(() => [PositionFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: PositionFilter[];
  @Field(() => [PositionFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: PositionFilter[];
}

export const MemberListResolver = defineList({
  queryName: 'members',
  zh: '人员',
  en: 'People (members and the development pipeline)',
  filter: MemberFilter,
  config: {
    entity: Member,
    orgPaths: ['organization'],
    relations: {
      organizationId: { prop: 'organization', type: 'Organization' },
      partyGroupId: { prop: 'partyGroup', type: 'Organization' },
      departmentId: { prop: 'department', type: 'Department' },
      hospitalId: { prop: 'hospital', type: 'Hospital' },
    },
    orderFields: {
      id: d('创建顺序（ID）', 'Creation order (id)'),
      politicalStatus: d('政治面貌', 'Political status'),
      professionalTitle: d('职称', 'Professional title'),
    },
  },
});

export const DevelopmentEventListResolver = defineList({
  queryName: 'developmentEvents',
  zh: '发展纪实',
  en: 'Development events',
  filter: DevelopmentEventFilter,
  config: {
    entity: DevelopmentEvent,
    orgPaths: ['member.organization'],
    relations: { memberId: { prop: 'member', type: 'Member' } },
    orderFields: { id: d('创建顺序（ID）', 'Creation order (id)'), eventDate: d('日期', 'Date'), stage: d('环节', 'Stage') },
  },
});

export const PositionListResolver = defineList({
  queryName: 'positions',
  zh: '任职记录',
  en: 'Positions',
  filter: PositionFilter,
  config: {
    entity: Position,
    orgPaths: ['organization'],
    relations: { organizationId: { prop: 'organization', type: 'Organization' }, memberId: { prop: 'member', type: 'Member' } },
    orderFields: { id: d('创建顺序（ID）', 'Creation order (id)'), startOn: d('任职开始', 'Start'), role: d('职务', 'Role') },
  },
});

@Resolver(() => Member)
export class MemberFieldsResolver {
  @FieldResolver(() => Organization, { description: d('所在党组织', 'Organisation') })
  organization(@Root() m: Member, @Ctx() ctx: Context) {
    return ctx.loaders.one(Organization, m.organization);
  }

  @FieldResolver(() => Organization, { nullable: true, description: d('党小组', 'Party group') })
  partyGroup(@Root() m: Member, @Ctx() ctx: Context) {
    return ctx.loaders.one(Organization, m.partyGroup);
  }

  @FieldResolver(() => Department, { nullable: true, description: d('科室', 'Department') })
  department(@Root() m: Member, @Ctx() ctx: Context) {
    return ctx.loaders.one(Department, m.department);
  }

  @FieldResolver(() => Hospital, { description: d('医院', 'Hospital') })
  hospital(@Root() m: Member, @Ctx() ctx: Context) {
    return ctx.loaders.one(Hospital, m.hospital);
  }

  @FieldResolver(() => [DevelopmentEvent], { description: d('发展纪实（按日期）', 'Development record (by date)') })
  stageEvents(@Root() m: Member, @Ctx() ctx: Context) {
    return ctx.loaders.many(DevelopmentEvent, 'member', m.id, { eventDate: 'asc' });
  }

  @FieldResolver(() => [Position], { description: d('任职记录', 'Positions held') })
  positions(@Root() m: Member, @Ctx() ctx: Context) {
    return ctx.loaders.many(Position, 'member', m.id, { startOn: 'asc' });
  }

  @FieldResolver(() => [Attendance], { description: d('活动参与记录', 'Participations') })
  attendances(@Root() m: Member, @Ctx() ctx: Context) {
    return ctx.loaders.many(Attendance, 'member', m.id);
  }

  @FieldResolver(() => [Honor], { description: d('个人荣誉', 'Honors received') })
  honors(@Root() m: Member, @Ctx() ctx: Context) {
    return ctx.loaders.many(Honor, 'member', m.id, { awardedOn: 'asc' });
  }
}

@Resolver(() => DevelopmentEvent)
export class DevelopmentEventFieldsResolver {
  @FieldResolver(() => Member, { description: d('人员', 'Person') })
  member(@Root() e: DevelopmentEvent, @Ctx() ctx: Context) {
    return ctx.loaders.one(Member, e.member);
  }

  @FieldResolver(() => [Member], { description: d('入党介绍人', 'Introducers') })
  async introducers(@Root() e: DevelopmentEvent, @Ctx() ctx: Context) {
    const people = await Promise.all([ctx.loaders.one(Member, e.introducer1), ctx.loaders.one(Member, e.introducer2)]);
    return people.filter((p): p is Member => p !== null);
  }
}

@Resolver(() => Position)
export class PositionFieldsResolver {
  @FieldResolver(() => Organization, { description: d('党组织', 'Organisation') })
  organization(@Root() p: Position, @Ctx() ctx: Context) {
    return ctx.loaders.one(Organization, p.organization);
  }

  @FieldResolver(() => Member, { description: d('任职人员', 'Person') })
  member(@Root() p: Position, @Ctx() ctx: Context) {
    return ctx.loaders.one(Member, p.member);
  }
}
