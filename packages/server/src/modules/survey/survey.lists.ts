import { sql } from '../../db/sql.js';
import { defineList } from '../../graphql/define-list.js';
import { Survey, SurveyResponse, SurveyResult } from './survey.entity.js';

const THROUGH_DEPARTMENT: [string, string] = [
  '子树过滤：该党组织及其全部下级（按科室所在党支部或医院）',
  "Subtree filter: this organisation and everything under it (by the department's branch or the hospital)",
];

export const SurveyList = defineList({
  entity: Survey,
  queryName: 'surveys',
  reference: true,
  zh: '满意度调查',
  en: 'Satisfaction surveys',
  scope: ['hospital.committee'],
  scopeNote: ['子树过滤：该党组织下医院的调查', 'Subtree filter: surveys of hospitals under this organisation'],
  orderBy: ['title', 'kind', 'startedOn'],
});

export const SurveyResponseList = defineList({
  entity: SurveyResponse,
  queryName: 'surveyResponses',
  zh: '满意度答卷',
  en: 'Survey responses',
  scope: ['department.branch', 'survey.hospital.committee'],
  scopeNote: THROUGH_DEPARTMENT,
  orderBy: ['respondedOn', 'overallScore'],
  aggregate: {
    measureOnly: ['overallScore', 'attitudeScore', 'environmentScore', 'processScore'],
    ratios: {
      satisfiedRate: {
        zh: '满意率：满意答卷 / 全部答卷（按各调查自己的满意阈值）',
        en: 'Satisfied: satisfied responses / all responses (by each survey’s own threshold)',
        numerator: (t) => sql`${t}."is_satisfied"`,
        denominator: () => sql`true`,
      },
    },
  },
});

export const SurveyResultList = defineList({
  entity: SurveyResult,
  queryName: 'surveyResults',
  zh: '满意度调查汇总结果',
  en: 'Survey results in aggregate',
  scope: ['department.branch', 'survey.hospital.committee'],
  scopeNote: THROUGH_DEPARTMENT,
  orderBy: ['month', 'respondents'],
});
