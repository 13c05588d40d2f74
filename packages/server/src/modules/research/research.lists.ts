import { defineList } from '../../graphql/define-list.js';
import { ResearchProject } from './research-project.entity.js';

export const ResearchProjectList = defineList({
  entity: ResearchProject,
  queryName: 'researchProjects',
  zh: '党建课题',
  en: 'Party-building research projects',
  scope: ['organization'],
  orderBy: ['approvedOn', 'level', 'status'],
  aggregate: {},
});
