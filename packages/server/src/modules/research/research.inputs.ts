import { Field, ID, InputType } from 'type-graphql';
import { HonorLevel, ProjectStatus } from '../../domain/enums.js';
import { MaxLength, NotBlank } from '../../graphql/bounds.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';

@InputType({ description: d('记录（或修改）一项党建课题', 'Record (or change) a Party-building research project') })
export class RecordResearchProjectInput {
  @Field(() => ID, { nullable: true, description: d('要修改的课题全局ID（新建时为空）', 'Project to change (null to record one)') })
  id?: string | null;

  @Field(() => ID, { description: d('牵头党组织', 'Lead organisation') })
  organizationId!: string;

  @Field(() => String, { description: d('课题名称（最多 300 字）', 'Title (at most 300 characters)') })
  @NotBlank()
  @MaxLength(300)
  title!: string;

  @Field(() => HonorLevel, { description: d('立项级别', 'Level') })
  level!: HonorLevel;

  @Field(() => LocalDate, { description: d('立项日期', 'Approved on') })
  approvedOn!: string;

  @Field(() => ProjectStatus, { description: d('状态', 'Status') })
  status!: ProjectStatus;
}
