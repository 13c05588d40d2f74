import { Field, ID, InputType } from 'type-graphql';
import { Education, Gender, PoliticalStatus, ProfessionalTitle, StaffCategory } from '../../domain/enums.js';
import { MaxLength, NotBlank } from '../../graphql/bounds.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';

/** The fields a person's record has in common between a new record and a correction of one. */
@InputType({ description: d('人员信息（更正时只填要改的项）', 'A person’s record (for an update: only what changes)') })
export class PersonFieldsInput {
  @Field(() => String, { nullable: true, description: d('姓名（个人信息）', 'Name (personal)') })
  @NotBlank()
  @MaxLength(64)
  name?: string | null;

  @Field(() => Gender, { nullable: true, description: d('性别（须与身份证号一致）', 'Gender (must agree with the ID-card number)') })
  gender?: Gender | null;

  @Field(() => String, {
    nullable: true,
    description: d(
      '身份证号（个人信息；18 位，校验位按 GB 11643 核对；同一医院内不可重复）',
      'ID-card number (personal; 18 characters, check digit per GB 11643; unique in a hospital)',
    ),
  })
  @MaxLength(40)
  idCardNo?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: d('出生日期（个人信息；默认取自身份证号）', 'Birth date (personal; taken from the ID-card number when not given)'),
  })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: d('民族（个人信息）', 'Ethnicity (personal)') })
  @MaxLength(32)
  ethnicity?: string | null;

  @Field(() => String, { nullable: true, description: d('手机号（个人信息；11 位）', 'Mobile (personal; 11 digits)') })
  @MaxLength(40)
  mobile?: string | null;

  @Field(() => String, {
    nullable: true,
    description: d(
      '工号（个人信息；最多 32 字；同一医院内不可重复；更正时填空白则清除）',
      'Staff number (personal; at most 32 characters; unique in a hospital; an update with a blank one clears it)',
    ),
  })
  @MaxLength(32)
  staffNo?: string | null;

  @Field(() => Education, { nullable: true, description: d('学历', 'Education') })
  education?: Education | null;

  @Field(() => ProfessionalTitle, { nullable: true, description: d('专业技术职称', 'Professional title') })
  professionalTitle?: ProfessionalTitle | null;

  @Field(() => StaffCategory, { nullable: true, description: d('人员类别', 'Staff category') })
  staffCategory?: StaffCategory | null;

  @Field(() => ID, { nullable: true, description: d('科室（须属同一医院）', 'Department (of the same hospital)') })
  departmentId?: string | null;

  @Field(() => PoliticalStatus, {
    nullable: true,
    description: d('政治面貌（已有发展纪实的人员由纪实决定）', 'Political status (follows the development record where there is one)'),
  })
  politicalStatus?: PoliticalStatus | null;

  @Field(() => LocalDate, { nullable: true, description: d('入党日期', 'Joined on') })
  joinedOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: d('转正日期', 'Converted on') })
  convertedOn?: string | null;

  @Field(() => Boolean, { nullable: true, description: d('科室负责人', 'Heads a department') })
  isDeptHead?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: d('业务骨干', 'Business backbone') })
  isBackbone?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: d('临床一线', 'Clinical front line') })
  isFrontline?: boolean | null;
}

@InputType({ description: d('新建人员记录（在册）', 'A new person’s record (active)') })
export class CreateMemberInput extends PersonFieldsInput {
  @Field(() => ID, { description: d('所在党支部', 'Branch') })
  organizationId!: string;
}
