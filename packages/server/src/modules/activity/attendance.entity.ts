import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Float, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../graphql/base.entity.js';
import { AttendanceRole, AttendanceStatus } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { Member } from '../member/member.entity.js';
import { Activity } from './activity.entity.js';

/** One person's participation in an activity (参与); the person is null for people outside the Party. */
@Entity({ tableName: 'attendance' })
@Unique({ properties: ['activity', 'member'] })
// Compared as numeric (see Migration20261124040000 for why).
@Check({ name: 'attendance_hours', expression: 'hours is null or (hours::numeric >= 0 and hours::numeric <= 24)' })
// A reason is for leave or absence (or an exemption): one who was present has none.
@Check({ name: 'attendance_reason', expression: "reason is null or status <> 'present'" })
@ObjectType({ implements: BaseEntity, simpleResolvers: true, description: d('活动参与记录', 'Participation in an activity') })
export class Attendance extends BaseEntity {
  @Field(() => Activity, { description: d('活动', 'Activity') })
  @ManyToOne(() => Activity, { deleteRule: 'cascade' })
  activity!: Activity;

  @Field(() => Member, { nullable: true, description: d('人员（党外群众为空）', 'Person (null for people outside the Party)') })
  @ManyToOne(() => Member, { nullable: true, deleteRule: 'cascade' })
  @Index()
  member?: Member;

  @Field(() => AttendanceRole, { description: d('角色', 'Role') })
  @Enum({ items: () => AttendanceRole, default: AttendanceRole.ATTENDEE })
  role: AttendanceRole = AttendanceRole.ATTENDEE;

  @Field(() => AttendanceStatus, { description: d('出勤状态', 'Status') })
  @Enum({ items: () => AttendanceStatus })
  status!: AttendanceStatus;

  @Field(() => Float, { nullable: true, description: d('时长（小时）', 'Hours') })
  @Property({ type: 'double', nullable: true })
  hours?: number;

  @Field(() => String, { nullable: true, description: d('请假/缺席原因', 'Reason for leave or absence') })
  @Property({ type: 'string', length: 200, nullable: true })
  reason?: string | null;
}
