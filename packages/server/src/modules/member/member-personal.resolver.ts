/**
 * A member's personal data as GraphQL fields. The values are read by the member's own statement
 * (member.lists.ts `personal`: masked in SQL unless `reveal: true`); these resolvers only hand over what it
 * read under the field's key, and note it for the request's audit row. Who may ask at all is the access gate's business (analysts and administrators
 * reach no person's row), and every read is audited (http/personal-audit.ts).
 */
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Row } from '../../db/reader.js';
import { d } from '../../graphql/describe.js';
import { personalKey } from '../../graphql/define-list.js';
import { LocalDate } from '../../graphql/scalars.js';
import { Member } from './member.entity.js';

const REVEAL = d(
  '显示完整值（身份证号、手机号默认脱敏；每次读取均记入审计日志）',
  'Show the whole value (ID-card number and mobile are masked otherwise; every read is in the audit log)',
);

/** The value the statement read for this field, noted for the request's audit row (only rows the answer holds get here). */
function read(ctx: Context, m: Row, name: string, reveal: boolean): string | null {
  ctx.reader.personalRead('Member', m.id, { fields: [name], revealed: reveal });
  return (m[personalKey(name, reveal)] ?? null) as string | null;
}

@Resolver(() => Member)
export class MemberPersonalResolver {
  @FieldResolver(() => String, { nullable: true, description: d('【个人信息】姓名', '[personal] Name') })
  name(@Ctx() ctx: Context, @Root() m: Row, @Arg('reveal', () => Boolean, { defaultValue: false, description: REVEAL }) reveal: boolean) {
    return read(ctx, m, 'name', reveal);
  }

  @FieldResolver(() => LocalDate, { nullable: true, description: d('【个人信息】出生日期', '[personal] Date of birth') })
  birthDate(
    @Ctx() ctx: Context,
    @Root() m: Row,
    @Arg('reveal', () => Boolean, { defaultValue: false, description: REVEAL }) reveal: boolean,
  ) {
    return read(ctx, m, 'birthDate', reveal);
  }

  @FieldResolver(() => String, { nullable: true, description: d('【个人信息】民族', '[personal] Ethnicity') })
  ethnicity(
    @Ctx() ctx: Context,
    @Root() m: Row,
    @Arg('reveal', () => Boolean, { defaultValue: false, description: REVEAL }) reveal: boolean,
  ) {
    return read(ctx, m, 'ethnicity', reveal);
  }

  @FieldResolver(() => String, { nullable: true, description: d('【个人信息】工号', '[personal] Staff number') })
  staffNo(
    @Ctx() ctx: Context,
    @Root() m: Row,
    @Arg('reveal', () => Boolean, { defaultValue: false, description: REVEAL }) reveal: boolean,
  ) {
    return read(ctx, m, 'staffNo', reveal);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: d(
      '【敏感个人信息】身份证号（默认脱敏，如 1101**********1234）',
      '[sensitive personal] ID-card number (masked unless revealed, e.g. 1101**********1234)',
    ),
  })
  idCardNo(
    @Ctx() ctx: Context,
    @Root() m: Row,
    @Arg('reveal', () => Boolean, { defaultValue: false, description: REVEAL }) reveal: boolean,
  ) {
    return read(ctx, m, 'idCardNo', reveal);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: d(
      '【敏感个人信息】手机号（默认脱敏，如 138****5678）',
      '[sensitive personal] Mobile (masked unless revealed, e.g. 138****5678)',
    ),
  })
  mobile(@Ctx() ctx: Context, @Root() m: Row, @Arg('reveal', () => Boolean, { defaultValue: false, description: REVEAL }) reveal: boolean) {
    return read(ctx, m, 'mobile', reveal);
  }
}
