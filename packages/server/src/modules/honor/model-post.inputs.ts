import { Field, ID, InputType } from 'type-graphql';
import { HonorLevel, ModelPostType } from '../../domain/enums.js';
import { MaxLength, NotBlank } from '../../graphql/bounds.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';

@InputType({ description: d('记录（或修改）一个党员示范岗', 'Record (or change) a model post') })
export class RecordModelPostInput {
  @Field(() => ID, { nullable: true, description: d('要修改的示范岗全局ID（新建时为空）', 'Model post to change (null to record one)') })
  id?: string | null;

  @Field(() => ModelPostType, { description: d('类型', 'Type') })
  type!: ModelPostType;

  @Field(() => String, { description: d('名称（最多 200 字）', 'Title (at most 200 characters)') })
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @Field(() => ID, { nullable: true, description: d('岗位人员', 'Holder') })
  memberId?: string | null;

  @Field(() => ID, { nullable: true, description: d('科室', 'Department') })
  departmentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: d('所属党组织（人员、科室、党组织至少其一）', 'Organisation (a holder, a department or an organisation, at least one)'),
  })
  organizationId?: string | null;

  @Field(() => HonorLevel, { description: d('命名级别', 'Level') })
  level!: HonorLevel;

  @Field(() => LocalDate, { description: d('设立日期', 'Established on') })
  establishedOn!: string;

  @Field(() => LocalDate, { nullable: true, description: d('撤销日期（不早于设立日期）', 'Revoked on (not before it was established)') })
  revokedOn?: string | null;
}
