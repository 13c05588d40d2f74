/** The organisation feature's writes, as mutations (thin: organization.writes.ts, restructure.writes.ts, reference.writes.ts do the work). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { IDEMPOTENCY_KEY, WriteResult } from '../../graphql/write-result.js';
import { idempotent, writeContext } from '../../indicators/writes.js';
import {
  CreateDepartmentInput,
  CreateHospitalInput,
  DepartmentInput,
  FoundOrganizationInput,
  HospitalInput,
  SplitPartInput,
} from './organization.inputs.js';
import { dissolveOrganization, foundOrganization, renameOrganization } from './organization.writes.js';
import { mergeOrganizations, moveOrganization, splitOrganization } from './restructure.writes.js';
import {
  closeDepartment,
  createDepartment,
  createHospital,
  endBranchDepartmentLink,
  linkBranchDepartment,
  updateDepartment,
  updateHospital,
} from './reference.writes.js';

const KEY = { nullable: true, description: IDEMPOTENCY_KEY } as const;
const ON = (zh: string, en: string) => ({ description: d(zh, en) });

@Resolver()
export class OrganizationWriteResolver {
  @Mutation(() => WriteResult, {
    description: d('成立党组织（自成立日起计入指标）', 'Found an organisation (it counts from its founding)'),
  })
  foundOrganization(
    @Ctx() ctx: Context,
    @Arg('input', () => FoundOrganizationInput, ON('党组织', 'The organisation')) input: FoundOrganizationInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'foundOrganization', input, (w) => foundOrganization(w, input));
  }

  @Mutation(() => WriteResult, { description: d('党组织更名（不影响任何指标）', 'Rename an organisation (no figure changes)') })
  renameOrganization(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ON('党组织全局ID', 'Organisation global id')) id: string,
    @Arg('name', () => String, ON('新名称', 'New name')) name: string,
    @Arg('on', () => LocalDate, ON('更名日期', 'Renamed on')) on: string,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'renameOrganization', { id, name, on }, (w) =>
      renameOrganization(w, id, name, on),
    );
  }

  @Mutation(() => WriteResult, {
    description: d(
      '撤销党组织（须无在册党员与存续下级；此前各期不变）',
      'Dissolve an organisation (no active members or children; earlier periods unchanged)',
    ),
  })
  dissolveOrganization(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ON('党组织全局ID', 'Organisation global id')) id: string,
    @Arg('on', () => LocalDate, ON('撤销日期', 'Dissolved on')) on: string,
    @Arg('reason', () => String, ON('撤销原因', 'Why')) reason: string,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'dissolveOrganization', { id, on, reason }, (w) =>
      dissolveOrganization(w, id, on, reason),
    );
  }

  @Mutation(() => WriteResult, {
    description: d(
      '调整隶属关系：原组织（含下级）当日撤销，在新上级下成立继承组织；返回继承组织',
      'Move under another parent: the organisation (with its subtree) is dissolved that day and succeeded under the new parent; answers the successor',
    ),
  })
  moveOrganization(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ON('党组织全局ID', 'Organisation global id')) id: string,
    @Arg('newParentId', () => ID, ON('新的上级党组织', 'New parent')) newParentId: string,
    @Arg('on', () => LocalDate, ON('生效日期', 'Effective on')) on: string,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'moveOrganization', { id, newParentId, on }, (w) =>
      moveOrganization(w, id, newParentId, on),
    );
  }

  @Mutation(() => WriteResult, {
    description: d(
      '合并党组织：并入现有组织或当日成立的新组织；被合并者当日撤销，其党员与下级转入',
      'Merge organisations into an existing one or one founded that day; those merged are dissolved that day, their members and children go along',
    ),
  })
  mergeOrganizations(
    @Ctx() ctx: Context,
    @Arg('ids', () => [ID], ON('被合并的党组织', 'Organisations merged away')) ids: string[],
    @Arg('on', () => LocalDate, ON('生效日期', 'Effective on')) on: string,
    @Arg('intoId', () => ID, { nullable: true, description: d('并入的现有组织', 'Existing organisation they merge into') }) intoId?:
      | string
      | null,
    @Arg('newOrganization', () => FoundOrganizationInput, {
      nullable: true,
      description: d('或当日成立的新组织', 'Or a new one founded that day'),
    })
    newOrganization?: FoundOrganizationInput | null,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    const input = { ids, intoId, newOrganization, on };
    return idempotent(writeContext(ctx, idempotencyKey), 'mergeOrganizations', input, (w) =>
      mergeOrganizations(w, ids, intoId, newOrganization, on),
    );
  }

  @Mutation(() => WriteResult, {
    description: d(
      '拆分党组织：原组织当日撤销，在同一上级下成立各部分；返回第一部分',
      'Split an organisation: it is dissolved that day and its parts are founded under the same parent; answers the first part',
    ),
  })
  splitOrganization(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ON('党组织全局ID', 'Organisation global id')) id: string,
    @Arg('parts', () => [SplitPartInput], ON('拆分出的组织（2–50 个）', 'The parts (2–50)')) parts: SplitPartInput[],
    @Arg('on', () => LocalDate, ON('生效日期', 'Effective on')) on: string,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'splitOrganization', { id, parts, on }, (w) =>
      splitOrganization(w, id, parts, on),
    );
  }

  @Mutation(() => WriteResult, { description: d('新建医院（由其党委）', 'Create a hospital (by its committee)') })
  createHospital(
    @Ctx() ctx: Context,
    @Arg('input', () => CreateHospitalInput, ON('医院', 'The hospital')) input: CreateHospitalInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'createHospital', input, (w) => createHospital(w, input));
  }

  @Mutation(() => WriteResult, { description: d('修改医院信息', 'Change a hospital') })
  updateHospital(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ON('医院全局ID', 'Hospital global id')) id: string,
    @Arg('input', () => HospitalInput, ON('医院', 'The hospital')) input: HospitalInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'updateHospital', { id, input }, (w) => updateHospital(w, id, input));
  }

  @Mutation(() => WriteResult, { description: d('新建科室', 'Create a department') })
  createDepartment(
    @Ctx() ctx: Context,
    @Arg('input', () => CreateDepartmentInput, ON('科室', 'The department')) input: CreateDepartmentInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'createDepartment', input, (w) => createDepartment(w, input));
  }

  @Mutation(() => WriteResult, { description: d('修改科室（名称、类型、上级科室）', 'Change a department (name, type, parent)') })
  updateDepartment(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ON('科室全局ID', 'Department global id')) id: string,
    @Arg('input', () => DepartmentInput, ON('科室', 'The department')) input: DepartmentInput,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'updateDepartment', { id, input }, (w) => updateDepartment(w, id, input));
  }

  @Mutation(() => WriteResult, {
    description: d('撤销科室（其支部对应关系前一日结束）', 'Close a department (its branch links end the day before)'),
  })
  closeDepartment(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ON('科室全局ID', 'Department global id')) id: string,
    @Arg('on', () => LocalDate, ON('撤销日期', 'Closed on')) on: string,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'closeDepartment', { id, on }, (w) => closeDepartment(w, id, on));
  }

  @Mutation(() => WriteResult, {
    description: d(
      '支部建在科室上：自某日起的对应关系（有效期不得重叠）',
      'Build a branch on a department from a day (validities may not overlap)',
    ),
  })
  linkBranchDepartment(
    @Ctx() ctx: Context,
    @Arg('branchId', () => ID, ON('党支部', 'Branch')) branchId: string,
    @Arg('departmentId', () => ID, ON('科室', 'Department')) departmentId: string,
    @Arg('validFrom', () => LocalDate, ON('生效日期', 'Valid from')) validFrom: string,
    @Arg('isPrimary', () => Boolean, { defaultValue: true, description: d('是否主要对应科室', 'Is the primary mapping') })
    isPrimary: boolean,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    const input = { branchId, departmentId, validFrom, isPrimary };
    return idempotent(writeContext(ctx, idempotencyKey), 'linkBranchDepartment', input, (w) =>
      linkBranchDepartment(w, branchId, departmentId, validFrom, isPrimary),
    );
  }

  @Mutation(() => WriteResult, { description: d('结束支部—科室对应关系', 'End a branch–department link') })
  endBranchDepartmentLink(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ON('对应关系全局ID', 'Link global id')) id: string,
    @Arg('validTo', () => LocalDate, ON('最后有效日期', 'Last valid day')) validTo: string,
    @Arg('idempotencyKey', () => String, KEY) idempotencyKey?: string | null,
  ): Promise<WriteResult> {
    return idempotent(writeContext(ctx, idempotencyKey), 'endBranchDepartmentLink', { id, validTo }, (w) =>
      endBranchDepartmentLink(w, id, validTo),
    );
  }
}
