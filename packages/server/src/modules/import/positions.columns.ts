/**
 * 党内职务 / positions: one appointment a row. The person is named by ID-card number (existing, in the
 * organisation's hospital and the importer's scope; never created), the organisation by code or full name;
 * the natural key is the person, the organisation, the role and the start date. An end date added to a
 * stored appointment (or a flag changed) updates it.
 */
import { PositionRole } from '../../domain/enums.js';
import type { Column, KindSpec } from './columns.js';
import { booleanColumn, dateColumn, enumColumn, idCardColumn, orgColumn } from './declare.js';

const yesNo = (field: string, header: string, aliases: string[]): Column =>
  booleanColumn(field, header, aliases, false, '填“是”或“否”，空白为“否”（更新时空白保持原值）');

export const POSITION_COLUMNS: readonly Column[] = [
  idCardColumn(
    'idCardNo',
    '身份证号',
    ['id card no', 'idcardno', '身份证号码', '任职人身份证号'],
    true,
    '须为已导入的人员（本列须为文本格式）',
  ),
  orgColumn('organization', true, '任职的党组织：'),
  enumColumn('role', '职务', ['role', 'position', '党内职务'], true, 'PositionRole', { ...PositionRole }, '从下拉列表选择'),
  dateColumn('startOn', '任职日期', ['start on', 'starts on', '任职开始', '开始日期'], true, '最晚为一年内。如 2024-01-01'),
  dateColumn('endOn', '离任日期', ['end on', 'ends on', '任职结束', '结束日期'], false, '任职的最后一天，不晚于今天；现任空白'),
  yesNo('isDeptHead', '科室负责人', ['dept head', 'is dept head', '是否科室负责人']),
  yesNo('isDisciplineLeader', '学科带头人', ['discipline leader', 'is discipline leader', '是否学科带头人']),
  yesNo('isDualLeader', '双带头人', ['dual leader', 'is dual leader', '是否双带头人']),
];

export const POSITIONS: KindSpec = {
  kind: 'positions',
  sheet: '职务',
  sheetAliases: ['positions', '党内职务', '任职'],
  title: '党内职务导入模板 / Party positions import template',
  columns: POSITION_COLUMNS,
  naturalKey: {
    fields: ['idCardNo', 'organization', 'role', 'startOn'],
    zh: '以人员 + 党组织 + 职务 + 任职日期识别同一任职：已有的更新离任日期和三项标记（空白保持原值），没有的新建，完全相同的不变；同一职务的任期不能重叠（支部书记等一职一人）',
    en: 'an appointment is its person, organisation, role and start date: an existing one has its end date and flags updated (blanks keep what is stored), a new one is created, an identical one left alone; terms of one role may not overlap (one holder at a time for a secretary and the like)',
  },
};
