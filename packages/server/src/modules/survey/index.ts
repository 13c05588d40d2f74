/** 满意度调查与答卷 / Satisfaction surveys and responses. */
import { defineFeature } from '../../graphql/feature.js';
import { SurveyDefinitionResolver } from './survey-definition.resolver.js';
import { SurveyWriteResolver } from './survey.resolver.js';
import { Survey, SurveyResponse, SurveyResult } from './survey.entity.js';
import { SurveyList, SurveyResponseList, SurveyResultList } from './survey.lists.js';

export const survey = defineFeature({
  name: 'survey',
  entities: [Survey, SurveyResponse, SurveyResult],
  lists: [SurveyList, SurveyResponseList, SurveyResultList],
  resolvers: [SurveyWriteResolver, SurveyDefinitionResolver],
});
