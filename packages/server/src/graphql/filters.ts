/**
 * Operator inputs shared by every list filter: equality and `in` on ids and enums, ranges on dates,
 * times and numbers, case-insensitive `contains` / `startsWith` on text. Each entity's `XFilter` is
 * made from them by `list-types.ts` (createFilterInput).
 */
import { Field, Float, ID, InputType, Int, type ClassType } from 'type-graphql';
import type { GraphQLScalarType } from 'graphql';
import { d } from './describe.js';
import { Decimal, LocalDate } from './scalars.js';
import { enumInfo } from '../domain/bilingual-enum.js';

@InputType({ description: d('ID过滤（全局ID）', 'Filter on an id (global ids)') })
export class IdFilter {
  @Field(() => ID, { nullable: true, description: d('等于', 'Equals') })
  eq?: string;

  @Field(() => [ID], { nullable: true, description: d('属于其中之一', 'Is one of') })
  in?: string[];

  @Field(() => Boolean, { nullable: true, description: d('为空（true）或不为空（false）', 'Is null (true) or not null (false)') })
  isNull?: boolean;
}

@InputType({ description: d('文本过滤', 'Filter on text') })
export class StringFilter {
  @Field(() => String, { nullable: true, description: d('等于', 'Equals') })
  eq?: string;

  @Field(() => [String], { nullable: true, description: d('属于其中之一', 'Is one of') })
  in?: string[];

  @Field(() => String, { nullable: true, description: d('包含（不区分大小写）', 'Contains (case-insensitive)') })
  contains?: string;

  @Field(() => String, { nullable: true, description: d('以此开头（不区分大小写）', 'Starts with (case-insensitive)') })
  startsWith?: string;
}

@InputType({ description: d('日期范围过滤', 'Filter on a date (range)') })
export class DateFilter {
  @Field(() => LocalDate, { nullable: true, description: d('等于', 'Equals') })
  eq?: string;

  @Field(() => LocalDate, { nullable: true, description: d('不早于', 'On or after') })
  gte?: string;

  @Field(() => LocalDate, { nullable: true, description: d('晚于', 'After') })
  gt?: string;

  @Field(() => LocalDate, { nullable: true, description: d('不晚于', 'On or before') })
  lte?: string;

  @Field(() => LocalDate, { nullable: true, description: d('早于', 'Before') })
  lt?: string;

  @Field(() => Boolean, { nullable: true, description: d('为空（true）或不为空（false）', 'Is null (true) or not null (false)') })
  isNull?: boolean;
}

@InputType({ description: d('时间范围过滤', 'Filter on a point in time (range)') })
export class DateTimeFilter {
  @Field(() => Date, { nullable: true, description: d('不早于', 'At or after') })
  gte?: Date;

  @Field(() => Date, { nullable: true, description: d('晚于', 'After') })
  gt?: Date;

  @Field(() => Date, { nullable: true, description: d('不晚于', 'At or before') })
  lte?: Date;

  @Field(() => Date, { nullable: true, description: d('早于', 'Before') })
  lt?: Date;

  @Field(() => Boolean, { nullable: true, description: d('为空（true）或不为空（false）', 'Is null (true) or not null (false)') })
  isNull?: boolean;
}

function numberFilter(scalar: GraphQLScalarType, name: string, zh: string, en: string) {
  @InputType(name, { description: d(zh, en) })
  class NumberFilter {
    @Field(() => scalar, { nullable: true, description: d('等于', 'Equals') })
    eq?: number;

    @Field(() => [scalar], { nullable: true, description: d('属于其中之一', 'Is one of') })
    in?: number[];

    @Field(() => scalar, { nullable: true, description: d('大于等于', 'Greater than or equal') })
    gte?: number;

    @Field(() => scalar, { nullable: true, description: d('大于', 'Greater than') })
    gt?: number;

    @Field(() => scalar, { nullable: true, description: d('小于等于', 'Less than or equal') })
    lte?: number;

    @Field(() => scalar, { nullable: true, description: d('小于', 'Less than') })
    lt?: number;

    @Field(() => Boolean, { nullable: true, description: d('为空（true）或不为空（false）', 'Is null (true) or not null (false)') })
    isNull?: boolean;
  }
  return NumberFilter;
}

export const IntFilter = numberFilter(Int, 'IntFilter', '整数范围过滤', 'Filter on an integer (range)');
export const FloatFilter = numberFilter(Float, 'FloatFilter', '数值范围过滤', 'Filter on a number (range)');
export const DecimalFilter = numberFilter(Decimal, 'DecimalFilter', '精确十进制数范围过滤', 'Filter on an exact decimal (range)');

const enumFilters = new Map<object, ClassType>();

/**
 * `XFilter { eq, in, notIn }` of a domain enum. The classes are made when this module loads: a
 * class made inside a field's type thunk would be declared after type-graphql has read its metadata.
 */
export function enumFilter<E extends object>(
  enumObj: E,
  name: string,
): ClassType<{ eq?: E[keyof E]; in?: E[keyof E][]; notIn?: E[keyof E][] }> {
  const existing = enumFilters.get(enumObj);
  if (existing) return existing as never;
  throw new Error(`no filter for enum ${name}: is it exported from domain/enums.ts?`);
}

function createEnumFilter(enumObj: object, name: string): void {
  @InputType(`${name}Filter`, { description: d(`${name} 枚举过滤`, `Filter on ${name}`) })
  class EnumFilter {
    @Field(() => enumObj, { nullable: true, description: d('等于', 'Equals') })
    eq?: string;

    @Field(() => [enumObj], { nullable: true, description: d('属于其中之一', 'Is one of') })
    in?: string[];

    @Field(() => [enumObj], { nullable: true, description: d('不属于其中任何一个', 'Is none of') })
    notIn?: string[];
  }
  enumFilters.set(enumObj, EnumFilter);
}

for (const [e, info] of enumInfo) createEnumFilter(e, info.name);
