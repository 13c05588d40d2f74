import { Field, ID, InputType, Int } from 'type-graphql';
import { DepartmentType, HospitalLevel, OrgCategory, OrgKind } from '../../domain/enums.js';
import { ArrayMaxSize, Max, MaxLength, Min, NotBlank } from '../../graphql/bounds.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';

/** Most organisations one merge takes, and most parts one split makes. */
export const MAX_RESTRUCTURE = 50;

@InputType({ description: d('成立一个党组织', 'Found an organisation') })
export class FoundOrganizationInput {
  @Field(() => ID, {
    nullable: true,
    description: d('上级党组织（仅全树账号可成立根组织）', 'Parent (only a whole-tree account founds a root)'),
  })
  parentId?: string | null;

  @Field(() => OrgKind, { description: d('类型（须为上级允许的下级类型）', 'Kind (one the parent’s kind may have under it)') })
  kind!: OrgKind;

  @Field(() => OrgCategory, { nullable: true, description: d('类别', 'Category') })
  category?: OrgCategory | null;

  @Field(() => String, { description: d('名称（同一上级下不重复）', 'Name (unique among its siblings)') })
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true, description: d('简称/编码（同一上级下不重复）', 'Short code (unique among its siblings)') })
  @MaxLength(64)
  code?: string | null;

  @Field(() => LocalDate, { description: d('成立日期', 'Founded on') })
  foundedOn!: string;

  @Field(() => LocalDate, { nullable: true, description: d('本届任期开始日期', 'Start of the current term') })
  termStart?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: d('任期年限（1–10；默认支部3年、党委5年）', 'Term in years (1–10; by default 3 for a branch, 5 for a committee)'),
  })
  @Min(1)
  @Max(10)
  termYears?: number | null;
}

@InputType({ description: d('拆分出的一个新组织', 'One organisation a split makes') })
export class SplitPartInput {
  @Field(() => String, { description: d('名称', 'Name') })
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true, description: d('简称/编码', 'Short code') })
  @MaxLength(64)
  code?: string | null;

  @Field(() => OrgCategory, { nullable: true, description: d('类别（默认同原组织）', 'Category (the original’s by default)') })
  category?: OrgCategory | null;

  @Field(() => [ID], {
    nullable: true,
    description: d('转入本组织的党员（未列出的转入第一个）', 'Members going to this part (those listed nowhere go to the first part)'),
  })
  @ArrayMaxSize(5000)
  memberIds?: string[] | null;
}

@InputType({ description: d('医院', 'A hospital') })
export class HospitalInput {
  @Field(() => String, { description: d('医院名称', 'Name') })
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @Field(() => HospitalLevel, { nullable: true, description: d('医院等级', 'Grade') })
  level?: HospitalLevel | null;

  @Field(() => String, { nullable: true, description: d('医院类型（最多 64 字）', 'Type (at most 64 characters)') })
  @MaxLength(64)
  type?: string | null;

  @Field(() => String, { nullable: true, description: d('所在地区（最多 64 字）', 'Region (at most 64 characters)') })
  @MaxLength(64)
  region?: string | null;
}

@InputType({
  description: d('新建医院（其党委须已成立且尚无医院）', 'Create a hospital (its committee founded, and without a hospital yet)'),
})
export class CreateHospitalInput extends HospitalInput {
  @Field(() => ID, { description: d('医院党委', "The hospital's Party committee") })
  committeeId!: string;
}

@InputType({ description: d('科室', 'A department') })
export class DepartmentInput {
  @Field(() => String, { description: d('科室名称（院内不重复）', 'Name (unique in its hospital)') })
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @Field(() => DepartmentType, { description: d('科室类型', 'Type') })
  type!: DepartmentType;

  @Field(() => ID, { nullable: true, description: d('上级科室（同一医院）', 'Parent department (same hospital)') })
  parentId?: string | null;
}

@InputType({ description: d('新建科室', 'Create a department') })
export class CreateDepartmentInput extends DepartmentInput {
  @Field(() => ID, { description: d('所属医院', 'Hospital') })
  hospitalId!: string;
}
