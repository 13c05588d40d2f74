import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { HonorLevel, ProjectStatus } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { Organization } from '../organization/organization.entity.js';

/** A Party-building research project (党建课题) led by a branch. */
@Entity({ tableName: 'research_project' })
@ObjectType({ implements: BaseEntity, simpleResolvers: true, description: d('党建课题', 'Party-building research project') })
export class ResearchProject extends TimestampedEntity {
  @Field(() => String, { description: d('课题名称', 'Title') })
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => Organization, { description: d('牵头党组织', 'Lead organisation') })
  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  @Index()
  organization!: Organization;

  @Field(() => HonorLevel, { description: d('立项级别', 'Level') })
  @Enum({ items: () => HonorLevel })
  level!: HonorLevel;

  @Field(() => LocalDate, { description: d('立项日期', 'Approved on') })
  @Property({ type: 'date' })
  approvedOn!: string;

  @Field(() => ProjectStatus, { description: d('状态', 'Status') })
  @Enum({ items: () => ProjectStatus })
  status!: ProjectStatus;
}
