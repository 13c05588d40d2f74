/**
 * 发展党员 / development steps: one dated step of a person's development record (发展纪实) a row. The person is
 * named by ID-card number (existing, in the importer's scope; never created), the step by its stage; a stage
 * may recur (half-yearly reviews), so the natural key is the person, the stage and the date.
 */
import { DevelopmentStage } from '../../domain/enums.js';
import type { Column, KindSpec } from './columns.js';
import { dateColumn, enumColumn, idCardColumn, numberColumn, textColumn } from './declare.js';

export const DEVELOPMENT_COLUMNS: readonly Column[] = [
  idCardColumn('idCardNo', '身份证号', ['id card no', 'idcardno', '身份证号码'], true, '须为已导入的人员（本列须为文本格式）'),
  textColumn('hospital', '医院', ['hospital', '医院名称'], false, 200, '医院全称：同一身份证号在多家医院时填写，否则可空'),
  enumColumn('stage', '阶段', ['stage', '环节', '发展阶段'], true, 'DevelopmentStage', { ...DevelopmentStage }, '从下拉列表选择'),
  dateColumn('on', '日期', ['date', 'event date', '发生日期', '时间'], true, '不晚于今天。如 2025-07-01'),
  idCardColumn(
    'introducer1',
    '介绍人1身份证号',
    ['introducer 1', '第一介绍人身份证号', '介绍人1'],
    false,
    '入党介绍人（同一医院的人员），可空',
  ),
  idCardColumn(
    'introducer2',
    '介绍人2身份证号',
    ['introducer 2', '第二介绍人身份证号', '介绍人2'],
    false,
    '入党介绍人（同一医院的人员），可空',
  ),
  numberColumn('trainingHours', '培训学时', ['training hours', '学时'], false, '0–1000，可空', { min: 0, max: 1000 }),
];

export const DEVELOPMENT: KindSpec = {
  kind: 'development',
  sheet: '发展党员',
  sheetAliases: ['development', '发展纪实'],
  title: '发展党员纪实导入模板 / Development steps import template',
  columns: DEVELOPMENT_COLUMNS,
  naturalKey: {
    fields: ['idCardNo', 'hospital', 'stage', 'on'],
    zh: '以人员 + 阶段 + 日期识别同一环节：已有的更新介绍人和培训学时（空白保持原值），没有的新建，完全相同的不变；环节须符合发展党员程序（与已记录的环节合起来按日期排列）',
    en: 'a step is its person, stage and date: an existing one has its introducers and training hours updated (blanks keep what is stored), a new one is created, an identical one left alone; the steps, with those recorded, must follow the procedure in date order',
  },
};
