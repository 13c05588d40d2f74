import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { DepartmentType } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { Hospital, Organization } from './organization.entity.js';

/** A hospital department (科室). Branches are built on departments: 支部建在科室上. */
@Entity({ tableName: 'department' })
@Unique({ properties: ['hospital', 'name'] })
@ObjectType({ implements: BaseEntity, simpleResolvers: true, description: d('科室', 'Hospital department') })
export class Department extends TimestampedEntity {
  @Field(() => Hospital, { description: d('所属医院', 'Hospital') })
  @ManyToOne(() => Hospital, { deleteRule: 'restrict' })
  hospital!: Hospital;

  @Field(() => Department, { nullable: true, description: d('上级科室', 'Parent department') })
  @ManyToOne(() => Department, { nullable: true, deleteRule: 'restrict' })
  parent?: Department;

  @Field(() => String, { description: d('科室名称', 'Name') })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => DepartmentType, { description: d('科室类型', 'Type') })
  @Enum({ items: () => DepartmentType })
  type!: DepartmentType;

  /**
   * The branch currently built on this department (the primary, open-ended BranchDepartment row),
   * kept by a database trigger so that subtree filters on department data are one join.
   */
  @Field(() => Organization, {
    nullable: true,
    description: d('当前建在本科室上的党支部', 'The branch currently built on this department'),
  })
  @ManyToOne(() => Organization, { nullable: true, deleteRule: 'set null' })
  @Index()
  branch?: Organization;

  /** The day it closed (merged away, abolished): from then on it is no longer counted among departments. */
  @Field(() => LocalDate, { nullable: true, description: d('撤销日期（空表示仍存在）', 'Closed on (null while open)') })
  @Property({ type: 'date', nullable: true })
  closedOn?: string;
}

/** Which branch is built on which department, with validity dates (history matters). */
@Entity({
  tableName: 'branch_department',
  // Migration20261123031000's function; declared here so the schema diff keeps it.
  triggers: [
    {
      name: 'branch_department_sync',
      timing: 'after',
      events: ['insert', 'update', 'delete'],
      expression:
        'create trigger branch_department_sync after insert or update or delete on branch_department for each row execute function hub_department_branch()',
    },
  ],
})
@Index({ properties: ['department', 'validFrom'] })
@Check({ name: 'branch_department_valid_range', expression: 'valid_to is null or valid_to >= valid_from' })
@ObjectType({
  implements: BaseEntity,
  simpleResolvers: true,
  description: d('支部—科室对应关系（含有效期）', 'Branch built on a department, with validity dates'),
})
export class BranchDepartment extends BaseEntity {
  @Field(() => Organization, { description: d('党支部', 'Branch') })
  @Index()
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  branch!: Organization;

  @Field(() => Department, { description: d('科室', 'Department') })
  @ManyToOne(() => Department, { deleteRule: 'cascade' })
  department!: Department;

  @Field(() => LocalDate, { description: d('生效日期', 'Valid from') })
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => LocalDate, { nullable: true, description: d('失效日期（空表示当前有效）', 'Valid to (null while current)') })
  @Property({ type: 'date', nullable: true })
  validTo?: string;

  @Field(() => Boolean, { description: d('是否主要对应科室', 'Is the primary mapping') })
  @Property({ type: 'boolean', default: true })
  isPrimary: boolean = true;
}
