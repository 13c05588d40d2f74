/** 考核评价 / Assessments. */
import { defineFeature } from '../../graphql/feature.js';
import { Assessment } from './assessment.entity.js';
import { AssessmentList } from './assessment.lists.js';
import { AssessmentWriteResolver } from './assessment.resolver.js';

export const assessment = defineFeature({
  name: 'assessment',
  entities: [Assessment],
  lists: [AssessmentList],
  resolvers: [AssessmentWriteResolver],
});
