/** A person's record as mutations (thin: person.writes.ts does the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { MembershipStatus } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { IDEMPOTENCY_KEY, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import { CreateMemberInput, PersonFieldsInput } from './person.inputs.js';
import { createMember, endMembership, transferMember, updateMember } from './person.writes.js';

const MEMBER_ID = d('人员全局ID', 'Member global id');

@Resolver()
export class PersonWriteResolver {
  @Mutation(() => WriteResult, {
    description: d(
      '新建人员记录（在册）；身份证号校验位按 GB 11643 核对，同一医院内已有该身份证号的人员时拒绝并给出其全局ID',
      'Create a person’s record (active); the ID-card number’s check digit is checked (GB 11643), and a number a person of the hospital has already is refused, naming that person’s global id',
    ),
  })
  createMember(
    @Ctx() ctx: Context,
    @Arg('input', () => CreateMemberInput, { description: d('人员信息', 'The record') }) input: CreateMemberInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'createMember', input, (w) => createMember(w, input));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '更正人员记录（只改给出的项；个人信息的更正按字段名记入审计日志）；转支部用 transferMember，结束党籍用 endMembership',
      'Correct a person’s record (only the fields given; personal fields are audited by name); a transfer is transferMember, an end endMembership',
    ),
  })
  updateMember(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: MEMBER_ID }) id: string,
    @Arg('input', () => PersonFieldsInput, { description: d('要更正的项', 'What changes') }) input: PersonFieldsInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'updateMember', { id, input }, (w) => updateMember(w, id, input));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '结束组织关系（转出本院、出国、除名、去世……）：自该日起不再计入各项指标，此前各期不变；其现任职务于前一日卸任',
      'End a membership (transferred out of the hospital, abroad, removed, deceased …): not counted from that day on, earlier periods unchanged; positions held end the day before',
    ),
  })
  endMembership(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: MEMBER_ID }) id: string,
    @Arg('on', () => LocalDate, { description: d('日期（自该日起不再计入）', 'On (not counted from this day)') }) on: string,
    @Arg('status', () => MembershipStatus, { description: d('结束后的党籍状态', 'Membership status after') }) status: MembershipStatus,
    @Arg('reason', () => String, { description: d('理由（记入审计日志）', 'Reason (kept in the audit log)') }) reason: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    const end = { on, status, reason };
    return idempotent(writeContext(ctx, idempotencyKey), 'endMembership', { id, ...end }, (w) => endMembership(w, id, end));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '组织关系转接：原支部自转出日期起不再计入（其在原支部的职务于前一日卸任），新支部自转入日期起计入；此前各期不变',
      'Transfer to another branch (组织关系转接): the old branch stops counting the person on leftOn (their positions there end the day before), the new one counts them from arrivedOn; earlier periods unchanged',
    ),
  })
  transferMember(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: MEMBER_ID }) id: string,
    @Arg('toOrganizationId', () => ID, { description: d('转入的党支部', 'Branch it moves to') }) toOrganizationId: string,
    @Arg('leftOn', () => LocalDate, { description: d('转出日期', 'Left on') }) leftOn: string,
    @Arg('arrivedOn', () => LocalDate, { description: d('转入日期（不早于转出日期）', 'Arrived on (not before leftOn)') })
    arrivedOn: string,
    @Arg('reason', () => String, { nullable: true, description: d('说明', 'Reason') }) reason?: string | null,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY }) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    const t = { toOrganizationId, leftOn, arrivedOn, reason: reason ?? null };
    return idempotent(writeContext(ctx, idempotencyKey), 'transferMember', { id, ...t }, (w) => transferMember(w, id, t));
  }
}
