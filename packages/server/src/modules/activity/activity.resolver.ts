import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ActivityStatus, ActivityType, AttendanceRole, AttendanceStatus } from '../../domain/enums.js';
import { defineList } from '../../graphql/define-list.js';
import { d } from '../../graphql/describe.js';
import { DateFilter, enumFilter, FloatFilter, IdFilter, IntFilter, StringFilter } from '../../graphql/filters.js';
import { Member } from '../member/member.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { Activity } from './activity.entity.js';
import { Attendance } from './attendance.entity.js';

const ORG_ID = d('子树过滤：该党组织及其全部下级', 'Subtree filter: this organisation and everything under it');

@InputType({ description: d('活动过滤条件', 'Filter on activities') })
export class ActivityFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('开展活动的党组织（直接）', 'Organisation (direct)') }) organizationId?: IdFilter;
  @Field(() => enumFilter(ActivityType, 'ActivityType'), { nullable: true, description: d('类型', 'Type') }) type?: object;
  @Field(() => enumFilter(ActivityStatus, 'ActivityStatus'), { nullable: true, description: d('状态', 'Status') }) status?: object;
  @Field(() => StringFilter, { nullable: true, description: d('主题', 'Title') }) title?: StringFilter;
  @Field(() => DateFilter, { nullable: true, description: d('开展日期', 'Held on') }) heldOn?: DateFilter;
  @Field(() => StringFilter, { nullable: true, description: d('节日标签', 'Festival tag') }) festivalTag?: StringFilter;
  @Field(() => IntFilter, { nullable: true, description: d('受益群众人次', 'People served') }) beneficiaryCount?: object;
  @Field(() => Boolean, { nullable: true, description: d('是否补课', 'Is a make-up') }) isMakeup?: boolean;
  @Field(() => [ActivityFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: ActivityFilter[];
  @Field(() => [ActivityFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: ActivityFilter[];
}

@InputType({ description: d('活动参与记录过滤条件', 'Filter on participations') })
export class AttendanceFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, { nullable: true, description: ORG_ID }) orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('活动', 'Activity') }) activityId?: IdFilter;
  @Field(() => IdFilter, {
    nullable: true,
    description: d('人员（isNull: true 为党外群众）', 'Person (isNull: true for people outside the Party)'),
  })
  memberId?: IdFilter;
  @Field(() => enumFilter(AttendanceRole, 'AttendanceRole'), { nullable: true, description: d('角色', 'Role') }) role?: object;
  @Field(() => enumFilter(AttendanceStatus, 'AttendanceStatus'), { nullable: true, description: d('出勤状态', 'Status') }) status?: object;
  @Field(() => FloatFilter, { nullable: true, description: d('时长', 'Hours') }) hours?: object;
  @Field(() => [AttendanceFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: AttendanceFilter[];
  @Field(() => [AttendanceFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: AttendanceFilter[];
}

export const ActivityListResolver = defineList({
  queryName: 'activities',
  zh: '活动',
  en: 'Activities',
  filter: ActivityFilter,
  config: {
    entity: Activity,
    orgPaths: ['organization'],
    relations: { organizationId: { prop: 'organization', type: 'Organization' } },
    orderFields: {
      id: d('创建顺序（ID）', 'Creation order (id)'),
      heldOn: d('开展日期', 'Held on'),
      type: d('类型', 'Type'),
      title: d('名称/主题', 'Title'),
    },
  },
});

export const AttendanceListResolver = defineList({
  queryName: 'attendances',
  zh: '活动参与记录',
  en: 'Participations',
  filter: AttendanceFilter,
  config: {
    entity: Attendance,
    orgPaths: ['activity.organization'],
    relations: { activityId: { prop: 'activity', type: 'Activity' }, memberId: { prop: 'member', type: 'Member' } },
    orderFields: { id: d('创建顺序（ID）', 'Creation order (id)'), status: d('状态', 'Status') },
  },
});

@Resolver(() => Activity)
export class ActivityFieldsResolver {
  @FieldResolver(() => Organization, { description: d('开展活动的党组织', 'Organisation holding it') })
  organization(@Root() a: Activity, @Ctx() ctx: Context) {
    return ctx.loaders.one(Organization, a.organization);
  }

  @FieldResolver(() => Member, { nullable: true, description: d('主讲人', 'Lecturer') })
  lecturer(@Root() a: Activity, @Ctx() ctx: Context) {
    return ctx.loaders.one(Member, a.lecturer);
  }

  @FieldResolver(() => [Attendance], { description: d('参与记录', 'Participations') })
  attendances(@Root() a: Activity, @Ctx() ctx: Context) {
    return ctx.loaders.many(Attendance, 'activity', a.id);
  }
}

@Resolver(() => Attendance)
export class AttendanceFieldsResolver {
  @FieldResolver(() => Activity, { description: d('活动', 'Activity') })
  activity(@Root() a: Attendance, @Ctx() ctx: Context) {
    return ctx.loaders.one(Activity, a.activity);
  }

  @FieldResolver(() => Member, { nullable: true, description: d('人员（党外群众为空）', 'Person (null for people outside the Party)') })
  member(@Root() a: Attendance, @Ctx() ctx: Context) {
    return ctx.loaders.one(Member, a.member);
  }
}
