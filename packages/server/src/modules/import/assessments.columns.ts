/**
 * 考核评议 / classified assessments (四级分类考核, 民主评议党员): one assessment a row. A branch is named by code
 * or full name; a person by ID-card number, filed under their own branch unless the organisation column names
 * another (a general-branch secretary's, say). The natural key is what recordAssessment keeps unique: the
 * subject type, the person, the organisation and the year.
 */
import { AssessmentGrade, AssessmentSubject } from '../../domain/enums.js';
import type { Column, KindSpec } from './columns.js';
import { enumColumn, idCardColumn, integerColumn, numberColumn, orgColumn } from './declare.js';

export const ASSESSMENT_COLUMNS: readonly Column[] = [
  enumColumn(
    'subjectType',
    '考核对象类型',
    ['subject type', '考核对象', '对象类型'],
    true,
    'AssessmentSubject',
    { ...AssessmentSubject },
    '党员、党支部、支部书记或党总支书记',
  ),
  idCardColumn(
    'idCardNo',
    '身份证号',
    ['id card no', 'idcardno', '身份证号码', '被考核人身份证号'],
    false,
    '考核对象为人员时填写（本列须为文本格式）；考核党支部时空白',
  ),
  orgColumn('organization', false, '考核党支部时必填；考核人员时可空（默认其所在党支部）；'),
  integerColumn('year', '考核年度', ['year', '年度'], true, '如 2025；不晚于今年', { min: 1921, max: 9999 }),
  enumColumn('grade', '等次', ['grade', '考核等次', '评议等次'], true, 'AssessmentGrade', { ...AssessmentGrade }, '从下拉列表选择'),
  numberColumn('score', '得分', ['score', '分数'], false, '0–100，最多两位小数；空白保持原值', { min: 0, max: 100 }),
];

export const ASSESSMENTS: KindSpec = {
  kind: 'assessments',
  sheet: '考核评议',
  sheetAliases: ['assessments', '考核', '四级分类考核', '民主评议'],
  title: '考核评议导入模板 / Assessments import template',
  columns: ASSESSMENT_COLUMNS,
  naturalKey: {
    fields: ['subjectType', 'idCardNo', 'organization', 'year'],
    zh: '以考核对象类型 + 人员 + 党组织 + 年度识别同一考核：已有的等次或得分不同则更新（得分空白保持原值），没有的新建，相同的不变',
    en: 'an assessment is its subject type, person, organisation and year: a different grade or score updates it (a blank score keeps what is stored), a new one is created, the same one left alone',
  },
};
