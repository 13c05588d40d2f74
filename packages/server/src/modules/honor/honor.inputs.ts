import { Field, ID, InputType } from 'type-graphql';
import { HonorCategory, HonorIssuerKind, HonorLevel, RecipientType } from '../../domain/enums.js';
import { MaxLength, NotBlank } from '../../graphql/bounds.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';

@InputType({ description: d('授予一项荣誉', 'Award an honor') })
export class AwardHonorInput {
  @Field(() => ID, { description: d('医院', 'Hospital') })
  hospitalId!: string;

  @Field(() => RecipientType, { description: d('获奖对象类型', 'Recipient type') })
  recipientType!: RecipientType;

  @Field(() => ID, { nullable: true, description: d('获奖人员', 'Recipient person') })
  memberId?: string | null;

  @Field(() => ID, { nullable: true, description: d('获奖党组织', 'Recipient organisation') })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: d('获奖科室', 'Recipient department') })
  departmentId?: string | null;

  @Field(() => String, { description: d('荣誉名称', 'Title') })
  @NotBlank()
  @MaxLength(300)
  title!: string;

  @Field(() => HonorCategory, { description: d('类别', 'Category') })
  category!: HonorCategory;

  @Field(() => HonorLevel, { description: d('级别', 'Level') })
  level!: HonorLevel;

  @Field(() => LocalDate, { description: d('授予日期', 'Awarded on') })
  awardedOn!: string;

  @Field(() => String, { nullable: true, description: d('授予单位（最多 200 字）', 'Issuer (at most 200 characters)') })
  @MaxLength(200)
  issuer?: string | null;

  @Field(() => HonorIssuerKind, { nullable: true, description: d('授予单位类型', 'Kind of issuer') })
  issuerKind?: HonorIssuerKind | null;
}
