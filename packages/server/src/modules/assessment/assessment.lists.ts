import { defineList } from '../../graphql/define-list.js';
import { Assessment } from './assessment.entity.js';

export const AssessmentList = defineList({
  entity: Assessment,
  queryName: 'assessments',
  zh: '四级分类考核',
  en: 'Classified assessments',
  scope: ['organization'],
  orderBy: ['year', 'grade', 'score', 'subjectType'],
  aggregate: {
    persons: 'member_id',
  },
});
