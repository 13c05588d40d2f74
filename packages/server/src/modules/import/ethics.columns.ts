/**
 * 医德医风 / medical-ethics events: one event a row (a banner, a thank-you letter, a refused red envelope, a
 * complaint, a dispute; never the patient). The department is named by its full name (and its hospital's when
 * two hospitals have one of that name), the staff member, if any, by ID-card number. An event has no title, so
 * two events of one type, department, person and day are told apart by their number within that day (同日序号).
 */
import { EthicsEventType } from '../../domain/enums.js';
import { MAX_AMOUNT } from '../ethics/ethics.writes.js';
import type { Column, KindSpec } from './columns.js';
import { dateColumn, enumColumn, idCardColumn, integerColumn, numberColumn, textColumn } from './declare.js';

/** The most events of one type, department, person and day a file numbers. */
export const MAX_SAME_DAY = 999;

export const ETHICS_COLUMNS: readonly Column[] = [
  enumColumn('type', '类型', ['type', '事件类型', '类别'], true, 'EthicsEventType', { ...EthicsEventType }, '从下拉列表选择'),
  textColumn('department', '科室', ['department', '科室名称', '所在科室'], true, 200, '本院科室的完整名称（须已存在且在您的管辖范围内）'),
  idCardColumn(
    'idCardNo',
    '身份证号',
    ['id card no', 'idcardno', '身份证号码', '医务人员身份证号'],
    false,
    '相关医务人员（可空；本列须为文本格式）',
  ),
  dateColumn('occurredOn', '日期', ['occurred on', 'date', '发生日期', '事件日期'], true, '不晚于今天。如 2026-03-08'),
  integerColumn('seq', '同日序号', ['seq', '序号', 'number'], false, '同一天同一科室、同类、同一人员的第几件（从 1 起；空白为 1）', {
    min: 1,
    max: MAX_SAME_DAY,
  }),
  numberColumn('amount', '金额', ['amount', '金额（元）', '红包金额'], false, '元；仅拒收红包填写（须填），最多两位小数', {
    min: 0,
    max: MAX_AMOUNT,
  }),
  textColumn('hospital', '医院', ['hospital', '医院名称'], false, 200, '可空；两家医院有同名科室时填写医院全称'),
];

export const ETHICS: KindSpec = {
  kind: 'ethics',
  sheet: '医德医风',
  sheetAliases: ['ethics', '医德医风事件'],
  title: '医德医风事件导入模板 / Medical-ethics events import template',
  columns: ETHICS_COLUMNS,
  naturalKey: {
    fields: ['type', 'department', 'idCardNo', 'occurredOn', 'seq', 'hospital'],
    zh: '以类型 + 科室 + 相关人员 + 日期 + 同日序号识别同一事件：已有的金额不同则更新，没有的新建，相同的不变',
    en: 'an event is its type, department, person, day and number within the day: a different amount updates it, a new one is created, the same one left alone',
  },
};
