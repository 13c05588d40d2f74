/** 党建课题 / Party-building research projects. */
import { defineFeature } from '../../graphql/feature.js';
import { ResearchProject } from './research-project.entity.js';
import { ResearchProjectList } from './research.lists.js';
import { ResearchWriteResolver } from './research.resolver.js';

export const research = defineFeature({
  name: 'research',
  entities: [ResearchProject],
  lists: [ResearchProjectList],
  resolvers: [ResearchWriteResolver],
});
