/**
 * 荣誉表彰 / honours: one honour a row. The recipient is named by the cell its type takes (a person by ID-card
 * number, a branch, general branch or committee by code or full name, a department by full name; a team's or
 * the hospital's by the hospital), and the natural key is the recipient, the title and the date awarded.
 */
import { HonorCategory, HonorIssuerKind, HonorLevel, RecipientType } from '../../domain/enums.js';
import type { Column, KindSpec } from './columns.js';
import { dateColumn, enumColumn, freeTextColumn, idCardColumn, orgColumn, textColumn } from './declare.js';

export const HONOR_COLUMNS: readonly Column[] = [
  enumColumn(
    'recipientType',
    '获奖对象类型',
    ['recipient type', '获奖对象', '对象类型'],
    true,
    'RecipientType',
    { ...RecipientType },
    '个人、党支部、党总支、党委、科室、团队或医院',
  ),
  idCardColumn(
    'idCardNo',
    '身份证号',
    ['id card no', 'idcardno', '身份证号码', '获奖人身份证号'],
    false,
    '获奖对象为个人时填写（本列须为文本格式），否则空白',
  ),
  orgColumn('organization', false, '获奖对象为党支部、党总支或党委时填写，否则空白；'),
  textColumn('department', '科室', ['department', '获奖科室'], false, 200, '获奖对象为科室时填写完整名称，否则空白'),
  textColumn('hospital', '医院', ['hospital', '医院名称'], false, 200, '团队或医院获奖时填写医院全称（您只管辖一家医院时可空）；其他可空'),
  freeTextColumn('title', '荣誉名称', ['title', '荣誉', '称号', '名称'], true, 300, '如 先进基层党组织'),
  enumColumn('category', '类别', ['category', '荣誉类别'], true, 'HonorCategory', { ...HonorCategory }, '从下拉列表选择'),
  enumColumn('level', '级别', ['level', '荣誉级别'], true, 'HonorLevel', { ...HonorLevel }, '从下拉列表选择'),
  dateColumn('awardedOn', '授予日期', ['awarded on', '获奖日期', '表彰日期', '日期'], true, '不晚于今天。如 2025-07-01'),
  freeTextColumn('issuer', '授予单位', ['issuer', '颁发单位'], false, 200, ''),
  enumColumn(
    'issuerKind',
    '授予单位类型',
    ['issuer kind', '颁发单位类型'],
    false,
    'HonorIssuerKind',
    { ...HonorIssuerKind },
    '从下拉列表选择',
  ),
];

export const HONORS: KindSpec = {
  kind: 'honors',
  sheet: '荣誉表彰',
  sheetAliases: ['honors', 'honours', '荣誉'],
  title: '荣誉表彰导入模板 / Honours import template',
  columns: HONOR_COLUMNS,
  naturalKey: {
    fields: ['recipientType', 'idCardNo', 'organization', 'department', 'hospital', 'title', 'awardedOn'],
    zh: '以获奖对象 + 荣誉名称 + 授予日期识别同一荣誉：已有的更新类别、级别和授予单位（空白保持原值），没有的新建，完全相同的不变',
    en: 'an honour is its recipient, title and date: an existing one has its category, level and issuer updated (blanks keep what is stored), a new one is created, an identical one left alone',
  },
};
