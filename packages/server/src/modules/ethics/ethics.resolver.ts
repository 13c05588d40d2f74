import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { EthicsEventType } from '../../domain/enums.js';
import { defineList } from '../../graphql/define-list.js';
import { d } from '../../graphql/describe.js';
import { DateFilter, enumFilter, FloatFilter, IdFilter } from '../../graphql/filters.js';
import { Member } from '../member/member.entity.js';
import { Department } from '../organization/department.entity.js';
import { EthicsEvent } from './ethics-event.entity.js';

@InputType({ description: d('医德医风事件过滤条件', 'Filter on medical-ethics events') })
export class EthicsEventFilter {
  @Field(() => IdFilter, { nullable: true, description: d('按ID', 'By id') }) id?: IdFilter;
  @Field(() => ID, {
    nullable: true,
    description: d('子树过滤（按科室所在党支部或医院）', "Subtree filter (by the department's branch or hospital)"),
  })
  orgId?: string;
  @Field(() => IdFilter, { nullable: true, description: d('科室', 'Department') }) departmentId?: IdFilter;
  @Field(() => IdFilter, { nullable: true, description: d('相关医务人员', 'Staff member') }) memberId?: IdFilter;
  @Field(() => enumFilter(EthicsEventType, 'EthicsEventType'), { nullable: true, description: d('类型', 'Type') }) type?: object;
  @Field(() => FloatFilter, { nullable: true, description: d('金额', 'Amount') }) amount?: object;
  @Field(() => DateFilter, { nullable: true, description: d('发生日期', 'Occurred on') }) occurredOn?: DateFilter;
  @Field(() => [EthicsEventFilter], { nullable: true, description: d('同时满足', 'All of') }) and?: EthicsEventFilter[];
  @Field(() => [EthicsEventFilter], { nullable: true, description: d('满足其一', 'Any of') }) or?: EthicsEventFilter[];
}

export const EthicsEventListResolver = defineList({
  queryName: 'ethicsEvents',
  zh: '医德医风事件',
  en: 'Medical-ethics events',
  filter: EthicsEventFilter,
  config: {
    entity: EthicsEvent,
    orgPaths: ['department.branch', 'department.hospital.committee'],
    relations: { departmentId: { prop: 'department', type: 'Department' }, memberId: { prop: 'member', type: 'Member' } },
    orderFields: { id: d('创建顺序（ID）', 'Creation order (id)'), occurredOn: d('发生日期', 'Occurred on'), type: d('类型', 'Type') },
  },
});

@Resolver(() => EthicsEvent)
export class EthicsEventFieldsResolver {
  @FieldResolver(() => Department, { description: d('科室', 'Department') })
  department(@Root() e: EthicsEvent, @Ctx() ctx: Context) {
    return ctx.loaders.one(Department, e.department);
  }

  @FieldResolver(() => Member, { nullable: true, description: d('相关医务人员', 'Staff member') })
  member(@Root() e: EthicsEvent, @Ctx() ctx: Context) {
    return ctx.loaders.one(Member, e.member);
  }
}
