/**
 * Spreadsheet import over GraphQL: `importDryRun` and `importCommit` (mutations, so only the roles that write
 * reach them; the importer's scope bounds every row). The file travels as base64 (no upload scalar in this
 * schema), at most 10 MB decoded; the HTTP layer admits such a body only for a signed-in writer (http/app.ts).
 */
import { Arg, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { registerBilingualEnum } from '../../domain/bilingual-enum.js';
import { d } from '../../graphql/describe.js';
import { writeContext } from '../../indicators/writes.js';
import { errorsWorkbook } from './errors-workbook.js';
import { commit, dryRun, KINDS, type DryRun, type ImportReport as Report } from './import.service.js';
import { decodeFile } from './upload.js';

export enum ImportKind {
  MEMBERS = 'members',
  ACTIVITIES = 'activities',
  FIGURES = 'figures',
  RESEARCH = 'research',
  MODELPOSTS = 'modelposts',
  HONORS = 'honors',
  SURVEYS = 'surveys',
  TREE = 'tree',
  DEVELOPMENT = 'development',
  POSITIONS = 'positions',
  ETHICS = 'ethics',
  ASSESSMENTS = 'assessments',
  REPORTS = 'reports',
}
registerBilingualEnum(ImportKind, 'ImportKind', '导入的数据种类 / Kind of data imported', {
  MEMBERS: '党员名册 / Members roll',
  ACTIVITIES: '活动及出勤（两个工作表） / Activities with attendance (two sheets)',
  FIGURES: '科室月度业务数据 / Department monthly figures',
  RESEARCH: '党建课题 / Research projects',
  MODELPOSTS: '党员示范岗、责任区 / Model posts and responsibility areas',
  HONORS: '荣誉表彰 / Honours',
  SURVEYS: '满意度调查汇总结果 / Survey results in aggregate',
  TREE: '组织架构（三个工作表：党组织、科室、支部科室） / Organisation tree (three sheets: organisations, departments, branch–department links)',
  DEVELOPMENT: '发展党员 / Development steps',
  POSITIONS: '党内职务 / Party positions',
  ETHICS: '医德医风事件 / Medical-ethics events',
  ASSESSMENTS: '考核评议 / Assessments',
  REPORTS: '上报指标 / Reported figures',
});

@ObjectType({ description: d('一个工作表的导入条数', 'What one sheet of an import comes to') })
export class ImportSheetCount {
  @Field(() => String, { description: d('工作表', 'Sheet') })
  sheet!: string;

  @Field(() => Int, { description: d('数据行数', 'Data rows') })
  rows!: number;

  @Field(() => Int, { description: d('新建条数', 'Records to create (created)') })
  create!: number;

  @Field(() => Int, { description: d('更新条数', 'Records to update (updated)') })
  update!: number;

  @Field(() => Int, { description: d('不变条数', 'Records left unchanged') })
  unchanged!: number;
}

@ObjectType({ description: d('导入文件中的一个问题', 'A problem of an imported file') })
export class ImportProblem {
  @Field(() => String, { description: d('工作表', 'Sheet') })
  sheet!: string;

  @Field(() => Int, {
    nullable: true,
    description: d('行号（与 Excel 显示的一致；空：整个文件或表头）', 'Row as Excel numbers it (null: the file or its header)'),
  })
  row!: number | null;

  @Field(() => String, { nullable: true, description: d('列字母', 'Column letter') })
  column!: string | null;

  @Field(() => String, { nullable: true, description: d('列标题', 'Column header') })
  header!: string | null;

  @Field(() => String, { nullable: true, description: d('单元格内容', 'The cell’s value') })
  value!: string | null;

  @Field(() => String, { description: d('原因代码', 'Reason code') })
  reason!: string;

  @Field(() => String, { description: d('原因（中文）', 'Reason in Chinese') })
  zh!: string;

  @Field(() => String, { description: d('原因（英文）', 'Reason in English') })
  en!: string;
}

@ObjectType({ description: d('导入的结果（试导入或确认导入）', 'Outcome of an import (dry run or commit)') })
export class ImportReport {
  @Field(() => ImportKind, { description: d('数据种类', 'Kind') })
  kind!: ImportKind;

  @Field(() => String, { description: d('文件的 SHA-256（确认导入时须提供）', 'The file’s SHA-256 (the commit names it)') })
  fileHash!: string;

  @Field(() => String, { description: d('读取的工作表（多个时以“、”分隔）', 'Sheet read (several joined by 、)') })
  sheet!: string;

  @Field(() => [ImportSheetCount], { description: d('按工作表的条数', 'The counts by sheet') })
  sheets!: ImportSheetCount[];

  @Field(() => Int, { description: d('数据行数', 'Data rows') })
  rows!: number;

  @Field(() => Int, { description: d('新建条数', 'Records to create (created)') })
  create!: number;

  @Field(() => Int, { description: d('更新条数', 'Records to update (updated)') })
  update!: number;

  @Field(() => Int, { description: d('不变条数', 'Records left unchanged') })
  unchanged!: number;

  @Field(() => [ImportProblem], { description: d('问题（最多 1,000 条）', 'Problems (at most 1,000)') })
  problems!: ImportProblem[];

  @Field(() => Int, { description: d('问题总数', 'Problems in all') })
  problemCount!: number;

  @Field(() => Int, { description: d('未列出的问题数（“另有 N 处”）', 'Problems not listed (“and N more”)') })
  moreProblems!: number;

  @Field(() => Boolean, { description: d('是否已写入', 'Whether it was written') })
  committed!: boolean;

  /** The file and its parse, for the errors workbook (dry runs only). */
  source?: { buf: Buffer; run: DryRun };
}

const FILE = d(
  '文件内容（base64；.xlsx，或 UTF-8 / GB18030 编码的 .csv；不超过 10 MB）',
  'The file (base64; .xlsx, or .csv in UTF-8 or GB18030; at most 10 MB)',
);

@Resolver(() => ImportReport)
export class ImportResolver {
  @Mutation(() => ImportReport, {
    description: d(
      '试导入：列出每个问题和将新建、更新、不变的条数，不写入任何数据',
      'Dry run: every problem and the counts to create, update, leave unchanged; nothing written',
    ),
  })
  async importDryRun(
    @Ctx() ctx: Context,
    @Arg('kind', () => ImportKind, { description: d('数据种类', 'Kind') }) kind: ImportKind,
    @Arg('file', () => String, { description: FILE }) file: string,
  ): Promise<ImportReport> {
    const buf = decodeFile(file);
    const run = await dryRun(writeContext(ctx), kindName(kind), buf);
    return Object.assign(new ImportReport(), stripped(run), { source: { buf, run } });
  }

  @Mutation(() => ImportReport, {
    description: d(
      '确认导入：文件须与试导入的相同（SHA-256）且没有问题；全部写入或全部不写入',
      'Commit: the file must be the dry run’s (SHA-256) and have no problem; all of it is written, or nothing',
    ),
  })
  async importCommit(
    @Ctx() ctx: Context,
    @Arg('kind', () => ImportKind, { description: d('数据种类', 'Kind') }) kind: ImportKind,
    @Arg('file', () => String, { description: FILE }) file: string,
    @Arg('dryRunHash', () => String, { description: d('试导入返回的 fileHash', 'The fileHash the dry run answered') }) dryRunHash: string,
  ): Promise<ImportReport> {
    return Object.assign(new ImportReport(), await commit(writeContext(ctx), kindName(kind), decodeFile(file), dryRunHash));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: d(
      '带“错误说明”列的工作簿（base64 .xlsx；没有问题时为空）',
      'The workbook with a 错误说明 (problems) column (base64 .xlsx; null when there is no problem)',
    ),
  })
  async errorsWorkbook(@Root() report: ImportReport): Promise<string | null> {
    if (!report.source || !report.problemCount) return null;
    const { buf, run } = report.source;
    return (await errorsWorkbook(KINDS[kindName(report.kind)].sheets[0], buf, run.parsed, run.all)).toString('base64');
  }
}

const kindName = (kind: ImportKind) => kind as keyof typeof KINDS;

const stripped = ({ all: _all, parsed: _parsed, orgIds: _orgIds, ...report }: DryRun): Report => report;
