/** The audit log as the audit reader (审计管理员) reads it (`auditLog`): one row, its state before and after as JSON text. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';

@ObjectType({ description: d('审计日志的一条记录', 'One row of the audit log') })
export class AuditEntry {
  @Field(() => ID, { description: d('序号（链中的顺序）', 'Row number (the chain’s order)') })
  id!: string;

  @Field(() => Date, { description: d('时间', 'When') })
  at!: Date;

  @Field(() => String, { description: d('操作者', 'Who') })
  actor!: string;

  @Field(() => String, { description: d('动作（如 account.create）', 'What (e.g. account.create)') })
  action!: string;

  @Field(() => String, { description: d('对象类型', 'Entity') })
  entity!: string;

  @Field(() => Int, { nullable: true, description: d('对象行号', 'Entity row id') })
  entityId!: number | null;

  @Field(() => String, { nullable: true, description: d('变更前（JSON）', 'Before (JSON)') })
  before!: string | null;

  @Field(() => String, { nullable: true, description: d('变更后或详情（JSON）', 'After, or the detail (JSON)') })
  after!: string | null;

  @Field(() => String, { nullable: true, description: d('客户端地址', 'The client’s address') })
  address!: string | null;

  @Field(() => String, {
    nullable: true,
    description: d('请求编号（该请求响应头 x-request-id）', 'The request’s id (its response’s x-request-id header)'),
  })
  requestId!: string | null;
}

export const AuditEntryConnection = connectionOf(AuditEntry, '审计记录');

@InputType({
  description: d('审计日志过滤条件（日期按北京时间，含首尾两日）', 'Audit log filter (days in Beijing time, both ends included)'),
})
export class AuditFilter {
  @Field(() => LocalDate, { nullable: true, description: d('自此日', 'From this day') })
  from?: string | null;

  @Field(() => LocalDate, { nullable: true, description: d('至此日', 'To this day') })
  to?: string | null;

  @Field(() => String, { nullable: true, description: d('操作者（完全相同）', 'Actor (exactly)') })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: d('动作前缀（如 account.）', 'Action prefix (e.g. account.)') })
  actionPrefix?: string | null;
}
