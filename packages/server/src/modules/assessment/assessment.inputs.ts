import { Field, ID, InputType, Int } from 'type-graphql';
import { AssessmentGrade, AssessmentSubject } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { Decimal } from '../../graphql/scalars.js';

@InputType({ description: d('记录（或修改）一项四级分类考核', 'Record (or change) a classified assessment') })
export class RecordAssessmentInput {
  @Field(() => ID, { nullable: true, description: d('要修改的考核全局ID（新建时为空）', 'Assessment to change (null to record one)') })
  id?: string | null;

  @Field(() => AssessmentSubject, { description: d('考核对象类型', 'Who is assessed') })
  subjectType!: AssessmentSubject;

  @Field(() => ID, { nullable: true, description: d('被考核人员（对象为人员时必填）', 'Person assessed (required unless a branch is)') })
  memberId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: d(
      '被考核党支部（对象为支部时必填；人员默认其所在支部）',
      'Branch assessed (required for a branch; a person’s own branch by default)',
    ),
  })
  organizationId?: string | null;

  @Field(() => Int, { description: d('考核年度', 'Year') })
  year!: number;

  @Field(() => Decimal, { nullable: true, description: d('得分（0–100，最多两位小数）', 'Score (0–100, two decimals at most)') })
  score?: string | null;

  @Field(() => AssessmentGrade, { description: d('等次', 'Grade') })
  grade!: AssessmentGrade;
}
