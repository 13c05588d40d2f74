/**
 * 满意度调查汇总结果 / survey results in aggregate, as the national satisfaction platform (国考 #53–#55) or a third
 * party reports them: one survey, department (blank: the whole hospital) and month a row, with its respondents,
 * how many were satisfied and the mean score. The survey is named by its title (and its hospital's full name,
 * when two hospitals have a survey of that title); the natural key is the survey, the department and the month.
 */
import { MAX_RESPONDENTS } from '../survey/survey.inputs.js';
import type { Column, KindSpec } from './columns.js';
import { freeTextColumn, integerColumn, monthColumn, numberColumn, textColumn } from './declare.js';

export const SURVEY_RESULT_COLUMNS: readonly Column[] = [
  freeTextColumn('survey', '调查名称', ['survey', '调查', '满意度调查', '调查标题'], true, 200, '已登记的满意度调查的名称（须已存在）'),
  textColumn('hospital', '医院', ['hospital', '医院名称'], false, 200, '您只管辖一家医院时可空；两家医院有同名调查时填写医院全称'),
  textColumn('department', '科室', ['department', '科室名称', '调查科室'], false, 200, '本院科室的完整名称；空白表示全院'),
  monthColumn('month', '月份', ['month', '统计月份', '年月', '调查月份'], true, '如 2025-03、2025/3 或 2025年3月；不晚于本月'),
  integerColumn('respondents', '样本量', ['respondents', '样本数', '答卷数', '调查人数'], true, `1–${MAX_RESPONDENTS}`, {
    min: 1,
    max: MAX_RESPONDENTS,
  }),
  integerColumn('satisfied', '满意人数', ['satisfied', '满意数', '满意例数'], true, '不超过样本量', { min: 0, max: MAX_RESPONDENTS }),
  numberColumn(
    'meanScore',
    '平均分',
    ['mean score', 'mean', '平均得分', '均分'],
    false,
    '按本调查的量表（0–100 或 1–5），最多两位小数；可空',
    {
      min: 0,
      max: 100,
    },
  ),
];

export const SURVEY_RESULTS: KindSpec = {
  kind: 'surveys',
  sheet: '满意度结果',
  sheetAliases: ['surveys', 'survey results', '满意度', '满意度调查结果'],
  title: '满意度调查汇总结果导入模板 / Survey results in aggregate import template',
  columns: SURVEY_RESULT_COLUMNS,
  naturalKey: {
    fields: ['survey', 'hospital', 'department', 'month'],
    zh: '以调查 + 科室（空白为全院）+ 月份识别同一结果：已有的数字不同则更新（平均分空白保持原值），没有的新建，相同的不变；该调查、科室和月份已有答卷的不能导入',
    en: 'a result is its survey, department (blank: the whole hospital) and month: different numbers update it (a blank mean keeps what is stored), a new one is created, the same one left alone; one whose survey, department and month has individual responses is refused',
  },
};
